package org.radbridge.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DeidProfile;
import org.radbridge.deid.dicom.DeidScore;
import org.radbridge.deid.dicom.DeidTable;
import org.radbridge.deid.dicom.DicomDeidentifier;
import org.radbridge.deid.dicom.MarkerDataset;
import org.radbridge.deid.dicom.Part10;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.report.hl7.MllpClient;
import org.radbridge.research.export.DicomExport;
import org.radbridge.server.security.Role;
import org.radbridge.server.security.TokenStore;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The research view against PHI markers, on the real stack: DICOM files in which every Table E.1-1 attribute, private
 * attributes and nested sequences carry unique markers are ingested from a folder and pushed by C-STORE (DCMTK
 * storescu), and a report full of PHI arrives as
 * ORU^R01 over MLLP for the same patient. Then the whole omop schema, the research DICOMweb answers (researcher token),
 * a DICOM export and every log line at INFO and above must hold no marker; the patient is one person in OMOP.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResearchViewEndToEndTest {
    private static final String KEY = "research-view-e2e-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PID = "ZQXPID0001", ISSUER = "ZQXISSUER", ACC1 = "ZQXACC0001", ACC2 = "ZQXACC0002";
    private static final String STUDY1 = "1.2.826.0.1.3680043.10.1034.501", STUDY2 = "1.2.826.0.1.3680043.10.1034.502",
            STUDY3 = "1.2.826.0.1.3680043.10.1034.503";
    private static final Path STORESCU = Path.of("/usr/bin/storescu");
    /** PHI of the HL7 report, in the forms issue 13 names: relation words, name pairs, staff, phone, address, ids, dates. */
    private static final List<String> REPORT_PHI = List.of("Zelda Quorn", "Zelda", "Quorn", "Mary Johnson", "Ruth Ames", "555-0147",
            "12 Birch Lane", "March 3, 2024", PID, ACC1, "ZQXFAMILY", "ZQXGIVEN");

    private Path work;
    private ConfigurableApplicationContext ctx;
    private int httpPort;
    private InProcessServer server;
    private DataSource ds;
    private final Pseudonymizer keys = new Pseudonymizer(KEY);
    private final Set<String> markers = new LinkedHashSet<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private IngestSummary ingested;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("radbridge-research-e2e");
        Path inbox = Files.createDirectories(work.resolve("marker-dicom"));
        writeStudy(inbox, "ZQXA", STUDY1, ACC1, "20240312", 1);
        writeStudy(inbox, "ZQXB", STUDY2, ACC2, "20250312", 2);
        Path pushed = Files.createDirectories(work.resolve("marker-cstore"));
        writeStudy(pushed, "ZQXC", STUDY3, "ZQXACC0003", "20260101", 3);

        server = InProcessServer.in(work).pseudonymKey(KEY).serverModeTestProjects().start();
        ctx = server.context();
        httpPort = server.httpPort();
        // every log event from here on, whatever the configured appenders do with it
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        ds = ctx.getBean("radbridgeDataSource", DataSource.class);
        ingested = ctx.getBean(IngestService.class).ingest(List.of(inbox), "folder");
        sendReport();
        pushByCStore(pushed);
        ctx.getBean(StudyProjector.class).projectAll();
    }

    @AfterAll
    void stop() throws IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (server != null) server.close();
        InProcessServer.deleteTree(work);
    }

    /** One CT instance of the patient: every table attribute a marker, then the identity the pipeline needs. */
    private void writeStudy(Path dir, String prefix, String study, String accession, String date, int seed) throws Exception {
        MarkerDataset.Generated g = MarkerDataset.generate(DeidTable.shipped(), prefix, "1.2.840.10008.5.1.4.1.1.2", seed);
        AttributeList l = g.list();
        put(l, TagFromName.PatientID, PID);
        put(l, TagFromName.IssuerOfPatientID, ISSUER);
        put(l, TagFromName.PatientName, "ZQXFAMILY^ZQXGIVEN");
        put(l, TagFromName.PatientBirthDate, "19500101");
        put(l, TagFromName.AccessionNumber, accession);
        put(l, TagFromName.StudyInstanceUID, study);
        put(l, TagFromName.SeriesInstanceUID, study + ".1");
        put(l, TagFromName.SOPInstanceUID, study + ".1.1");
        put(l, TagFromName.StudyDate, date);
        put(l, TagFromName.SeriesDate, date);
        put(l, TagFromName.SeriesNumber, "1");
        put(l, TagFromName.InstanceNumber, "1");
        put(l, TagFromName.Rows, "2");
        put(l, TagFromName.Columns, "2");
        put(l, TagFromName.BitsAllocated, "16");
        put(l, TagFromName.BitsStored, "12");
        put(l, TagFromName.HighBit, "11");
        put(l, TagFromName.PixelRepresentation, "0");
        put(l, TagFromName.SamplesPerPixel, "1");
        put(l, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
        px.setValues(new short[] {1, 2, 3, 4});
        l.put(px);
        Part10.write(l, dir.resolve(prefix + ".dcm"));
        for (String m : g.markers().values()) if (!m.matches("\\d{8}(\\d{6})?")) markers.add(m);
        markers.add(prefix);
        markers.add(study);
    }

    private static void put(AttributeList l, AttributeTag tag, String v) throws Exception {
        Attribute a = AttributeFactory.newAttribute(tag);
        a.addValue(v);
        l.put(a);
    }

    /** The third study arrives by C-STORE from DCMTK's storescu (skipped when DCMTK is not installed). */
    private boolean pushed;

    private void pushByCStore(Path dir) throws Exception {
        if (!Files.isExecutable(STORESCU)) return;
        Process p = new ProcessBuilder(STORESCU.toString(), "-aet", "ZQXMODALITY", "-aec", "RADBRIDGE", "127.0.0.1",
                System.getProperty("radbridge.dicom.port"), dir.resolve("ZQXC.dcm").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        for (int i = 0; i < 120; i++) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = '" + STUDY3 + "'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    pushed = true;
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the C-STORE instance was not staged within 60 s: " + out);
    }

    private void sendReport() throws Exception {
        String text = "CLINICAL HISTORY: History provided by her daughter, Zelda Quorn. Findings discussed with Mary Johnson.\\.br\\"
                + "Patient lives at 12 Birch Lane, Portland, ME 04101; call 555-0147. Prior exam March 3, 2024.\\.br\\"
                + "FINDINGS: 4 mm nodule in the right upper lobe. No pneumothorax.\\.br\\"
                + "IMPRESSION: Small nodule; follow-up CT in 12 months. Patient ZQXFAMILY ZQXGIVEN, MRN " + PID + ", accession " + ACC1 + ".\\.br\\"
                + "Electronically signed by Dr. Ruth Ames";
        String msg = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|ZQX-1|P|2.5.1||||||UNICODE UTF-8\r"
                + "PID|1||" + PID + "^^^" + ISSUER + "^MR||ZQXFAMILY^ZQXGIVEN||19500101|F\r"
                + "OBR|1||" + ACC1 + "|71250^CT CHEST^CPT|||20240312093000||||||||||||||||||F\r"
                + "OBX|1|FT|18782-3^Study observation^LN||" + text + "||||||F\r";
        int port = Integer.parseInt(System.getProperty("radbridge.mllp.port"));
        try (MllpClient ris = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(ris.send(msg))).isEqualTo("AA");
        }
    }

    private List<String> omopDump() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'omop' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT row_to_json(x)::text FROM omop." + t + " x")) {
                    while (rs.next()) rows.add(t + " " + rs.getString(1));
                }
            }
        }
        return rows;
    }

    private List<String> leaks(String where, String text, Set<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String m : wanted) if (text.contains(m)) out.add(where + ": " + m);
        return out;
    }

    private Set<String> allMarkers() {
        Set<String> all = new LinkedHashSet<>(markers);
        all.addAll(REPORT_PHI);
        return all;
    }

    @Test
    @Order(1)
    void bothStudiesAndTheReportArriveAndThePatientIsOnePerson() throws Exception {
        assertThat(ingested.instancesNew()).isEqualTo(2);
        assertThat(ingested.quarantined()).isEmpty();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), min(person_source_value) FROM omop.person")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo(keys.person(ISSUER, PID));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT person_id) FROM (SELECT person_id FROM omop.note UNION ALL "
                    + "SELECT person_id FROM omop.procedure_occurrence) x")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the report (HL7) and the studies (DICOM) belong to one person").isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM omop.note")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE wadors_uri LIKE '%/dicomweb/studies/" + keys.uid(STUDY1)
                    + "/series/" + keys.uid(STUDY1 + ".1") + "'), count(*) FILTER (WHERE wadors_uri LIKE 'http://127.0.0.1:" + httpPort
                    + "/dicomweb/studies/2.25.%'), count(*) FROM omop.image_occurrence")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).isEqualTo(pushed ? 3 : 2).isEqualTo(rs.getInt(3));
            }
        }
    }

    @Test
    @Order(2)
    void theWholeOmopSchemaHoldsNoMarker() throws Exception {
        List<String> dump = omopDump();
        assertThat(dump).isNotEmpty();
        String all = String.join("\n", dump);
        List<String> found = leaks("omop", all, allMarkers());
        System.out.printf("OMOP dump: %d rows searched for %d markers, %d found%n", dump.size(), allMarkers().size(), found.size());
        assertThat(found).isEmpty();
        assertThat(all).contains("nodule");
    }

    @Test
    @Order(3)
    void theResearchDicomWebAnswersResearchersWithDeidentifiedContentOnly() throws Exception {
        TokenStore tokens = ctx.getBean(TokenStore.class);
        String researcher = tokens.create("e2e-researcher", Role.RESEARCHER, null);
        String reader = tokens.create("e2e-reader", Role.READER, null);
        String rStudy = keys.uid(STUDY1), rSeries = keys.uid(STUDY1 + ".1"), rSop = keys.uid(STUDY1 + ".1.1");
        HttpResponse<String> qido = get("/dicomweb/studies?PatientID=" + keys.person(ISSUER, PID), researcher);
        assertThat(qido.statusCode()).isEqualTo(200);
        JsonNode studies = JSON.readTree(qido.body());
        assertThat(studies.size()).as("folder, folder and C-STORE").isEqualTo(pushed ? 3 : 2);
        List<String> found = new ArrayList<>(leaks("QIDO studies", qido.body(), allMarkers()));
        assertThat(qido.body()).contains(rStudy);
        for (String path : List.of("/dicomweb/studies/" + rStudy + "/series", "/dicomweb/studies/" + rStudy + "/series/" + rSeries + "/instances",
                "/dicomweb/studies/" + rStudy + "/metadata", "/dicomweb/studies/" + rStudy + "/series/" + rSeries + "/metadata")) {
            HttpResponse<String> r = get(path, researcher);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            found.addAll(leaks(path, r.body(), allMarkers()));
        }
        HttpResponse<byte[]> wado = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/dicomweb/studies/" + rStudy + "/series/" + rSeries + "/instances/" + rSop))
                .header("Authorization", "Bearer " + researcher).header("Accept", "multipart/related; type=\"application/dicom\"").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wado.statusCode()).isEqualTo(200);
        String file = new String(wado.body(), StandardCharsets.ISO_8859_1);
        assertThat(file).contains("DICM").contains(rSop);
        found.addAll(leaks("WADO instance", file, allMarkers()));
        HttpResponse<byte[]> studyRetrieve = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/dicomweb/studies/" + rStudy)).header("Authorization", "Bearer " + researcher).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(studyRetrieve.statusCode()).isEqualTo(200);
        assertThat(studyRetrieve.headers().firstValue("Content-Type").orElse("")).startsWith("multipart/related");
        found.addAll(leaks("WADO study", new String(studyRetrieve.body(), StandardCharsets.ISO_8859_1), allMarkers()));
        assertThat(found).isEmpty();
        // identified FHIR is not for researchers; the research DICOMweb is not for clinical readers or anonymous callers
        assertThat(get("/fhir/Patient", researcher).statusCode()).isEqualTo(403);
        assertThat(get("/dicomweb/studies", reader).statusCode()).isEqualTo(403);
        assertThat(get("/dicomweb/studies", null).statusCode()).isEqualTo(401);
        assertThat(get("/dicomweb/studies/" + STUDY1 + "/metadata", researcher).statusCode()).as("staged UIDs are not addresses").isEqualTo(204);
    }

    @Test
    @Order(4)
    void anExportOfThePatientsStudiesHoldsNoMarker() throws Exception {
        Path out = work.resolve("export");
        DicomDeidentifier deid = new DicomDeidentifier(DeidProfile.load("research"), keys, null, "e2e");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DicomExport.Report r = new DicomExport(ds, keys, deid, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(List.of(STUDY1, STUDY2, STUDY3), new DicomExport.Options(out, true, "e2e marker check", "e2e"));
        assertThat(r.instances()).isEqualTo(pushed ? 3 : 2);
        assertThat(r.withPixels()).isEqualTo(r.instances());
        assertThat(r.failed()).isZero();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                found.addAll(leaks(out.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), allMarkers()));
            }
        }
        assertThat(found).isEmpty();
        // MIDI-B-style score of the exported file of the first study against the file that was ingested
        AttributeList original = new AttributeList();
        original.read(work.resolve("marker-dicom/ZQXA.dcm").toFile());
        AttributeList exported = new AttributeList();
        exported.read(out.resolve(keys.uid(STUDY1)).resolve(keys.uid(STUDY1 + ".1")).resolve(keys.uid(STUDY1 + ".1.1") + ".dcm").toFile());
        DeidScore.Result score = DeidScore.score(original, exported, deid.profile(), keys, deid.dateShift().days(keys.person(ISSUER, PID)));
        System.out.println("MIDI-B-style score of an exported file (pixels, research profile):\n" + score.format());
        score.failures().forEach(f -> System.out.println("  " + f));
        assertThat(score.byAction().get("remove").share()).isEqualTo(1.0);
        assertThat(score.byAction().get("replace").share()).isEqualTo(1.0);
        assertThat(score.byAction().get("shift").share()).isEqualTo(1.0);
    }

    @Test
    @Order(5)
    void noLogLineAtInfoOrAboveNamesAMarker() {
        List<String> found = new ArrayList<>();
        int lines = 0;
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            if (!e.getLevel().isGreaterOrEqual(Level.INFO)) continue;
            lines++;
            String line = e.getLoggerName() + " " + e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            found.addAll(leaks("log " + e.getLevel(), line, allMarkers()));
        }
        System.out.printf("Logs: %d lines at INFO and above searched, %d markers found%n", lines, found.size());
        assertThat(lines).isPositive();
        assertThat(found).isEmpty();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
