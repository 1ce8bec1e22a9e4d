package org.radbridge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
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
import org.radbridge.dicom.net.OrthancPeer;

import java.io.IOException;
import java.net.NetworkInterface;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Research images against a real PACS (Orthanc with its DICOMweb plugin) and the packaged jar:
 * <ul>
 * <li>one patient's studies pulled as DICOMweb metadata (no files), the other's by C-GET; the C-GET files are then
 * deleted; {@code export --pixels} must fetch every instance back from its source (WADO-RS, C-GET), de-identify it
 * and write it with pixel data, research UIDs and none of the staged PHI values; again by C-MOVE to the server's
 * receiver; with Orthanc gone, every retrieval
 * is counted as failed with its reason and the command fails;</li>
 * <li>Orthanc as a DICOMweb client of RadBridge's research {@code /dicomweb} (a server entry with the researcher's
 * bearer token): QIDO-RS through Orthanc, then a WADO-RS retrieve into Orthanc, whose stored instances must carry
 * research UIDs and no PHI value.</li>
 * </ul>
 * Runs in a private network namespace (fhir-server/pom.xml, profile e2e, after package); skips when Orthanc, its
 * DICOMweb plugin or the jar is missing.
 */
@Tag("e2e")
@Tag("peers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResearchPixelsPeersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "research-pixels-e2e-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path work;
    private GenerationSummary generated;
    private OrthancPeer orthanc;
    private JarProcess server;
    private final Pseudonymizer keys = new Pseudonymizer(KEY);
    private String webPatient, dimsePatient;
    private long pulledInstances;

    @BeforeAll
    void start() throws Exception {
        String why = OrthancPeer.whyNot();
        assumeTrue(why == null, () -> "skipped: " + why);
        assumeTrue(onlyLoopback() || Boolean.getBoolean("radbridge.peers.allowNonIsolated"),
                "skipped: not in a private network namespace (mvn -Pe2e runs this suite through scripts/private-netns/bin/java)");
        Path jar = Path.of(System.getProperty("radbridge.jar", "target/radbridge.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), () -> "skipped: " + jar + " not built (the e2e profile runs this suite after package)");
        Path home = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();

        work = Files.createTempDirectory("radbridge-research-pixels");
        generated = new SyntheticPacsGenerator(new GenerateOptions(4, 4242L, work.resolve("pacs"))).generate();
        server = new JarProcess("server", work, jar, home, KEY);
        server.startServer();
        orthanc = new OrthancPeer("RADBRIDGE", server.dicomPort);
        try (Stream<Path> s = Files.walk(work.resolve("pacs/dicom"))) {
            for (Path f : s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) assertThat(orthanc.upload(f)).isEqualTo("Success");
        }
        // two patients with a series not prone to burned-in text (so that both ways of retrieval carry pixels)
        Map<String, String> patientOfStudy = new java.util.HashMap<>();
        for (JsonNode st : orthanc.get("/studies?expand")) patientOfStudy.put(st.path("ID").asText(), st.path("PatientMainDicomTags").path("PatientID").asText());
        TreeSet<String> candidates = new TreeSet<>();
        for (JsonNode se : orthanc.get("/series?expand")) {
            if (Set.of("CT", "MR", "CR", "DX").contains(se.path("MainDicomTags").path("Modality").asText())) {
                candidates.add(patientOfStudy.get(se.path("ParentStudy").asText()));
            }
        }
        assertThat(candidates).as("generated patients with CT/MR/CR/DX series").hasSizeGreaterThanOrEqualTo(2);
        webPatient = candidates.first();
        dimsePatient = candidates.higher(webPatient);
        server.awaitUp(Duration.ofMinutes(20));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
        if (orthanc != null) orthanc.close();
        InProcessServer.deleteTree(work);
    }

    @Test
    @Order(1)
    void pullsOnePatientAsDicomWebMetadataAndTheOtherByCGet() throws Exception {
        JarProcess.Result web = server.run(Duration.ofMinutes(5), "pull", "dicomweb", "--url", orthanc.dicomWebBase(), "--patient", webPatient);
        assertThat(web.exitCode()).as(web.output()).isZero();
        JarProcess.Result dimse = server.run(Duration.ofMinutes(5), "pull", "dimse", "--aet", OrthancPeer.AET, "--host", "127.0.0.1",
                "--port", String.valueOf(orthanc.dicomPort), "--get", "--patient", dimsePatient);
        assertThat(dimse.exitCode()).as(dimse.output()).isZero();
        try (Connection c = server.db()) {
            pulledInstances = one(c, "SELECT count(*) FROM radbridge.instance");
            assertThat(pulledInstances).isEqualTo(orthancInstances(webPatient) + orthancInstances(dimsePatient));
            assertThat(one(c, "SELECT count(*) FROM radbridge.instance WHERE source = 'dicomweb' AND file_path IS NULL")).isPositive();
            assertThat(one(c, "SELECT count(*) FROM radbridge.instance WHERE source = 'dimse' AND file_path IS NOT NULL")).isPositive();
        }
    }

    /** Orthanc's DICOMweb plugin as the client, while the C-GET files are still at hand (the research DICOMweb serves those). */
    @Test
    @Order(2)
    void orthancAsDicomWebClientSeesOnlyResearchContent() throws Exception {
        JarProcess.Result t = server.run(Duration.ofMinutes(3), "token", "create", "--name", "orthanc-client", "--role", "researcher");
        assertThat(t.exitCode()).as(t.output()).isZero();
        String token = t.output().lines().map(String::strip).filter(l -> l.matches("[A-Za-z0-9._~+/=-]{20,}")).reduce((a, b) -> b).orElseThrow();
        String orthancBase = "http://127.0.0.1:" + orthanc.httpPort;
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(orthancBase + "/dicom-web/servers/radbridge"))
                .PUT(body(Map.of("Url", server.base() + "/dicomweb/", "HttpHeaders", Map.of("Authorization", "Bearer " + token)))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        Set<String> stagedStudies = column("SELECT study_instance_uid FROM radbridge.study");
        Set<String> researchStudies = new TreeSet<>();
        stagedStudies.forEach(s -> researchStudies.add(keys.uid(s)));
        HttpResponse<String> qido = send(HttpRequest.newBuilder(URI.create(orthancBase + "/dicom-web/servers/radbridge/qido"))
                .POST(body(Map.of("Uri", "/studies"))));
        assertThat(qido.statusCode()).as(qido.body()).isEqualTo(200);
        Set<String> found = new TreeSet<>();
        for (JsonNode s : JSON.readTree(qido.body())) {
            // Orthanc's proxied QIDO-RS answer gives single values as strings, not DICOM JSON arrays
            JsonNode v = s.path("0020000D").path("Value");
            found.add(v.isArray() ? v.path(0).asText() : v.asText());
        }
        assertThat(found).as("QIDO-RS through Orthanc (" + qido.body() + "): every staged study, under its research UID").isEqualTo(researchStudies);
        assertNoPhi("QIDO-RS answer", qido.body());

        String dimseStudy = column("SELECT i.study_instance_uid FROM radbridge.instance i JOIN radbridge.study s USING (study_instance_uid) "
                + "WHERE s.patient_id = '" + dimsePatient + "' AND i.modality IN ('CT','MR','CR','DX')").iterator().next();
        String research = keys.uid(dimseStudy);
        String issuer = column("SELECT issuer_of_patient_id FROM radbridge.study WHERE study_instance_uid = '" + dimseStudy + "'").stream()
                .findFirst().orElse("");
        HttpResponse<String> retrieve = send(HttpRequest.newBuilder(URI.create(orthancBase + "/dicom-web/servers/radbridge/retrieve"))
                .POST(body(Map.of("Resources", List.of(Map.of("Study", research))))));
        assertThat(retrieve.statusCode()).as(retrieve.body()).isEqualTo(200);

        HttpResponse<String> stored = send(HttpRequest.newBuilder(URI.create(orthancBase + "/tools/find"))
                .POST(body(Map.of("Level", "Instance", "Query", Map.of("StudyInstanceUID", research), "Expand", true))));
        JsonNode instances = JSON.readTree(stored.body());
        Set<String> researchSops = new HashSet<>();
        column("SELECT sop_instance_uid FROM radbridge.instance WHERE study_instance_uid = '" + dimseStudy + "'").forEach(s -> researchSops.add(keys.uid(s)));
        long flagged = count("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = '" + dimseStudy + "'") - instances.size();
        System.out.println("orthanc as DICOMweb client: QIDO-RS found " + found.size() + " studies; WADO-RS retrieve stored "
                + instances.size() + " of " + researchSops.size() + " instances of one study (the rest flagged for burned-in text: " + flagged + ")");
        assertThat(instances.size()).as("instances Orthanc received from /dicomweb").isPositive();
        for (JsonNode i : instances) {
            JsonNode tags = JSON.readTree(send(HttpRequest.newBuilder(URI.create(orthancBase + "/instances/" + i.path("ID").asText() + "/simplified-tags")).GET()).body());
            assertThat(researchSops).contains(tags.path("SOPInstanceUID").asText());
            assertThat(tags.path("StudyInstanceUID").asText()).isEqualTo(research);
            assertThat(tags.path("PatientID").asText()).as("the research key").isEqualTo(keys.person(issuer, dimsePatient));
            assertThat(tags.path("PatientIdentityRemoved").asText()).isEqualTo("YES");
            assertNoPhi("instance stored by Orthanc", tags.toString());
        }
    }

    @Test
    @Order(3)
    void exportWithPixelsFetchesEveryMissingInstanceBackFromItsSource() throws Exception {
        for (String f : column("SELECT file_path FROM radbridge.instance WHERE file_path IS NOT NULL")) Files.deleteIfExists(Path.of(f));
        Path out = work.resolve("export");
        String studies = String.join(",", column("SELECT study_instance_uid FROM radbridge.study"));
        JarProcess.Result r = server.run(Duration.ofMinutes(10), "export", "--studies", studies, "--out", out.toString(),
                "--purpose", "e2e: pixels from the source PACS", "--pixels");
        System.out.println("export --pixels: " + r.output().lines().filter(l -> l.startsWith("Exported") || l.startsWith("  ")).toList());
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode counts = JSON.readTree(out.resolve("export-report.json").toFile()).path("counts");
        long instances = pulledInstances;
        long flagged = counts.path("flaggedBurnedIn").asLong();
        assertThat(counts.path("instances").asLong()).isEqualTo(instances);
        assertThat(counts.path("retrievalFailed").asLong()).isZero();
        assertThat(counts.path("retrievedFromSource").asLong()).as("every instance not flagged came back from its source").isEqualTo(instances - flagged);
        assertThat(counts.path("withPixels").asLong()).isEqualTo(instances - flagged);
        JsonNode by = JSON.readTree(out.resolve("export-report.json").toFile()).path("retrievedBy");
        assertThat(by.path("WADO-RS").asLong()).as("by WADO-RS (DICOMweb metadata pull)").isPositive();
        assertThat(by.path("C-GET").asLong()).as("by C-GET (DIMSE pull, files deleted)").isPositive();

        Set<String> researchSops = new HashSet<>(), researchStudies = new HashSet<>();
        column("SELECT sop_instance_uid FROM radbridge.instance").forEach(s -> researchSops.add(keys.uid(s)));
        column("SELECT study_instance_uid FROM radbridge.study").forEach(s -> researchStudies.add(keys.uid(s)));
        int withPixels = 0, files = 0;
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                files++;
                AttributeList l = new AttributeList();
                l.read(f.toFile());
                assertThat(researchSops).contains(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID));
                assertThat(researchStudies).contains(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyInstanceUID));
                assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
                if (l.get(TagFromName.PixelData) != null) withPixels++;
                assertNoPhi(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(files).isEqualTo(instances);
        assertThat(withPixels).as("files with Pixel Data").isEqualTo(instances - flagged);
    }

    /** C-MOVE to the running server's receiver (Orthanc knows it as RADBRIDGE), as for a PACS that does not do C-GET. */
    @Test
    @Order(4)
    void exportWithPixelsByCMoveToTheServersReceiver() throws Exception {
        String dimseStudies = String.join(",", column("SELECT study_instance_uid FROM radbridge.study WHERE patient_id = '" + dimsePatient + "'"));
        for (String f : column("SELECT file_path FROM radbridge.instance WHERE file_path IS NOT NULL")) Files.deleteIfExists(Path.of(f));
        Path out = work.resolve("export-move");
        JarProcess.Result r = server.run(Duration.ofMinutes(10), "export", "--studies", dimseStudies, "--out", out.toString(),
                "--purpose", "e2e: pixels by C-MOVE", "--pixels", "--move");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode report = JSON.readTree(out.resolve("export-report.json").toFile());
        System.out.println("export --pixels --move: " + report.path("counts") + " " + report.path("retrievedBy"));
        long expected = orthancInstances(dimsePatient) - report.path("counts").path("flaggedBurnedIn").asLong();
        // the server's receiver stages what the C-MOVE brings back at the instances' spool paths, so after the study's
        // C-MOVE (on its first missing instance) the others are at hand again
        assertThat(report.path("retrievedBy").path("C-MOVE").asLong()).isPositive();
        assertThat(report.path("counts").path("retrievalFailed").asLong()).isZero();
        assertThat(report.path("counts").path("withPixels").asLong()).isEqualTo(expected);
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                assertNoPhi(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    @Order(5)
    void withTheSourceGoneEveryRetrievalIsCountedAsFailedWithItsReason() throws Exception {
        orthanc.close();
        orthanc = null;
        for (String f : column("SELECT file_path FROM radbridge.instance WHERE file_path IS NOT NULL")) Files.deleteIfExists(Path.of(f));
        Path out = work.resolve("export-no-source");
        String studies = String.join(",", column("SELECT study_instance_uid FROM radbridge.study"));
        JarProcess.Result r = server.run(Duration.ofMinutes(10), "export", "--studies", studies, "--out", out.toString(),
                "--purpose", "e2e: source unreachable", "--pixels");
        assertThat(r.exitCode()).as("an export that could not fetch pixels fails\n" + r.output()).isEqualTo(1);
        JsonNode report = JSON.readTree(out.resolve("export-report.json").toFile());
        JsonNode counts = report.path("counts");
        System.out.println("export --pixels without the source: " + counts + " " + report.path("retrievalFailures"));
        long expected = pulledInstances - counts.path("flaggedBurnedIn").asLong();
        assertThat(counts.path("retrievalFailed").asLong()).isEqualTo(expected);
        assertThat(counts.path("withPixels").asLong()).isZero();
        assertThat(counts.path("instances").asLong()).as("still exported, header only").isEqualTo(pulledInstances);
        long byReason = 0;
        for (JsonNode n : report.path("retrievalFailures")) byReason += n.asLong();
        assertThat(byReason).isEqualTo(expected);
        assertThat(report.path("retrievalFailures").toString()).contains("WADO-RS").contains("C-GET");
    }

    // ---------------------------------------------------------------- helpers

    private long orthancInstances(String patientId) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + orthanc.httpPort + "/tools/find"))
                .POST(body(Map.of("Level", "Instance", "Query", Map.of("PatientID", patientId)))));
        return JSON.readTree(r.body()).size();
    }

    /** The staged PHI values: patient IDs, names (and their components), accession numbers, the original UIDs. */
    private void assertNoPhi(String where, String text) throws Exception {
        Set<String> phi = new TreeSet<>();
        phi.addAll(column("SELECT patient_id FROM radbridge.study"));
        phi.addAll(column("SELECT accession_number FROM radbridge.study WHERE accession_number <> ''"));
        for (String name : column("SELECT patient_name FROM radbridge.study WHERE patient_name <> ''")) {
            phi.add(name);
            for (String part : name.split("\\^")) if (part.length() >= 4) phi.add(part);
        }
        phi.addAll(column("SELECT study_instance_uid FROM radbridge.study"));
        phi.addAll(column("SELECT series_instance_uid FROM radbridge.instance"));
        phi.addAll(column("SELECT sop_instance_uid FROM radbridge.instance"));
        for (String v : phi) assertThat(text).as(where + " carries a staged PHI value").doesNotContain(v);
    }

    private Set<String> column(String sql) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = server.db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) if (rs.getString(1) != null) out.add(rs.getString(1));
        }
        return out;
    }

    private long count(String sql) throws Exception {
        try (Connection c = server.db()) {
            return one(c, sql);
        }
    }

    private static long one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpRequest.BodyPublisher body(Object o) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(o));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpRequest request = b.timeout(Duration.ofMinutes(3)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // a pooled keep-alive connection Orthanc closed while the test waited ("header parser received no bytes");
            // the client does not resend a POST by itself, and every request here is a query: send it once more
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static boolean onlyLoopback() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) return false;
            }
            return true;
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
