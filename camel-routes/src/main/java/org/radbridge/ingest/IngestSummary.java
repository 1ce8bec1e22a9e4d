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
        org.radbridge.report.ReportStaging.Waiting reportsWaiting,
        double seconds,
        org.radbridge.staging.StagingRepository.StudyNotes studyNotes) {

    public IngestSummary(long filesSeen, long instancesNew, long instancesAlreadyStaged, long reportsNew, long reportsAlreadyStaged,
                         List<String> quarantined, int studiesProjected, List<String> projectionProblems, int reportsProjected,
                         org.radbridge.report.ReportStaging.Waiting reportsWaiting, double seconds) {
        this(filesSeen, instancesNew, instancesAlreadyStaged, reportsNew, reportsAlreadyStaged, quarantined, studiesProjected,
                projectionProblems, reportsProjected, reportsWaiting, seconds,
                new org.radbridge.staging.StagingRepository.StudyNotes(java.util.Map.of(), List.of()));
    }

    /** Studies (all of staging) with a note of the given kind ({@link org.radbridge.staging.StagingRepository.StudyNote}). */
    public long studies(String kind) {
        return studyNotes.counts().getOrDefault(kind, 0L);
    }

    /** Reports whose study has not arrived yet (all of staging, not only this run's). */
    public long reportsPending() {
        return reportsWaiting.pending();
    }

    /** Reports not linked because their patient differs from the study's. */
    public long reportsNotLinked() {
        return reportsWaiting.mismatched();
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Ingest: %d files in %.1f s: %d new instances (%d already staged), %d new reports (%d already staged), "
                        + "%d studies and %d reports projected, %d reports waiting for their study, %d reports not linked, %d quarantined%n",
                filesSeen, seconds, instancesNew, instancesAlreadyStaged, reportsNew, reportsAlreadyStaged, studiesProjected,
                reportsProjected, reportsPending(), reportsNotLinked(), quarantined.size()));
        for (String q : quarantined) b.append("  quarantined: ").append(q).append('\n');
        for (String p : projectionProblems) {
            // studies that failed for a data problem or are excluded from OMOP are listed below, from staging
            if (p.contains(": in FHIR, not in OMOP: ") || p.contains(": projection failed (a data problem")) continue;
            b.append("  not projected: ").append(p).append('\n');
        }
        for (String r : reportsWaiting.lines()) b.append("  report waiting: ").append(r).append('\n');
        // the state of all of staging, not only of this run: what is not in a view, and why
        studyNotes.counts().forEach((kind, n) -> {
            if (n == 0) return;
            b.append(String.format("Studies %s: %d%n", kind, n));
            studyNotes.first().stream().filter(x -> x.kind().equals(kind))
                    .forEach(x -> b.append("  ").append(kind).append(": study ").append(x.studyInstanceUid()).append(": ").append(x.reason()).append('\n'));
            long unlisted = n - studyNotes.first().stream().filter(x -> x.kind().equals(kind)).count();
            if (unlisted > 0) b.append("  ... and ").append(unlisted).append(" more\n");
        });
        long unlisted = reportsPending() + reportsNotLinked() - reportsWaiting.lines().size();
        if (unlisted > 0) b.append("  ... and ").append(unlisted).append(" more (SELECT * FROM radbridge.report WHERE link_status <> 'linked')\n");
        return b.toString();
    }
}
