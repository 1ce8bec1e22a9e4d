package org.radbridge.source;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

/** Spaces study retrievals out (N per minute) and holds them outside the allowed time window. Thread-safe. */
final class RateLimit {
    private final long intervalNanos;
    private final TimeWindow window;
    private final Clock clock;
    private long next = System.nanoTime();

    RateLimit(PullOptions o, Clock clock) {
        this.intervalNanos = o.studiesPerMinute() <= 0 ? 0 : (long) (60e9 / o.studiesPerMinute());
        this.window = o.window();
        this.clock = clock;
    }

    /** Blocks until the next retrieval may start. */
    void acquire(org.slf4j.Logger log) throws InterruptedException {
        Duration closed = window.untilOpen(LocalDateTime.now(clock));
        if (!closed.isZero()) {
            log.info("outside the allowed time window {}: waiting {} min", window, closed.toMinutes());
            Thread.sleep(closed.toMillis());
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
