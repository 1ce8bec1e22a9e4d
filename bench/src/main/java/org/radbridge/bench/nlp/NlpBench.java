package org.radbridge.bench.nlp;

import org.radbridge.bench.generate.SyntheticReports;
import org.radbridge.nlp.RadiologyNlp;
import org.radbridge.nlp.ReportText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code radbridge bench nlp}: RadiologyNlp over generated reports on all cores (one pipeline per thread), against a
 * full cTAKES default-style pipeline (module bench-ctakes: POS tagger, chunker, the same dictionary lookup, context)
 * on a fixed sample of the same reports, run in its own JVM (its own heap limit), in the same run. Prints
 * reports/s, ms/report, peak heap and the ratio; also scores RadiologyNlp against the generator's truth.
 */
public final class NlpBench {

    /**
     * @param warmUpSeconds how long each contestant's pipelines run, in parallel as in the timed run, before the clock
     *                      starts: the JIT needs a few thousand reports to reach the steady state a server runs in, and
     *                      both contestants get the same time
     */
    public record Options(int reports, int fullSample, int threads, long seed, Path dir, Path peerHome, int peerHeapMb,
                          double warmUpSeconds, int rounds) {
    }

    /**
     * One contestant's figures: totals over its timed rounds, and per report the median round's (see
     * {@link ParallelTimer.Timing}).
     */
    public record Result(String name, int reports, double seconds, long peakHeapBytes, long peakAfterGcBytes,
                         double setupSeconds, double cpuSeconds, int threads, double[] cpuMsByRound,
                         double[] secondsPerReportByRound) {
        /** Reports per second of wall-clock time, in the median round (depends on what else runs on the machine). */
        double rate() {
            return 1 / ParallelTimer.median(secondsPerReportByRound);
        }

        double msPerReport() {
            return ParallelTimer.median(secondsPerReportByRound) * 1000;
        }

        /** CPU time of the worker threads per report in the median round: independent of other load on the machine. */
        double cpuMsPerReport() {
            return ParallelTimer.median(cpuMsByRound);
        }

        /** What the worker threads would do on otherwise idle cores: threads / CPU time per report. */
        double cpuRate() {
            return threads * 1000 / cpuMsPerReport();
        }
    }

    private static final Pattern RESULT = Pattern.compile("RESULT reports=(\\d+) seconds=([\\d.]+) mentions=(\\d+) "
            + "peakHeapBytes=(\\d+) peakAfterGcBytes=(\\d+) setupSeconds=([\\d.]+) cpuSeconds=([\\d.]+)");
    /** The peer's rounds, after its totals: reports per round, then each round's wall-clock and CPU seconds. */
    private static final Pattern ROUNDS = Pattern.compile(
            " roundReports=(\\d+) roundSeconds=([\\d.,]+) roundCpuSeconds=([\\d.,]+)");

    private NlpBench() {}

