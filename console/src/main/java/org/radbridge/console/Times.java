package org.radbridge.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages show them: UTC, to the second. */
public final class Times {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String utc(Instant t) {
        return t == null ? "" : UTC.format(t);
    }

    public static String utc(java.time.OffsetDateTime t) {
        return t == null ? "" : UTC.format(t);
    }
}
