package org.radbridge.bench.ctakes;

import org.radbridge.bench.nlp.ParallelTimer;
import org.radbridge.nlp.ReportText;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs {@link FullPipeline} over the report files of a directory on N threads (one pipeline each) and prints one
 * result line for the caller ({@code radbridge bench nlp}):
 * {@code RESULT reports=.. seconds=.. mentions=.. peakHeapBytes=.. peakAfterGcBytes=.. setupSeconds=.. cpuSeconds=..
 * roundReports=.. roundSeconds=a,b,.. roundCpuSeconds=a,b,..} (totals over the timed rounds, then each round).
 * The dictionary is built from the same terminology files as RadiologyNlp's ({@link RadiologyLexicon}).
 * Usage: {@code FullPipelineMain REPORT_DIR THREADS [WARM_UP_SECONDS [ROUNDS]]}
 */
public final class FullPipelineMain {

    private FullPipelineMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: FullPipelineMain REPORT_DIR THREADS [WARM_UP_SECONDS [ROUNDS]]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        double warmUpSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
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
        // the same warm-up and measurement as RadBridge's contestant in NlpBench
        ParallelTimer.Timing t = ParallelTimer.run(pipelines.stream().<ParallelTimer.Pipeline>map(p -> p::process).toList(),
                texts, 1, warmUpSeconds, rounds);
        pipelines.forEach(FullPipeline::close);
        System.out.printf(Locale.ROOT,
                "RESULT reports=%d seconds=%.3f mentions=%d peakHeapBytes=%d peakAfterGcBytes=%d setupSeconds=%.1f cpuSeconds=%.3f"
                        + " roundReports=%d roundSeconds=%s roundCpuSeconds=%s%n",
                t.texts(), t.seconds(), t.mentions(), t.peakHeapBytes(), t.peakAfterGcBytes(), setup, t.cpuSeconds(),
                texts.size(), joined(t.rounds().stream().mapToDouble(ParallelTimer.Round::seconds).toArray()),
                joined(t.rounds().stream().mapToDouble(ParallelTimer.Round::cpuSeconds).toArray()));
    }

    private static String joined(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v))
                .collect(java.util.stream.Collectors.joining(","));
    }
}
