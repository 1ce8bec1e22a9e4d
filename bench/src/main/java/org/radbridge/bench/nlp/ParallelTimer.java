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

    /** What one timed run measured. */
    public record Timing(int texts, double seconds, long mentions, double cpuSeconds, long peakHeapBytes,
                         long peakAfterGcBytes) {
    }

    private ParallelTimer() {}

    /**
     * Warms up outside the clock (every pipeline once over the first 20 texts, then all of them in parallel for
     * {@code warmUpSeconds}: class loading, models, JIT), then times {@code passes} passes over {@code texts} shared
     * out between the pipelines, with the CPU time of their threads and the heap peaks of the timed part.
     */
    public static Timing run(List<? extends Pipeline> pipelines, List<String> texts, int passes, double warmUpSeconds)
            throws Exception {
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
        AtomicInteger next = new AtomicInteger();
        AtomicLong mentions = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        int total = texts.size() * passes;
        long t0 = System.nanoTime();
        try {
            inParallel(pipelines, p -> {
                long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    mentions.addAndGet(p.process(texts.get(i % texts.size())));
                }
                cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0);
            });
        } finally {
            sampler.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        afterGc.accumulateAndGet(HeapPeak.afterGcBytes(), Math::max);
        return new Timing(total, seconds, mentions.get(), cpuNanos.get() / 1e9, HeapPeak.bytes(), afterGc.get());
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
