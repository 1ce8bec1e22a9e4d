package org.radbridge.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A figure that is costly to compute on a large archive (whole-table counts, the mappings report): the first request
 * computes it, later ones get the last value at once while a stale value is recomputed in the background, one
 * computation at a time. {@link #fresh()} waits for a new value (after an action that changes it).
 */
public final class Snapshot<T> {
    private static final Logger log = LoggerFactory.getLogger(Snapshot.class);

    public record Value<T>(T value, Instant computedAt, Duration took) {}

    private final String name;
    private final Callable<T> compute;
    private final Duration maxAge;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Value<T> last;

    public Snapshot(String name, Callable<T> compute, Duration maxAge) {
        this.name = name;
        this.compute = compute;
        this.maxAge = maxAge;
    }

    public Value<T> get() throws Exception {
        Value<T> v = last;
        if (v == null) return fresh();
        if (v.computedAt().plus(maxAge).isBefore(Instant.now()) && refreshing.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    computeNow();
                } catch (Exception e) {
                    log.warn("console: {} could not be refreshed: {}", name, e.toString());
                } finally {
                    refreshing.set(false);
                }
            }, "console-" + name);
            t.setDaemon(true);
            t.start();
        }
        return v;
    }

    public synchronized Value<T> fresh() throws Exception {
        return computeNow();
    }

    private synchronized Value<T> computeNow() throws Exception {
        long t0 = System.nanoTime();
        T value = compute.call();
        Value<T> v = new Value<>(value, Instant.now(), Duration.ofNanos(System.nanoTime() - t0));
        last = v;
        return v;
    }
}
