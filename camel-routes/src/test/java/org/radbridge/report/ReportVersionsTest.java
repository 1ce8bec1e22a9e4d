package org.radbridge.report;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportVersionsTest {
    private static final Map<String, String> FHIR = Map.of("P", "preliminary", "F", "final", "C", "corrected", "AMENDED", "amended",
            "X", "cancelled");

    private static StagedReport v(String id, String status, int minute) {
        return new StagedReport(id, "ACC1", "MRN1", "", null, status, null, "text " + id, "hl7",
                OffsetDateTime.of(2024, 3, 12, 10, minute, 0, 0, ZoneOffset.UTC));
    }

    private static String current(StagedReport... versions) {
        return ReportVersions.current(List.of(versions), FHIR::get).map(StagedReport::reportId).orElse(null);
    }

    @Test
    void amendedOrCorrectedBeatsFinalBeatsPreliminaryWhateverTheOrderOfArrival() {
        assertThat(current(v("p", "P", 1), v("f", "F", 2))).isEqualTo("f");
        assertThat(current(v("f", "F", 1), v("p", "P", 2))).isEqualTo("f");
        assertThat(current(v("f", "F", 1), v("a", "AMENDED", 2), v("p", "P", 3))).isEqualTo("a");
        assertThat(current(v("c", "C", 1), v("f", "F", 2))).isEqualTo("c");
    }

    @Test
    void amongEqualStatusesTheNewestReceivedWins() {
        assertThat(current(v("a1", "AMENDED", 1), v("a2", "AMENDED", 5), v("c", "C", 3))).isEqualTo("a2");
    }

    @Test
    void aCancelledVersionNeverHidesAValidOneButIsProjectedAlone() {
        assertThat(current(v("f", "F", 1), v("x", "X", 2))).isEqualTo("f");
        assertThat(current(v("x", "X", 2))).isEqualTo("x");
        assertThat(current()).isNull();
    }
}
