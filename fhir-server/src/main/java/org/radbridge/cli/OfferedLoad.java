package org.radbridge.cli;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Latency at a fixed offered load (open loop): requests arrive as a Poisson process at a given rate, whatever the
 * server is doing, and each one's latency counts from the moment it was due, not from when a client got round to
 * sending it. The closed-loop clients of `bench fhir` measure capacity; their latency is only the queue in front of
 * busy cores (with C clients, about C divided by the throughput). A server is run below its capacity, and this is
 * the latency its users then see: the tail includes queueing behind bursts of arrivals, but never a client that
 * waited politely for the previous answer (the "coordinated omission" of closed-loop latency figures).
 */
final class OfferedLoad {

    /** One load level of {@code --rates}: a fixed number of requests per second, or a share of the measured throughput. */
    record Level(double value, boolean shareOfThroughput) {
        double perSecond(double measuredThroughput) {
            return shareOfThroughput ? value * measuredThroughput : value;
        }

        String describe() {
            return shareOfThroughput ? String.format(Locale.ROOT, "%.0f%% of closed-loop throughput", value * 100)
                    : String.format(Locale.ROOT, "%.1f/s", value);
        }
    }

    /** Latencies in ms at one offered rate; {@code achieved} is completions per second over the arrival window. */
    record Result(double offeredPerSecond, int n, double p50, double p99, double achievedPerSecond, long errors) {
    }

    private OfferedLoad() {}

    /**
     * Parses {@code --rates}: a comma-separated list of levels, each either {@code N%} (a share of the kind's
     * closed-loop throughput in the same run) or a plain number of requests per second; {@code none} for no level.
     *
     * @throws IllegalArgumentException naming the item that is neither
     */
    static List<Level> parse(String spec) {
        List<Level> levels = new ArrayList<>();
        if (spec.isBlank() || spec.trim().equalsIgnoreCase("none")) return levels;
        for (String item : spec.split(",")) {
            String s = item.trim();
            try {
                Level l = s.endsWith("%") ? new Level(Double.parseDouble(s.substring(0, s.length() - 1)) / 100, true)
                        : new Level(Double.parseDouble(s), false);
                if (!(l.value() > 0) || Double.isInfinite(l.value())) throw new NumberFormatException();
                levels.add(l);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rates " + spec + ": '" + s + "' is neither a rate per second (e.g. 40) nor a share of the measured throughput (e.g. 50%)");
            }
        }
        return levels;
    }

    /**
     * Sends {@code round(rate * seconds)} requests at Poisson arrival times (seeded, so two builds see the same
     * schedule) from a pool large enough that a slow answer never holds back the next arrival; a request still
     * queued behind busy connections keeps its clock running.
     */
    static Result run(HttpClient http, IntFunction<HttpRequest> request, double ratePerSecond, double seconds, int maxInFlight, long seed)
            throws InterruptedException {
        int n = Math.max(1, (int) Math.round(ratePerSecond * seconds));
        long[] due = new long[n];
        Random random = new Random(seed);
        long start = System.nanoTime() + 20_000_000L;
        double t = 0;
        for (int i = 0; i < n; i++) {
            due[i] = start + (long) (t * 1e9);
            t += -Math.log(1 - random.nextDouble()) / ratePerSecond;
        }
        long[] latency = new long[n];
        Arrays.fill(latency, -1);
        AtomicLong errors = new AtomicLong();
        AtomicLong lastDone = new AtomicLong(start);
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread th = new Thread(r, "offered-load");
            th.setDaemon(true);
            return th;
        });
        try {
            for (int i = 0; i < n; i++) {
                long wait = due[i] - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                int k = i;
                HttpRequest req = request.apply(random.nextInt(Integer.MAX_VALUE));
                pool.execute(() -> {
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        long done = System.nanoTime();
                        lastDone.accumulateAndGet(done, Math::max);
                        if (r.statusCode() != 200) {
                            if (errors.getAndIncrement() == 0)
                                System.err.println("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).lines().limit(5).toList());
                        } else {
                            latency[k] = done - due[k];
                        }
                    } catch (Exception e) {
                        if (errors.getAndIncrement() == 0) System.err.println("request failed: " + e);
                    }
                });
            }
        } finally {
            pool.shutdown();
        }
        if (!pool.awaitTermination((long) Math.max(60, seconds * 4), TimeUnit.SECONDS)) pool.shutdownNow();
        long[] ok = Arrays.stream(latency).filter(x -> x >= 0).sorted().toArray();
        if (ok.length == 0) return new Result(ratePerSecond, 0, Double.NaN, Double.NaN, 0, errors.get());
        double window = Math.max(1e-9, (lastDone.get() - start) / 1e9);
        return new Result(ratePerSecond, ok.length, ok[(int) (ok.length * 0.50)] / 1e6, ok[Math.min(ok.length - 1, (int) (ok.length * 0.99))] / 1e6,
                ok.length / window, errors.get());
    }
}
