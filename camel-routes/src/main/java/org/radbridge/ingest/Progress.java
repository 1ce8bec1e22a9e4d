package org.radbridge.ingest;

import org.slf4j.Logger;

/** Prints done/total, rate and ETA at most every few seconds, so long jobs show they are alive. */
public final class Progress {
    private final Logger log;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    public Progress(Logger log, String what, long total) {
        this.log = log;
        this.what = what;
        this.total = total;
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < 3_000_000_000L && done < total) return;
        lastPrint = now;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / secs;
        String eta = rate > 0 && total > done ? String.format("%.0f s", (total - done) / rate) : "-";
        log.info("{}: {}/{} ({} %), {}/s, ETA {}", what, done, total, total == 0 ? 100 : done * 100 / total,
                String.format("%.1f", rate), eta);
    }
}
