package org.radbridge.ingest;

import java.util.List;

/** What one ingest run did, for the terminal and for tests. */
public record IngestSummary(
        long filesSeen,
        long instancesNew,
        long instancesAlreadyStaged,
        long reportsNew,
        long reportsAlreadyStaged,
        List<String> quarantined,
        int studiesProjected,
        List<String> projectionProblems,
        double seconds) {

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Ingest: %d files in %.1f s: %d new instances (%d already staged), %d new reports (%d already staged), "
                        + "%d studies projected, %d quarantined%n",
                filesSeen, seconds, instancesNew, instancesAlreadyStaged, reportsNew, reportsAlreadyStaged, studiesProjected,
                quarantined.size()));
        for (String q : quarantined) b.append("  quarantined: ").append(q).append('\n');
        for (String p : projectionProblems) b.append("  not projected: ").append(p).append('\n');
        return b.toString();
    }
}
