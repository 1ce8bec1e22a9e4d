package org.radbridge.research.dq;

/** The verdict of one check: PASS, FAIL, NA (nothing to check: empty table or field) or ERROR (the query failed). */
public record DqResult(DqCheck check, Status status, long violated, long denominator, String error, long millis) {
    public enum Status { PASS, FAIL, NA, ERROR }

    /** Percentage of violating rows (0 when the denominator is 0). */
    public double percentViolated() {
        return denominator == 0 ? 0 : 100.0 * violated / denominator;
    }

    static Status verdict(DqCheck check, long violated, long denominator) {
        if (denominator == 0) return Status.NA;
        if (check.threshold() == 0) return violated > 0 ? Status.FAIL : Status.PASS;
        return 100.0 * violated / denominator > check.threshold() ? Status.FAIL : Status.PASS;
    }
}
