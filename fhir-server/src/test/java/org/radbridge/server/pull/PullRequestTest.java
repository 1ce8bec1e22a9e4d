package org.radbridge.server.pull;

import org.junit.jupiter.api.Test;
import org.radbridge.dicom.net.DicomNode;
import org.radbridge.dicom.net.StoreScp;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PullRequestTest {

    @Test
    void parsesWhatTheCommandLineAndTheServerBothRead() throws Exception {
        PullRequest r = PullRequest.parse(List.of("dimse", "--aet", "PACS", "--host", "127.0.0.1", "--port", "104", "--from", "20240101",
                "--to", "2024-03-31", "--modality", "CT", "--get", "--concurrency", "3", "--window", "19:00-07:00"));
        assertThat(r.dimse()).isTrue();
        assertThat(r.cGet()).isTrue();
        assertThat(r.query().from()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.query().to()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(r.query().modality()).isEqualTo("CT");
        assertThat(r.pullOptions().concurrency()).isEqualTo(3);
        assertThat(PullRequest.parse(List.of("dicomweb", "--url", "http://pacs/dicom-web")).dimse()).isFalse();
    }

    @Test
    void refusesIncompleteOrMalformedCommandLinesBeforeAnythingRuns() {
        assertThatThrownBy(() -> PullRequest.parse(List.of("dimse", "--aet", "PACS", "--host", "h"))).hasMessageContaining("--port is required");
        assertThatThrownBy(() -> PullRequest.parse(List.of("dicomweb"))).hasMessageContaining("--url is required");
        assertThatThrownBy(() -> PullRequest.parse(List.of("dicomweb", "--url", "u", "--from", "yesterday"))).hasMessageContaining("bad value");
        assertThatThrownBy(() -> PullRequest.parse(List.of("dicomweb", "--url", "u", "stray"))).hasMessageContaining("unexpected argument 'stray'");
        assertThatThrownBy(() -> PullRequest.parse(List.of("ftp"))).isInstanceOf(PullRequest.Invalid.class);
    }

    @Test
    void aPacsOutsideTheServersReceiverAllowListsIsNamedBeforeTheMoveIsTried() throws Exception {
        StoreScp.Config loopback = StoreScp.Config.loopback(11112, Path.of("spool"));
        assertThat(PullService.refusedByReceiver(loopback, new DicomNode("PACS", "127.0.0.1", 104))).isNull();
        assertThat(PullService.refusedByReceiver(loopback, new DicomNode("PACS", "192.0.2.10", 104)))
                .contains("does not accept connections from 192.0.2.10").contains("RADBRIDGE_DICOM_ALLOWED_HOSTS");
        StoreScp.Config onlyOrthanc = new StoreScp.Config("RADBRIDGE", "127.0.0.1", 11112, Path.of("spool"), Set.of("ORTHANC"), Set.of(), 4);
        assertThat(PullService.refusedByReceiver(onlyOrthanc, new DicomNode("PACS", "127.0.0.1", 104)))
                .contains("does not accept calling AE PACS");
    }
}
