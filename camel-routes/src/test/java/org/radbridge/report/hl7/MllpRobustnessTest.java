package org.radbridge.report.hl7;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.report.ReportRepository;
import org.radbridge.staging.Quarantine;
import org.radbridge.testsupport.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages that used to be lost (answered AR, nothing kept) or left unanswered: a value longer than its column, NUL
 * bytes in header fields, a bare MSH. Each gets AE on the same connection and is kept, byte for byte, in the quarantine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MllpRobustnessTest {
    @TempDir
    static Path tmp;
    private TestDatabase db;
    private DefaultCamelContext camel;
    private int port;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase(tmp);
        OruReceiver receiver = new OruReceiver(OruReportReader.Config.DEFAULT, new ReportRepository(db.dataSource()),
                new Quarantine(db.dataSource(), tmp.resolve("quarantine")));
        port = MllpReportRouteTest.freePort();
        camel = new DefaultCamelContext();
        camel.addRoutes(new MllpReportRoute("127.0.0.1", port, receiver));
        camel.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (camel != null) camel.stop();
        if (db != null) db.close();
    }

    private List<String[]> quarantinedLike(String pattern) throws Exception {
        return db.rows("SELECT original_path, reason, stored_path FROM radbridge.quarantine WHERE original_path LIKE '" + pattern + "'");
    }

    @Test
    void aControlIdLongerThanItsColumnIsAnsweredAeAndKept() throws Exception {
        String control = "X".repeat(10_000);
        String message = MllpReportRouteTest.oru(control, "ACC-LONG", "F", "Text.");
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            String ack = client.send(message);
            assertThat(MllpClient.ackCode(ack)).isEqualTo("AE");
            assertThat(MllpClient.segment(ack, "ERR")).contains("cannot be stored");
        }
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-LONG'")).isZero();
        List<String[]> q = quarantinedLike("mllp:RIS^HOSP/XXXX%");
        assertThat(q).hasSize(1);
        assertThat(q.get(0)[1]).startsWith("AE: ").contains("value too long");
        assertThat(Files.readString(Path.of(q.get(0)[2]))).isEqualTo(message);
    }

    @Test
    void nulBytesInHeaderFieldsAreAnsweredAndKeptAsBytes() throws Exception {
        byte[] message = MllpReportRouteTest.oru("NUL1", "ACC-NUL", "F", "Text.").replace("|RIS|", "|R\u0000IS|").replace("|NUL1|", "|N\u0000UL1|")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            String ack = client.send(message);
            // MSH-10 with a NUL cannot go into the report store: a content problem, not an outage
            assertThat(MllpClient.ackCode(ack)).isEqualTo("AE");
        }
        List<String[]> q = quarantinedLike("mllp:R\\\\x00IS%");
        assertThat(q).hasSize(1);
        assertThat(Files.readAllBytes(Path.of(q.get(0)[2]))).isEqualTo(message);
    }

    @Test
    void aBareMshAndAnEmptyFrameAreAnsweredOnTheSameConnection() throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send("MSH"))).isEqualTo("AE");
            assertThat(MllpClient.ackCode(client.send("MSH|"))).isEqualTo("AE");
            assertThat(MllpClient.ackCode(client.send("MSH|^~\\&"))).isEqualTo("AE");
            // delimiters but no message type, a garbled version: the sender's error (AE), not "not processed here" (AR)
            assertThat(MllpClient.ackCode(client.send("MSH|^~\\&|\r"))).isEqualTo("AE");
            assertThat(MllpClient.ackCode(client.send(MllpReportRouteTest.oru("GV1", "ACC-GV", "F", "x").replace("|2.5.1", "|2.5 1"))))
                    .isEqualTo("AE");
            assertThat(MllpClient.ackCode(client.send(MllpReportRouteTest.oru("AFTER1", "ACC-AFTER", "F", "Still answering."))))
                    .isEqualTo("AA");
        }
    }

    @Test
    void invalidBytesInTheDeclaredCharsetAreKeptUnchanged() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312||ORU^R01|UTF1|P|2.5.1||||||UNICODE UTF-8\r"
                + "PID|1||MRN1^^^HOSP\r" + OruReportReaderTest.obr(1, "ACC-UTF", "F") + "\rOBX|1|TX|||Bad ").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x00});
        b.writeBytes(" bytes.\r".getBytes(StandardCharsets.US_ASCII));
        byte[] message = b.toByteArray();
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send(message))).isEqualTo("AE");
        }
        List<String[]> q = quarantinedLike("mllp:RIS^HOSP/UTF1");
        assertThat(q).hasSize(1);
        assertThat(Arrays.equals(Files.readAllBytes(Path.of(q.get(0)[2])), message)).isTrue();
    }
}
