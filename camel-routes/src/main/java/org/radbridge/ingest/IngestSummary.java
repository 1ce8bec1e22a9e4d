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
        int reportsProjected,
        List<String> reportsWaiting,
        double seconds) {

    /** Reports that wait for their study ("pending") or were not linked (patient differs), one line each. */
    public long reportsPending() {
        return reportsWaiting.stream().filter(r -> r.endsWith("its study has not arrived")).count();
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Ingest: %d files in %.1f s: %d new instances (%d already staged), %d new reports (%d already staged), "
                        + "%d studies and %d reports projected, %d reports waiting for their study, %d reports not linked, %d quarantined%n",
                filesSeen, seconds, instancesNew, instancesAlreadyStaged, reportsNew, reportsAlreadyStaged, studiesProjected,
                reportsProjected, reportsPending(), reportsWaiting.size() - reportsPending(), quarantined.size()));
        for (String q : quarantined) b.append("  quarantined: ").append(q).append('\n');
        for (String p : projectionProblems) b.append("  not projected: ").append(p).append('\n');
        for (String r : reportsWaiting) b.append("  report waiting: ").append(r).append('\n');
        return b.toString();
    }
}
