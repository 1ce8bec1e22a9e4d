package org.radbridge.dicom.net;

import com.pixelmed.network.StorageSOPClassSCU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.dicom.DicomHeaderReader;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receiver against PixelMed's own storage SCU, no external peers needed. */
class StoreScpTest {
    @TempDir
    Path tmp;

    private static void send(int port, String calledAe, String callingAe, Path file) throws Exception {
        new StorageSOPClassSCU("127.0.0.1", port, calledAe, callingAe, file.toString(), null, null, 0);
    }

    @Test
    void spoolsExplicitAndImplicitInstancesBeforeAnsweringAndCallsTheListener() throws Exception {
        List<TestStudies.Study> studies = TestStudies.write(tmp.resolve("gen"), "2.25.1001");
        Path implicit = TestStudies.implicitCopy(studies.get(0).files().get(0), tmp.resolve("implicit.dcm"));
        List<SpooledInstance> seen = new CopyOnWriteArrayList<>();
        StoreScp.Config cfg = StoreScp.Config.loopback(0, tmp.resolve("spool"));
        try (StoreScp scp = new StoreScp(cfg, i -> {
            assertThat(Files.exists(i.file())).as("spooled before the listener runs").isTrue();
            seen.add(i);
        })) {
            scp.start();
            for (Path f : studies.get(2).files()) send(scp.port(), "RADBRIDGE", "TESTSCU", f);
            send(scp.port(), "RADBRIDGE", "TESTSCU", implicit);
            assertThat(scp.received()).isEqualTo(3);
        }
        assertThat(seen).hasSize(3);
        SpooledInstance first = seen.get(0);
        assertThat(first.file()).isEqualTo(tmp.resolve("spool").resolve(first.studyInstanceUid()).resolve(first.sopInstanceUid() + ".dcm"));
        assertThat(first.callingAeTitle()).isEqualTo("TESTSCU");
        assertThat(seen.get(2).transferSyntaxUid()).startsWith("1.2.840.10008.1.2"); // PixelMed's SCU picks the syntax
        // the spooled file reads as the original did
        DicomHeaderReader r = new DicomHeaderReader();
        assertThat(r.read(first.file()).get("PatientID")).isEqualTo(r.read(studies.get(2).files().get(0)).get("PatientID"));
        try (Stream<Path> incoming = Files.list(tmp.resolve("spool/.incoming"))) {
            assertThat(incoming).as("nothing left half-way").isEmpty();
        }
    }

    @Test
    void refusesWrongCalledAeAndCallersOutsideTheAllowLists() throws Exception {
        Path f = TestStudies.write(tmp.resolve("gen"), "2.25.1002").get(2).files().get(0);
        StoreScp.Config cfg = new StoreScp.Config("RADBRIDGE", "127.0.0.1", 0, tmp.resolve("spool"), Set.of("GOODPACS"), Set.of(), 4);
        try (StoreScp scp = new StoreScp(cfg, null)) {
            scp.start();
            assertThatThrownBy(() -> send(scp.port(), "RADBRIDGE", "EVILPACS", f)).hasMessageContaining("reject");
            assertThatThrownBy(() -> send(scp.port(), "NOTUS", "GOODPACS", f)).hasMessageContaining("reject");
            send(scp.port(), "RADBRIDGE", "GOODPACS", f);
            assertThat(scp.received()).isEqualTo(1);
        }
        StoreScp.Config hosts = new StoreScp.Config("RADBRIDGE", "127.0.0.1", 0, tmp.resolve("spool2"), Set.of(), Set.of("192.0.2.7"), 4);
        try (StoreScp scp = new StoreScp(hosts, null)) {
            scp.start();
            assertThatThrownBy(() -> send(scp.port(), "RADBRIDGE", "GOODPACS", f)).hasMessageContaining("reject");
            assertThat(scp.received()).isZero();
        }
    }

    @Test
    void aFailingHandOffIsNotAcknowledged() throws Exception {
        Path f = TestStudies.write(tmp.resolve("gen"), "2.25.1003").get(2).files().get(0);
        try (StoreScp scp = new StoreScp(StoreScp.Config.loopback(0, tmp.resolve("spool")), i -> {
            throw new IllegalStateException("database down");
        })) {
            scp.start();
            try {
                send(scp.port(), "RADBRIDGE", "TESTSCU", f);
            } catch (Exception expected) {
                // PixelMed's SCU reports the broken association
            }
            assertThat(scp.received()).isZero();
        }
    }

    @Test
    void stopsCleanlyAndFreesThePort() throws Exception {
        StoreScp scp = new StoreScp(StoreScp.Config.loopback(0, tmp.resolve("spool")), null);
        scp.start();
        int port = scp.port();
        scp.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        StoreScp again = new StoreScp(new StoreScp.Config("RADBRIDGE", "127.0.0.1", port, tmp.resolve("spool"), null, null, 2), null);
        again.start();
        assertThat(again.port()).isEqualTo(port);
        again.close();
    }

    @Test
    void recoversCompleteFilesLeftInIncomingAndDropsPartialOnes() throws Exception {
        Path f = TestStudies.write(tmp.resolve("gen"), "2.25.1004").get(2).files().get(0);
        Spool spool = new Spool(tmp.resolve("spool"));
        Files.copy(f, spool.incoming().resolve("complete"));
        byte[] all = Files.readAllBytes(f);
        Files.write(spool.incoming().resolve("partial"), java.util.Arrays.copyOf(all, all.length - 50));
        List<SpooledInstance> seen = new CopyOnWriteArrayList<>();
        assertThat(spool.recover(seen::add)).isEqualTo(1);
        assertThat(seen.get(0).file()).exists();
        try (Stream<Path> incoming = Files.list(spool.incoming())) {
            assertThat(incoming).isEmpty();
        }
    }
}
