package org.radbridge.bench.ctakes;

import org.radbridge.nlp.ReportText;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs {@link FullPipeline} over the report files of a directory on N threads (one pipeline each) and prints one
 * result line for the caller ({@code radbridge bench nlp}):
 * {@code RESULT reports=.. seconds=.. mentions=.. peakHeapBytes=.. peakAfterGcBytes=.. setupSeconds=.. cpuSeconds=..}.
 * The dictionary is built from the same terminology files as RadiologyNlp's ({@link RadiologyLexicon}).
 * Usage: {@code FullPipelineMain REPORT_DIR THREADS [WARM_UP_SECONDS]}
 */
public final class FullPipelineMain {

    private FullPipelineMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: FullPipelineMain REPORT_DIR THREADS [WARM_UP_SECONDS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        double warmUpSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                texts.add(ReportText.body(Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        Path work = Files.createTempDirectory("radbridge-ctakes-full-");
        long t0 = System.nanoTime();
        Path bsv = RadiologyLexicon.fromClasspath().writeBsv(work.resolve("radiology.bsv"));
        List<FullPipeline> pipelines = new ArrayList<>();
        boolean assertion = !"false".equals(System.getProperty("radbridge.bench.assertion"));
        for (int i = 0; i < threads; i++) pipelines.add(new FullPipeline(bsv, work, assertion));
        double setup = (System.nanoTime() - t0) / 1e9;
        // warm-up outside the clock (class loading, models, JIT), the same as RadBridge's NlpBench gives its contestant:
        // every pipeline at least once over the first reports, then all of them in parallel until the time is up
        for (FullPipeline p : pipelines) {
            for (int i = 0; i < Math.min(20, texts.size()); i++) p.process(texts.get(i));
        }
        long warmUntil = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        ExecutorService warm = Executors.newFixedThreadPool(threads);
        List<Future<?>> warming = new ArrayList<>();
        for (FullPipeline p : pipelines) {
            warming.add(warm.submit(() -> {
                for (int i = 0; System.nanoTime() < warmUntil; i++) p.process(texts.get(i % texts.size()));
                return null;
            }));
        }
        for (Future<?> f : warming) f.get();
        warm.shutdown();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
        AtomicLong afterGc = new AtomicLong();
        java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> afterGc.accumulateAndGet(afterGcBytes(), Math::max), 0, 100,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        AtomicInteger next = new AtomicInteger();
        AtomicLong mentions = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t1 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (FullPipeline p : pipelines) {
            done.add(pool.submit(() -> {
                long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                    mentions.addAndGet(p.process(texts.get(i)));
                }
                cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0);
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        double seconds = (System.nanoTime() - t1) / 1e9;
        pool.shutdown();
        sampler.shutdownNow();
        afterGc.accumulateAndGet(afterGcBytes(), Math::max);
        long peak = 0;
        for (MemoryPoolMXBean mp : ManagementFactory.getMemoryPoolMXBeans()) {
            if (mp.getType() == MemoryType.HEAP) peak += mp.getPeakUsage().getUsed();
        }
        pipelines.forEach(FullPipeline::close);
        System.out.printf(Locale.ROOT,
                "RESULT reports=%d seconds=%.3f mentions=%d peakHeapBytes=%d peakAfterGcBytes=%d setupSeconds=%.1f cpuSeconds=%.3f%n",
                texts.size(), seconds, mentions.get(), peak, afterGc.get(), setup, cpuNanos.get() / 1e9);
    }

    /** Heap in use right after the latest collections: what the pipelines really keep. */
    private static long afterGcBytes() {
        long sum = 0;
        for (MemoryPoolMXBean mp : ManagementFactory.getMemoryPoolMXBeans()) {
            if (mp.getType() == MemoryType.HEAP && mp.getCollectionUsage() != null) sum += mp.getCollectionUsage().getUsed();
        }
        return sum;
    }
}
