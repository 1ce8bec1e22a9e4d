package org.radbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.server.E2eSupport;
import org.radbridge.server.InProcessServer;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user pipes it: each command runs as its own process (this test's class path, the same code as
 * the jar), its standard output is parsed strictly (TSV counts, CSV with Commons CSV, JSON lines, a token) and holds
 * nothing else; no WARN line appears in the log of a normal run. Then the start-up race: {@code ingest} started at
 * many points of {@code serve}'s start-up, and before it, hands over or waits, and every one succeeds.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EverydayUseEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path work;
    private Path data;
    private Path pacs;
    private int httpPort;
    private int dbPort;

    @BeforeAll
    void setUp() throws Exception {
        work = Files.createTempDirectory("radbridge-everyday");
        data = work.resolve("data");
        pacs = work.resolve("pacs");
        new SyntheticPacsGenerator(new GenerateOptions(2, 15L, pacs)).generate();
        httpPort = E2eSupport.freePort();
        dbPort = E2eSupport.freePort();
    }

    @AfterAll
    void tearDown() throws IOException {
        InProcessServer.deleteTree(work);
    }

    @Test
    @Order(1)
    void ingestPrintsOnlyCountsOnStandardOutput() throws Exception {
        Run r = run(Duration.ofMinutes(8), "ingest", pacs.resolve("dicom").toString(), pacs.resolve("reports").toString());
        assertThat(r.rc).as(r.err).isZero();
        Map<String, Long> counts = tsvCounts(r.out);
        assertThat(counts).containsKeys("files", "instances_new", "quarantined", "radbridge.study", "omop.person", "FHIR ImagingStudy");
        assertThat(counts.get("quarantined")).isZero();
        assertThat(counts.get("FHIR ImagingStudy")).isEqualTo(counts.get("radbridge.study")).isPositive();
        assertThat(r.err).contains("Ingest: ");
        assertNoWarnings(r);
    }

    @Test
    @Order(2)
    void dataCommandsPrintOnlyTheirResult() throws Exception {
        Run report = run(Duration.ofMinutes(3), "mappings", "report");
        assertThat(report.rc).as(report.err).isZero();
        List<CSVRecord> todo = strictCsv(report.out, "rank", "field", "source_value", "normalised_key", "status", "mapped_to", "records",
                "example_study_uids");
        assertThat(todo).allSatisfy(x -> assertThat(Long.parseLong(x.get("records"))).isPositive());

        // --verbose adds the log to standard error; standard output stays the same CSV
        Run verbose = run(Duration.ofMinutes(3), "mappings", "report", "--verbose");
        assertThat(verbose.rc).as(verbose.err).isZero();
        assertThat(verbose.out).isEqualTo(report.out);
        assertThat(verbose.err).contains(" INFO ").contains("Database: starting embedded PostgreSQL");
        assertThat(report.err).doesNotContain(" INFO ");

        Run coverage = run(Duration.ofMinutes(3), "mappings", "report", "--coverage");
        List<CSVRecord> fields = strictCsv(coverage.out, "field", "unit", "records", "mapped", "mapped_by_rules_only", "coverage_percent");
        assertThat(fields).extracting(x -> x.get("field")).contains("study_description", "modality");

        Path out = work.resolve("export");
        Run export = run(Duration.ofMinutes(3), "omop", "export", "--format", "parquet", "--out", out.toString());
        assertThat(export.rc).as(export.err).isZero();
        Map<String, Long> rows = tsvCounts(export.out);
        assertThat(rows).containsKeys("person", "concept", "image_occurrence", "note_nlp");
        assertThat(rows.get("person")).isPositive();
        assertThat(out.resolve("person/part-00000.parquet")).isRegularFile();

        Run token = run(Duration.ofMinutes(1), "token", "create", "--name", "analyst", "--role", "reader");
        assertThat(token.rc).as(token.err).isZero();
        assertThat(token.out).matches("rb_[A-Za-z0-9_-]{20,}\n");

        Path report1 = Files.writeString(work.resolve("report.txt"), "FINDINGS: Small left pleural effusion. No pneumothorax.\n");
        Run nlp = run(Duration.ofMinutes(3), "nlp", report1.toString());
        assertThat(nlp.rc).as(nlp.err).isZero();
        List<String> lines = nlp.out.lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) assertThat(JSON.readTree(line).isObject()).as(line).isTrue();

        Run validate = run(Duration.ofMinutes(1), "mappings", "validate");
        assertThat(validate.rc).as(validate.err).isZero();

        // the OMOP view rebuilt through the database alone: counts only; nothing is left waiting for FHIR
        Run rebuild = run(Duration.ofMinutes(5), "omop", "rebuild");
        assertThat(rebuild.rc).as(rebuild.err).isZero();
        Map<String, Long> projected = tsvCounts(rebuild.out);
        assertThat(projected).containsOnlyKeys("studies_projected", "reports_projected", "not_projected", "reports_waiting");
        assertThat(projected.get("studies_projected")).isPositive();
        assertThat(projected.get("not_projected")).isZero();
        assertThat(rebuild.err).contains("into OMOP").doesNotContain("FHIR projection");

        Run recipes = run(Duration.ofMinutes(2), "recipe", "list");
        assertThat(recipes.rc).as(recipes.err).isZero();
        assertThat(recipes.out.lines().toList()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("[a-z0-9-]+\t[^\t]+(\t\\(aggregate\\))?"));
        for (Run r : List.of(report, coverage, export, token, nlp, validate, rebuild, recipes)) assertNoWarnings(r);
    }

    @Test
    @Order(3)
    void ingestStartedAtManyPointsOfTheServersStartUpHandsOverAndSucceeds() throws Exception {
        // one ingest holds the database when the server starts: the server waits for it
        Process first = start(work.resolve("ingest-0.out"), work.resolve("ingest-0.err"), "ingest", pacs.resolve("dicom").toString());
        waitFor(() -> Files.exists(data.resolve("radbridge.lock")) && isHeld(first), Duration.ofSeconds(30));
        Process serve = start(work.resolve("serve.out"), work.resolve("serve.err"), "serve");
        List<Process> ingests = new ArrayList<>(List.of(first));
        long t0 = System.nanoTime();
        try {
            // then ingests at 0.5, 1, 2, 4 ... s into the server's start-up (before its announcement, while it waits for
            // the lock, while it starts) until it answers, at most eight; and one more once it is ready
            long delayMillis = 500;
            while (!ready()) {
                assertThat(serve.isAlive()).as(read(work.resolve("serve.err"))).isTrue();
                assertThat(System.nanoTime() - t0).as("server start").isLessThan(Duration.ofMinutes(8).toNanos());
                if (ingests.size() <= 8 && System.nanoTime() - t0 >= delayMillis * 1_000_000) {
                    int i = ingests.size();
                    ingests.add(start(work.resolve("ingest-" + i + ".out"), work.resolve("ingest-" + i + ".err"), "ingest",
                            pacs.resolve("reports").toString()));
                    delayMillis *= 2;
                }
                Thread.sleep(100);
            }
            int i = ingests.size();
            ingests.add(start(work.resolve("ingest-" + i + ".out"), work.resolve("ingest-" + i + ".err"), "ingest", pacs.resolve("reports").toString()));
            assertThat(ingests.size()).isGreaterThanOrEqualTo(3);
            boolean sawWait = false;
            for (int k = 0; k < ingests.size(); k++) {
                Process p = ingests.get(k);
                assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("ingest " + k + " finished").isTrue();
                String err = read(work.resolve("ingest-" + k + ".err"));
                assertThat(p.exitValue()).as("ingest " + k + ": " + err).isZero();
                assertThat(tsvCounts(read(work.resolve("ingest-" + k + ".out")))).containsKey("radbridge.report");
                assertThat(err).doesNotContain("could not lock");
                sawWait |= err.contains("is starting on data directory");
            }
            assertThat(sawWait).as("some ingest found the server starting and waited for it").isTrue();
            assertThat(read(work.resolve("serve.err"))).contains("waiting for the command running on data directory");
            assertThat(serve.isAlive()).isTrue();
        } finally {
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
            ingests.forEach(Process::destroyForcibly);
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private record Run(int rc, String out, String err) {}

    private Run run(Duration timeout, String... args) throws Exception {
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        Process p = start(out, err, args);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish within " + timeout + "\n" + read(err));
        }
        return new Run(p.exitValue(), read(out), read(err));
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("RADBRIDGE_HOME", Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize().toString());
        env.put("RADBRIDGE_DATA", data.toString());
        env.put("RADBRIDGE_HTTP_PORT", String.valueOf(httpPort));
        env.put("RADBRIDGE_DB_PORT", String.valueOf(dbPort));
        env.put("RADBRIDGE_DICOM_PORT", String.valueOf(E2eSupport.freePort()));
        env.put("RADBRIDGE_MLLP_PORT", String.valueOf(E2eSupport.freePort()));
        env.put("RADBRIDGE_PSEUDONYM_KEY", "everyday-e2e-key-0123456789");
        env.put("RADBRIDGE_NLP_WARM_UP", "false");
        return pb.start();
    }

    private boolean ready() {
        if (!Files.exists(data.resolve("server.url"))) return false;
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The in-process ingest holds the data directory's lock once it wrote its pid into the lock file. */
    private boolean isHeld(Process p) {
        try {
            return Files.readString(data.resolve("radbridge.lock")).trim().equals(String.valueOf(p.pid()));
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + timeout);
            Thread.sleep(100);
        }
    }

    /** Every line "name TAB integer", nothing else. */
    private static Map<String, Long> tsvCounts(String out) {
        Map<String, Long> counts = new LinkedHashMap<>();
        assertThat(out).isNotEmpty().endsWith("\n");
        for (String line : out.split("\n", -1)) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            assertThat(f).as("line '%s'", line).hasSize(2);
            counts.put(f[0], Long.parseLong(f[1]));
        }
        return counts;
    }

    /** RFC 4180 with exactly the expected header; every record as long as the header. */
    private static List<CSVRecord> strictCsv(String out, String... header) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(out))) {
            assertThat(p.getHeaderNames()).containsExactly(header);
            List<CSVRecord> records = p.getRecords();
            assertThat(records).allSatisfy(x -> assertThat(x.size()).as("record %d", x.getRecordNumber()).isEqualTo(header.length));
            return records;
        }
    }

    private void assertNoWarnings(Run r) throws IOException {
        assertThat(r.err).doesNotContain(" WARN ").doesNotContain("WARNING");
        Path log = data.resolve("logs/radbridge.log");
        assertThat(log).isRegularFile();
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
