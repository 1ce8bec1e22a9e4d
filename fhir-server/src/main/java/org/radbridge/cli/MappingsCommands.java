package org.radbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.MappingsReport;
import org.radbridge.mappings.MappingSet;
import org.radbridge.server.mappings.MappingsService;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code radbridge mappings validate|report|reload} and {@code radbridge vocab import DIR}.
 * validate needs no database; report and import open the database alone ({@link DatabaseOnly}); reload, and an
 * import while a server runs, hand the work to the server on the same data directory.
 */
final class MappingsCommands {
    static final String USAGE = """
            usage: radbridge mappings validate          check mappings/*.csv and terminology/codesystems/*.csv, errors as file:line
                   radbridge mappings report [--coverage] [--out F]
                                                       unmapped and rule-only source values by frequency (CSV), or the
                                                       coverage per field (CSV) with --coverage
                   radbridge mappings reload            apply edited mapping files to the running server (refused if invalid)
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingsCommands() {}

    static int mappings(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        return switch (args[0]) {
            case "validate" -> validate(System.out, System.err);
            case "report" -> report(args);
            case "reload" -> reload(System.out, System.err);
            default -> {
                System.err.print(USAGE);
                yield 2;
            }
        };
    }

    static int vocab(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("import")) {
            System.err.println("usage: radbridge vocab import DIR   (an OHDSI Athena download: CONCEPT.csv, CONCEPT_RELATIONSHIP.csv ...)");
            return 2;
        }
        Path dir = Path.of(args[1]).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            System.err.println("radbridge vocab import: " + dir + " is not a directory");
            return 2;
        }
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        try (DatabaseOnly db = DatabaseOnly.open(s)) {
            if (db.viaServer()) {
                // the server holds the mappings in memory: it imports and reloads them itself
                System.err.println("A RadBridge server runs on this data directory: handing the import to it at " + ServerLock.url(s));
                HttpResponse<String> r = send(s, "POST", "/api/vocab/import", "{\"paths\":[" + JSON.writeValueAsString(dir.toString()) + "]}", Duration.ofHours(6));
                JsonNode body = JSON.readTree(r.body());
                if (r.statusCode() != 200) {
                    System.err.println("radbridge vocab import: " + body.path("error").asText(r.body()));
                    return 1;
                }
                System.out.print(body.path("summary").asText());
                return 0;
            }
            return importWithoutServer(db, dir);
        }
    }

    /**
     * The import on the database alone: the vocabulary tables, then the mappings reloaded against them, then the OMOP
     * view re-projected where the reload changed a mapped value (as the server would do), without HAPI FHIR. The FHIR
     * side of those studies (and the CodeSystems and ConceptMaps, published at every start) follows at the next serve.
     */
    private static int importWithoutServer(DatabaseOnly db, Path dir) throws Exception {
        org.radbridge.map.CurrentMappings mappings = db.currentMappings();
        try (OmopOnlyPipeline pipeline = new OmopOnlyPipeline(db, mappings)) {
            MappingsService service = new MappingsService(db.settings(), mappings, db.dataSource(), null);
            org.radbridge.map.MappingImpact impact = new org.radbridge.map.MappingImpact(db.dataSource());
            service.setReprojection(new MappingsService.Reprojection() {
                @Override
                public org.radbridge.map.MappingImpact.Affected mark(MappingSet before, MappingSet after) throws java.sql.SQLException {
                    return impact.markAffected(before, after);
                }

                @Override
                public void start() {
                    // run below, in this thread, once the import has finished
                }
            });
            System.err.println("Importing the Athena vocabulary from " + dir);
            String summary = service.importVocabulary(dir);
            org.radbridge.ingest.StudyProjector.Result r = pipeline.projector().projectDirty();
            System.err.println("Re-projected " + r.projected() + " studies and " + r.reportsProjected() + " reports into OMOP with the "
                    + "reloaded mappings" + (r.problems().isEmpty() ? "" : "; not re-projected: " + r.problems().size()));
            r.problems().forEach(p -> System.err.println("  not projected: " + p));
            pipeline.sayWhatFhirAwaits(System.err);
            System.out.print(summary);
            return 0;
        }
    }

    static int validate(PrintStream out, PrintStream err) throws IOException {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        MappingSet.Validation v = MappingsService.validate(s.terminologyDir(), s.mappingsDir());
        v.warnings().forEach(w -> err.println("warning: " + w));
        if (!v.ok()) {
            v.errors().forEach(err::println);
            err.println(v.errors().size() + (v.errors().size() == 1 ? " error" : " errors") + " in " + s.mappingsDir()
                    + " / " + s.terminologyDir());
            return 1;
        }
        int rules = v.mappings().rules("procedure").size();
        out.println("Mappings are valid: " + String.join(", ", v.mappings().mappingNames()) + " (" + rules
                + " study-description rules, each tested on its example)");
        return 0;
    }

    static int report(String[] args) throws Exception {
        Path outFile = null;
        boolean coverage = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) outFile = Path.of(args[++i]);
            else if (args[i].equals("--coverage")) coverage = true;
            else {
                System.err.print(USAGE);
                return 2;
            }
        }
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        MappingsReport.Result result;
        try (DatabaseOnly db = DatabaseOnly.open(s)) {
            // a read of staging with the mapping files as they are on disk, also when a server runs (its database is shared)
            result = new MappingsReport(db.dataSource(), new CurrentMappings(db.mappingSet())).run();
        }
        String csv = coverage ? result.coverageCsv() : result.todoCsv();
        if (!coverage) {
            System.err.println("Coverage per field (mapped / records; 'radbridge mappings report --coverage' gives it as CSV):");
            result.coverage().forEach(c -> System.err.printf(java.util.Locale.ROOT, "  %-28s %6.1f %%  (%d of %d %s, %d by rules only)%n",
                    c.field(), c.percent(), c.mapped(), c.records(), c.unit(), c.ruleOnly()));
        }
        if (outFile != null) {
            Files.writeString(outFile, csv, StandardCharsets.UTF_8);
            System.err.println("Wrote the mappings report to " + outFile.toAbsolutePath());
        } else {
            System.out.print(csv);
        }
        return 0;
    }

    static int reload(PrintStream out, PrintStream err) throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        ServerLock.awaitStartingServer(s);
        if (!ServerLock.running(s)) {
            err.println("No RadBridge server runs on data directory " + s.dataDir() + "; checking the files only.");
            int rc = validate(out, err);
            if (rc == 0) err.println("The server will use these mappings when it starts.");
            return rc;
        }
        HttpResponse<String> r = send(s, "POST", "/api/mappings/reload", "", Duration.ofMinutes(5));
        JsonNode body = JSON.readTree(r.body());
        body.path("warnings").forEach(w -> err.println("warning: " + w.asText()));
        if (r.statusCode() == 422) {
            body.path("errors").forEach(e -> err.println(e.asText()));
            err.println("Reload refused: the server keeps its previous mappings.");
            return 1;
        }
        if (r.statusCode() != 200) throw new IOException("server answered " + r.statusCode() + ": " + r.body());
        List<String> names = JSON.convertValue(body.path("mappings"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        out.println("Mappings reloaded on " + ServerLock.url(s) + ": " + String.join(", ", names));
        int studies = body.path("reprojectingStudies").asInt();
        int reports = body.path("reprojectingReports").asInt();
        if (studies + reports > 0)
            out.println("Re-projecting in the background what the edit changes: " + studies + " studies and " + reports
                    + " reports (FHIR and OMOP; progress in the server log).");
        else
            out.println("No staged study or report uses a changed mapping; nothing to re-project.");
        return 0;
    }

    private static HttpResponse<String> send(RadBridgeSettings s, String method, String path, String json, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = ServerLock.authorized(s, HttpRequest.newBuilder(URI.create(ServerLock.url(s) + path)).timeout(timeout));
        if (method.equals("GET")) b.GET();
        else b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
