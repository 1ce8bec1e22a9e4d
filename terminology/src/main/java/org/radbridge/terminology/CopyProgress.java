package org.radbridge.terminology;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Counts the bytes and lines of one file as COPY streams it, and every few seconds reports rows,
 * rate and the time left (estimated from bytes, since the row count is not known before the end).
 */
final class CopyProgress extends FilterInputStream {
    private final String name;
    private final long size;
    private final Consumer<String> sink;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private long bytes;
    private long lines;

    CopyProgress(InputStream in, String name, long size, Consumer<String> sink, Duration interval) {
        super(in);
        this.name = name;
        this.size = size;
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) count(new byte[] {(byte) b}, 0, 1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) count(buf, off, n);
        return n;
    }

    private void count(byte[] buf, int off, int n) {
        bytes += n;
        for (int i = off; i < off + n; i++) if (buf[i] == '\n') lines++;
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            sink.accept(describe(now));
        }
    }

    /** Data rows so far (lines after the header). */
    long rows() {
        return Math.max(0, lines - 1);
    }

    String describe(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = rows() / seconds;
        double fraction = size <= 0 ? 0 : Math.min(1.0, (double) bytes / size);
        String eta = fraction <= 0 ? "?" : formatSeconds(seconds * (1 - fraction) / fraction);
        return String.format(Locale.ROOT, "%s: %,d rows (%.0f%%), %,.0f rows/s, %s left", name, rows(), 100 * fraction, rate, eta);
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