    public static int run(Options o) throws Exception {
        System.out.printf(Locale.ROOT, "Generating %d synthetic reports (seed %d) ...%n", o.reports(), o.seed());
        List<SyntheticReports.Report> reports = new SyntheticReports().generate(o.reports(), o.seed());
        List<String> bodies = reports.stream().map(r -> ReportText.body(r.text())).toList();
        long bytes = bodies.stream().mapToLong(String::length).sum();
        System.out.printf(Locale.ROOT, "%d reports, %.1f KB of text each on average; %d threads%n", bodies.size(),
                bytes / 1024.0 / bodies.size(), o.threads());

        System.out.printf(Locale.ROOT, "each contestant warms up for %.1f s on its own reports before its clock starts%n",
                o.warmUpSeconds());
        System.out.printf(Locale.ROOT, "each contestant is then timed over %d rounds in a row; per report, the median round "
                + "counts%n", o.rounds());
        Result ours = runOurs("RadBridge RadiologyNlp (lean cTAKES + rules)", bodies, 1, o);
        int sample = Math.min(o.fullSample(), bodies.size());
        // the sample alone would be timed over a few milliseconds: it is analysed as many times as makes the full count
        int passes = Math.max(1, bodies.size() / Math.max(1, sample));
        Result oursSample = runOurs("RadBridge RadiologyNlp, same sample x" + passes, bodies.subList(0, sample), passes, o);

        Path sampleDir = Files.createDirectories(o.dir().resolve("nlp-sample"));
        try (Stream<Path> s = Files.list(sampleDir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        for (int i = 0; i < sample; i++) {
            Files.writeString(sampleDir.resolve(reports.get(i).id() + ".txt"), reports.get(i).text(), StandardCharsets.UTF_8);
        }
        Result full = runFull(o, sampleDir, sample);

        List<Result> all = new ArrayList<>(List.of(ours, oursSample));
        if (full != null) all.add(full);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-46s %7s %8s %9s %9s %9s %11s %13s %7s%n", "contestant", "reports", "seconds",
                "reports/s", "ms/report", "CPU ms/r", "CPU rep/s", "peak heap MB", "setup s");
        for (Result r : all) {
            System.out.printf(Locale.ROOT, "%-46s %7d %8.2f %9.1f %9.2f %9.2f %11.1f %6d (%4d) %7.1f%n", r.name(), r.reports(),
                    r.seconds(), r.rate(), r.msPerReport(), r.cpuMsPerReport(), r.cpuRate(), r.peakHeapBytes() >> 20,
                    r.peakAfterGcBytes() >> 20, r.setupSeconds());
        }
        System.out.println("reports and seconds: all timed rounds; reports/s, ms/report (wall clock) and CPU ms/r (CPU time "
                + "of the worker threads per report): the median round; CPU rep/s = threads / CPU time per report, the rate "
                + "on otherwise idle cores");
        for (Result r : all) {
            System.out.printf(Locale.ROOT, "CPU ms/report by round, %s: %s%n", r.name(),
                    java.util.Arrays.stream(r.cpuMsByRound()).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                            .collect(java.util.stream.Collectors.joining(" ")));
        }
        System.out.println("peak heap: sum of heap pool peaks during the run (incl. garbage not yet collected); "
                + "in brackets the peak heap in use after a collection");
        System.out.println("full cTAKES pipeline: segment, sentences, PTB tokens, POS tagger, chunker + adjusters, the same "
                + "fast lookup and dictionary, ClearNLP dependency parser, ClearTK polarity/uncertainty/history/subject "
                + "assertion, negation and status context; own JVM, one pipeline per thread");
        System.out.printf(Locale.ROOT, "machine load average at the end: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.printf(Locale.ROOT, "RadiologyNlp on %d threads: %.1f reports/s wall clock, %.1f reports/s from CPU time "
                + "(target >= 400)%n", o.threads(), ours.rate(), ours.cpuRate());
        if (full != null) {
            System.out.printf(Locale.ROOT, "ratio RadiologyNlp / full cTAKES pipeline, CPU time per report: %.0fx "
                            + "(%d vs %d reports), %.0fx on the same %d reports (target >= 100x)%n",
                    full.cpuMsPerReport() / ours.cpuMsPerReport(), ours.reports(), full.reports(),
                    full.cpuMsPerReport() / oursSample.cpuMsPerReport(), sample);
            System.out.printf(Locale.ROOT, "ratio RadiologyNlp / full cTAKES pipeline, wall clock: %.0fx (%d vs %d reports), "
                    + "%.0fx on the same %d reports (target >= 100x)%n", ours.rate() / full.rate(), ours.reports(), full.reports(),
                    oursSample.rate() / full.rate(), sample);
        }
        try (RadiologyNlp nlp = new RadiologyNlp()) {
            TruthScorer scorer = new TruthScorer(nlp.lexicon());
            for (int i = 0; i < reports.size(); i++) {
                scorer.add(reports.get(i), nlp.analyze(reports.get(i).id(), bodies.get(i)).mentions());
            }
            System.out.println(scorer.score().describe());
        }
        return 0;
    }

    private static Result runOurs(String name, List<String> bodies, int passes, Options o) throws Exception {
        int threads = o.threads();
        long t0 = System.nanoTime();
        List<RadiologyNlp> pipelines = new ArrayList<>();
        for (int i = 0; i < threads; i++) pipelines.add(new RadiologyNlp());
        double setup = (System.nanoTime() - t0) / 1e9;
        try {
            List<ParallelTimer.Pipeline> timed = pipelines.stream()
                    .<ParallelTimer.Pipeline>map(p -> text -> p.analyze("report", text).mentions().size()).toList();
            ParallelTimer.Timing t = ParallelTimer.run(timed, bodies, passes, o.warmUpSeconds(), o.rounds());
            return new Result(name, t.texts(), t.seconds(), t.peakHeapBytes(), t.peakAfterGcBytes(), setup, t.cpuSeconds(),
                    threads, t.cpuMsPerTextByRound(), t.secondsPerTextByRound());
        } finally {
            pipelines.forEach(RadiologyNlp::close);
        }
    }

    /** The full pipeline in its own JVM (class path of bench-ctakes/target), same heap limit as this one. */
    private static Result runFull(Options o, Path sampleDir, int sample) throws IOException, InterruptedException {
        Path target = o.peerHome().resolve("bench-ctakes/target");
        Path lib = target.resolve("lib");
        Path jar;
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jar = s.filter(p -> p.getFileName().toString().matches("radbridge-bench-ctakes-.*\\.jar")).findFirst().orElse(null);
        }
        if (jar == null || !Files.isDirectory(lib)) {
            System.out.println("full cTAKES pipeline skipped: " + target + " has no built peer (build it with "
                    + "'mvn -pl bench-ctakes -am package'; set RADBRIDGE_HOME to the checkout)");
            return null;
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the peer's dependency parser and ClearTK models keep about 650 MB per pipeline: it gets its own heap limit
        long maxHeap = (long) o.peerHeapMb() << 20;
        List<String> cmd = List.of(javaBin, "-Xmx" + (maxHeap >> 20) + "m", "-Dfile.encoding=UTF-8",
                "-cp", jar + java.io.File.pathSeparator + lib.resolve("*"),
                "org.radbridge.bench.ctakes.FullPipelineMain", sampleDir.toString(), Integer.toString(o.threads()),
                Double.toString(o.warmUpSeconds()), Integer.toString(o.rounds()));
        System.out.printf(Locale.ROOT, "Running the full cTAKES pipeline on a fixed sample of %d reports (own JVM, -Xmx%dm) ...%n",
                sample, maxHeap >> 20);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String resultLine = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) resultLine = line;
                else tail.append(line).append('\n');
            }
        }
        int rc = p.waitFor();
        Matcher m = resultLine == null ? null : RESULT.matcher(resultLine);
        if (rc != 0 || m == null || !m.find()) {
            System.out.println("full cTAKES pipeline failed (exit " + rc + "):\n" + tail);
            return null;
        }
        return peerResult(resultLine, o.threads());
    }

    /** The peer's RESULT line as a contestant's figures; a line without rounds counts as one round of its totals. */
    static Result peerResult(String resultLine, int threads) {
        Matcher m = RESULT.matcher(resultLine);
        if (!m.find()) throw new IllegalArgumentException("not a RESULT line: " + resultLine);
        int reports = Integer.parseInt(m.group(1));
        double seconds = Double.parseDouble(m.group(2));
        double cpu = Double.parseDouble(m.group(7));
        double[] cpuMs = {cpu * 1000 / reports};
        double[] secPerReport = {seconds / reports};
        Matcher r = ROUNDS.matcher(resultLine);
        if (r.find(m.end())) {
            int perRound = Integer.parseInt(r.group(1));
            double[] secs = java.util.Arrays.stream(r.group(2).split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] cpus = java.util.Arrays.stream(r.group(3).split(",")).mapToDouble(Double::parseDouble).toArray();
            if (secs.length != cpus.length) throw new IllegalArgumentException("rounds do not pair up: " + resultLine);
            secPerReport = java.util.Arrays.stream(secs).map(v -> v / perRound).toArray();
            cpuMs = java.util.Arrays.stream(cpus).map(v -> v * 1000 / perRound).toArray();
        }
        return new Result("full cTAKES pipeline (see below)", reports, seconds, Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)), Double.parseDouble(m.group(6)), cpu, threads, cpuMs, secPerReport);
    }
}
