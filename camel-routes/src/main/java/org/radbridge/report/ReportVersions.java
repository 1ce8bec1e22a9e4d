package org.radbridge.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which of several versions of a report is current: the one with the highest status (amended / corrected /
 * appended over final over preliminary), and among equals the newest received. The others are superseded.
 */
public final class ReportVersions {
    private ReportVersions() {}

    /**
     * Rank of a FHIR DiagnosticReport status: a later stage of the report's life ranks higher. Cancelled and
     * entered-in-error rank lowest so that they never hide a valid version; alone they are still projected, so the
     * clinical view learns about the cancellation.
     */
    public static int rank(String fhirStatus) {
        if (fhirStatus == null) return 1;
        return switch (fhirStatus.toLowerCase(Locale.ROOT)) {
            case "amended", "corrected", "appended" -> 4;
            case "final" -> 3;
            case "preliminary", "partial" -> 2;
            case "registered", "unknown" -> 1;
            default -> 0;
        };
    }

    /** The current version; {@code fhirStatus} maps a staged status to its FHIR code (through report_status.csv). */
    public static Optional<StagedReport> current(List<StagedReport> versions, Function<String, String> fhirStatus) {
        return versions.stream().max(Comparator
                .comparingInt((StagedReport r) -> rank(fhirStatus.apply(r.status())))
                .thenComparing(StagedReport::receivedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(StagedReport::reportId));
    }
}
