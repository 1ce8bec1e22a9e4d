package org.radbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.GenerationSummary;
import org.radbridge.bench.generate.StudySizeProfile;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.bench.peer.OrthancPeer;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.server.security.TokenStore;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * `radbridge bench fhir`: ImagingStudy searches an EHR makes (by patient, by modality and date range, by Study Instance
 * UID) against RadBridge's FHIR API and the equivalent QIDO-RS study queries against Orthanc (DICOMweb plugin, its index
 * on the default SQLite), over the same generated studies in the same run: loaded through the real pipeline into
 * RadBridge and through Orthanc's REST API into Orthanc. A Java client with several connections on loopback runs each
 * kind of query for a fixed time after a warm-up; p50, p99 and throughput per kind, and the ratio to Orthanc.
 */
final class FhirBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Study(String uid, String mrn, String issuer, LocalDate date, String modality) {}

    private record Stats(String label, int n, double p50, double p99, double perSecond, long errors) {
        Stats withLabel(String l) { return new Stats(l, n, p50, p99, perSecond, errors); }
    }

    private FhirBench() {}

    static int run(String[] args) throws Exception {
        int patients = 300;
        int clients = 4;
        double seconds = 20;
        double warmUp = 5;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "radbridge-bench-fhir");
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--patients" -> patients = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--warm-up-seconds" -> warmUp = Double.parseDouble(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> {
                    System.err.println("usage: radbridge bench fhir [--patients N] [--clients C] [--seconds S] [--warm-up-seconds S] [--dir DIR]");
                    return 2;
                }
            }
        }
        dir = dir.toAbsolutePath();
        deleteTree(dir);
        Path pacs = dir.resolve("pacs");
        GenerationSummary gen = new SyntheticPacsGenerator(new GenerateOptions(patients, 2025L, pacs, StudySizeProfile.DEMO)).generate();
        List<Path> files;
        try (Stream<Path> s = Files.walk(pacs.resolve("dicom"))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        System.err.printf(Locale.ROOT, "bench fhir: %d patients, %d studies, %d instances, %d reports generated in %s%n",
                gen.patients(), gen.studies(), files.size(), gen.reports(), pacs);

        System.setProperty("radbridge.data", dir.resolve("data").toString());
        for (String p : new String[] {"db", "http", "dicom", "mllp"}) System.setProperty("radbridge." + p + ".port", String.valueOf(freePort()));
        if (System.getenv("RADBRIDGE_PSEUDONYM_KEY") == null) System.setProperty("radbridge.pseudonym.key", "bench-only-key-not-secret-0123456789");
        System.setProperty("radbridge.quiet-period-seconds", "3600");
        try (ConfigurableApplicationContext ctx = ServerCommands.start(true);
             OrthancPeer orthanc = new OrthancPeer()) {
            long t0 = System.nanoTime();
            IngestSummary s = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports")), "folder");
            System.err.printf(Locale.ROOT, "RadBridge pipeline: %d studies projected in %.1f s%n", s.studiesProjected(), (System.nanoTime() - t0) / 1e9);
            List<Study> studies = studies(ctx.getBean("radbridgeDataSource", DataSource.class));
            String fhirBase = "http://127.0.0.1:" + System.getProperty("radbridge.http.port") + "/fhir";
            String token = ctx.getBean(TokenStore.class).localAdminToken().orElseThrow();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            Map<String, String> patientIds = patientIds(http, fhirBase, token, studies);

            if (!OrthancPeer.available() || !Files.exists(OrthancPeer.DICOMWEB_PLUGIN)) {
                System.err.println("Orthanc with its DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb): no peer, no ratios");
                return 1;
            }
            Path work = Files.createDirectories(dir.resolve("orthanc"));
            orthanc.start(work, List.of(OrthancPeer.DICOMWEB_PLUGIN));
            var up = orthanc.upload(files, clients);
            System.err.printf(Locale.ROOT, "Orthanc: %d instances stored in %.1f s (%d failed)%n", up.items(), up.seconds(), up.failed());
            String qido = "http://127.0.0.1:" + orthanc.port() + "/dicom-web/studies";

            Map<String, Function<Study, HttpRequest>> fhirQueries = new java.util.LinkedHashMap<>();
            Map<String, Function<Study, HttpRequest>> qidoQueries = new java.util.LinkedHashMap<>();
            fhirQueries.put("by patient", st -> fhir(fhirBase + "/ImagingStudy?patient=Patient/" + patientIds.get(st.issuer() + "|" + st.mrn()) + "&_count=50", token));
            qidoQueries.put("by patient", st -> qido(qido + "?PatientID=" + enc(st.mrn()) + "&limit=50"));
            fhirQueries.put("modality + date range", st -> fhir(fhirBase + "/ImagingStudy?modality=" + enc("http://dicom.nema.org/resources/ontology/DCM|" + st.modality())
                    + "&started=ge" + st.date().minusDays(15) + "&started=le" + st.date().plusDays(15) + "&_count=50", token));
            qidoQueries.put("modality + date range", st -> qido(qido + "?ModalitiesInStudy=" + st.modality() + "&StudyDate="
                    + dicomDate(st.date().minusDays(15)) + "-" + dicomDate(st.date().plusDays(15)) + "&limit=50"));
            fhirQueries.put("by Study Instance UID", st -> fhir(fhirBase + "/ImagingStudy?identifier=" + enc("urn:dicom:uid|urn:oid:" + st.uid()), token));
            qidoQueries.put("by Study Instance UID", st -> qido(qido + "?StudyInstanceUID=" + st.uid()));

            List<Stats> results = new ArrayList<>();
            for (String kind : fhirQueries.keySet()) {
                results.add(measure("RadBridge FHIR  " + kind, http, studies, fhirQueries.get(kind), clients, warmUp, seconds));
                results.add(measure("Orthanc QIDO-RS " + kind, http, studies, qidoQueries.get(kind), clients, warmUp, seconds));
            }
            System.out.printf(Locale.ROOT, "bench fhir: %d ImagingStudy (%d DiagnosticReport) over %d patients; %d client connections, %.0f s per query kind; "
                    + "%d cores, load average at the end %s%n", studies.size(), gen.reports(), gen.patients(), clients, seconds,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.printf(Locale.ROOT, "%-40s %9s %9s %9s %10s %7s%n", "query", "requests", "p50 ms", "p99 ms", "per s", "errors");
            for (Stats r : results)
                System.out.printf(Locale.ROOT, "%-40s %9d %9.1f %9.1f %10.1f %7d%n", r.label(), r.n(), r.p50(), r.p99(), r.perSecond(), r.errors());
            for (int i = 0; i + 1 < results.size(); i += 2) {
                Stats a = results.get(i), b = results.get(i + 1);
                System.out.printf(Locale.ROOT, "%-28s throughput RadBridge/Orthanc %.2f, p99 %.1f ms (target <= 50 ms: %s)%n",
                        a.label().substring("RadBridge FHIR  ".length()), a.perSecond() / b.perSecond(), a.p99(), a.p99() <= 50 ? "met" : "NOT met");
            }
            return 0;
        }
    }

    private static Stats measure(String label, HttpClient http, List<Study> studies, Function<Study, HttpRequest> query,
                                 int clients, double warmUpSeconds, double seconds) throws Exception {
        run(http, studies, query, clients, warmUpSeconds, 1);
        return run(http, studies, query, clients, seconds, 2).withLabel(label);
    }

    private static Stats run(HttpClient http, List<Study> studies, Function<Study, HttpRequest> query, int clients, double seconds, long seed)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
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
                    Study st = studies.get(random.nextInt(studies.size()));
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
        if (lat.length == 0) return new Stats("", 0, Double.NaN, Double.NaN, 0, errs);
        return new Stats("", lat.length, lat[(int) (lat.length * 0.50)] / 1e6, lat[Math.min(lat.length - 1, (int) (lat.length * 0.99))] / 1e6,
                lat.length / seconds, errs);
    }

    private static Map<String, String> patientIds(HttpClient http, String fhirBase, String token, List<Study> studies) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (Study st : studies) {
            String key = st.issuer() + "|" + st.mrn();
            if (ids.containsKey(key)) continue;
            // the MRN system as the projection writes it: urn:radbridge:mrn plus ':' and the issuer when there is one
            HttpResponse<String> r = http.send(fhir(fhirBase + "/ImagingStudy?_count=1&_elements=subject&identifier="
                    + enc("urn:dicom:uid|urn:oid:" + st.uid()), token), HttpResponse.BodyHandlers.ofString());
            JsonNode e = JSON.readTree(r.body()).path("entry");
            if (e.isEmpty()) throw new IOException("study not found in FHIR after the ingest: " + r.statusCode());
            ids.put(key, e.get(0).path("resource").path("subject").path("reference").asText().replace("Patient/", ""));
        }
        return ids;
    }

    private static List<Study> studies(DataSource ds) throws Exception {
        List<Study> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT st.study_instance_uid, st.patient_id, st.issuer_of_patient_id, st.study_date, min(i.modality) "
                     + "FROM radbridge.study st JOIN radbridge.instance i USING (study_instance_uid) WHERE st.study_date IS NOT NULL "
                     + "GROUP BY 1, 2, 3, 4 ORDER BY 1")) {
            while (rs.next()) out.add(new Study(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5)));
        }
        if (out.isEmpty()) throw new IllegalStateException("no staged study");
        return out;
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
