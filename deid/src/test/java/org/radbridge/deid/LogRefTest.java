package org.radbridge.deid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogRefTest {
    @Test
    void theSameIdentifierGivesTheSameReferenceAndNeverItself() {
        LogRef.useKey("log-ref-test-key-0123456789");
        assertThat(LogRef.of("ACC000123")).isEqualTo(LogRef.of("ACC000123")).startsWith("ref:").doesNotContain("000123");
        assertThat(LogRef.of("ACC000123")).isNotEqualTo(LogRef.of("ACC000124"));
        assertThat(LogRef.of(null)).isEqualTo("-");
    }

    @Test
    void messagesLoseUidsIdsNamesAndEmailsButKeepTheirWords() {
        String out = LogRef.text("study 1.2.840.113619.2.55.3 of patient DOE^JANE (MRN004567, jane@example.org): "
                + "StudyDate '2024x' is not a date in file IM_0001.dcm");
        assertThat(out).doesNotContain("1.2.840").doesNotContain("DOE").doesNotContain("JANE").doesNotContain("MRN004567")
                .doesNotContain("jane@").doesNotContain("IM_0001").contains("study ref:").contains("is not a date in file");
    }

    @Test
    void hostsPortsCountsAndWordsStayReadable() {
        assertThat(LogRef.text("PACS 10.0.0.9:104 says no after 3 attempts in 2024 ms")).isEqualTo("PACS 10.0.0.9:104 says no after 3 attempts in 2024 ms");
        assertThat(LogRef.text("accession SYN0000042 and 12345678")).doesNotContain("SYN0000042").doesNotContain("12345678");
    }
}
