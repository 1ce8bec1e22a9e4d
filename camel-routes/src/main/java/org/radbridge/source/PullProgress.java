package org.radbridge.source;

import org.slf4j.Logger;

import java.util.Locale;

/** Logs studies done/total, instances per second and ETA at most every few seconds (and at the end). */
final class PullProgress {
    private final Logger log;
    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int studies;
    private long instances;

    PullProgress(Logger log, String what, int total) {
        this.log = log;
        this.what = what;
        this.total = total;
    }

    synchronized void studyDone(long instancesInStudy) {
        studies++;
        instances += instancesInStudy;
        long now = System.nanoTime();
        if (now - lastPrint < 3_000_000_000L && studies < total) return;
        lastPrint = now;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        double studyRate = studies / secs;
        String eta = studies < total && studyRate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - studies) / studyRate) : "-";
        log.info("{}: studies {}/{} ({} %), {} instances, {} instances/s, ETA {}", what, studies, total,
                total == 0 ? 100 : studies * 100 / total, instances, String.format(Locale.ROOT, "%.1f", instances / secs), eta);
    }
}
