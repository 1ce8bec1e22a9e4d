package org.radbridge.research.governance;

/**
 * Small-cell suppression for aggregate outputs meant to leave the site: a count from 1 to threshold-1 is shown as
 * "<threshold" (11 by default, the usual rule of the US CMS cell-size suppression policy and of many OHDSI network
 * studies); zero stays zero, since it reveals nobody.
 */
public final class SmallCells {
    public static final int DEFAULT_THRESHOLD = 11;
    private final int threshold;
    private int suppressed;

    public SmallCells(int threshold) {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be at least 1");
        this.threshold = threshold;
    }

    public String cell(long count) {
        if (count > 0 && count < threshold) {
            suppressed++;
            return "<" + threshold;
        }
        return String.valueOf(count);
    }

    public int threshold() { return threshold; }

    public int suppressedCells() { return suppressed; }

    /** The sentence an output ends with, so a reader knows cells were hidden. */
    public String notice() {
        return suppressed == 0 ? "No cell below " + threshold + ": nothing suppressed."
                : suppressed + (suppressed == 1 ? " cell" : " cells") + " with counts from 1 to " + (threshold - 1) + " suppressed (shown as <" + threshold + ").";
    }
}
