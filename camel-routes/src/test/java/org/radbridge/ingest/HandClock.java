package org.radbridge.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so rates and ETAs come out exact. */
public final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }

    public void advance(Duration d) { now = now.plus(d); }
}
