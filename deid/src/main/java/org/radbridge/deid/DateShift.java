package org.radbridge.deid;

import java.time.LocalDate;

/**
 * The per-person date shift of the research view: a whole number of days in [-max, +max] (never 0 when max > 0), from
 * the keyed hash of the person's research key, so it is the same in every run, for every source of that person, for
 * DICOM exports and for OMOP; intervals between a person's events are kept exactly. {@code max = 0} means real dates.
 */
public final class DateShift {
    private final Pseudonymizer keys;
    private final int maxDays;

    public DateShift(Pseudonymizer keys, int maxDays) {
        if (maxDays < 0) throw new IllegalArgumentException("date shift range must be >= 0 days");
        this.keys = keys;
        this.maxDays = maxDays;
    }

    public int maxDays() {
        return maxDays;
    }

    /** The shift of one person (by research key), in days. */
    public int days(String personKey) {
        if (maxDays == 0) return 0;
        long h = keys.number("dateshift", personKey);
        int span = 2 * maxDays; // [-max, -1] and [1, max]
        int v = (int) Math.floorMod(h, (long) span);
        return v < maxDays ? v - maxDays : v - maxDays + 1;
    }

    public LocalDate shift(LocalDate date, String personKey) {
        return date == null ? null : date.plusDays(days(personKey));
    }
}
