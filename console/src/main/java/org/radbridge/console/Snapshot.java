package org.radbridge.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A figure that is costly on a large archive (whole-table counts, the mappings report, the population charts). A value
 * older than {@code maxAge} is computed again: right away when the last computation was quick (a small archive always
 * shows current numbers), otherwise in the background while the page shows the last value and says when it was
 * computed (on 100,000 studies some of these take seconds). One computation runs at a time.
 */
public final class Snapshot<T> {
    private static final Logger log = LoggerFactory.getLogger(Snapshot.class);
    /** Computations quicker than this are redone while the page waits. */
    static final Duration QUICK = Duration.ofMillis(1500);

    public record Value<T>(T value, Instant computedAt, Duration took, Object version) {}

    private final String name;
    private final Callable<T> compute;
    private final Duration maxAge;
    private final Callable<Object> version;
    private volatile Value<T> last;
    private CompletableFuture<Value<T>> running;

    /**
     * @param version a cheap fingerprint of what the figure is computed from (newest arrival, pending projections ...):
     *                a value computed from another version is out of date whatever its age
     */
    public Snapshot(String name, Callable<T> compute, Duration maxAge, Callable<Object> version) {
        this.name = name;
        this.compute = compute;
        this.maxAge = maxAge;
        this.version = version;
    }

    /** How long a page waits for a first value before it says the figures are being computed. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(10);
    /** How long a page waits for a value that was quick to compute last time (the archive may have grown since). */
    static final Duration QUICK_WAIT = Duration.ofSeconds(3);

    /** The current value, the previous one while a new one is computed, or null while the very first is still computed. */
    public Value<T> get() throws Exception {
        Value<T> v = last;
        if (v == null) return refresh(FIRST_WAIT);
        if (v.computedAt().plus(maxAge).isAfter(Instant.now()) && java.util.Objects.equals(v.version(), version.call())) return v;
        if (v.took().compareTo(QUICK) < 0) return refresh(QUICK_WAIT);
        background();
        return v;
    }

    /** Computes a new value and waits for it (joins a computation already under way). */
    public Value<T> fresh() throws Exception {
        try {
            return background().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Starts a new computation and waits at most {@code wait} for it; returns the newest value there is then. */
    public Value<T> refresh(Duration wait) throws Exception {
        CompletableFuture<Value<T>> f = background();
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return last;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Computes in the background (once the server is up, so that the first visitor does not wait). */
    public synchronized CompletableFuture<Value<T>> background() {
        if (running != null && !running.isDone()) return running;
        running = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                Object before = version.call();
                Value<T> v = new Value<>(compute.call(), Instant.now(), Duration.ofNanos(System.nanoTime() - t0), before);
                last = v;
                log.debug("console: {} computed in {} ms", name, v.took().toMillis());
                return v;
            } catch (Exception e) {
                log.warn("console: {} could not be computed: {}", name, e.toString());
                throw new java.util.concurrent.CompletionException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "console-" + name);
            t.setDaemon(true);
            t.start();
        });
        return running;
    }
}
