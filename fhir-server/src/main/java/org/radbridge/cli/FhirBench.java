package org.radbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.StudySizeProfile;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.bench.peer.OrthancPeer;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFileParser;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.ReportNlp;
import org.radbridge.server.security.AuditEventWriter;
import org.radbridge.server.security.TokenStore;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * `radbridge bench fhir`: ImagingStudy searches an EHR makes (by patient, by modality and date range, by Study Instance
 * UID, by accession number) against RadBridge's FHIR API and the equivalent QIDO-RS study queries against Orthanc
 * (DICOMweb plugin, its index on the default SQLite), over the same generated studies in the same run: written in bulk
 * into RadBridge as the projection's own bundles ({@link FhirBulkLoader}) and into Orthanc through its REST API
 * ({@link OrthancBulkLoader}); with {@code --data DIR} both stay for the next run. A Java client with several
 * connections on loopback runs each kind of query for a fixed time after a warm-up; p50, p99 and throughput per kind,
 * and the ratio to Orthanc.
 */
final class FhirBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code jvmMs} / {@code postgresMs} / {@code jitMs} (JIT compiler, part of jvmMs): CPU per request of the server's threads and of PostgreSQL (RadBridge side; NaN otherwise). */
    private record Stats(String label, int n, double p50, double p99, double perSecond, long errors, double jvmMs, double postgresMs, double jitMs) {
        Stats withLabel(String l) { return new Stats(l, n, p50, p99, perSecond, errors, jvmMs, postgresMs, jitMs); }
        Stats withCpu(double[] ms) { return new Stats(label, n, p50, p99, perSecond, errors, ms[0], ms[1], ms[2]); }
    }

    /** Short names for {@code --queries} (run only some kinds, e.g. to compare two builds on one kind). */
    private static final Map<String, String> QUERY_KEYS = new java.util.LinkedHashMap<>();
    static {
        QUERY_KEYS.put("patient", "by patient");
        QUERY_KEYS.put("modality-date", "modality + date range");
        QUERY_KEYS.put("uid", "by Study Instance UID");
        QUERY_KEYS.put("accession", "by accession number");
    }

    private FhirBench() {}

    private static int usage() {
        System.err.println("usage: radbridge bench fhir [--studies N] [--clients C] [--seconds S] [--warm-up-seconds S] "
                + "[--data DIR] [--load-threads T] [--batch B] [--seed N] [--window-days D] [--queries " + String.join(",", QUERY_KEYS.keySet()) + "] "
                + "[--rates 50%,40|none]");
        return 2;
    }

    static int run(String[] args) throws Exception {
        int count = 2000;
        int clients = 4;
        double seconds = 20;
        // each kind warms up this long on both sides before its clock starts: a server that has run for hours has
        // its search path JIT-compiled; after 15 s C2 was still compiling new HAPI code (hundreds of methods, no
        // deoptimisation loop: -XX:+PrintCompilation, notes of issue 16) and the timed window measured the compiler
        double warmUp = 60;
        int loadThreads = 2;
        int batch = 20;
        long seed = 2025L;
        // half the width of the modality + date range searches: 15 days (a month) by default; wider on a smaller set
        // of studies (the same ten years) fills their pages as the month does at 100,000 studies
        int windowDays = 15;
        Path data = null;
        List<String> only = List.of();
        // latency at an offered load below capacity (open loop, Poisson arrivals): what users of a server that is not
        // saturated see; the closed-loop clients' latency is the queue of a saturated one. Half the throughput by default.
        String rates = "50%";
        if (!OptionPairs.complete(args, 1)) return usage();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--studies" -> count = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--warm-up-seconds" -> warmUp = Double.parseDouble(args[i + 1]);
                case "--load-threads" -> loadThreads = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--window-days" -> windowDays = Integer.parseInt(args[i + 1]);
                case "--queries" -> only = List.of(args[i + 1].split(","));
                case "--rates" -> rates = args[i + 1];
                default -> {
                    return usage();
                }
            }
        }
        List<OfferedLoad.Level> levels;
        try {
            levels = OfferedLoad.parse(rates);
        } catch (IllegalArgumentException e) {
            System.err.println("bench fhir: " + e.getMessage());
            return 2;
        }
        for (String key : only) {
            if (!QUERY_KEYS.containsKey(key)) {
                System.err.println("bench fhir: --queries " + key + ": unknown kind (known: " + String.join(", ", QUERY_KEYS.keySet()) + ")");
                return 2;
            }
        }
        Path dir = (data == null ? Path.of(System.getProperty("java.io.tmpdir"), "radbridge-bench-fhir") : data).toAbsolutePath();
        Path stateFile = dir.resolve("bench-fhir.properties");
        Properties state = new Properties();
        if (Files.exists(stateFile)) try (var in = Files.newBufferedReader(stateFile)) { state.load(in); }
        String set = count + " studies, seed " + seed;
        if (data == null || !set.equals(state.getProperty("set"))) {
            // another set of studies (or no --data): start afresh; the same set loaded before is reused as it is
            if (data != null && Files.exists(stateFile)) System.err.println("bench fhir: " + dir + " holds another set (" + state.getProperty("set") + "): loading afresh");
            deleteTree(dir);
            state.clear();
        }
        Files.createDirectories(dir);
        state.setProperty("set", set);
        store(state, stateFile);
        List<BenchStudies.Exam> exams = reportPool(dir.resolve("report-pool"));
        List<BenchStudies.Study> studies = BenchStudies.generate(count, exams.size(), seed);

        System.setProperty("radbridge.data", dir.resolve("data").toString());
        for (String p : new String[] {"db", "http", "dicom", "mllp"}) System.setProperty("radbridge." + p + ".port", String.valueOf(freePort()));
        if (System.getenv("RADBRIDGE_PSEUDONYM_KEY") == null) System.setProperty("radbridge.pseudonym.key", "bench-only-key-not-secret-0123456789");
        System.setProperty("radbridge.quiet-period-seconds", "3600");
        try (ConfigurableApplicationContext ctx = ServerCommands.start(true);
             OrthancPeer orthanc = new OrthancPeer()) {
            String fhirBase = "http://127.0.0.1:" + System.getProperty("radbridge.http.port") + "/fhir";
            String token = ctx.getBean(TokenStore.class).localAdminToken().orElseThrow();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            RadBridgeSettings settings = ctx.getBean(RadBridgeSettings.class);
            Path idsFile = dir.resolve("patient-ids.tsv");
            long inFhir = fhirCount(http, fhirBase + "/ImagingStudy?_summary=count", token);
            int through = Integer.parseInt(state.getProperty("fhir.through", "0"));
            if (through >= count && inFhir == count && Files.exists(idsFile)) {
                System.err.printf(Locale.ROOT, "RadBridge: %d ImagingStudy already loaded in %s%n", inFhir, dir);
            } else {
                if (through > 0) System.err.printf(Locale.ROOT, "RadBridge: resuming the load after study %d%n", through);
                long t0 = System.nanoTime();
                FhirBulkLoader loader = loader(ctx, settings, exams);
                System.err.printf(Locale.ROOT, "RadBridge: %d pool reports analysed by the NLP in %.1f s; loading %d studies%n",
                        exams.size(), (System.nanoTime() - t0) / 1e9, count - through);
                long t1 = System.nanoTime();
                try (BulkLoadMode mode = BulkLoadMode.enter(ctx)) {
                    if (mode.subscriptionMatchingOff()) System.err.println("RadBridge: no active Subscription: subscription matching off while loading");
                    loader.load(studies, through, loadThreads, batch, (reached, ids) -> {
                        StringBuilder b = new StringBuilder();
                        ids.forEach((mrn, id) -> b.append(mrn).append('\t').append(id).append('\n'));
                        Files.writeString(idsFile, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        state.setProperty("fhir.through", String.valueOf(reached));
                        store(state, stateFile);
                    });
                }
                double secs = (System.nanoTime() - t1) / 1e9;
                System.err.printf(Locale.ROOT, "RadBridge: %d studies with their reports written in %.1f s (%.1f/s)%n", count - through, secs,
                        (count - through) / secs);
            }
            Map<String, String> patientIds = checkedPatientIds(ctx, settings.mrnSystem(), readIds(idsFile), idsFile);

            // without Orthanc only RadBridge's side is measured (no answers compared, no ratios)
            boolean peer = OrthancPeer.available() && Files.exists(OrthancPeer.DICOMWEB_PLUGIN);
            if (!peer) System.err.println("Orthanc with its DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb): no peer, no ratios");
            else orthanc.start(Files.createDirectories(dir.resolve("orthanc")), List.of(OrthancPeer.DICOMWEB_PLUGIN));
            long inOrthanc = !peer ? -1 : JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + orthanc.port() + "/statistics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("CountStudies").asLong();
            if (peer && "loaded".equals(state.getProperty("orthanc")) && inOrthanc == count) {
                System.err.printf(Locale.ROOT, "Orthanc: %d studies already loaded%n", inOrthanc);
            } else if (peer) {
                long t0 = System.nanoTime();
                int n = OrthancBulkLoader.load(orthanc.port(), studies, exams, Math.max(2, loadThreads));
                System.err.printf(Locale.ROOT, "Orthanc: %d instances (%d studies) stored in %.1f s%n", n, count, (System.nanoTime() - t0) / 1e9);
                state.setProperty("orthanc", "loaded");
                store(state, stateFile);
            }
            String qido = "http://127.0.0.1:" + (peer ? orthanc.port() : 0) + "/dicom-web/studies";
            String accSystem = settings.accessionSystem();
            int window = windowDays;

            Map<String, Function<BenchStudies.Study, HttpRequest>> fhirQueries = new java.util.LinkedHashMap<>();
            Map<String, Function<BenchStudies.Study, HttpRequest>> qidoQueries = new java.util.LinkedHashMap<>();
            fhirQueries.put("by patient", st -> fhir(fhirBase + "/ImagingStudy?patient=Patient/" + patientIds.get(st.mrn()) + "&_count=50", token));
            qidoQueries.put("by patient", st -> qido(qido + "?PatientID=" + enc(st.mrn()) + "&limit=50"));
            fhirQueries.put("modality + date range", st -> fhir(fhirBase + "/ImagingStudy?modality=" + enc("http://dicom.nema.org/resources/ontology/DCM|"
                    + exams.get(st.exam()).modality()) + "&started=ge" + st.date().minusDays(window) + "&started=le" + st.date().plusDays(window) + "&_count=50", token));
            qidoQueries.put("modality + date range", st -> qido(qido + "?ModalitiesInStudy=" + exams.get(st.exam()).modality() + "&StudyDate="
                    + dicomDate(st.date().minusDays(window)) + "-" + dicomDate(st.date().plusDays(window)) + "&limit=50"));
            fhirQueries.put("by Study Instance UID", st -> fhir(fhirBase + "/ImagingStudy?identifier=" + enc("urn:dicom:uid|urn:oid:" + st.uid()), token));
            qidoQueries.put("by Study Instance UID", st -> qido(qido + "?StudyInstanceUID=" + st.uid()));
            fhirQueries.put("by accession number", st -> fhir(fhirBase + "/ImagingStudy?identifier=" + enc(accSystem + "|" + st.accession()), token));
            qidoQueries.put("by accession number", st -> qido(qido + "?AccessionNumber=" + enc(st.accession())));

            List<String> kinds = only.isEmpty() ? List.copyOf(fhirQueries.keySet()) : only.stream().map(QUERY_KEYS::get).toList();
            // searches by patient pick among the studies whose Patient id is known (all of them unless the ids were read back)
            List<BenchStudies.Study> ofKnownPatients = studies.stream().filter(st -> patientIds.containsKey(st.mrn())).toList();
            if (ofKnownPatients.size() < studies.size())
                System.err.printf(Locale.ROOT, "bench fhir: searches by patient use the %d studies of the %d patients whose id is known%n",
                        ofKnownPatients.size(), patientIds.size());
            java.util.function.Function<String, List<BenchStudies.Study>> sample = kind -> kind.equals("by patient") ? ofKnownPatients : studies;
            if (peer) for (String kind : kinds) compareAnswers(kind, http, sample.apply(kind), fhirQueries.get(kind), qidoQueries.get(kind));
            ServerCpu cpu = new ServerCpu(settings.dataDir().resolve("pg"));

            long auditBefore = fhirCount(http, fhirBase + "/AuditEvent?_summary=count", token);
            List<Stats> results = new ArrayList<>();
            Map<String, List<OfferedLoad.Result>> offered = new java.util.LinkedHashMap<>();
            AuditEventWriter auditWriter = ctx.getBean(AuditEventWriter.class);
            Map<String, String> auditActivity = new java.util.LinkedHashMap<>();
            for (String kind : kinds) {
                AuditEventWriter.Activity before = auditWriter.activity();
                long t0 = System.nanoTime();
                Stats closed = measure("RadBridge FHIR  " + kind, http, sample.apply(kind), fhirQueries.get(kind), clients, warmUp, seconds, cpu);
                auditActivity.put(kind, describe(auditWriter.activity().since(before), (System.nanoTime() - t0) / 1e9));
                results.add(closed);
                List<OfferedLoad.Result> atRates = new ArrayList<>();
                List<BenchStudies.Study> pick = sample.apply(kind);
                for (OfferedLoad.Level level : levels) {
                    double rate = level.perSecond(closed.perSecond());
                    System.err.printf(Locale.ROOT, "bench fhir: %s at %.1f requests/s offered (%s) for %.0f s%n", kind, rate, level.describe(), seconds);
                    atRates.add(OfferedLoad.run(http, i -> fhirQueries.get(kind).apply(pick.get(i % pick.size())), rate, seconds, 64, 3));
                }
                offered.put(kind, atRates);
                results.add(peer ? measure("Orthanc QIDO-RS " + kind, http, sample.apply(kind), qidoQueries.get(kind), clients, warmUp, seconds, null)
                        : new Stats("Orthanc QIDO-RS " + kind + " (not run)", 0, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN));
            }
            System.out.printf(Locale.ROOT, "bench fhir: %d ImagingStudy (%d DiagnosticReport) over %d patients; %d client connections, %.0f s per query kind after %.0f s of warm-up on each side; "
                    + "%d cores, load average at the end %s%n", inFhir == count ? count : fhirCount(http, fhirBase + "/ImagingStudy?_summary=count", token),
                    fhirCount(http, fhirBase + "/DiagnosticReport?_summary=count", token), patientIds.size(), clients, seconds, warmUp,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            // BALP writes its AuditEvents off the request path: give the writer a moment, then say how many it wrote
            Thread.sleep(5_000);
            long fhirSearches = 0;
            for (int i = 0; i < results.size(); i += 2) fhirSearches += results.get(i).n();
            System.out.printf(Locale.ROOT, "AuditEvents written while measuring: %d (for %d timed FHIR searches plus warm-up%s)%n",
                    fhirCount(http, fhirBase + "/AuditEvent?_summary=count", token) - auditBefore, fhirSearches,
                    levels.isEmpty() ? "" : " and the offered-load runs");
            // is the audit writer the cap? busy most of the wall time, or requests waiting for queue room, say it is
            auditActivity.forEach((kind, line) -> System.out.printf(Locale.ROOT, "audit writer during %s (warm-up and timed window): %s%n", kind, line));
            System.out.printf(Locale.ROOT, "%-42s %9s %9s %9s %10s %7s %s%n", "query", "requests", "p50 ms", "p99 ms", "per s", "errors",
                    "CPU ms/request: JVM (server threads; of it JIT compiler) + PostgreSQL");
            for (Stats r : results)
                System.out.printf(Locale.ROOT, "%-42s %9d %9.1f %9.1f %10.1f %7d %s%n", r.label(), r.n(), r.p50(), r.p99(), r.perSecond(), r.errors(),
                        Double.isNaN(r.jvmMs()) ? "" : String.format(Locale.ROOT, "%.2f (%.2f) + %.2f", r.jvmMs(), r.jitMs(), r.postgresMs()));
            if (!levels.isEmpty()) {
                System.out.printf(Locale.ROOT, "RadBridge FHIR at a fixed offered load (open loop, Poisson arrivals, latency from each request's due time; %.0f s each):%n", seconds);
                System.out.printf(Locale.ROOT, "%-42s %9s %9s %9s %10s %7s%n", "query @ offered requests/s", "requests", "p50 ms", "p99 ms", "done/s", "errors");
                offered.forEach((kind, rs) -> rs.forEach(r -> System.out.printf(Locale.ROOT, "%-42s %9d %9.1f %9.1f %10.1f %7d%n",
                        kind + " @ " + String.format(Locale.ROOT, "%.1f", r.offeredPerSecond()), r.n(), r.p50(), r.p99(), r.achievedPerSecond(), r.errors())));
            }
            for (int i = 0; i + 1 < results.size(); i += 2) {
                Stats a = results.get(i), b = results.get(i + 1);
                String kind = a.label().substring("RadBridge FHIR  ".length());
                StringBuilder open = new StringBuilder();
                for (OfferedLoad.Result r : offered.getOrDefault(kind, List.of()))
                    open.append(String.format(Locale.ROOT, "; at %.1f/s offered p99 %.1f ms (%s)", r.offeredPerSecond(), r.p99(), r.p99() <= 50 ? "met" : "NOT met"));
                System.out.printf(Locale.ROOT, "%-28s throughput RadBridge/Orthanc %.2f, closed-loop p99 %.1f ms (target <= 50 ms: %s)%s%n",
                        kind, a.perSecond() / b.perSecond(), a.p99(), a.p99() <= 50 ? "met" : "NOT met", open);
            }
            return 0;
        }
    }

    /** The audit writer's work over a closed-loop measurement of {@code seconds} of wall time, in one line. */
    static String describe(AuditEventWriter.Activity a, double seconds) {
        return String.format(Locale.ROOT, "%d events in %d transactions, %.1f s storing (%.0f %% of %.0f s; database %.1f s), "
                        + "%d hand-overs waited for queue room (%.1f s in all), %d logged only",
                a.written(), a.batches(), a.storeNanos() / 1e9, 100 * a.storeNanos() / 1e9 / seconds, seconds,
                a.databaseNanos() / 1e9, a.waits(), a.waitedNanos() / 1e9, a.loggedOnly());
    }

    /**
     * Exams and report texts for the generated studies: the synthetic PACS generator's reports (a small run, kept in the
     * data directory), each with the modality and description of the study it was written for.
     */
    private static List<BenchStudies.Exam> reportPool(Path poolDir) throws Exception {
        Path manifest = poolDir.resolve(SyntheticPacsGenerator.MANIFEST);
        if (!Files.exists(manifest)) new SyntheticPacsGenerator(new GenerateOptions(40, 2025L, poolDir, StudySizeProfile.DEMO)).generate();
        List<BenchStudies.Exam> exams = new ArrayList<>();
        ReportFileParser parser = new ReportFileParser();
        List<String> lines = Files.readAllLines(manifest);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String text = parser.parse(Files.readAllBytes(poolDir.resolve(f[10]))).text();
            exams.add(new BenchStudies.Exam(f[4], f[5], text));
        }
        return exams;
    }

    static FhirBulkLoader loader(ConfigurableApplicationContext ctx, RadBridgeSettings settings, List<BenchStudies.Exam> exams) {
        CurrentMappings mappings = ctx.getBean(CurrentMappings.class);
        ReportNlp nlp = ctx.getBean(ReportNlp.class);
        List<FhirBulkLoader.AnalysedExam> analysed = new ArrayList<>();
        for (int i = 0; i < exams.size(); i++) {
            NlpResult r = nlp.analyze("bench-pool-" + i, exams.get(i).reportText());
            analysed.add(new FhirBulkLoader.AnalysedExam(exams.get(i), r, ReportFindings.of(r.mentions())));
        }
        @SuppressWarnings("unchecked")
        IFhirSystemDao<Bundle, Meta> systemDao = ctx.getBean(IFhirSystemDao.class);
        return new FhirBulkLoader(systemDao, new ImagingStudyBundleBuilder(mappings, settings.mrnSystem(), settings.accessionSystem()),
                new DiagnosticReportBundleBuilder(mappings, settings.accessionSystem(), nlp.name(), nlp.version()), analysed);
    }

    private static long fhirCount(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> r = http.send(fhir(url, token), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " for " + url);
        return JSON.readTree(r.body()).path("total").asLong();
    }

    private static Map<String, String> readIds(Path file) throws IOException {
        Map<String, String> ids = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int tab = line.indexOf('\t');
            if (tab > 0) ids.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return ids;
    }

    private static void store(Properties state, Path file) throws IOException {
        try (var out = Files.newBufferedWriter(file)) {
            state.store(out, "radbridge bench fhir: what is loaded in this directory");
        }
    }

    /**
     * The Patient ids the searches by patient use, checked against the server: loads before this check took them from
     * the transaction responses by position, which named other resources of the batch, so every search by patient
     * matched nothing (and was fast). If any of a sample of ids is not the Patient of its MRN, the Patients are read
     * back through the DAO (no REST request, so no audit events; at most HAPI's internal limit of 10,000) and the id
     * file rewritten.
     */
    private static Map<String, String> checkedPatientIds(ConfigurableApplicationContext ctx, String mrnSystem, Map<String, String> ids, Path idsFile)
            throws IOException {
        @SuppressWarnings("unchecked")
        ca.uhn.fhir.jpa.api.dao.IFhirResourceDao<org.hl7.fhir.r4.model.Patient> patients =
                (ca.uhn.fhir.jpa.api.dao.IFhirResourceDao<org.hl7.fhir.r4.model.Patient>) ctx.getBean(ca.uhn.fhir.jpa.api.dao.DaoRegistry.class).getResourceDao("Patient");
        int checked = 0, wrong = 0;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            if (checked == 20) break;
            checked++;
            try {
                org.hl7.fhir.r4.model.Patient p = patients.read(new org.hl7.fhir.r4.model.IdType("Patient", e.getValue()), new ca.uhn.fhir.rest.api.server.SystemRequestDetails());
                if (p.getIdentifier().stream().noneMatch(i -> isMrn(i, mrnSystem) && e.getKey().equals(i.getValue()))) wrong++;
            } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException notAPatient) {
                wrong++;
            }
        }
        if (wrong == 0 && ids.size() > 0) return ids;
        System.err.printf(Locale.ROOT, "bench fhir: %d of %d patient ids in %s are not their patient's; reading the Patients back%n", wrong, checked, idsFile);
        Map<String, String> fresh = new HashMap<>();
        // one synchronous search: HAPI stops it at its internal limit (10,000 Patients); the searches by patient then
        // use the studies of the patients read back (see below), a uniform sample of them
        for (var r : patients.search(ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous(),
                new ca.uhn.fhir.rest.api.server.SystemRequestDetails()).getAllResources()) {
            org.hl7.fhir.r4.model.Patient p = (org.hl7.fhir.r4.model.Patient) r;
            p.getIdentifier().stream().filter(i -> isMrn(i, mrnSystem)).findFirst()
                    .ifPresent(i -> fresh.put(i.getValue(), p.getIdElement().getIdPart()));
        }
        StringBuilder b = new StringBuilder();
        fresh.forEach((mrn, id) -> b.append(mrn).append('\t').append(id).append('\n'));
        Files.writeString(idsFile, b);
        System.err.printf(Locale.ROOT, "bench fhir: %d Patient ids written to %s%n", fresh.size(), idsFile);
        return fresh;
    }

    /** The MRN system is the configured one, or it followed by ':' and the issuer of the patient id. */
    private static boolean isMrn(org.hl7.fhir.r4.model.Identifier i, String mrnSystem) {
        return i.getSystem() != null && (i.getSystem().equals(mrnSystem) || i.getSystem().startsWith(mrnSystem + ":"));
    }

    /**
     * Both sides must answer the same question with pages of the same size for the ratio to mean anything: the first
     * studies' queries are sent once to each and the number of studies in the answers compared (FHIR entries vs
     * QIDO-RS results; both pages hold at most 50). Differences are printed, not fatal: the stores are loaded apart.
     */
    private static void compareAnswers(String kind, HttpClient http, List<BenchStudies.Study> studies,
                                       Function<BenchStudies.Study, HttpRequest> fhir, Function<BenchStudies.Study, HttpRequest> qido) throws Exception {
        int n = Math.min(20, studies.size()), same = 0;
        long fhirStudies = 0, qidoStudies = 0;
        for (int i = 0; i < n; i++) {
            HttpResponse<String> f = http.send(fhir.apply(studies.get(i)), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> q = http.send(qido.apply(studies.get(i)), HttpResponse.BodyHandlers.ofString());
            int a = f.statusCode() == 200 ? JSON.readTree(f.body()).path("entry").size() : -1;
            int b = q.statusCode() == 200 ? JSON.readTree(q.body()).size() : q.statusCode() == 204 ? 0 : -1;
            fhirStudies += Math.max(a, 0);
            qidoStudies += Math.max(b, 0);
            if (a == b) same++;
        }
        System.out.printf(Locale.ROOT, "answers compared, %s: %d of %d queries return as many studies on both sides (%d FHIR, %d QIDO-RS in all)%n",
                kind, same, n, fhirStudies, qidoStudies);
    }

    /** {@code cpu}: sampled around the timed window (not the warm-up), or null to leave the CPU figures out. */
    private static Stats measure(String label, HttpClient http, List<BenchStudies.Study> studies, Function<BenchStudies.Study, HttpRequest> query,
                                 int clients, double warmUpSeconds, double seconds, ServerCpu cpu) throws Exception {
        run(http, studies, query, clients, warmUpSeconds, 1);
        ServerCpu.Sample before = cpu == null ? null : cpu.sample();
        Stats timed = run(http, studies, query, clients, seconds, 2).withLabel(label);
        return cpu == null ? timed : timed.withCpu(cpu.sample().perRequest(before, timed.n() + timed.errors()));
    }

    private static Stats run(HttpClient http, List<BenchStudies.Study> studies, Function<BenchStudies.Study, HttpRequest> query, int clients, double seconds, long seed)
            throws Exception {
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        // named so that ServerCpu leaves the clients' own CPU out of the server's
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, ServerCpu.CLIENT_THREADS + threads.incrementAndGet()));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<long[]>> futures = new ArrayList<>();
        long[] errors = new long[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed * 100 + client);
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    BenchStudies.Study st = studies.get(random.nextInt(studies.size()));
                    long t = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(query.apply(st), HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - t;
                    if (r.statusCode() != 200) {
                        if (errors[client]++ == 0) System.err.println("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).lines().limit(5).toList());
                        continue;
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = took;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) all.add(f.get());
        pool.shutdownNow();
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long errs = Arrays.stream(errors).sum();
        if (lat.length == 0) return new Stats("", 0, Double.NaN, Double.NaN, 0, errs, Double.NaN, Double.NaN, Double.NaN);
        return new Stats("", lat.length, lat[(int) (lat.length * 0.50)] / 1e6, lat[Math.min(lat.length - 1, (int) (lat.length * 0.99))] / 1e6,
                lat.length / seconds, errs, Double.NaN, Double.NaN, Double.NaN);
    }

    private static HttpRequest fhir(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build();
    }

    private static HttpRequest qido(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/dicom+json").GET().build();
    }

    /** The 1-minute load average: on a shared machine it tells how much else competed for the cores. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dicomDate(LocalDate d) {
        return d.toString().replace("-", "");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
