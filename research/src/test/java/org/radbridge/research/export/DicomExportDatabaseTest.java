package org.radbridge.research.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DeidProfile;
import org.radbridge.deid.dicom.DeidTable;
import org.radbridge.deid.dicom.DicomDeidentifier;
import org.radbridge.deid.dicom.MarkerDataset;
import org.radbridge.deid.dicom.Part10;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export of staged studies whose every Table E.1-1 attribute carries a marker: files laid out by research UIDs, no
 * marker in any exported byte, pixel data only for instances not flagged for burned-in text, dates of one person
 * shifted by one amount, a cohort manifest of research UIDs accepted, the export audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomExportDatabaseTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String SC = "1.2.840.10008.5.1.4.1.1.7";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private EmbeddedPostgres postgres;
    private DataSource ds;
    private final Pseudonymizer keys = new Pseudonymizer("export-test-key-0123456789abcdef");
    private final List<MarkerDataset.Generated> generated = new ArrayList<>();
    private final List<String> studies = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        ds = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
        // one patient, two studies a year apart (CT with pixels on disk, secondary capture); another patient's CT
        stage("ZQXA", "PAT-A", CT, 1, 0, true);
        stage("ZQXB", "PAT-A", SC, 2, 365, true);
        stage("ZQXC", "PAT-C", CT, 3, 0, false);
    }

    @AfterAll
    void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    /** Stages one instance as ingest does: study row, instance row with the top-level header as keyword JSON, the file. */
    private void stage(String prefix, String patientId, String sopClass, int seed, int daysLater, boolean file) throws Exception {
        MarkerDataset.Generated g = MarkerDataset.generate(DeidTable.shipped(), prefix, sopClass, seed);
        AttributeList list = g.list();
        String study = "1.2.826.0.1.3680043.10.1034.9" + seed, series = study + ".1", sop = series + ".1";
        put(list, TagFromName.StudyInstanceUID, study);
        put(list, TagFromName.SeriesInstanceUID, series);
        put(list, TagFromName.SOPInstanceUID, sop);
        put(list, TagFromName.PatientID, prefix + "PID");
        put(list, TagFromName.StudyDate, LocalDate.of(2020, 3, 1).plusDays(daysLater).format(DateTimeFormatter.BASIC_ISO_DATE));
        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(new byte[] {1, 2, 3, 4});
        list.put(pixels);
        Path path = tmp.resolve(prefix + ".dcm");
        Part10.write(list, path);
        Map<String, String> header = new LinkedHashMap<>();
        for (Attribute a : list.values()) {
            if (a instanceof SequenceAttribute || a.getTag().isPrivate() || a.getTag().getGroup() == 2 || a.getTag().equals(TagFromName.PixelData)) continue;
            String vr = a.getVRAsString();
            if (vr.startsWith("O") || vr.equals("UN")) continue;
            String name = AttributeList.getDictionary().getNameFromTag(a.getTag());
            header.put(name == null ? a.getTag().toString() : name, a.getDelimitedStringValuesOrEmptyString());
        }
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.study (study_instance_uid, patient_id, issuer_of_patient_id, "
                    + "source) VALUES (?,?,?,'folder')")) {
                ps.setString(1, study);
                ps.setString(2, patientId);
                ps.setString(3, "HOSP");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.instance (sop_instance_uid, study_instance_uid, "
                    + "series_instance_uid, sop_class_uid, source, file_path, attributes) VALUES (?,?,?,?,'folder',?,?::jsonb)")) {
                ps.setString(1, sop);
                ps.setString(2, study);
                ps.setString(3, series);
                ps.setString(4, sopClass);
                ps.setString(5, file ? path.toString() : tmp.resolve("gone-" + prefix + ".dcm").toString());
                ps.setString(6, JSON.writeValueAsString(header));
                ps.executeUpdate();
            }
        }
        generated.add(g);
        studies.add(study);
    }

    private static void put(AttributeList list, com.pixelmed.dicom.AttributeTag tag, String v) throws Exception {
        Attribute a = AttributeFactory.newAttribute(tag);
        a.addValue(v);
        list.put(a);
    }

    @Test
    void exportsDeidentifiedFilesWithoutAnyMarkerFlagsBurnedInTextShiftsDatesAndAudits() throws Exception {
        Path out = tmp.resolve("export");
        // the cohort manifest a researcher holds: research UIDs only
        Path manifest = tmp.resolve("manifest.csv");
        StringBuilder csv = new StringBuilder("person_id,study_uid,label\n");
        for (String s : studies) csv.append("7,").append(keys.uid(s)).append(",1\n");
        Files.writeString(manifest, csv);
        StudySelection.Selected sel = StudySelection.resolve(ds, keys, StudySelection.readCohortFile(manifest));
        assertThat(sel.notFound()).isEmpty();
        assertThat(sel.studyUids()).containsExactlyInAnyOrderElementsOf(studies);

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DicomDeidentifier deid = new DicomDeidentifier(DeidProfile.load("research"), keys, null, "test");
        DicomExport.Report r = new DicomExport(ds, keys, deid, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(sel.studyUids(), new DicomExport.Options(out, true, "test of the export", "test"));
        assertThat(r.instances()).isEqualTo(3);
        assertThat(r.failed()).isZero();
        assertThat(r.flaggedBurnedIn()).isEqualTo(1);
        assertThat(r.withPixels()).isEqualTo(1);
        assertThat(r.pixelsUnavailable()).isEqualTo(1);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("export: 3/3 instances (100 %)").contains("ETA");

        List<Path> files;
        try (Stream<Path> w = Files.walk(out)) {
            files = w.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
        assertThat(files).hasSize(3);
        List<String> leaks = new ArrayList<>();
        Map<String, LocalDate> studyDates = new LinkedHashMap<>();
        for (Path f : files) {
            String rel = out.relativize(f).toString();
            for (String s : studies) assertThat(rel).doesNotContain(s);
            assertThat(f.getParent().getParent().getFileName().toString()).startsWith("2.25.");
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (MarkerDataset.Generated g : generated) {
                if (text.contains(g.prefix())) leaks.add(rel + " holds " + g.prefix());
                for (String m : g.markers().values()) if (!m.matches("\\d{8}(\\d{6})?") && text.contains(m)) leaks.add(rel + " holds " + m);
            }
            for (String s : studies) if (text.contains(s)) leaks.add(rel + " holds the study UID");
            AttributeList l = new AttributeList();
            l.read(f.toFile());
            assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientIdentityRemoved)).isEqualTo("YES");
            String pid = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID);
            assertThat(pid).isIn(keys.person("HOSP", "PAT-A"), keys.person("HOSP", "PAT-C"));
            boolean hasPixels = l.get(TagFromName.PixelData) != null;
            String sopClass = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
            if (sopClass.equals(SC)) assertThat(hasPixels).as("burned-in-prone SC exported without pixels").isFalse();
            if (pid.equals(keys.person("HOSP", "PAT-A"))) {
                studyDates.put(sopClass, LocalDate.parse(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyDate), DateTimeFormatter.BASIC_ISO_DATE));
            }
        }
        assertThat(leaks).isEmpty();
        // the same person's two studies keep their 365 days apart, and neither shows its real date
        assertThat(studyDates).hasSize(2);
        assertThat(studyDates.get(SC).toEpochDay() - studyDates.get(CT).toEpochDay()).isEqualTo(365);
        assertThat(studyDates.get(CT)).isNotEqualTo(LocalDate.of(2020, 3, 1));

        JsonNode report = JSON.readTree(r.reportFile().toFile());
        assertThat(report.at("/counts/flaggedBurnedIn").asInt()).isEqualTo(1);
        assertThat(report.get("profile").asText()).isEqualTo("research");
        assertThat(report.toString()).doesNotContain("ZQXA").doesNotContain("ZQXB").doesNotContain("ZQXC").doesNotContain("PAT-");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT action, actor, purpose, profile, outcome->>'instances' FROM radbridge.deid_audit WHERE audit_id = " + r.auditId())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("export");
            assertThat(rs.getString(2)).startsWith("os-user:");
            assertThat(rs.getString(3)).isEqualTo("test of the export");
            assertThat(rs.getString(4)).isEqualTo("research");
            assertThat(rs.getInt(5)).isEqualTo(3);
        }
    }

    @Test
    void aManifestWithoutAStudyColumnIsRefusedWithItsFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "person_id,label\n1,2\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StudySelection.readCohortFile(bad))
                .hasMessageContaining("bad.csv line 1").hasMessageContaining("study_uid");
    }
}
