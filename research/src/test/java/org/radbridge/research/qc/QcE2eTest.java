package org.radbridge.research.qc;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.research.ResearchDatabase;
import org.radbridge.research.cohort.CohortCompiler;
import org.radbridge.research.cohort.CohortDefinitionParser;
import org.radbridge.research.cohort.CohortRunner;
import org.radbridge.research.cohort.CompiledCohort;
import org.radbridge.research.cohort.JdbcConceptResolver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped QC rules on hand-made staging rows whose expected outcome is known, then a cohort that excludes failures. */
@Tag("e2e")
class QcE2eTest {
    private static final String AXIAL = "1\\0\\0\\0\\1\\0";
    private static final String CORONAL = "1\\0\\0\\0\\0\\-1";

    @Test
    void rulesFindWhatIsWrongAndCohortsExcludeIt(@TempDir Path dir) throws Exception {
        try (ResearchDatabase db = ResearchDatabase.start(null); Connection c = db.dataSource().getConnection()) {
            // study A: thin axial series, CTDIvol 10, report linked. Study B: thin series only coronal, 5 mm axial, CTDIvol 20,
            // no report, arrived 10 days ago, and its axial series misses instance 3. A pending report 9 days old.
            study(c, "1.2.3.1", 10);
            study(c, "1.2.3.2", 10);
            for (int i = 1; i <= 4; i++) instance(c, "1.2.3.1", "1.2.3.1.1", i, "CT", "CHEST", "1.0", AXIAL, "10");
            for (int i = 1; i <= 3; i++) instance(c, "1.2.3.2", "1.2.3.2.1", i, "CT", "CHEST", "1.0", CORONAL, "20");
            for (int i : new int[] {1, 2, 4, 5}) instance(c, "1.2.3.2", "1.2.3.2.2", i, "CT", "CHEST", "5.0", AXIAL, "18.5");
            // study B's radiation dose SR: a real one from the corpus (OpenREM's Siemens Flash TAP, DLP total 724.52 mGy.cm)
            Path rdsr = RdsrDoseTest.CORPUS.resolve("openrem_CT-RDSR-Siemens_Flash-TAP-SS.dcm");
            boolean haveRdsr = Files.exists(rdsr);
            if (haveRdsr) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.instance (sop_instance_uid, study_instance_uid, series_instance_uid, "
                        + "sop_class_uid, modality, source, file_path, attributes) VALUES ('1.2.3.2.9.1', '1.2.3.2', '1.2.3.2.9', ?, 'SR', 'test', ?, '{}')")) {
                    ps.setString(1, RdsrDose.XRAY_RDSR_CLASS);
                    ps.setString(2, rdsr.toAbsolutePath().toString());
                    ps.executeUpdate();
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO radbridge.report (report_id, accession_number, text, text_sha256, source, link_status, study_link_uid, received_at) "
                        + "VALUES ('r1', 'A1', 'x', repeat('0', 64), 'test', 'linked', '1.2.3.1', now() - interval '10 days'), "
                        + "('r2', 'A9', 'y', repeat('1', 64), 'test', 'pending', NULL, now() - interval '9 days')");
            }
            // the OMOP side of both studies (as the projection would have written it)
            Map<String, Integer> ids = new HashMap<>();
            int person = 1;
            int ct = conceptId(c, "DICOM", "CT");
            int chest = conceptId(c, "SNOMED", "816094009");
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, race_concept_id, ethnicity_concept_id) VALUES (1, 8532, 1950, 0, 0)");
                int n = 100;
                for (String uid : List.of("1.2.3.1", "1.2.3.2")) {
                    int proc = ++n;
                    ids.put(uid, proc);
                    st.execute("INSERT INTO radbridge.omop_id_map (kind, natural_key, omop_id) VALUES ('procedure_occurrence', '" + uid + "', " + proc + ")");
                    st.execute("INSERT INTO omop.procedure_occurrence (procedure_occurrence_id, person_id, procedure_concept_id, procedure_date, procedure_type_concept_id) "
                            + "VALUES (" + proc + ", " + person + ", 0, DATE '2020-05-0" + (proc - 100) + "', 32817)");
                }
                st.execute("INSERT INTO radbridge.omop_id_map (kind, natural_key, omop_id) VALUES ('image_occurrence', '1.2.3.2.2', 502), ('image_occurrence', '1.2.3.1.1', 501)");
                st.execute("INSERT INTO omop.image_occurrence (image_occurrence_id, person_id, procedure_occurrence_id, anatomic_site_concept_id, image_occurrence_date, "
                        + "image_study_uid, image_series_uid, modality_concept_id) VALUES (501, 1, 101, " + chest + ", DATE '2020-05-01', '2.25.1', '2.25.11', " + ct + "), "
                        + "(502, 1, 102, " + chest + ", DATE '2020-05-02', '2.25.2', '2.25.22', " + ct + ")");
            }

            c.setAutoCommit(false);
            List<QcRunner.Outcome> out = QcRunner.run(c, QcRule.load(ResearchDatabase.HOME.resolve("mappings/qc/qc-rules.csv")));
            QcRunner.store(c, out);
            c.commit();
            c.setAutoCommit(true);

            assertThat(status(out, "CT_CHEST_THIN_AXIAL", ids.get("1.2.3.1"))).isEqualTo("pass");
            assertThat(status(out, "CT_CHEST_THIN_AXIAL", ids.get("1.2.3.2"))).isEqualTo("fail");
            assertThat(status(out, "CT_CTDIVOL_DRL", ids.get("1.2.3.1"))).isEqualTo("pass");
            assertThat(status(out, "CT_CTDIVOL_DRL", ids.get("1.2.3.2"))).isEqualTo("fail");
            assertThat(out.stream().filter(o -> o.ruleId().equals("CT_CTDIVOL_DRL") && o.procedureId() == 102).findFirst().orElseThrow().value())
                    .isEqualByComparingTo("20");
            assertThat(status(out, "STUDY_WITHOUT_REPORT", ids.get("1.2.3.2"))).isEqualTo("warn");
            if (haveRdsr) {
                QcRunner.Outcome dlp = out.stream().filter(o -> o.ruleId().equals("CT_DLP_DRL")).findFirst().orElseThrow();
                assertThat(dlp.procedureId()).isEqualTo(102);
                assertThat(dlp.value()).isEqualByComparingTo(RdsrDoseTest.dlpTotalByWalking(rdsr));
                assertThat(dlp.status()).isEqualTo(dlp.value().compareTo(new java.math.BigDecimal("443")) > 0 ? "fail" : "pass");
                assertThat(out.stream().filter(o -> o.ruleId().equals("CT_DLP_DRL"))).hasSize(1);
            }
            assertThat(status(out, "STUDY_WITHOUT_REPORT", ids.get("1.2.3.1"))).isNull();
            QcRunner.Outcome gap = out.stream().filter(o -> o.ruleId().equals("SERIES_INSTANCE_GAPS")).findFirst().orElseThrow();
            assertThat(gap.imageId()).isEqualTo(502);
            assertThat(gap.procedureId()).isEqualTo(102);
            assertThat(gap.value()).isEqualByComparingTo("1");
            assertThat(out.stream().filter(o -> o.ruleId().equals("SERIES_INSTANCE_GAPS"))).hasSize(1);
            QcRunner.Outcome orphan = out.stream().filter(o -> o.ruleId().equals("REPORT_WITHOUT_STUDY")).findFirst().orElseThrow();
            assertThat(orphan.procedureId()).isNull();
            assertThat(orphan.stagingRef()).isEqualTo("report:r2");
            // no identifier in any message
            assertThat(out).allSatisfy(o -> assertThat(o.message()).doesNotContain("1.2.3", "A1", "A9", "r2"));

            // a cohort that excludes studies failing the thin-axial rule keeps study A only
            Path f = dir.resolve("thin.yaml");
            Files.writeString(f, "modality: [CT]\nexclude_qc_failures: [CT_CHEST_THIN_AXIAL]\n");
            CompiledCohort cohort = CohortCompiler.compile(CohortDefinitionParser.parse(f), new JdbcConceptResolver(c));
            CohortRunner.Result r = CohortRunner.run(c, cohort, new CohortRunner.Options(dir.resolve("out"), null, false, 11, null, "os:test"),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
            assertThat(r.studies()).isEqualTo(1);
            assertThat(r.rows()).singleElement().satisfies(row -> {
                assertThat(row.studyUid()).isEqualTo("2.25.1");
                // acquisition facts from staging through the id map
                assertThat(row.facts().sliceThicknessMm()).isEqualByComparingTo("1.0");
            });
        }
    }

    private static String status(List<QcRunner.Outcome> out, String rule, int proc) {
        return out.stream().filter(o -> o.ruleId().equals(rule) && Integer.valueOf(proc).equals(o.procedureId())).map(QcRunner.Outcome::status)
                .findFirst().orElse(null);
    }

    private static int conceptId(Connection c, String vocabulary, String code) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT concept_id FROM omop.concept WHERE vocabulary_id = ? AND concept_code = ?")) {
            ps.setString(1, vocabulary);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void study(Connection c, String uid, int daysAgo) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.study (study_instance_uid, patient_id, source, first_received_at) "
                + "VALUES (?, 'P1', 'test', now() - make_interval(days => ?))")) {
            ps.setString(1, uid);
            ps.setInt(2, daysAgo);
            ps.executeUpdate();
        }
    }

    private static void instance(Connection c, String study, String series, int number, String modality, String bodyPart, String thickness,
                                 String orientation, String ctdi) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.instance (sop_instance_uid, study_instance_uid, series_instance_uid, "
                + "instance_number, modality, body_part_examined, source, attributes) VALUES (?,?,?,?,?,?,'test', jsonb_build_object("
                + "'SliceThickness', ?::text, 'ImageOrientationPatient', ?::text, 'CTDIvol', ?::text))")) {
            ps.setString(1, series + "." + number);
            ps.setString(2, study);
            ps.setString(3, series);
            ps.setInt(4, number);
            ps.setString(5, modality);
            ps.setString(6, bodyPart);
            ps.setString(7, thickness);
            ps.setString(8, orientation);
            ps.setString(9, ctdi);
            ps.executeUpdate();
        }
    }
}
