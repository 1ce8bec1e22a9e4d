package org.radbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.map.CurrentMappings;
import org.radbridge.server.E2eSupport;
import org.radbridge.server.InProcessServer;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interface engineer's loop on the real stack, through the command line handing work to a
 * running server: a study with a description nobody has mapped tops `mappings report`; a broken
 * edit is refused by `mappings reload` with file:line errors and the server keeps its mappings;
 * the fixed edit is applied without restart; `omop rebuild` changes FHIR procedureCode and OMOP
 * procedure_concept_id of the existing study; `vocab import` of an Athena download then makes the
 * mapping resolve to the Athena standard concept. Runs on a copy of mappings/ and terminology/.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MappingsEndToEndTest {
    private static final String UNSEEN = "ZZ UNSEEN EXAM";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InProcessServer server;
    private Path work;
    private Path home;
    private ConfigurableApplicationContext ctx;
    private int httpPort;
    private String unseenUid;
    private String procedureCsv;

    @BeforeAll
    void start() throws Exception {
        Path realHome = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("radbridge-mappings-e2e");
        home = work.resolve("home");
        copy(realHome.resolve("mappings"), home.resolve("mappings"));
        copy(realHome.resolve("terminology/codesystems"), home.resolve("terminology/codesystems"));
        Files.copy(realHome.resolve("terminology/fhir-codesystems.csv"), home.resolve("terminology/fhir-codesystems.csv"));
        procedureCsv = Files.readString(home.resolve("mappings/procedure.csv"));

        Path pacs = work.resolve("pacs");
        new SyntheticPacsGenerator(new GenerateOptions(2, 5L, pacs)).generate();
        unseenUid = E2eSupport.renameOneStudy(pacs.resolve("dicom"), UNSEEN);

        server = InProcessServer.in(work).home(home).pseudonymKey("mappings-e2e-key-0123456789").start();
        ctx = server.context();
        httpPort = server.httpPort();
        ServerLock.write(RadBridgeSettings.fromEnvironment(), ctx);
        IngestSummary s = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports")), "folder");
        assertThat(s.projectionProblems()).isEmpty();
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) server.close();
        InProcessServer.deleteTree(work);
    }

    @Test
    @Order(1)
    void theUnseenDescriptionTopsTheReportAndMapsToNothingYet() throws Exception {
        InProcessCli r = InProcessCli.run("mappings", "report");
        assertThat(r.rc()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("rank,field,source_value,normalised_key,status,mapped_to,records,example_study_uids");
        assertThat(lines.get(1)).isEqualTo("1,study_description," + UNSEEN + "," + UNSEEN + ",unmapped,,1," + unseenUid);
        long studies = count("SELECT count(*) FROM radbridge.study");
        assertThat(r.err()).contains("Coverage per field");
        InProcessCli coverage = InProcessCli.run("mappings", "report", "--coverage");
        assertThat(coverage.rc()).isZero();
        assertThat(coverage.out().lines().findFirst().orElse("")).isEqualTo("field,unit,records,mapped,mapped_by_rules_only,coverage_percent");
        assertThat(coverage.out().lines().toList()).contains("study_description,studies," + studies + "," + (studies - 1) + ","
                + (studies - 1 - directlyMapped()) + "," + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * (studies - 1) / studies));
        assertThat(procedureCodes()).isEmpty();
        // each study has one DEVICE_EXPOSURE per scanner, mapped to the site device concepts, of the study's person
        assertThat(count("SELECT count(*) FROM omop.device_exposure")).isGreaterThanOrEqualTo(studies);
        assertThat(count("SELECT count(*) FROM omop.device_exposure WHERE device_concept_id < 2000000000")).isZero();
        assertThat(count("SELECT count(*) FROM omop.device_exposure d LEFT JOIN omop.person p ON p.person_id = d.person_id "
                + "WHERE p.person_id IS NULL")).isZero();
        // the mappings are published as ConceptMaps at start: $translate answers from them
        assertThat(translate("CT CHEST WO")).isEqualTo("29252-4");
        assertThat(translate(UNSEEN)).isNull();
        assertThat(count("SELECT procedure_concept_id FROM omop.procedure_occurrence p JOIN radbridge.omop_id_map m ON m.omop_id = "
                + "p.procedure_occurrence_id AND m.kind = 'procedure_occurrence' WHERE m.natural_key = '" + unseenUid + "'")).isZero();
    }

    @Test
    @Order(2)
    void theCodeSystemsArePublishedAtStartAndLookupAnswersFromThem() throws Exception {
        // one CodeSystem per url, a fragment for the external systems, complete for the site-defined devices
        JsonNode snomed = onlyCodeSystem("http://snomed.info/sct");
        assertThat(snomed.path("content").asText()).isEqualTo("fragment");
        JsonNode devices = onlyCodeSystem("urn:radbridge:vocabulary:RadBridge-Device");
        assertThat(devices.path("content").asText()).isEqualTo("complete");
        assertThat(onlyCodeSystem("http://loinc.org").path("content").asText()).isEqualTo("fragment");
        assertThat(onlyCodeSystem("http://radlex.org").path("content").asText()).isEqualTo("fragment");
        assertThat(onlyCodeSystem("http://dicom.nema.org/resources/ontology/DCM").path("content").asText()).isEqualTo("fragment");

        assertThat(lookup("http://snomed.info/sct", "816094009")).isEqualTo("Chest");
        assertThat(lookup("http://loinc.org", "29252-4")).isEqualTo("CT Chest WO contrast");
        assertThat(lookup("http://dicom.nema.org/resources/ontology/DCM", "CT")).isEqualTo("Computed Tomography");
        assertThat(lookup("urn:radbridge:vocabulary:RadBridge-Device", "SIEMENS-SOMATOM-FORCE")).isEqualTo("SIEMENS SOMATOM Force (CT scanner)");
        assertThat(lookup("urn:radbridge:vocabulary:RadBridge-Device", "NO-SUCH-SCANNER")).isNull();

        // $translate of the device mapping lands on a code of the published site code system
        JsonNode match = translateMatch("device", "SIEMENS^SOMATOM FORCE");
        assertThat(match.path("system").asText()).isEqualTo("urn:radbridge:vocabulary:RadBridge-Device");
        assertThat(lookup(match.path("system").asText(), match.path("code").asText())).isEqualTo("SIEMENS SOMATOM Force (CT scanner)");
        JsonNode chest = translateMatch("body_part", "CHEST");
        assertThat(chest.path("system").asText()).isEqualTo("http://snomed.info/sct");
        assertThat(lookup("http://snomed.info/sct", chest.path("code").asText())).isEqualTo("Chest");
    }

    @Test
    @Order(3)
    void aReloadRepublishesTheCodeSystemsIdempotentlyAndAnEditedOneReplacesItsPredecessor() throws Exception {
        JsonNode before = onlyCodeSystem("http://snomed.info/sct");
        JsonNode devicesBefore = onlyCodeSystem("urn:radbridge:vocabulary:RadBridge-Device");
        Path devices = home.resolve("terminology/codesystems/site-devices.csv");
        String original = Files.readString(devices);
        assertThat(InProcessCli.run("mappings", "reload").rc()).isZero();
        // unchanged files: same resource, same version, no new history entry
        JsonNode after = onlyCodeSystem("http://snomed.info/sct");
        assertThat(after.path("id").asText()).isEqualTo(before.path("id").asText());
        assertThat(after.path("meta").path("versionId").asText()).isEqualTo(before.path("meta").path("versionId").asText());

        Files.writeString(devices, original + "RadBridge Device,TEST-SCANNER-9,Test Scanner 9 (CT scanner),Device,Device Model,S,,"
                + "site-defined (no published code system): test,\n");
        try {
            assertThat(InProcessCli.run("mappings", "reload").rc()).isZero();
            JsonNode edited = onlyCodeSystem("urn:radbridge:vocabulary:RadBridge-Device");
            assertThat(edited.path("id").asText()).isEqualTo(devicesBefore.path("id").asText());
            assertThat(edited.path("version").asText()).isNotEqualTo(devicesBefore.path("version").asText());
            assertThat(edited.path("count").asInt()).isEqualTo(devicesBefore.path("count").asInt() + 1);
            assertThat(lookup("urn:radbridge:vocabulary:RadBridge-Device", "TEST-SCANNER-9")).isEqualTo("Test Scanner 9 (CT scanner)");
        } finally {
            Files.writeString(devices, original);
            assertThat(InProcessCli.run("mappings", "reload").rc()).isZero();
        }
    }

    @Test
    @Order(4)
    void aBrokenEditIsRefusedWithFileAndLineAndTheServerKeepsItsMappings() throws Exception {
        int line = (int) procedureCsv.lines().count() + 1;
        Files.writeString(home.resolve("mappings/procedure.csv"), procedureCsv
                + UNSEEN + ",Study description,typo in the code,,LOINC,24590-9,1970-01-01,2099-12-31,\n");
        String rules = Files.readString(home.resolve("mappings/study-description-rules.csv"));
        int rulesLine = (int) rules.lines().count() + 1;
        Files.writeString(home.resolve("mappings/study-description-rules.csv"), rules + "900,ZZ (UNSEEN,X,ZZ UNSEEN EXAM,broken\n");

        InProcessCli r = InProcessCli.run("mappings", "reload");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("procedure.csv:" + line + ": unknown target code LOINC 24590-9 (not in terminology/)")
                .contains("study-description-rules.csv:" + rulesLine + ": pattern 'ZZ (UNSEEN' does not compile: Unclosed group at the end of the pattern")
                .contains("Reload refused: the server keeps its previous mappings.");
        HttpResponse<String> rest = http("POST", "/api/mappings/reload");
        assertThat(rest.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(rest.body()).path("status").asText()).isEqualTo("refused");
        assertThat(InProcessCli.run("mappings", "validate").rc()).isEqualTo(1);

        assertThat(JSON.readTree(http("GET", "/actuator/health").body()).path("status").asText()).isEqualTo("UP");
        CurrentMappings current = ctx.getBean(CurrentMappings.class);
        assertThat(current.lookup("procedure", "CT CHEST W/O CONTRAST", null)).isPresent();
        assertThat(current.lookup("procedure", UNSEEN, null)).isEmpty();
        Files.writeString(home.resolve("mappings/study-description-rules.csv"), rules);
    }

    @Test
    @Order(5)
    void theFixedEditIsAppliedWithoutRestartAndReprojectsTheStudiesItChanges() throws Exception {
        Files.writeString(home.resolve("mappings/procedure.csv"), procedureCsv
                + UNSEEN + ",Study description,site protocol for the brain,,LOINC,24590-2,1970-01-01,2099-12-31,\n");
        InProcessCli reload = InProcessCli.run("mappings", "reload");
        assertThat(reload.rc()).as(reload.err()).isZero();
        assertThat(reload.out()).contains("Mappings reloaded on http://127.0.0.1:" + httpPort)
                .contains("Re-projecting in the background what the edit changes: 1 studies");
        assertThat(translate(UNSEEN)).isEqualTo("24590-2");

        // the reload alone re-projects the one study whose description now maps, in the background
        long loinc = count("SELECT concept_id FROM omop.concept WHERE vocabulary_id = 'LOINC' AND concept_code = '24590-2'");
        long deadline = System.currentTimeMillis() + 120_000;
        // the OMOP row is visible before the projection marks the study clean: wait for both
        while ((procedureConceptId() != loinc || count("SELECT count(*) FROM radbridge.study WHERE dirty") != 0)
                && System.currentTimeMillis() < deadline) Thread.sleep(250);
        assertThat(procedureConceptId()).isEqualTo(loinc);
        assertThat(procedureCodes().get(0).path("code").asText()).isEqualTo("24590-2");
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();

        // reloading the same files again changes no mapped value: nothing to re-project
        InProcessCli again = InProcessCli.run("mappings", "reload");
        assertThat(again.out()).contains("nothing to re-project");

        InProcessCli rebuild = InProcessCli.run("omop", "rebuild");
        assertThat(rebuild.rc()).as(rebuild.err()).isZero();
        JsonNode coding = procedureCodes();
        assertThat(coding.size()).isEqualTo(1);
        assertThat(coding.get(0).path("system").asText()).isEqualTo("http://loinc.org");
        assertThat(coding.get(0).path("code").asText()).isEqualTo("24590-2");
        assertThat(loinc).isGreaterThanOrEqualTo(2_000_000_000L);
        assertThat(procedureConceptId()).isEqualTo(loinc);

        InProcessCli report = InProcessCli.run("mappings", "report");
        assertThat(report.out()).doesNotContain(",unmapped,");
        long studies = count("SELECT count(*) FROM radbridge.study");
        assertThat(InProcessCli.run("mappings", "report", "--coverage").out()).contains("study_description,studies," + studies + "," + studies + ",");
    }

    @Test
    @Order(6)
    void anAthenaImportMakesTheMappingResolveToTheStandardConcept() throws Exception {
        Path athena = Files.createDirectories(work.resolve("athena"));
        Files.writeString(athena.resolve("CONCEPT.csv"), "concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\t"
                + "standard_concept\tconcept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason\n"
                + "91000001\tMR Brain (test fixture)\tProcedure\tLOINC\tClinical Observation\tS\t24590-2\t19700101\t20991231\t\n");
        Files.writeString(athena.resolve("CONCEPT_RELATIONSHIP.csv"), "concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\t"
                + "valid_end_date\tinvalid_reason\n91000001\t91000001\tMaps to\t19700101\t20991231\t\n");
        InProcessCli imp = InProcessCli.run("vocab", "import", athena.toString());
        assertThat(imp.rc()).as(imp.err() + imp.out()).isZero();
        assertThat(imp.out()).contains("CONCEPT ").contains("Mappings reloaded");
        assertThat(InProcessCli.run("fhir", "rebuild").rc()).isZero();
        assertThat(procedureConceptId()).isEqualTo(91000001L);
    }

    // --- helpers ---------------------------------------------------------------------------

    private long directlyMapped() throws Exception {
        CurrentMappings m = ctx.getBean(CurrentMappings.class);
        long n = 0;
        try (Connection c = db().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT study_description FROM radbridge.study")) {
            while (rs.next()) {
                if (m.resolve("procedure", rs.getString(1), null).match() == org.radbridge.mappings.MappingSet.Match.DIRECT) n++;
            }
        }
        return n;
    }

    private JsonNode procedureCodes() throws Exception {
        HttpResponse<String> r = http("GET", "/fhir/ImagingStudy?identifier=urn:dicom:uid%7Curn:oid:" + unseenUid);
        JsonNode bundle = JSON.readTree(r.body());
        assertThat(bundle.path("total").asInt()).as(r.body()).isEqualTo(1);
        JsonNode codes = bundle.path("entry").get(0).path("resource").path("procedureCode");
        return codes.isMissingNode() ? JSON.createArrayNode() : codes.get(0).path("coding");
    }

    /** ConceptMap/$translate of a normalised study-description key; the LOINC code, or null when there is no match. */
    private String translate(String key) throws Exception {
        HttpResponse<String> r = http("GET", "/fhir/ConceptMap/$translate?url=urn:radbridge:conceptmap:procedure"
                + "&system=urn:radbridge:source:procedure&code=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode params = JSON.readTree(r.body()).path("parameter");
        String code = null;
        boolean result = false;
        for (JsonNode p : params) {
            if (p.path("name").asText().equals("result")) result = p.path("valueBoolean").asBoolean();
            if (p.path("name").asText().equals("match")) {
                for (JsonNode part : p.path("part")) {
                    if (part.path("name").asText().equals("concept")) code = part.path("valueCoding").path("code").asText();
                }
            }
        }
        return result ? code : null;
    }

    /** The one CodeSystem resource of a url (fails if there are none or several). */
    private JsonNode onlyCodeSystem(String url) throws Exception {
        HttpResponse<String> r = http("GET", "/fhir/CodeSystem?url=" + java.net.URLEncoder.encode(url, StandardCharsets.UTF_8) + "&_elements=url,version,content,count");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode bundle = JSON.readTree(r.body());
        assertThat(bundle.path("total").asInt()).as(url).isEqualTo(1);
        return bundle.path("entry").get(0).path("resource");
    }

    /** CodeSystem/$lookup: the display, or null when the server does not know the code. */
    private String lookup(String system, String code) throws Exception {
        HttpResponse<String> r = http("GET", "/fhir/CodeSystem/$lookup?system=" + java.net.URLEncoder.encode(system, StandardCharsets.UTF_8)
                + "&code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8));
        if (r.statusCode() == 404 || r.statusCode() == 400) return null;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode p : JSON.readTree(r.body()).path("parameter")) {
            if (p.path("name").asText().equals("display")) return p.path("valueString").asText();
        }
        return null;
    }

    /** The matched Coding of ConceptMap/$translate on a mapping's normalised source code. */
    private JsonNode translateMatch(String mapping, String key) throws Exception {
        HttpResponse<String> r = http("GET", "/fhir/ConceptMap/$translate?url=urn:radbridge:conceptmap:" + mapping
                + "&system=urn:radbridge:source:" + mapping + "&code=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode p : JSON.readTree(r.body()).path("parameter")) {
            if (!p.path("name").asText().equals("match")) continue;
            for (JsonNode part : p.path("part")) {
                if (part.path("name").asText().equals("concept")) return part.path("valueCoding");
            }
        }
        throw new AssertionError("no match for " + key + " in " + r.body());
    }

    private long procedureConceptId() throws Exception {
        return count("SELECT procedure_concept_id FROM omop.procedure_occurrence p JOIN radbridge.omop_id_map m ON m.omop_id = "
                + "p.procedure_occurrence_id AND m.kind = 'procedure_occurrence' WHERE m.natural_key = '" + unseenUid + "'");
    }

    private HttpResponse<String> http(String method, String path) throws Exception {
        HttpRequest.Builder b = E2eSupport.asAdmin(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)), work.resolve("data"))
                .header("Accept", path.startsWith("/fhir") ? "application/fhir+json" : "application/json");
        b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody());
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private DataSource db() {
        return ctx.getBean("radbridgeDataSource", DataSource.class);
    }

    private long count(String sql) throws Exception {
        return E2eSupport.count(db(), sql);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
