package org.radbridge.server;

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
import org.radbridge.bench.generate.GenerationSummary;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.dicom.sr.SrContent;
import org.radbridge.dicom.sr.StructuredReportWriter;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.nlp.ctakes.LeanPipeline;
import org.radbridge.nlp.ctakes.Mention;
import org.radbridge.report.hl7.MllpClient;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thin path end to end on the real stack: embedded PostgreSQL, Flyway, HAPI FHIR JPA over HTTP,
 * PixelMed parsing, both projections, quarantine, idempotent re-ingest, and cTAKES in the same JVM.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThinPathEndToEndTest {
    private static final String KEY = "e2e-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path work;
    private Path pacs;
    private Path bad;
    private Map<Path, String> badHashes;
    private GenerationSummary generated;
    private ConfigurableApplicationContext ctx;
    private int httpPort;
    private InProcessServer server;
    private IngestSummary first;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("radbridge-e2e");
        pacs = work.resolve("pacs");
        generated = new SyntheticPacsGenerator(new GenerateOptions(4, 11L, pacs)).generate();
        bad = Files.createDirectories(work.resolve("bad"));
        writeBadFiles();
        badHashes = hashes(bad);

        // server mode starts the inbox watcher; only the tests decide when projections run (the outage test must
        // see its study still pending)
        server = InProcessServer.in(work).pseudonymKey(KEY).serverModeTestProjects().start();
        ctx = server.context();
        httpPort = server.httpPort();
        first = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports"), bad), "folder");
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) server.close();
        InProcessServer.deleteTree(work);
    }

    /** A text file, a DICOM file cut short, and a DICOM file whose StudyInstanceUID tag was renamed. */
    private void writeBadFiles() throws IOException {
        Files.writeString(bad.resolve("notes.dcm"), "This is a text file that someone saved with a .dcm name.\n".repeat(10));
        Path sample;
        try (Stream<Path> s = Files.walk(pacs.resolve("dicom"))) {
            sample = s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sample);
        Files.write(bad.resolve("truncated.dcm"), java.util.Arrays.copyOf(bytes, bytes.length - 200));
        byte[] noStudyUid = bytes.clone();
        int at = E2eSupport.indexOf(noStudyUid, new byte[] {0x20, 0x00, 0x0D, 0x00, 'U', 'I'});
        assertThat(at).as("StudyInstanceUID element in the sample file").isPositive();
        noStudyUid[at] = 0x21; // (0020,000D) becomes private (0021,000D): the study UID is gone
        Files.write(bad.resolve("no-study-uid.dcm"), noStudyUid);
    }

    @Test
    @Order(1)
    void stagingHoldsEveryGeneratedInstanceAndReport() throws Exception {
        assertThat(first.instancesNew()).isEqualTo(generated.instances());
        assertThat(first.reportsNew()).isEqualTo(generated.reports());
        assertThat(first.studiesProjected()).isEqualTo(generated.studies());
        assertThat(first.projectionProblems()).isEmpty();
        assertThat(count("SELECT count(*) FROM radbridge.instance")).isEqualTo(generated.instances());
        assertThat(count("SELECT count(*) FROM radbridge.study")).isEqualTo(generated.studies());
        assertThat(count("SELECT count(*) FROM radbridge.report")).isEqualTo(generated.reports());
    }

    @Test
    @Order(2)
    void omopHasOnePersonPerPatientOneProcedurePerStudyOneImagePerSeries() throws Exception {
        assertThat(count("SELECT count(*) FROM omop.person")).isEqualTo(generated.patients());
        assertThat(count("SELECT count(*) FROM omop.observation_period")).isEqualTo(generated.patients());
        assertThat(count("SELECT count(*) FROM omop.procedure_occurrence")).isEqualTo(generated.studies());
        assertThat(count("SELECT count(*) FROM omop.image_occurrence")).isEqualTo(generated.series());
        // every image row hangs off its study's procedure and person
        assertThat(count("SELECT count(*) FROM omop.image_occurrence i JOIN omop.procedure_occurrence p "
                + "ON p.procedure_occurrence_id = i.procedure_occurrence_id AND p.person_id = i.person_id")).isEqualTo(generated.series());
        assertThat(count("SELECT count(*) FROM omop.person WHERE gender_concept_id IN (8507, 8532)"))
                .isEqualTo(count("SELECT count(DISTINCT patient_id) FROM radbridge.study WHERE patient_sex IN ('M','F')"));
        assertThat(count("SELECT count(*) FROM omop.image_occurrence WHERE modality_concept_id < 2000000000")).isZero();
        assertThat(count("SELECT count(*) FROM omop.procedure_occurrence p JOIN radbridge.omop_id_map m ON m.omop_id = p.procedure_occurrence_id "
                + "AND m.kind = 'procedure_occurrence' JOIN radbridge.study s ON s.study_instance_uid = m.natural_key "
                + "WHERE p.procedure_date = s.study_date")).isEqualTo(generated.studies());
        assertThat(count("SELECT count(*) FROM omop.cdm_source WHERE cdm_version_concept_id = 756265")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void omopHoldsNoIdentifiers() throws Exception {
        Pseudonymizer expected = new Pseudonymizer(KEY);
        Set<String> pseudonyms = new HashSet<>(strings("SELECT person_source_value FROM omop.person"));
        List<String[]> patients = rows("SELECT DISTINCT issuer_of_patient_id, patient_id, patient_name FROM radbridge.study", 3);
        Set<String> expectedPseudonyms = new HashSet<>();
        for (String[] p : patients) expectedPseudonyms.add(expected.person(p[0], p[1]));
        assertThat(pseudonyms).isEqualTo(expectedPseudonyms);
        String omopText = String.join("|", strings(
                "SELECT concat_ws('|', p.person_source_value, p.gender_source_value, po.procedure_source_value, i.image_study_uid, "
                        + "i.image_series_uid, i.wadors_uri, i.local_path) FROM omop.image_occurrence i "
                        + "JOIN omop.person p USING (person_id) JOIN omop.procedure_occurrence po USING (procedure_occurrence_id)"));
        for (String[] p : patients) {
            assertThat(omopText).doesNotContain(p[1]);
            assertThat(omopText).doesNotContain(p[2].split("\\^")[0]);
        }
        for (String uid : strings("SELECT study_instance_uid FROM radbridge.study")) assertThat(omopText).doesNotContain(uid);
        for (String acc : strings("SELECT accession_number FROM radbridge.study")) assertThat(omopText).doesNotContain(acc);
        assertThat(count("SELECT count(*) FROM omop.person WHERE day_of_birth IS NOT NULL OR birth_datetime IS NOT NULL")).isZero();
    }

    @Test
    @Order(4)
    void badFilesAreQuarantinedWithReasonsAndLeftUntouched() throws Exception {
        assertThat(first.quarantined()).hasSize(3);
        List<String[]> rows = rows("SELECT original_path, reason, stored_path FROM radbridge.quarantine ORDER BY original_path", 3);
        assertThat(rows).hasSize(3);
        Map<String, String> reasonByName = new java.util.HashMap<>();
        for (String[] r : rows) {
            reasonByName.put(Path.of(r[0]).getFileName().toString(), r[1]);
            assertThat(Path.of(r[2])).exists();
            assertThat(Path.of(r[2] + ".reason.txt")).content().contains(r[1]);
        }
        assertThat(reasonByName.get("notes.dcm")).containsIgnoringCase("DICOM");
        assertThat(reasonByName.get("truncated.dcm")).contains("truncated");
        assertThat(reasonByName.get("no-study-uid.dcm")).isEqualTo("missing StudyInstanceUID");
        assertThat(hashes(bad)).isEqualTo(badHashes);
    }

    @Test
    @Order(5)
    void fhirServesTheStudiesOverHttp() throws Exception {
        assertThat(get("/fhir/metadata").path("fhirVersion").asText()).isEqualTo("4.0.1");
        assertThat(get("/actuator/health").path("status").asText()).isEqualTo("UP");
        JsonNode studies = get("/fhir/ImagingStudy?_count=200&_total=accurate");
        assertThat(studies.path("total").asInt()).isEqualTo(generated.studies());
        assertThat(get("/fhir/Patient?_summary=count").path("total").asInt()).isEqualTo(generated.patients());

        String[] study = rows("SELECT study_instance_uid, patient_id, accession_number FROM radbridge.study ORDER BY study_instance_uid LIMIT 1", 3).get(0);
        JsonNode byUid = get("/fhir/ImagingStudy?identifier=urn:dicom:uid%7Curn:oid:" + study[0]);
        assertThat(byUid.path("total").asInt()).isEqualTo(1);
        JsonNode is = byUid.path("entry").get(0).path("resource");
        assertThat(is.path("numberOfInstances").asLong())
                .isEqualTo(count("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = '" + study[0] + "'"));
        assertThat(is.path("numberOfSeries").asLong())
                .isEqualTo(count("SELECT count(DISTINCT series_instance_uid) FROM radbridge.instance WHERE study_instance_uid = '" + study[0] + "'"));
        assertThat(is.toString()).contains(study[2]).contains("ACSN");
        assertThat(is.path("series").get(0).path("instance").get(0).path("sopClass").path("system").asText()).isEqualTo("urn:ietf:rfc:3986");

        String patientRef = is.path("subject").path("reference").asText();
        JsonNode patient = get("/fhir/" + patientRef);
        assertThat(patient.toString()).contains(study[1]);
        JsonNode ofPatient = get("/fhir/ImagingStudy?patient=" + patientRef + "&_count=100&_total=accurate");
        assertThat(ofPatient.path("total").asLong())
                .isEqualTo(count("SELECT count(*) FROM radbridge.study WHERE patient_id = '" + study[1] + "'"));

        // SOP Instance UIDs are not indexed unless radbridge.fhir.index-instance-uids: HAPI refuses the parameter by name
        String sop = rows("SELECT sop_instance_uid FROM radbridge.instance WHERE study_instance_uid = '" + study[0] + "' LIMIT 1", 1).get(0)[0];
        HttpResponse<String> byInstance = HttpClient.newHttpClient().send(E2eSupport.asAdmin(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/fhir/ImagingStudy?instance=" + sop)), work.resolve("data"))
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byInstance.statusCode()).isEqualTo(400);
        assertThat(byInstance.body()).contains("instance");
    }

    @Test
    @Order(6)
    void ingestingTheSameFoldersAgainChangesNothing() throws Exception {
        Map<String, Long> before = ctx.getBean(ViewCounts.class).counts();
        String versionsBefore = String.join(",", fhirVersions());
        IngestSummary again = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports"), bad), "folder");
        assertThat(again.instancesNew()).isZero();
        assertThat(again.instancesAlreadyStaged()).isEqualTo(generated.instances());
        assertThat(again.reportsNew()).isZero();
        assertThat(again.studiesProjected()).isZero();
        assertThat(ctx.getBean(ViewCounts.class).counts()).isEqualTo(before);
        assertThat(String.join(",", fhirVersions())).isEqualTo(versionsBefore);
    }

    /**
     * An outage of the OMOP tables in the middle of a projection: FHIR was written, OMOP was not. The
     * study must stay pending and come out whole, once, when the next projection runs.
     */
    @Test
    @Order(7)
    void aStudyWhoseProjectionFailedIsCompletedLaterWithoutDuplicates() throws Exception {
        Path more = work.resolve("more");
        GenerationSummary extra = new SyntheticPacsGenerator(new GenerateOptions(1, 4242L, more)).generate();
        long personsBefore = count("SELECT count(*) FROM omop.person");
        long imagesBefore = count("SELECT count(*) FROM omop.image_occurrence");
        execute("ALTER TABLE omop.image_occurrence RENAME TO image_occurrence_away");
        IngestSummary failed;
        try {
            failed = ctx.getBean(IngestService.class).ingest(List.of(more.resolve("dicom")), "folder");
        } finally {
            execute("ALTER TABLE omop.image_occurrence_away RENAME TO image_occurrence");
        }
        assertThat(failed.instancesNew()).isEqualTo(extra.instances());
        assertThat(failed.projectionProblems()).hasSize(extra.studies()).allMatch(p -> p.contains("will retry"));
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty")).isEqualTo(extra.studies());
        assertThat(count("SELECT count(*) FROM omop.image_occurrence")).isEqualTo(imagesBefore);

        org.radbridge.ingest.StudyProjector.Result retried = ctx.getBean(org.radbridge.ingest.StudyProjector.class).projectDirty();
        assertThat(retried.problems()).isEmpty();
        assertThat(retried.projected()).isEqualTo(extra.studies());
        assertThat(count("SELECT count(*) FROM omop.image_occurrence")).isEqualTo(imagesBefore + extra.series());
        assertThat(count("SELECT count(*) FROM omop.person")).isEqualTo(personsBefore + extra.patients());
        assertThat(get("/fhir/ImagingStudy?_summary=count").path("total").asInt()).isEqualTo(generated.studies() + extra.studies());
        assertThat(get("/fhir/Patient?_summary=count").path("total").asInt()).isEqualTo(generated.patients() + extra.patients());
    }

    @Test
    @Order(8)
    void filesDroppedIntoTheInboxAreStagedOrQuarantinedAndMovedAway() throws Exception {
        Path drop = work.resolve("drop");
        GenerationSummary extra = new SyntheticPacsGenerator(new GenerateOptions(1, 777L, drop)).generate();
        Path inbox = work.resolve("data/inbox");
        long instancesBefore = count("SELECT count(*) FROM radbridge.instance");
        // write elsewhere, then move in: an inbox must never see half a file
        Path staged = Files.createDirectories(work.resolve("data/inbox-tmp"));
        Files.writeString(staged.resolve("garbage.dcm"), "not dicom at all\n".repeat(5));
        List<Path> files;
        try (Stream<Path> s = Files.walk(drop.resolve("dicom"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) Files.copy(f, staged.resolve(f.getFileName().toString().replace(".dcm", "") + "-" + f.getParent().getFileName() + ".dcm"));
        try (Stream<Path> s = Files.list(staged)) {
            for (Path f : s.toList()) Files.move(f, inbox.resolve(f.getFileName()));
        }
        awaitDrained(inbox);
        assertThat(count("SELECT count(*) FROM radbridge.instance")).isEqualTo(instancesBefore + extra.instances());
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE original_path LIKE '%garbage.dcm'")).isEqualTo(1);
        try (Stream<Path> s = Files.walk(work.resolve("data/done"))) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(extra.instances());
        }
        org.radbridge.ingest.StudyProjector.Result r = ctx.getBean(org.radbridge.ingest.StudyProjector.class).projectSettled(java.time.Duration.ZERO);
        assertThat(r.projected()).isEqualTo(extra.studies());
    }

    /** The server's C-STORE receiver, fed by DCMTK's storescu: every instance staged before it is acknowledged. */
    @Test
    @Order(9)
    void instancesPushedWithStorescuAreStaged() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/storescu")),
                "DCMTK storescu not installed (apt-get install dcmtk): skipped");
        Path push = work.resolve("push");
        GenerationSummary extra = new SyntheticPacsGenerator(new GenerateOptions(1, 31337L, push)).generate();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/storescu", "-aet", "E2ETEST", "-aec", "RADBRIDGE", "+sd", "+r",
                "127.0.0.1", System.getProperty("radbridge.dicom.port"), push.resolve("dicom").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(count("SELECT count(*) FROM radbridge.instance WHERE source = 'dimse-push'")).isEqualTo(extra.instances());
        try (Stream<Path> s = Files.walk(work.resolve("data/spool"))) {
            assertThat(s.filter(f -> f.toString().endsWith(".dcm")).count()).isEqualTo(extra.instances());
        }
    }

    @Test
    @Order(10)
    void ctakesRunsInTheSameJvmAsHapi(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assertThat(ctx.isActive()).isTrue();
        Path dict = tmp.resolve("smoke.bsv");
        Files.writeString(dict, "SMOKE1|T047|pneumothorax|Pneumothorax\nSMOKE2|T047|pleural effusion|Pleural effusion\n");
        try (LeanPipeline nlp = new LeanPipeline(dict)) {
            List<Mention> mentions = nlp.process("No pneumothorax. Small left pleural effusion.");
            assertThat(mentions).extracting(Mention::conceptId).containsExactly("SMOKE1", "SMOKE2");
            assertThat(mentions.get(0).negated()).isTrue();
            assertThat(mentions.get(1).negated()).isFalse();
        }
    }

    @Test
    @Order(16)
    void fhirAndApiNeedATokenAndRolesLimitWhatItReaches() throws Exception {
        org.radbridge.server.security.TokenStore tokens = ctx.getBean(org.radbridge.server.security.TokenStore.class);
        assertThat(send("GET", "/fhir/metadata", null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = send("GET", "/fhir/Patient", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(anonymous.body()).doesNotContain("\"resourceType\": \"Bundle\"");
        assertThat(send("GET", "/fhir/Patient", "rb_not-a-token").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/ingest", null).statusCode()).isEqualTo(401);

        String reader = tokens.create("e2e-reader", org.radbridge.server.security.Role.READER, null);
        JsonNode patients = JSON.readTree(send("GET", "/fhir/Patient?_count=100", reader).body());
        assertThat(patients.path("entry").size()).isEqualTo(get("/fhir/Patient?_summary=count").path("total").asInt()).isGreaterThan(1);
        String newPatient = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Intruder\"}]}";
        assertThat(send("POST", "/fhir/Patient", reader, newPatient).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/fhir/AuditEvent", reader).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/ingest", reader, "{\"paths\":[]}").statusCode()).isEqualTo(403);

        String mine = patients.path("entry").get(0).path("resource").path("id").asText();
        String other = patients.path("entry").get(1).path("resource").path("id").asText();
        String patient = tokens.create("e2e-patient", org.radbridge.server.security.Role.PATIENT, mine);
        JsonNode studies = JSON.readTree(send("GET", "/fhir/ImagingStudy?_count=100", patient).body());
        assertThat(studies.path("entry").size()).isPositive();
        for (JsonNode e : studies.path("entry"))
            assertThat(e.path("resource").path("subject").path("reference").asText()).isEqualTo("Patient/" + mine);
        assertThat(send("GET", "/fhir/Patient/" + mine, patient).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/fhir/Patient/" + other, patient).statusCode()).isEqualTo(403);

        // every access by a token holder is in the audit trail, which only admins read
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode audit;
        do {
            Thread.sleep(200);
            audit = get("/fhir/AuditEvent?_count=200");
        } while (!audit.toString().contains("e2e-patient") && System.currentTimeMillis() < deadline);
        assertThat(audit.toString()).contains("e2e-reader (reader)").contains("e2e-patient (patient)");
        auditTrailIsSearchableAndReadOnly(mine, patient);

        assertThat(tokens.revoke("e2e-reader")).isEqualTo(1);
        assertThat(send("GET", "/fhir/Patient", reader).statusCode()).isEqualTo(401);
    }

    /** The audit trail (its own table since V18.1) answers its search parameters, reads and counts, and refuses writes. */
    private void auditTrailIsSearchableAndReadOnly(String mine, String patientToken) throws Exception {
        assertThat(send("GET", "/fhir/AuditEvent", patientToken).statusCode()).isEqualTo(403);
        // reading the trail is audited too (the admin's searches below add events): compare what was recorded before now
        Thread.sleep(1000);
        String until = "&date=lt" + java.time.Instant.now().toString();
        Thread.sleep(1000);
        // the patient token searched its own studies: PatientQuery events name that patient (entity.what)
        JsonNode ofPatient = get("/fhir/AuditEvent?patient=Patient/" + mine + "&_count=500" + until);
        assertThat(ofPatient.path("entry").size()).isPositive();
        for (JsonNode e : ofPatient.path("entry"))
            assertThat(e.path("resource").path("entity").toString()).containsPattern("Patient/" + mine + "(\"|/_history/)");
        assertThat(get("/fhir/AuditEvent?patient=" + mine + "&_summary=count" + until).path("total").asInt())
                .isEqualTo(get("/fhir/AuditEvent?entity=Patient/" + mine + "&_summary=count" + until).path("total").asInt())
                .isEqualTo(ofPatient.path("entry").size());
        // newest first by default; _sort=date the other way round
        List<String> recorded = new ArrayList<>();
        ofPatient.path("entry").forEach(e -> recorded.add(e.path("resource").path("recorded").asText()));
        assertThat(recorded).isSortedAccordingTo(java.util.Comparator.comparing((String t) -> java.time.OffsetDateTime.parse(t)).reversed());
        JsonNode oldest = get("/fhir/AuditEvent?patient=Patient/" + mine + "&_sort=date&_count=1" + until);
        assertThat(oldest.path("entry").get(0).path("resource").path("recorded").asText()).isEqualTo(recorded.get(recorded.size() - 1));
        // type, subtype, action, outcome as tokens with and without system
        int all = get("/fhir/AuditEvent?_summary=count" + until).path("total").asInt();
        int searches = get("/fhir/AuditEvent?subtype=http://hl7.org/fhir/restful-interaction%7Csearch-type&_summary=count" + until).path("total").asInt();
        assertThat(searches).isPositive().isLessThan(all).isEqualTo(get("/fhir/AuditEvent?subtype=search-type&_summary=count" + until).path("total").asInt());
        assertThat(get("/fhir/AuditEvent?subtype=http://example.org/other%7Csearch-type&_summary=count").path("total").asInt()).isZero();
        assertThat(get("/fhir/AuditEvent?subtype=search-type,read&_summary=count" + until).path("total").asInt()).isGreaterThan(searches);
        assertThat(get("/fhir/AuditEvent?subtype=search-type&action=E&outcome=0&_summary=count" + until).path("total").asInt()).isEqualTo(searches);
        assertThat(get("/fhir/AuditEvent?subtype=search-type&action=C&_summary=count").path("total").asInt()).isZero();
        JsonNode refused = get("/fhir/AuditEvent?type=http://dicom.nema.org/resources/ontology/DCM%7C110113&outcome=4");
        assertThat(refused.path("entry").size()).as("the 403s and 401s above").isPositive();
        // date with prefixes, paging by offset
        String hourAgo = java.time.Instant.now().minusSeconds(3600).toString();
        assertThat(get("/fhir/AuditEvent?date=ge" + hourAgo + "&_summary=count" + until).path("total").asInt()).isEqualTo(all);
        assertThat(get("/fhir/AuditEvent?date=lt" + hourAgo + "&_summary=count").path("total").asInt()).isZero();
        assertThat(get("/fhir/AuditEvent?date=lt2000-01-01").path("entry").size()).isZero();
        // bounded by "until": this very search adds events at the newest end, which would shift an unbounded page 2 by one
        JsonNode first = get("/fhir/AuditEvent?_count=1" + until);
        String next = null;
        for (JsonNode l : first.path("link")) if (l.path("relation").asText().equals("next")) next = l.path("url").asText();
        assertThat(next).as("next link").contains("_offset=1").contains("date=lt");
        JsonNode second = get(next.substring(next.indexOf("/fhir/")));
        String firstId = first.path("entry").get(0).path("resource").path("id").asText();
        assertThat(second.path("entry").get(0).path("resource").path("id").asText()).isNotEqualTo(firstId);
        // read by id, _id; unknown id 404
        assertThat(get("/fhir/AuditEvent/" + firstId).path("id").asText()).isEqualTo(firstId);
        assertThat(get("/fhir/AuditEvent?_id=" + firstId).path("entry").size()).isEqualTo(1);
        assertThat(send("GET", "/fhir/AuditEvent/no-such-event", E2eSupport.adminToken(work.resolve("data"))).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/fhir/AuditEvent?_sort=_id", E2eSupport.adminToken(work.resolve("data"))).statusCode()).isEqualTo(400);
        // nobody writes the audit trail, not even an admin
        HttpResponse<String> write = send("POST", "/fhir/AuditEvent", E2eSupport.adminToken(work.resolve("data")),
                "{\"resourceType\":\"AuditEvent\",\"recorded\":\"2026-01-01T00:00:00Z\"}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(405);
        assertThat(write.body()).contains("OperationOutcome");
        assertThat(get("/fhir/AuditEvent?date=lt2026-01-02&_summary=count").path("total").asInt()).isZero();
        // the CapabilityStatement: read and search, the parameters above
        for (JsonNode r : get("/fhir/metadata").path("rest").get(0).path("resource")) {
            if (!r.path("type").asText().equals("AuditEvent")) continue;
            List<String> interactions = new ArrayList<>();
            r.path("interaction").forEach(i -> interactions.add(i.path("code").asText()));
            assertThat(interactions).containsExactlyInAnyOrder("read", "search-type");
            List<String> params = new ArrayList<>();
            r.path("searchParam").forEach(sp -> params.add(sp.path("name").asText()));
            assertThat(params).containsExactlyInAnyOrderElementsOf(org.radbridge.server.fhir.AuditEventProvider.SEARCH_PARAMS);
        }
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        return send(method, path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (method.equals("GET")) b.GET();
        else b.header("Content-Type", path.startsWith("/fhir") ? "application/fhir+json" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A RIS sending ORU^R01 over a real MLLP socket to the running server's listener. */
    @Test
    @Order(14)
    void reportsSentOverMllpAreAcknowledgedPerHl7Rules() throws Exception {
        String accession = strings("SELECT accession_number FROM radbridge.study ORDER BY study_instance_uid LIMIT 1").get(0);
        String msh = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|%s|P|2.5.1||||||UNICODE UTF-8\r";
        String good = msh.formatted("E2E-1") + "PID|1||MRN-E2E^^^HOSP^MR||DOE^JANE\r"
                + "OBR|1||" + accession + "|71250^CT CHEST^CPT|||20240312093000||||||||||||||||||F\r"
                + "OBX|1|FT|18782-3^Study observation^LN||FINDINGS: No pneumothorax.\\.br\\IMPRESSION: Normal.||||||F\r";
        int port = Integer.parseInt(System.getProperty("radbridge.mllp.port"));
        long reportsBefore = count("SELECT count(*) FROM radbridge.report");
        try (MllpClient ris = new MllpClient("127.0.0.1", port)) {
            String aa = ris.send(good);
            assertThat(MllpClient.segment(aa, "MSA")).isEqualTo("MSA|AA|E2E-1");
            assertThat(count("SELECT count(*) FROM radbridge.report WHERE source = 'hl7-mllp' AND accession_number = '" + accession
                    + "' AND text = 'FINDINGS: No pneumothorax.' || chr(10) || 'IMPRESSION: Normal.' AND status = 'F'")).isEqualTo(1);
            assertThat(MllpClient.ackCode(ris.send(good))).as("resent").isEqualTo("AA");
            assertThat(count("SELECT count(*) FROM radbridge.report")).isEqualTo(reportsBefore + 1);

            String noText = msh.formatted("E2E-2") + "PID|1||MRN-E2E^^^HOSP^MR\rOBR|1||ACC-E2E-2\r";
            String ae = ris.send(noText);
            assertThat(MllpClient.ackCode(ae)).isEqualTo("AE");
            assertThat(MllpClient.segment(ae, "ERR")).contains("no report text");
            assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE kind = 'hl7' AND original_path = 'mllp:RIS^HOSP/E2E-2'")).isEqualTo(1);

            String ar = ris.send(msh.formatted("E2E-3").replace("ORU^R01^ORU_R01", "ORM^O01") + "PID|1||MRN-E2E\r");
            assertThat(MllpClient.ackCode(ar)).isEqualTo("AR");
        }
        assertThat(count("SELECT count(*) FROM radbridge.report")).isEqualTo(reportsBefore + 1);
    }

    /** The running server loaded the report NLP in the background at start (a flag, not a time). */
    @Test
    @Order(19)
    void theServerWarmedUpTheReportNlpAtStart() throws Exception {
        org.radbridge.report.ReportNlp nlp = ctx.getBean(org.radbridge.report.ReportNlp.class);
        long deadline = System.currentTimeMillis() + 180_000;
        while (!nlp.warmedUp() && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertThat(nlp.warmedUp()).isTrue();
        assertThat(ctx.getBeansOfType(org.radbridge.server.config.NlpWarmUp.class)).hasSize(1);
    }

    /**
     * A RIS that sends the whole report in NTE segments (after the OBR and after an OBX without text of its own): the
     * text is staged in message order and becomes the DiagnosticReport and the scrubbed OMOP NOTE with its findings.
     */
    @Test
    @Order(18)
    void reportTextSentInNteSegmentsReachesBothViews() throws Exception {
        String[] st = rows("SELECT study_instance_uid, accession_number, patient_id, coalesce(issuer_of_patient_id, '') FROM radbridge.study "
                + "ORDER BY study_instance_uid OFFSET 1 LIMIT 1", 4).get(0);
        String accession = st[1];
        String message = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|E2E-NTE|P|2.5.1||||||UNICODE UTF-8\r"
                + "PID|1||" + st[2] + "^^^" + st[3] + "^MR\r"
                + "NTE|1|P|Patient note: prefers an interpreter.\r"
                + "OBR|1||" + accession + "|71250^CT CHEST^CPT|||20240312093000||||||||||||||||||C\r"
                + "NTE|1|L|EXAMINATION: CT CHEST WO\\.br\\FINDINGS: There is a 7 mm solid nodule in the left lower lobe.\r"
                + "OBX|1|UI|113014^Study Instance UID^DCM||" + st[0] + "||||||C\r"
                + "NTE|1|L|No pneumothorax.~IMPRESSION: 7 mm left lower lobe nodule.\r"
                + "NTE|2|L|ADDENDUM: discussed with Dr. Meredith Grey, 1200 Oak Street, Springfield, IL 62704, tel 217-555-0147.\r";
        int port = Integer.parseInt(System.getProperty("radbridge.mllp.port"));
        try (MllpClient ris = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.segment(ris.send(message), "MSA")).isEqualTo("MSA|AA|E2E-NTE");
        }
        String text = "EXAMINATION: CT CHEST WO\nFINDINGS: There is a 7 mm solid nodule in the left lower lobe.\nNo pneumothorax.\n"
                + "IMPRESSION: 7 mm left lower lobe nodule.\n"
                + "ADDENDUM: discussed with Dr. Meredith Grey, 1200 Oak Street, Springfield, IL 62704, tel 217-555-0147.";
        assertThat(strings("SELECT text FROM radbridge.report WHERE source = 'hl7-mllp' AND accession_number = '" + accession
                + "' AND source_message_id = 'E2E-NTE'")).containsExactly(text);

        assertThat(ctx.getBean(org.radbridge.ingest.StudyProjector.class).projectDirty().problems()).isEmpty();
        JsonNode dr = get("/fhir/DiagnosticReport?identifier=urn:radbridge:accession%7C" + accession).path("entry").get(0).path("resource");
        assertThat(new String(java.util.Base64.getDecoder().decode(dr.path("presentedForm").get(0).path("data").asText()),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(dr.path("conclusion").asText()).contains("7 mm left lower lobe nodule");
        assertThat(get("/fhir/Observation?identifier=urn:radbridge:report-finding%7C" + accession + ":786838002:left").path("total").asInt())
                .isEqualTo(1);
        String note = noteText(accession);
        assertThat(note).contains("7 mm solid nodule in the left lower lobe").contains("No pneumothorax.")
                .doesNotContain("Meredith").doesNotContain("Grey").doesNotContain("Oak Street").doesNotContain("Springfield")
                .doesNotContain("62704").doesNotContain("555-0147").doesNotContain("interpreter");
        assertThat(count("SELECT count(*) FROM omop.note_nlp n JOIN radbridge.omop_id_map m ON m.omop_id = n.note_id AND m.kind = 'note' "
                + "WHERE m.natural_key = '" + accession + "' AND n.lexical_variant = 'pneumothorax' AND n.term_exists = 'N'")).isEqualTo(1);
        assertNoIdentifiersInOmopNotes();
    }

    /** A report with a sidecar and a DICOM SR dropped into the inbox, and an SR ingested from a folder. */
    @Test
    @Order(15)
    void sidecarReportsAndSrInstancesBecomeReports() throws Exception {
        Path staged = Files.createDirectories(work.resolve("data/inbox-tmp2"));
        Files.writeString(staged.resolve("e2e-sc.txt"), "FINDINGS: No focal consolidation.\nIMPRESSION: Normal chest.\n");
        Files.writeString(staged.resolve("e2e-sc.txt.json"), "{\"accessionNumber\": \"ACC-E2E-SC\", \"patientId\": \"MRN-E2E\", \"reportStatus\": \"final\"}");
        writeSr(staged.resolve("e2e-sr.dcm"), "2.25.99001", "ACC-E2E-SR");
        Path inbox = work.resolve("data/inbox");
        try (Stream<Path> s = Files.list(staged)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
                Files.move(f, inbox.resolve(f.getFileName()));
            }
        }
        awaitDrained(inbox);
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-E2E-SC' AND patient_id = 'MRN-E2E' "
                + "AND text = 'FINDINGS: No focal consolidation.' || chr(10) || 'IMPRESSION: Normal chest.'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-E2E-SR' AND source = 'dicom-sr' "
                + "AND text LIKE 'FINDINGS:%No pneumothorax.%IMPRESSION:%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.instance WHERE sop_instance_uid = '2.25.99001'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE original_path LIKE '%e2e-s%'")).isZero();

        Path folder = Files.createDirectories(work.resolve("sr-folder"));
        writeSr(folder.resolve("sr.dcm"), "2.25.99002", "ACC-E2E-SR2");
        IngestSummary s = ctx.getBean(IngestService.class).ingest(List.of(folder), "folder");
        assertThat(s.instancesNew()).isEqualTo(1);
        assertThat(s.reportsNew()).isEqualTo(1);
        assertThat(s.quarantined()).isEmpty();
    }

    /** Waits up to a minute for the inbox watcher to take every file away. */
    private static void awaitDrained(Path inbox) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> s = Files.list(inbox)) {
                if (s.findAny().isEmpty()) break;
            }
            Thread.sleep(250);
        }
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s.toList()).as("inbox drained").isEmpty();
        }
    }

    private static void writeSr(Path file, String sopUid, String accession) throws Exception {
        SrContent.Code findings = new SrContent.Code("121070", "DCM", "Findings");
        SrContent.Code impression = new SrContent.Code("121073", "DCM", "Impression");
        StructuredReportWriter.write(new StructuredReportWriter.Header(
                        "1.2.840.10008.5.1.4.1.1.88.11", sopUid, "2.25.99000", "2.25.99009", accession, "MRN-E2E", "HOSP", "DOE^JOHN",
                        "20240313", "083000", "COMPLETE", "VERIFIED", null),
                new SrContent.Code("18748-4", "LN", "Diagnostic Imaging Report"),
                List.of(SrContent.container("CONTAINS", findings,
                                SrContent.text(new SrContent.Code("121071", "DCM", "Finding"), "No pneumothorax.")),
                        SrContent.container("CONTAINS", impression,
                                SrContent.text(impression, "Normal."))), file);
    }

    /** Reports of the generated PACS: one DiagnosticReport each, with Observations, Provenance, and their OMOP rows. */
    @Test
    @Order(11)
    void reportsAreProjectedIntoBothViewsWithTheirFindings() throws Exception {
        assertThat(first.reportsProjected()).isEqualTo(generated.reports());
        assertThat(first.reportsWaiting().lines()).isEmpty();
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'linked' AND NOT dirty")).isEqualTo(generated.reports());

        JsonNode reports = get("/fhir/DiagnosticReport?_count=200&_total=accurate");
        assertThat(reports.path("total").asInt()).isGreaterThanOrEqualTo(generated.reports());
        JsonNode dr = reports.path("entry").get(0).path("resource");
        assertThat(dr.path("category").get(0).path("coding").get(0).path("code").asText()).isEqualTo("RAD");
        assertThat(dr.path("imagingStudy").get(0).path("reference").asText()).startsWith("ImagingStudy/");
        assertThat(dr.path("presentedForm").get(0).path("contentType").asText()).startsWith("text/plain");
        assertThat(dr.path("conclusion").asText()).isNotBlank();
        assertThat(dr.path("result").size()).isPositive();
        String obsRef = dr.path("result").get(0).path("reference").asText();
        JsonNode obs = get("/fhir/" + obsRef);
        assertThat(obs.path("derivedFrom").get(0).path("reference").asText()).startsWith("ImagingStudy/");
        assertThat(obs.path("subject").path("reference").asText()).isEqualTo(dr.path("subject").path("reference").asText());

        assertThat(get("/fhir/Observation?value-concept=http://snomed.info/sct%7C2667000&_summary=count").path("total").asInt())
                .as("absent findings").isPositive();
        assertThat(get("/fhir/Observation?value-concept=http://snomed.info/sct%7C52101004&_summary=count").path("total").asInt())
                .as("present findings").isPositive();
        JsonNode provenance = get("/fhir/Provenance?_count=200&_total=accurate");
        assertThat(provenance.path("total").asInt()).isEqualTo(reports.path("total").asInt());
        JsonNode p = provenance.path("entry").get(0).path("resource");
        assertThat(p.path("meta").path("security").toString()).contains("AIAST");
        assertThat(p.path("agent").get(0).path("who").path("display").asText()).contains("cTAKES");
        assertThat(p.path("target").size()).isGreaterThan(1);

        assertThat(count("SELECT count(*) FROM omop.note")).isEqualTo(generated.reports());
        assertThat(count("SELECT count(*) FROM omop.note n JOIN omop.person p USING (person_id)")).isEqualTo(generated.reports());
        assertThat(count("SELECT count(*) FROM omop.note_nlp")).isPositive();
        assertThat(count("SELECT count(*) FROM omop.note_nlp WHERE term_exists = 'N'")).isPositive();
        assertThat(count("SELECT count(*) FROM omop.note_nlp WHERE nlp_system LIKE '%cTAKES%'")).isEqualTo(count("SELECT count(*) FROM omop.note_nlp"));
        assertThat(count("SELECT (SELECT count(*) FROM omop.observation) + (SELECT count(*) FROM omop.condition_occurrence)")).isPositive();
        assertThat(count("SELECT count(*) FROM omop.measurement WHERE unit_source_value = 'mm' AND value_as_number > 0 "
                + "AND measurement_concept_id > 0 AND unit_concept_id > 0")).isPositive();
        assertThat(count("SELECT count(*) FROM omop.image_feature f JOIN omop.image_occurrence i USING (image_occurrence_id) "
                + "JOIN omop.measurement m ON m.measurement_id = f.image_feature_event_id "
                + "JOIN omop.concept k ON k.concept_id = f.image_feature_event_field_concept_id AND k.concept_code = 'measurement.measurement_id'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM omop.image_feature f LEFT JOIN omop.image_occurrence i USING (image_occurrence_id) "
                + "WHERE i.image_occurrence_id IS NULL")).isZero();
        assertNoIdentifiersInOmopNotes();
        assertThat(count("SELECT count(*) FROM radbridge.report_mention")).isEqualTo(count("SELECT count(*) FROM omop.note_nlp"));
    }

    /**
     * A report that arrives before its study waits ("pending", listed by ingest) and is linked and projected when the
     * study arrives; its identifiers are scrubbed from the OMOP note. An amended version then replaces the findings in
     * both views, and a report whose patient differs from the study's is not linked.
     */
    @Test
    @Order(12)
    void aReportBeforeItsStudyWaitsIsLinkedLaterAndAnAmendmentReplacesItsFindings() throws Exception {
        Path late = work.resolve("late");
        GenerationSummary extra = new SyntheticPacsGenerator(new GenerateOptions(1, 9090L, late)).generate();
        Path reportFile;
        try (Stream<Path> s = Files.list(late.resolve("reports"))) {
            reportFile = s.filter(f -> f.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
        }
        Map<String, String> header = new java.util.HashMap<>();
        for (String line : Files.readString(reportFile).split("\n---\n")[0].split("\n")) {
            header.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
        }
        String accession = header.get("Accession-Number");
        String patientId = header.get("Patient-ID");
        String patientName;
        try (Stream<Path> s = Files.walk(late.resolve("dicom"))) {
            Path dcm = s.filter(f -> f.toString().endsWith(".dcm")).findFirst().orElseThrow();
            patientName = new org.radbridge.dicom.DicomHeaderReader().read(dcm).get("PatientName");
        }
        String[] name = patientName.split("\\^");
        String headerBlock = Files.readString(reportFile).split("\n---\n")[0];
        Files.writeString(reportFile, headerBlock + "\n---\n"
                + "EXAMINATION: CT CHEST WO\n"
                + "CLINICAL HISTORY: " + name[1] + " " + name[0] + ", MRN " + patientId + ", accession " + accession
                + ". Results called to Dr. Gregory House at 555-123-4567 on 03/04/2024.\n"
                + "FINDINGS: There is a 6 mm solid nodule in the right upper lobe. No pneumothorax or pleural effusion.\n"
                + "IMPRESSION: 6 mm right upper lobe nodule.\n");

        IngestSummary reportsFirst = ctx.getBean(IngestService.class).ingest(List.of(late.resolve("reports")), "folder");
        assertThat(reportsFirst.reportsNew()).isEqualTo(extra.reports());
        assertThat(reportsFirst.reportsPending()).isEqualTo(extra.reports());
        assertThat(reportsFirst.describe()).contains("accession " + accession).contains("its study has not arrived");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'pending' AND accession_number = '" + accession + "'")).isEqualTo(1);
        assertThat(get("/fhir/DiagnosticReport?identifier=urn:radbridge:accession%7C" + accession + "&_total=accurate").path("total").asInt()).isZero();

        IngestSummary studyLater = ctx.getBean(IngestService.class).ingest(List.of(late.resolve("dicom")), "folder");
        assertThat(studyLater.reportsPending()).isZero();
        assertThat(studyLater.reportsProjected()).isEqualTo(extra.reports());
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'pending'")).isZero();
        JsonNode dr = get("/fhir/DiagnosticReport?identifier=urn:radbridge:accession%7C" + accession);
        assertThat(dr.path("total").asInt()).isEqualTo(1);
        assertThat(dr.path("entry").get(0).path("resource").path("conclusion").asText()).contains("6 mm right upper lobe nodule");
        assertThat(get("/fhir/Observation?identifier=urn:radbridge:report-finding%7C" + accession + ":786838002:right").path("total").asInt())
                .isEqualTo(1);
        String note = noteText(accession);
        assertThat(note).contains("6 mm solid nodule").doesNotContain(patientId).doesNotContain(accession)
                .doesNotContainIgnoringCase(name[0]).doesNotContainIgnoringCase(name[1]).doesNotContain("House")
                .doesNotContain("555-123-4567").doesNotContain("03/04/2024");
        assertNoIdentifiersInOmopNotes();
        long notes = count("SELECT count(*) FROM omop.note");
        long measurementsOfNote = count(measurementsOf(accession));
        assertThat(measurementsOfNote).isEqualTo(1);

        // the amended version: the nodule is gone, an effusion is new
        Path amended = Files.createDirectories(work.resolve("amended")).resolve(accession + "-amended.txt");
        Files.writeString(amended, headerBlock.replaceAll("Report-Status: .*", "Report-Status: AMENDED") + "\n---\n"
                + "EXAMINATION: CT CHEST WO\nFINDINGS: No pulmonary nodule. Small left pleural effusion.\n"
                + "IMPRESSION: Small left pleural effusion.\n");
        IngestSummary amendment = ctx.getBean(IngestService.class).ingest(List.of(amended), "folder");
        assertThat(amendment.reportsNew()).isEqualTo(1);
        assertThat(amendment.reportsProjected()).isEqualTo(1);
        dr = get("/fhir/DiagnosticReport?identifier=urn:radbridge:accession%7C" + accession);
        assertThat(dr.path("total").asInt()).as("updated, not duplicated").isEqualTo(1);
        JsonNode report = dr.path("entry").get(0).path("resource");
        assertThat(report.path("status").asText()).isEqualTo("amended");
        assertThat(report.path("conclusion").asText()).contains("Small left pleural effusion");
        assertThat(get("/fhir/Observation?identifier=urn:radbridge:report-finding%7C" + accession + ":786838002:right&_total=accurate").path("total").asInt())
                .as("the nodule of the first version is gone").isZero();
        assertThat(get("/fhir/Observation?identifier=urn:radbridge:report-finding%7C" + accession + ":60046008:left").path("total").asInt())
                .isEqualTo(1);
        assertThat(report.path("result").size()).isEqualTo(count("SELECT cardinality(fhir_observation_keys) FROM radbridge.report_projection "
                + "WHERE accession_number = '" + accession + "'"));
        assertThat(count("SELECT count(*) FROM omop.note")).isEqualTo(notes);
        assertThat(noteText(accession)).contains("Small left pleural effusion").doesNotContain("6 mm solid nodule");
        assertThat(count(measurementsOf(accession))).isZero();
        assertThat(count("SELECT count(*) FROM omop.note_nlp n JOIN radbridge.omop_id_map m ON m.omop_id = n.note_id AND m.kind = 'note' "
                + "WHERE m.natural_key = '" + accession + "' AND n.snippet LIKE '%6 mm%'")).isZero();
        assertThat(count("SELECT count(*) FROM omop.note_nlp n LEFT JOIN omop.note o USING (note_id) WHERE o.note_id IS NULL")).isZero();

        // a report whose patient differs from the study's is not linked and says why
        Path wrong = Files.createDirectories(work.resolve("wrong")).resolve("wrong.txt");
        Files.writeString(wrong, headerBlock.replaceAll("Patient-ID: .*", "Patient-ID: SOMEONE-ELSE") + "\n---\nFINDINGS: No pneumothorax.\n");
        IngestSummary mismatch = ctx.getBean(IngestService.class).ingest(List.of(wrong), "folder");
        assertThat(mismatch.reportsNotLinked()).isEqualTo(1);
        assertThat(mismatch.reportsWaiting().lines()).anyMatch(w -> w.contains("SOMEONE-ELSE") && w.contains("differs"));
        assertThat(mismatch.describe()).contains("1 reports not linked");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'mismatch'")).isEqualTo(1);
        assertThat(get("/fhir/DiagnosticReport?identifier=urn:radbridge:accession%7C" + accession).path("entry").get(0).path("resource")
                .path("status").asText()).isEqualTo("amended");
    }

    /** omop rebuild re-projects reports too, in place. */
    @Test
    @Order(13)
    void rebuildReprojectsReportsInPlace() throws Exception {
        Map<String, Long> before = ctx.getBean(ViewCounts.class).counts();
        org.radbridge.ingest.StudyProjector.Result r = ctx.getBean(org.radbridge.ingest.StudyProjector.class).projectAll();
        assertThat(r.problems()).isEmpty();
        assertThat(r.reportsProjected()).isEqualTo((int) count("SELECT count(DISTINCT accession_number) FROM radbridge.report WHERE link_status = 'linked'"));
        assertThat(ctx.getBean(ViewCounts.class).counts()).isEqualTo(before);
        assertThat(before.get("FHIR DiagnosticReport")).isEqualTo(before.get("omop.note"));
    }

    private static String measurementsOf(String accession) {
        return "SELECT count(*) FROM omop.measurement WHERE measurement_id IN (SELECT omop_id FROM radbridge.omop_id_map "
                + "WHERE kind = 'report_measurement' AND natural_key LIKE '" + accession + ":%')";
    }

    private String noteText(String accession) throws Exception {
        return strings("SELECT n.note_text FROM omop.note n JOIN radbridge.omop_id_map m ON m.omop_id = n.note_id AND m.kind = 'note' "
                + "WHERE m.natural_key = '" + accession + "'").get(0);
    }

    /** No patient name part, patient id or accession number of any staged study appears in OMOP note text or NLP rows. */
    private void assertNoIdentifiersInOmopNotes() throws Exception {
        String omop = String.join("\n", strings("SELECT note_text || coalesce(note_title, '') || coalesce(note_source_value, '') FROM omop.note"))
                + String.join("\n", strings("SELECT coalesce(snippet, '') || lexical_variant || coalesce(term_modifiers, '') FROM omop.note_nlp"));
        for (String[] st : rows("SELECT patient_id, coalesce(patient_name, ''), coalesce(accession_number, 'NO-ACCESSION-AT-ALL'), study_instance_uid FROM radbridge.study", 4)) {
            assertThat(omop).doesNotContain(st[0]).doesNotContain(st[2]).doesNotContain(st[3]);
            for (String part : st[1].split("[\\^ ]+")) {
                if (part.length() >= 2) {
                    assertThat(java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(part) + "\\b",
                            java.util.regex.Pattern.CASE_INSENSITIVE).matcher(omop).find()).as("name part " + part + " in OMOP notes").isFalse();
                }
            }
        }
    }

    /**
     * A DICOMweb server whose WADO-RS metadata lists instances without usable UIDs (Orthanc refuses such files, so a
     * JDK HTTP server plays that PACS): those instances are quarantined with their DICOM JSON and the reason, the
     * others are staged and projected, and the pull reports the study as incomplete.
     */
    @Test
    @Order(17)
    void dicomWebInstancesWithoutUidsAreQuarantinedWithTheirJson() throws Exception {
        String study = "2.25.4242000000000000000000000000000001";
        String series = study + ".1";
        String good1 = instanceJson(study, series, series + ".1", 1);
        String good2 = instanceJson(study, series, series + ".2", 2);
        String noSop = instanceJson(study, series, null, 3);
        String badSeries = instanceJson(study, "not-a-uid", series + ".4", 4);
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/dicom-web/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = path.endsWith("/metadata") ? "[" + String.join(",", good1, good2, noSop, badSeries) + "]"
                    : ex.getRequestURI().getQuery() != null && ex.getRequestURI().getQuery().contains("offset=0")
                    ? "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + study + "\"]},\"00201208\":{\"vr\":\"IS\",\"Value\":[4]}}]" : "[]";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/dicom+json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        web.start();
        try {
            String base = "http://127.0.0.1:" + web.getAddress().getPort() + "/dicom-web";
            org.radbridge.server.pull.PullService.Outcome o = ctx.getBean(org.radbridge.server.pull.PullService.class)
                    .run(org.radbridge.server.pull.PullRequest.parse(List.of("dicomweb", "--url", base, "--retries", "1")));
            assertThat(o.exitCode()).as(o.output()).isEqualTo(1);
            assertThat(o.output()).contains("4 instances in the metadata").contains("2 staged");
            assertThat(count("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = '" + study + "'")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM radbridge.study WHERE study_instance_uid = '" + study + "' AND NOT dirty")).isEqualTo(1);
            List<String[]> rows = rows("SELECT original_path, reason, stored_path, kind FROM radbridge.quarantine WHERE kind = 'dicomweb' "
                    + "ORDER BY original_path", 4);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)[0]).isEqualTo(base + "/studies/" + study + "/metadata#3");
            assertThat(rows.get(0)[1]).isEqualTo("missing SOPInstanceUID");
            assertThat(rows.get(1)[0]).isEqualTo(base + "/studies/" + study + "/metadata#4");
            assertThat(rows.get(1)[1]).contains("invalid SeriesInstanceUID");
            assertThat(JSON.readTree(Files.readString(Path.of(rows.get(0)[2])))).isEqualTo(JSON.readTree(noSop));
            assertThat(JSON.readTree(Files.readString(Path.of(rows.get(1)[2])))).isEqualTo(JSON.readTree(badSeries));
            assertThat(Files.readString(Path.of(rows.get(0)[2] + ".reason.txt"))).contains("missing SOPInstanceUID");
        } finally {
            web.stop(0);
        }
    }

    private static String instanceJson(String study, String series, String sop, int number) {
        StringBuilder b = new StringBuilder("{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]}");
        if (sop != null) b.append(",\"00080018\":{\"vr\":\"UI\",\"Value\":[\"").append(sop).append("\"]}");
        b.append(",\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20240102\"]}")
                .append(",\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}")
                .append(",\"00100020\":{\"vr\":\"LO\",\"Value\":[\"MRNWEB1\"]}")
                .append(",\"00100030\":{\"vr\":\"DA\",\"Value\":[\"19700101\"]}")
                .append(",\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"").append(study).append("\"]}")
                .append(",\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"").append(series).append("\"]}")
                .append(",\"00200013\":{\"vr\":\"IS\",\"Value\":[").append(number).append("]}}");
        return b.toString();
    }

    private List<String> fhirVersions() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ctx.getBean(DataSource.class).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT res_id || ':' || res_ver FROM fhir.hfj_resource WHERE res_type <> 'AuditEvent' ORDER BY res_id")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                E2eSupport.asAdmin(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)), work.resolve("data"))
                        .header("Accept", path.startsWith("/fhir") ? "application/fhir+json" : "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private void execute(String sql) throws Exception {
        try (Connection c = radbridgeDb().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private DataSource radbridgeDb() {
        return ctx.getBean("radbridgeDataSource", DataSource.class);
    }

    private long count(String sql) throws Exception {
        return E2eSupport.count(radbridgeDb(), sql);
    }

    private List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        for (String[] r : rows(sql, 1)) out.add(r[0]);
        return out;
    }

    private List<String[]> rows(String sql, int columns) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = radbridgeDb().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) row[i] = rs.getString(i + 1);
                out.add(row);
            }
        }
        return out;
    }

    private static Map<Path, String> hashes(Path dir) throws Exception {
        Map<Path, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                out.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
