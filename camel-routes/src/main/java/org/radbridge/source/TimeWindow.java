package org.radbridge.source;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A daily window in local time during which a pull may talk to the PACS, e.g. {@code 19:00-07:00} (crossing
 * midnight is fine), so a clinical PACS is not loaded at peak hours. {@link #ALWAYS} has no limit.
 */
public record TimeWindow(LocalTime start, LocalTime end) {
    public static final TimeWindow ALWAYS = new TimeWindow(LocalTime.MIN, LocalTime.MIN);

    /** Parses {@code HH:MM-HH:MM}; null or blank gives {@link #ALWAYS}. */
    public static TimeWindow parse(String s) {
        if (s == null || s.isBlank()) return ALWAYS;
        String[] p = s.trim().split("-");
        if (p.length != 2) throw new IllegalArgumentException("time window must look like 19:00-07:00, got '" + s + "'");
        try {
            return new TimeWindow(LocalTime.parse(p[0].trim()), LocalTime.parse(p[1].trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("time window must look like 19:00-07:00, got '" + s + "'", e);
        }
    }

    public boolean always() {
        return start.equals(end);
    }

    public boolean contains(LocalTime t) {
        if (always()) return true;
        if (start.isBefore(end)) return !t.isBefore(start) && t.isBefore(end);
        return !t.isBefore(start) || t.isBefore(end);
    }

    /** Zero when open now, else the wait until the window opens. */
    public Duration untilOpen(LocalDateTime now) {
        if (contains(now.toLocalTime())) return Duration.ZERO;
        LocalDateTime open = now.toLocalDate().atTime(start);
        if (!open.isAfter(now)) open = open.plusDays(1);
        return Duration.between(now, open);
    }

    @Override
    public String toString() {
        return always() ? "always" : start + "-" + end;
    }
}
