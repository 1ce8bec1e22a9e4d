package org.radbridge.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small text transformations of the pages: chart JSON, quarantined content, ETAs, names. */
class ConsoleTextTest {
    @Test
    void chartJsonCannotCloseTheScriptElementItTravelsIn() {
        String spec = Charts.spec("bar", List.of("</script><script>alert(1)</script>"), List.of(new Charts.Series("n", List.of(1))), false, false);
        assertThat(spec).doesNotContain("</").contains("<\\/script>")
                .startsWith("{\"type\":\"bar\",\"labels\":[").contains("\"datasets\":[{\"label\":\"n\",\"data\":[1]}]");
    }

    @Test
    void hl7SegmentsShowOnSeparateLinesAndControlCharactersAreVisible(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.hl7");
        Files.write(f, "MSH|^~\\&|RIS\rPID|1\u000b\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ItemContent.View v = ItemContent.of(f, "hl7");
        assertThat(v.format()).isEqualTo("text");
        assertThat(v.text()).isEqualTo("MSH|^~\\&|RIS\nPID|1·\n");
        Files.write(f, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThat(ItemContent.of(f, "report").format()).contains("not UTF-8");
        assertThat(ItemContent.of(dir.resolve("gone"), "report").problem()).contains("missing");
    }

    @Test
    void aTextFileNamedDcmIsShownAsText(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.dcm");
        Files.writeString(f, "This is a text file that someone saved with a .dcm name.\n".repeat(10));
        ItemContent.View v = ItemContent.of(f, "dicom");
        assertThat(v.text()).startsWith("This is a text file");
    }

    @Test
    void etaFollowsTheRateSoFar() {
        Instant started = Instant.now().minusSeconds(100);
        assertThat(OverviewQueries.eta(started, 50, 100)).isEqualTo("1 min");
        assertThat(OverviewQueries.eta(started, 0, 100)).isEqualTo("-");
        assertThat(OverviewQueries.eta(started, 100, 100)).isEqualTo("-");
        assertThat(OverviewQueries.eta(Instant.now().minusSeconds(3600), 1, 10)).isEqualTo("9 h 00 min");
    }

    @Test
    void originsShowTheirFileNameAndMessagesTheirWholeOrigin() {
        assertThat(QuarantineQueries.displayName("/data/in/a/b.dcm")).isEqualTo("b.dcm");
        assertThat(QuarantineQueries.displayName("mllp:RIS^HOSP/MSG001")).isEqualTo("mllp:RIS^HOSP/MSG001");
    }
}
