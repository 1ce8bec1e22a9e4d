package org.radbridge.console;

/**
 * The small-cell rule of aggregate research output: counts from 1 to threshold-1 are not shown (OHDSI and most data
 * governance boards use 11, i.e. counts under 11 are masked). Off unless RADBRIDGE_CONSOLE_SMALL_CELL (or the system
 * property radbridge.console.small-cell) gives the threshold.
 */
public record SmallCells(int threshold) {
    public static SmallCells fromEnvironment() {
        String v = System.getProperty("radbridge.console.small-cell", System.getenv("RADBRIDGE_CONSOLE_SMALL_CELL"));
        if (v == null || v.isBlank() || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) return new SmallCells(0);
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) return new SmallCells(11);
        try {
            return new SmallCells(Math.max(0, Integer.parseInt(v.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RADBRIDGE_CONSOLE_SMALL_CELL must be a whole number (11), true or false, not '" + v + "'");
        }
    }

    public boolean on() {
        return threshold > 0;
    }

    /** The count, or a suppressed cell when it is small (zero is no person and stays visible). */
    public Object cell(long count) {
        return on() && count > 0 && count < threshold ? new DataTable.Suppressed(threshold) : (Object) count;
    }
}
