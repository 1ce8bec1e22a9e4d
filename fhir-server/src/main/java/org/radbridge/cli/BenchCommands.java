package org.radbridge.cli;

import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.GenerationSummary;
import org.radbridge.bench.generate.StudySizeProfile;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.bench.peer.HeapPeak;
import org.radbridge.bench.peer.OrthancPeer;
import org.radbridge.bench.peer.PeerResult;
import org.radbridge.bench.peer.PydicomPeer;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * `radbridge bench ingest`: end-to-end ingest (staging + FHIR + OMOP) of a generated PACS of
 * realistic study sizes, against pydicom's header-only read and Orthanc's REST ingest of the same
 * files, in the same run. Prints rates, ratios and heap.
 */
final class BenchCommands {
    private BenchCommands() {}

    static int run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sql")) return ResearchCommands.benchSql(args);
        if (args.length > 0 && args[0].equals("fuzz")) return FuzzCommand.run(args);
        if (args.length > 0 && args[0].equals("nlp")) {
            return nlp(args);
        }
        if (args.length > 0 && args[0].equals("fhir")) return FhirBench.run(args);
        if (args.length == 0 || !args[0].equals("ingest")) {
            System.err.println("usage: radbridge bench ingest [--min-instances N] [--warm-up-instances N] [--orthanc-files N] [--dir DIR]");
            System.err.println("       radbridge bench fuzz [--inputs N] [--cstore N] [--hl7 N] [--seed S] [--dir DIR]");
            System.err.println("       radbridge bench nlp [--reports N] [--full-sample N] [--threads N] [--seed S] [--peer-heap-mb M] [--warm-up-seconds S] [--dir DIR]");
            return 2;
        }
        long minInstances = 50_000;
        long orthancFiles = 5_000;
        long warmUpInstances = 10_000;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "radbridge-bench");
        if (!OptionPairs.complete(args, 1)) return 2;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--min-instances" -> minInstances = Long.parseLong(args[i + 1]);
                case "--orthanc-files" -> orthancFiles = Long.parseLong(args[i + 1]);
                case "--warm-up-instances" -> warmUpInstances = Long.parseLong(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        return ingest(dir.toAbsolutePath(), minInstances, warmUpInstances, orthancFiles);
    }

    /** `radbridge bench nlp`: see {@link org.radbridge.bench.nlp.NlpBench}. */
    private static int nlp(String[] args) throws Exception {
        // outside Spring nothing configures logback, whose default prints cTAKES' INFO lines for every report: that
        // output would be timed as part of the pipeline
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger l) l.setLevel(ch.qos.logback.classic.Level.WARN);
        // 20,000 reports took 2-5 s on 2 cores: a window that short moved with every collection and JIT pause (the
        // same jar read 5,500 and 9,700 reports/s back to back); 100,000 take 8-13 s and gave steadier figures
        int reports = 100_000;
        // 200 reports of the peer read 13 to 38 ms CPU per report on the same jar across runs: 500, timed in three
        // rounds whose median counts, move less (session 36)
        int sample = 500;
        int rounds = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        long seed = 2024L;
        int peerHeapMb = 2048;
        double warmUpSeconds = 20;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "radbridge-bench");
        if (!OptionPairs.complete(args, 1)) return 2;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--peer-heap-mb" -> peerHeapMb = Integer.parseInt(args[i + 1]);
                case "--warm-up-seconds" -> warmUpSeconds = Double.parseDouble(args[i + 1]);
                case "--reports" -> reports = Integer.parseInt(args[i + 1]);
                case "--full-sample" -> sample = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (rounds < 1) {
            System.err.println("--rounds must be at least 1 (got " + rounds + ")");
            return 2;
        }
        String home = System.getenv().getOrDefault("RADBRIDGE_HOME", System.getProperty("radbridge.home", "."));
        return org.radbridge.bench.nlp.NlpBench.run(new org.radbridge.bench.nlp.NlpBench.Options(reports, sample, threads,
                seed, dir.toAbsolutePath(), Path.of(home).toAbsolutePath(), peerHeapMb, warmUpSeconds, rounds));
    }

    private static int ingest(Path dir, long minInstances, long warmUpInstances, long orthancFiles) throws Exception {
        Files.createDirectories(dir);
        Path pacs = dir.resolve("pacs");
        GenerationSummary gen = generate(pacs, minInstances, 2024L);
        // a server ingests for hours: its steady state, not the JIT compiling its first thousands of files, is what the
        // rate should show; so it first ingests another generated PACS (other patients and UIDs), untimed
        Path warmUp = warmUpInstances > 0 ? dir.resolve("warm-up-pacs") : null;
        if (warmUp != null) generate(warmUp, warmUpInstances, 7L);
        List<Path> files;
        try (Stream<Path> s = Files.walk(pacs.resolve("dicom"))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "Bench PACS: %d studies, %d series, %d instances (%.0f MB) in %s%n",
                gen.studies(), gen.series(), files.size(), gen.bytes() / 1e6, pacs);
        int cores = Runtime.getRuntime().availableProcessors();
        List<PeerResult> results = new ArrayList<>();

        // RadBridge first, on a fresh data directory so that every instance is new
        Path data = dir.resolve("data");
        deleteTree(data);
        System.setProperty("radbridge.data", data.toString());
        System.setProperty("radbridge.db.port", String.valueOf(freePort()));
        if (System.getenv("RADBRIDGE_PSEUDONYM_KEY") == null) System.setProperty("radbridge.pseudonym.key", "bench-only-key-not-secret-0123456789");
        PeerResult ours;
        long peakAfterGc;
        long peakTotal;
        try (ConfigurableApplicationContext ctx = ServerCommands.start(false)) {
            IngestService ingest = ctx.getBean(IngestService.class);
            if (warmUp != null) {
                System.out.printf(Locale.ROOT, "Warm-up (not timed): ingesting %d instances of another generated PACS ...%n", warmUpInstances);
                ingest.ingest(List.of(warmUp.resolve("dicom")), "folder");
            }
            System.gc();
            HeapPeak.reset();
            AtomicLong afterGc = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> afterGc.accumulateAndGet(HeapPeak.afterGcBytes(), Math::max), 0, 200, TimeUnit.MILLISECONDS);
            IngestSummary s = ingest.ingest(List.of(pacs.resolve("dicom")), "folder");
            sampler.shutdownNow();
            peakAfterGc = afterGc.get();
            peakTotal = HeapPeak.bytes();
            ours = new PeerResult("RadBridge ingest (staging + FHIR + OMOP)", s.instancesNew(), s.quarantined().size(), s.seconds(),
                    s.studiesProjected() + " studies projected");
        }
        results.add(ours);

        PeerResult pydicom = null;
        if (PydicomPeer.available()) {
            pydicom = new PydicomPeer().run(files, cores, dir);
            results.add(pydicom);
        } else {
            System.out.println("pydicom peer skipped: /usr/bin/python3 cannot import pydicom (apt-get install python3-pydicom)");
        }
        PeerResult orthanc = null;
        if (OrthancPeer.available()) {
            List<Path> subset = files.subList(0, (int) Math.min(files.size(), orthancFiles));
            Path work = Files.createDirectories(dir.resolve("orthanc"));
            deleteTree(work.resolve("orthanc-storage"));
            try (OrthancPeer peer = new OrthancPeer()) {
                peer.start(work);
                orthanc = peer.upload(subset, cores);
            }
            results.add(orthanc);
        } else {
            System.out.println("Orthanc peer skipped: /usr/sbin/Orthanc missing (apt-get install orthanc)");
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-46s %10s %8s %10s  %s%n", "contestant", "files", "seconds", "files/s", "note");
        for (PeerResult r : results) {
            System.out.printf(Locale.ROOT, "%-46s %10d %8.1f %10.1f  %s%s%n", r.name(), r.items(), r.seconds(), r.rate(), r.note(),
                    r.failed() > 0 ? ", " + r.failed() + " failed" : "");
        }
        System.out.println();
        if (pydicom != null) {
            System.out.printf(Locale.ROOT, "ratio RadBridge / pydicom header-only read: %.2fx (target >= 1.0x)%n", ours.rate() / pydicom.rate());
        }
        if (orthanc != null) {
            System.out.printf(Locale.ROOT, "ratio RadBridge / Orthanc REST ingest:      %.2fx (target >= 3x; Orthanc on the first %d files)%n",
                    ours.rate() / orthanc.rate(), orthanc.items() + orthanc.failed());
        }
        System.out.printf(Locale.ROOT, "RadBridge heap: max %d MB (-Xmx), peak after GC %d MB, peak in use incl. garbage %d MB (target < 1024 MB)%n",
                Runtime.getRuntime().maxMemory() >> 20, peakAfterGc >> 20, peakTotal >> 20);
        return 0;
    }

    private static GenerationSummary generate(Path pacs, long minInstances, long seed) throws Exception {
        // about 370 instances per patient in the realistic profile; grow until the target is met
        int patients = (int) Math.max(1, minInstances / 330);
        while (true) {
            GenerationSummary s = new SyntheticPacsGenerator(new GenerateOptions(patients, seed, pacs, StudySizeProfile.REALISTIC)).generate();
            if (s.instances() >= minInstances) return s;
            patients = (int) Math.ceil(patients * 1.2);
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
