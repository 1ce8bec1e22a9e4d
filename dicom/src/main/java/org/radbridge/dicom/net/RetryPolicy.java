package org.radbridge.dicom.net;

import java.time.Duration;

/** Attempts and exponential backoff for operations against a PACS that is unreachable or times out. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /** Wait before attempt {@code attempt} (2, 3, ...). */
    public Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 2));
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
