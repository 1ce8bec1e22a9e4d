package org.radbridge.source;

/**
 * How hard a pull may push the PACS.
 *
 * @param concurrency        studies retrieved at the same time (1 = one after the other)
 * @param studiesPerMinute   at most this many study retrievals start per minute; 0 = no limit
 * @param window             daily window in which retrievals may start; outside it the pull waits
 */
public record PullOptions(int concurrency, double studiesPerMinute, TimeWindow window) {
    public static final PullOptions DEFAULT = new PullOptions(2, 0, TimeWindow.ALWAYS);

    public PullOptions {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        if (studiesPerMinute < 0) throw new IllegalArgumentException("studiesPerMinute must not be negative");
        if (window == null) window = TimeWindow.ALWAYS;
    }
}
