package org.radbridge.bench.nlp;

import org.radbridge.bench.peer.HeapPeak;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times NLP pipelines, one per thread, over a list of report texts: the one measurement both contestants of
 * {@code radbridge bench nlp} go through (RadiologyNlp in {@link NlpBench}, the full cTAKES pipeline in its own JVM),
 * so that their warm-up, clock, CPU time and heap figures are taken the same way.
 */
public final class ParallelTimer {

    /** One pipeline: analyses a text and says how many mentions it found. */
    @FunctionalInterface
    public interface Pipeline {
        int process(String text) throws Exception;
    }

    /** What one timed round measured: texts analysed, wall-clock seconds, CPU seconds of the worker threads. */
    public record Round(int texts, double seconds, double cpuSeconds) {
    }

    /**
     * What a timed run measured: totals over its rounds, and each round. The per-report figures a contestant is
     * compared by are the median round's ({@link ParallelTimer#median} of {@link #cpuMsPerTextByRound()}): on this
     * kind of shared 2-core machine one window of the same jar read 0.16 and another 0.28 ms CPU per report, and
     * the peer's 200-report window 13 to 38 ms; a median of several windows moves less with a burst of other work, a
     * collection or a late recompilation, and both contestants are read the same way.
     */
    public record Timing(int texts, double seconds, long mentions, double cpuSeconds, long peakHeapBytes,
                         long peakAfterGcBytes, List<Round> rounds) {

        public Timing {
            rounds = List.copyOf(rounds);
        }

        /** CPU milliseconds per text of each round, in round order. */
        public double[] cpuMsPerTextByRound() {
            return rounds.stream().mapToDouble(r -> r.cpuSeconds() * 1000 / r.texts()).toArray();
        }

        /** Wall-clock seconds per text of each round, in round order. */
        public double[] secondsPerTextByRound() {
            return rounds.stream().mapToDouble(r -> r.seconds() / r.texts()).toArray();
        }
    }

    /** The median (the mean of the two middle values for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private ParallelTimer() {}

    /** {@link #run(List, List, int, double, int)} with one round. */
    public static Timing run(List<? extends Pipeline> pipelines, List<String> texts, int passes, double warmUpSeconds)
            throws Exception {
        return run(pipelines, texts, passes, warmUpSeconds, 1);
    }

    /**
     * Warms up outside the clock (every pipeline once over the first 20 texts, then all of them in parallel for
     * {@code warmUpSeconds}: class loading, models, JIT), then times {@code rounds} rounds one after the other, each
     * {@code passes} passes over {@code texts} shared out between the pipelines, with the CPU time of their threads,
     * and the heap peaks of the timed part.
     */
    public static Timing run(List<? extends Pipeline> pipelines, List<String> texts, int passes, double warmUpSeconds,
                             int rounds) throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        for (Pipeline p : pipelines) {
            for (int i = 0; i < Math.min(20, texts.size()); i++) p.process(texts.get(i));
        }
        long warmUntil = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        inParallel(pipelines, p -> {
            for (int i = 0; System.nanoTime() < warmUntil; i++) p.process(texts.get(i % texts.size()));
        });

        System.gc();
        HeapPeak.reset();
        AtomicLong afterGc = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> afterGc.accumulateAndGet(HeapPeak.afterGcBytes(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        AtomicLong mentions = new AtomicLong();
        List<Round> done = new ArrayList<>();
        int perRound = texts.size() * passes;
        try {
            for (int r = 0; r < rounds; r++) {
                AtomicInteger next = new AtomicInteger();
                AtomicLong cpuNanos = new AtomicLong();
                long t0 = System.nanoTime();
                inParallel(pipelines, p -> {
                    long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < perRound; i = next.getAndIncrement()) {
                        mentions.addAndGet(p.process(texts.get(i % texts.size())));
                    }
                    cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0);
                });
                done.add(new Round(perRound, (System.nanoTime() - t0) / 1e9, cpuNanos.get() / 1e9));
            }
        } finally {
            sampler.shutdownNow();
        }
        afterGc.accumulateAndGet(HeapPeak.afterGcBytes(), Math::max);
        return new Timing(perRound * rounds, done.stream().mapToDouble(Round::seconds).sum(), mentions.get(),
                done.stream().mapToDouble(Round::cpuSeconds).sum(), HeapPeak.bytes(), afterGc.get(), done);
    }

    private interface Work {
        void on(Pipeline p) throws Exception;
    }

    /** Runs {@code work} on every pipeline, each on a thread of its own, and waits for all of them. */
    private static void inParallel(List<? extends Pipeline> pipelines, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(pipelines.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Pipeline p : pipelines) {
                running.add(pool.submit(() -> {
                    work.on(p);
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdown();
        }
    }
}
