package org.radbridge.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.ReportTextScrubber;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.report.ReportFile;
import org.radbridge.report.ReportNlp;
import org.radbridge.report.ReportRepository;
import org.radbridge.report.ReportStaging;
import org.radbridge.report.ReportTestData;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StagingRepository;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;
import org.radbridge.write.fhir.FhirSink;
import org.radbridge.write.omop.OmopReportWriter;
import org.radbridge.write.omop.VisitWriter;
import org.radbridge.write.omop.OmopStudyWriter;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linking, versions and the OMOP side of the report projection on a real PostgreSQL with the RadBridge migrations
 * and the shipped terminology and mappings. The FHIR side is recorded here (the transaction bundles) and written to
 * HAPI in the fhir-server end-to-end suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportProjectionDatabaseTest {
    private static final String FIRST = "EXAMINATION: CT CHEST WO\n"
            + "HISTORY: Jane Doe (MRN004567), 1200 Oak Street, Apt 4B, Springfield, IL 62704, a 93-year-old woman, for follow-up. "
            + "Discussed with Dr. Gregory House at 555-123-4567 on 03/04/2024.\n"
            + "FINDINGS: There is a 3.2 x 1.5 cm nodule in the left upper lobe. No pneumothorax. Possible small right pleural effusion.\n"
            + "IMPRESSION: 3.2 cm left upper lobe nodule.";
    private static final String AMENDED = "EXAMINATION: CT CHEST WO\nFINDINGS: No pulmonary nodule. Small left pleural effusion.\n"
            + "IMPRESSION: Small left pleural effusion.";

    @TempDir
    static Path tmp;
    private EmbeddedPostgres postgres;
    private DataSource ds;
    private StagingRepository staging;
    private ReportRepository reports;
    private StudyProjector projector;
    private ReportNlp nlp;
    private final List<Bundle> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Per patient identifier value, the threads that sent bundles for it. */
    private final Map<String, java.util.Set<String>> sendersByPatient = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean fhirDown;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        ds = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
        Terminology terminology = Terminology.load(ReportTestData.home().resolve("terminology/codesystems"));
        Map<String, Integer> ids = new VocabularyLoader(ds).load(terminology);
        CurrentMappings mappings = new CurrentMappings(MappingSet.load(ReportTestData.home().resolve("mappings"), terminology).withConceptIds(ids));
        Pseudonymizer pseudonymizer = new Pseudonymizer("a-test-key-of-sufficient-length");
        staging = new StagingRepository(ds);
        reports = new ReportRepository(ds);
        nlp = new ReportNlp(ReportTestData.home().resolve("terminology/codesystems"));
        FhirSink fhir = bundle -> {
            if (fhirDown) throw new IllegalStateException("FHIR server unavailable");
            sent.add(bundle);
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                if (e.getResource() instanceof org.hl7.fhir.r4.model.Patient p) {
                    sendersByPatient.computeIfAbsent(p.getIdentifierFirstRep().getValue(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                            .add(Thread.currentThread().getName());
                }
            }
            return new Bundle();
        };
        ReportProjection reportProjection = new ReportProjection(new ReportStaging(ds), nlp,
                new DiagnosticReportBundleBuilder(mappings, "urn:radbridge:accession", nlp.name(), nlp.version()),
                new OmopReportWriter(ds, pseudonymizer, mappings, new ReportTextScrubber(), nlp.system()), mappings);
        projector = new StudyProjector(staging, new ImagingStudyBundleBuilder(mappings, "urn:radbridge:mrn", "urn:radbridge:accession"),
                fhir, new OmopStudyWriter(ds, pseudonymizer, mappings), reportProjection);
    }

    @AfterAll
    void stop() throws Exception {
        if (nlp != null) nlp.close();
        if (postgres != null) postgres.close();
    }

    /**
     * Visit linking: one outpatient visit (9202, mappings/visit.csv) per study on the study date, and every row of the
     * study and its report points at it.
     */
    private void assertVisitLinking() throws Exception {
        assertThat(count("SELECT count(*) FROM omop.visit_occurrence")).isEqualTo(count("SELECT count(*) FROM omop.procedure_occurrence"));
        assertThat(count("SELECT count(*) FROM omop.visit_occurrence v JOIN omop.procedure_occurrence p USING (visit_occurrence_id, person_id) "
                + "WHERE v.visit_concept_id = 9202 AND v.visit_start_date = p.procedure_date AND v.visit_end_date = p.procedure_date "
                + "AND v.visit_source_value = 'IMAGING STUDY'")).isEqualTo(1);
        for (String table : new String[] {"procedure_occurrence", "image_occurrence", "device_exposure", "note", "observation",
                "condition_occurrence", "measurement"}) {
            assertThat(count("SELECT count(*) FROM omop." + table + " t LEFT JOIN omop.visit_occurrence v USING (visit_occurrence_id, person_id) "
                    + "WHERE v.visit_occurrence_id IS NULL")).as(table + " rows without their study's visit").isZero();
        }
        assertThat(count("SELECT count(DISTINCT visit_occurrence_id) FROM omop.image_occurrence")).isEqualTo(1);
    }

    private static ReportFile report(String patientId, String status, String text) {
        return new ReportFile("ACC000123", patientId, "HOSP", null, status, LocalDate.of(2024, 3, 12), text);
    }

    @Test
    @Order(1)
    void aReportBeforeItsStudyIsPendingAndListed() throws Exception {
        assertThat(reports.stage(report("MRN004567", "final", FIRST), "folder", "/in/r1.txt")).isTrue();
        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.projected()).isZero();
        assertThat(r.reportsWaiting().pending()).isEqualTo(1);
        assertThat(r.reportsWaiting().lines()).singleElement().asString().contains("accession ACC000123").endsWith("its study has not arrived");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'pending' AND dirty")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM omop.note")).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    @Order(2)
    void theStudyArrivesAndBothAreProjectedWithScrubbedText() throws Exception {
        List<InstanceRecord> instances = ReportTestData.study("CT CHEST WO").instances();
        staging.stage(instances);
        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.problems()).isEmpty();
        assertThat(r.projected()).isEqualTo(1);
        assertThat(r.reportsProjected()).isEqualTo(1);
        assertThat(r.reportsWaiting().lines()).isEmpty();
        assertThat(r.reportsWaiting().pending()).isZero();
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'linked' AND study_link_uid = '1.2.3.4' AND NOT dirty")).isEqualTo(1);

        DiagnosticReport dr = only(sent.get(sent.size() - 1), DiagnosticReport.class);
        assertThat(dr.getConclusion()).isEqualTo("3.2 cm left upper lobe nodule.");
        assertThat(all(sent.get(sent.size() - 1), Observation.class)).isNotEmpty();

        String note = string("SELECT note_text FROM omop.note");
        assertThat(note).contains("3.2 x 1.5 cm nodule in the left upper lobe").doesNotContain("Jane").doesNotContain("Doe")
                .doesNotContain("MRN004567").doesNotContain("House").doesNotContain("555-123-4567").doesNotContain("03/04/2024")
                .doesNotContain("Oak Street").doesNotContain("Springfield").doesNotContain("62704").doesNotContain("93-year-old");
        assertThat(count("SELECT count(*) FROM omop.note n JOIN omop.person p USING (person_id)")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM omop.note_nlp")).isGreaterThanOrEqualTo(4);
        assertThat(string("SELECT string_agg(snippet, ' | ') FROM omop.note_nlp")).doesNotContain("Jane").doesNotContain("House");
        // lexical variants sit at their offsets in the scrubbed note
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"offset\", lexical_variant FROM omop.note_nlp")) {
            while (rs.next()) assertThat(note.substring(Integer.parseInt(rs.getString(1)))).startsWith(rs.getString(2));
        }
        assertThat(count("SELECT count(*) FROM omop.note_nlp WHERE lexical_variant = 'pneumothorax' AND term_exists = 'N' "
                + "AND term_modifiers LIKE 'assertion=absent%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM omop.note_nlp WHERE term_modifiers LIKE 'assertion=possible%laterality=right%'")).isEqualTo(1);
        // the present nodule (a Condition-domain SNOMED CT finding) with its two dimensions
        assertThat(count("SELECT count(*) FROM omop.condition_occurrence c JOIN omop.concept k ON k.concept_id = c.condition_concept_id "
                + "AND k.concept_code = '786838002'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM omop.measurement m JOIN omop.concept u ON u.concept_id = m.unit_concept_id AND u.concept_code = 'mm' "
                + "JOIN omop.concept k ON k.concept_id = m.measurement_concept_id AND k.concept_code IN ('103339001', '103340004') "
                + "WHERE m.value_as_number IN (32, 15)")).isEqualTo(2);
        // every series of the study is linked to the finding and to each measurement
        // event field: the CDM Field concept of the id field of the table the event id points into
        assertThat(count("SELECT count(*) FROM omop.image_feature f JOIN omop.concept k ON k.concept_id = f.image_feature_event_field_concept_id "
                + "AND k.concept_code = 'condition_occurrence.condition_occurrence_id' AND k.concept_class_id = 'Field' "
                + "JOIN omop.condition_occurrence c ON c.condition_occurrence_id = f.image_feature_event_id")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM omop.image_feature f JOIN omop.concept k ON k.concept_id = f.image_feature_event_field_concept_id "
                + "AND k.concept_code = 'measurement.measurement_id' AND k.concept_class_id = 'Field' "
                + "JOIN omop.measurement m ON m.measurement_id = f.image_feature_event_id")).isEqualTo(4);
        // the report's rows hang off the visit of their study, which the procedure and images share
        assertThat(count("SELECT count(*) FROM omop.measurement m JOIN omop.visit_occurrence v USING (visit_occurrence_id, person_id) "
                + "JOIN omop.procedure_occurrence p USING (visit_occurrence_id)")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM omop.condition_era")).isEqualTo(1);
        assertVisitLinking();
        assertThat(count("SELECT count(*) FROM omop.image_feature f JOIN omop.image_occurrence i USING (image_occurrence_id, person_id)")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM radbridge.report_mention")).isEqualTo(count("SELECT count(*) FROM omop.note_nlp"));
    }

    @Test
    @Order(3)
    void nothingDirtyMeansNothingProjected() throws Exception {
        int before = sent.size();
        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.projected()).isZero();
        assertThat(sent).hasSize(before);
    }

    @Test
    @Order(4)
    void anAmendedVersionReplacesTheFindingsInPlaceAfterAnOutage() throws Exception {
        long noteId = count("SELECT note_id FROM omop.note");
        assertThat(reports.stage(report("MRN004567", "AMENDED", AMENDED), "folder", "/in/r2.txt")).isTrue();
        fhirDown = true;
        StudyProjector.Result failed = projector.projectDirty();
        fhirDown = false;
        assertThat(failed.problems()).singleElement().asString().contains("will retry");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty")).isEqualTo(1);
        assertThat(string("SELECT note_text FROM omop.note")).contains("3.2 x 1.5 cm");

        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.problems()).isEmpty();
        assertThat(r.reportsProjected()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty")).isZero();
        Bundle b = sent.get(sent.size() - 1);
        assertThat(only(b, DiagnosticReport.class).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
        assertThat(b.getEntry().stream().filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.DELETE).map(e -> e.getRequest().getUrl()))
                .anyMatch(u -> u.contains("786838002%3Aleft"));

        assertThat(count("SELECT count(*) FROM omop.note")).isEqualTo(1);
        assertThat(count("SELECT note_id FROM omop.note")).isEqualTo(noteId);
        assertThat(string("SELECT note_text FROM omop.note")).contains("Small left pleural effusion").doesNotContain("3.2 x 1.5 cm");
        assertThat(count("SELECT count(*) FROM omop.note_nlp WHERE snippet LIKE '%3.2%'")).isZero();
        assertThat(count("SELECT count(*) FROM omop.measurement")).isZero();
        assertThat(count("SELECT count(*) FROM omop.condition_occurrence c JOIN omop.concept k ON k.concept_id = c.condition_concept_id "
                + "AND k.concept_code = '786838002'")).isZero();
        assertThat(count("SELECT count(*) FROM omop.condition_occurrence c JOIN omop.concept k ON k.concept_id = c.condition_concept_id "
                + "AND k.concept_code = '60046008'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM omop.image_feature")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM omop.image_feature WHERE image_finding_id NOT IN "
                + "(SELECT condition_occurrence_id FROM omop.condition_occurrence UNION SELECT observation_id FROM omop.observation)")).isZero();
    }

    @Test
    @Order(5)
    void anOlderPreliminaryArrivingLateDoesNotReplaceTheAmendment() throws Exception {
        reports.stage(report("MRN004567", "preliminary", "FINDINGS: Large right pneumothorax."), "folder", "/in/r0.txt");
        projector.projectDirty();
        assertThat(string("SELECT note_text FROM omop.note")).contains("Small left pleural effusion");
        assertThat(only(sent.get(sent.size() - 1), DiagnosticReport.class).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
    }

    @Test
    @Order(6)
    void aReportOfAnotherPatientIsNotLinkedAndSaysWhy() throws Exception {
        reports.stage(report("SOMEONE-ELSE", "final", "FINDINGS: No pneumothorax."), "folder", "/in/wrong.txt");
        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.reportsWaiting().mismatched()).isEqualTo(1);
        assertThat(r.reportsWaiting().lines()).singleElement().asString()
                .contains("not linked").contains("patient SOMEONE-ELSE/HOSP of the report differs from patient MRN004567/HOSP");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE link_status = 'mismatch' AND study_link_uid IS NULL")).isEqualTo(1);
        // asking again does not relink or re-project it
        int before = sent.size();
        assertThat(projector.projectDirty().projected()).isZero();
        assertThat(sent).hasSize(before);
    }

    @Test
    @Order(7)
    void rebuildProjectsTheReportAgainWithoutNewRows() throws Exception {
        long[] before = {count("SELECT count(*) FROM omop.note"), count("SELECT count(*) FROM omop.note_nlp"),
                count("SELECT count(*) FROM omop.condition_occurrence"), count("SELECT count(*) FROM omop.image_feature"),
                count("SELECT max(omop_id) FROM radbridge.omop_id_map")};
        StudyProjector.Result r = projector.projectAll();
        assertThat(r.reportsProjected()).isEqualTo(1);
        assertThat(new long[] {count("SELECT count(*) FROM omop.note"), count("SELECT count(*) FROM omop.note_nlp"),
                count("SELECT count(*) FROM omop.condition_occurrence"), count("SELECT count(*) FROM omop.image_feature"),
                count("SELECT max(omop_id) FROM radbridge.omop_id_map")}).isEqualTo(before);
    }

    /**
     * A DICOMweb pull stages a study's instances and then records its WADO-RS endpoint: a projection that started in
     * between built the ImagingStudy without the endpoint, so it must leave the study dirty for the next run (seen in
     * the four-paths end-to-end suite on a loaded machine: a DICOMweb study projected without its endpoint).
     */
    @Test
    @Order(10)
    void anEndpointRecordedDuringAProjectionIsProjectedByTheNextRun() throws Exception {
        String study = string("SELECT study_link_uid FROM radbridge.report WHERE link_status = 'linked' LIMIT 1");
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty AND study_instance_uid = '" + study + "'")).isZero();
        OffsetDateTime seen = staging.lastReceivedAt(study);
        staging.setEndpoint(study, "http://pacs.example/dicom-web/studies/" + study);
        staging.markProjected(study, seen);
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty AND study_instance_uid = '" + study + "'")).isEqualTo(1);

        sent.clear();
        assertThat(projector.projectDirty().projected()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty AND study_instance_uid = '" + study + "'")).isZero();
        assertThat(only(sent.get(sent.size() - 1), ImagingStudy.class).getEndpoint()).hasSize(1);
        assertThat(string("SELECT endpoint_url FROM radbridge.study WHERE study_instance_uid = '" + study + "'"))
                .isEqualTo("http://pacs.example/dicom-web/studies/" + study);
    }

    /**
     * An endpoint written by a transaction that began before a projection read the study and committed after it: its
     * {@code now()} is earlier than the projection's start, so comparing times with that start cleared the study
     * unprojected (sessions 35 and 36, on a loaded machine). Compared for a change since the projection's read, the
     * study stays dirty, and the next run projects the endpoint.
     */
    @Test
    @Order(11)
    void anEndpointCommittedAfterTheProjectionReadTheStudyKeepsItDirtyThoughItsTransactionBeganBefore() throws Exception {
        String study = string("SELECT study_link_uid FROM radbridge.report WHERE link_status = 'linked' LIMIT 1");
        projector.projectDirty();
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty AND study_instance_uid = '" + study + "'")).isZero();
        String url = "http://pacs.example/dicom-web/late/" + study;
        try (Connection writer = transactionBegunBeforeNow()) {
            OffsetDateTime projectionStart = OffsetDateTime.now();
            OffsetDateTime seen = staging.lastReceivedAt(study);
            assertThat(staging.load(study).endpointUrl()).isNotEqualTo(url);
            try (java.sql.PreparedStatement ps = writer.prepareStatement("UPDATE radbridge.study SET endpoint_url = ?, "
                    + "dirty = true, last_received_at = now() WHERE study_instance_uid = ?")) {
                ps.setString(1, url);
                ps.setString(2, study);
                ps.executeUpdate();
            }
            writer.commit();
            assertThat(string("SELECT last_received_at < '" + projectionStart + "'::timestamptz FROM radbridge.study "
                    + "WHERE study_instance_uid = '" + study + "'")).as("the writer's time is before the projection's start")
                    .isEqualTo("t");
            staging.markProjected(study, seen);
        }
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty AND study_instance_uid = '" + study + "'")).isEqualTo(1);
        sent.clear();
        assertThat(projector.projectDirty().projected()).isEqualTo(1);
        assertThat(only(sent.get(sent.size() - 1), ImagingStudy.class).getEndpoint()).hasSize(1);
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE dirty AND study_instance_uid = '" + study + "'")).isZero();
    }

    /**
     * The same race for a report: a status change whose transaction began before a projection read the study's reports
     * and committed after it carries an earlier {@code updated_at} than the projection's start; it stays dirty.
     */
    @Test
    @Order(12)
    void aReportChangeCommittedAfterTheProjectionReadItStaysDirtyThoughItsTransactionBeganBefore() throws Exception {
        String study = string("SELECT study_link_uid FROM radbridge.report WHERE link_status = 'linked' LIMIT 1");
        projector.projectDirty();
        String reportId = string("SELECT report_id FROM radbridge.report WHERE study_link_uid = '" + study + "' LIMIT 1");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty AND study_link_uid = '" + study + "'")).isZero();
        try (Connection writer = transactionBegunBeforeNow()) {
            OffsetDateTime projectionStart = OffsetDateTime.now();
            List<ReportStaging.Seen> seen = new ReportStaging(ds).dirtyReportsOfStudy(study);
            try (java.sql.PreparedStatement ps = writer.prepareStatement(
                    "UPDATE radbridge.report SET dirty = true, updated_at = now() WHERE report_id = ?")) {
                ps.setString(1, reportId);
                ps.executeUpdate();
            }
            writer.commit();
            assertThat(string("SELECT updated_at < '" + projectionStart + "'::timestamptz FROM radbridge.report "
                    + "WHERE report_id = '" + reportId + "'")).as("the writer's time is before the projection's start").isEqualTo("t");
            new ReportStaging(ds).markProjected(study, seen);
        }
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty AND report_id = '" + reportId + "'")).isEqualTo(1);
        assertThat(projector.projectDirty().reportsProjected()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty AND report_id = '" + reportId + "'")).isZero();
    }

    /** A status change of the same text (preliminary, then final) that lands while its study is projected stays pending. */
    @Test
    @Order(8)
    void aStatusChangeDuringAProjectionIsProjectedByTheNextRun() throws Exception {
        String study = string("SELECT study_link_uid FROM radbridge.report WHERE link_status = 'linked' LIMIT 1");
        String reportId = string("SELECT report_id FROM radbridge.report WHERE study_link_uid = '" + study + "' AND text = '"
                + AMENDED.replace("'", "''") + "'");
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty AND link_status = 'linked'")).isZero();
        List<ReportStaging.Seen> seen = new ReportStaging(ds).dirtyReportsOfStudy(study);
        reports.stage(report("MRN004567", "corrected", AMENDED), "hl7-mllp", "mllp:RIS^HOSP/2");
        new ReportStaging(ds).markProjected(study, seen);
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty AND report_id = '" + reportId + "'")).isEqualTo(1);

        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.reportsProjected()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM radbridge.report WHERE dirty AND link_status = 'linked'")).isZero();
        assertThat(only(sent.get(sent.size() - 1), DiagnosticReport.class).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
    }

    /**
     * An HL7 report whose PV1-2 says inpatient turns the study's visit into Inpatient Visit 9201 (mappings/visit.csv),
     * and a later re-projection of the study keeps it; an unmapped class falls back to the imaging-study default.
     */
    @Test
    @Order(9)
    void theReportsPatientClassSetsTheStudysVisitConcept() throws Exception {
        String visit = "SELECT v.visit_concept_id FROM omop.visit_occurrence v JOIN omop.procedure_occurrence p USING (visit_occurrence_id) "
                + "JOIN omop.note n ON n.visit_occurrence_id = v.visit_occurrence_id";
        assertThat(count(visit)).isEqualTo(9202);
        reports.stage(new ReportFile("ACC000123", "MRN004567", "HOSP", null, "final", LocalDate.of(2024, 3, 13),
                AMENDED + "\nADDENDUM: inpatient.", OffsetDateTime.now(), null, "MSG-PV1", "I"), "hl7-mllp", "mllp:RIS^HOSP/3");
        assertThat(projector.projectDirty().reportsProjected()).isEqualTo(1);
        assertThat(count(visit)).isEqualTo(9201);
        assertThat(string("SELECT visit_source_value FROM omop.visit_occurrence v JOIN omop.note n USING (visit_occurrence_id)")).isEqualTo("I");
        projector.projectAll();
        assertThat(count(visit)).isEqualTo(9201);

        reports.stage(new ReportFile("ACC000123", "MRN004567", "HOSP", null, "final", LocalDate.of(2024, 3, 14),
                AMENDED + "\nADDENDUM: class unknown here.", OffsetDateTime.now(), null, "MSG-PV1-2", "Z9"), "hl7-mllp", "mllp:RIS^HOSP/4");
        projector.projectDirty();
        assertThat(count(visit)).isEqualTo(9202);
        assertThat(string("SELECT visit_source_value FROM omop.visit_occurrence v JOIN omop.note n USING (visit_occurrence_id)"))
                .isEqualTo(VisitWriter.IMAGING_STUDY);
    }

    /**
     * The end of a batch ingest projects on several workers: every dirty study once, all studies of a patient by one
     * worker, and the patients with an endpoint study all by the same one (their Endpoint is shared).
     */
    @Test
    @Order(100)
    void parallelProjectionKeepsEachPatientOnOneWorker() throws Exception {
        sent.clear();
        sendersByPatient.clear();
        List<InstanceRecord> batch = new ArrayList<>();
        for (int p = 1; p <= 6; p++) {
            for (int st = 1; st <= 3; st++) {
                String study = "9.9." + p + "." + st;
                for (int i = 1; i <= 3; i++) {
                    batch.add(new InstanceRecord(study + "." + i, study, study + ".1", "1.2.840.10008.5.1.4.1.1.2", null, i, 1, "CT", null,
                            "CHEST", null, null, null, null, "MRNP" + p, "HOSP", "DOE^P" + p, LocalDate.of(1960, 1, p), "F", "ACCP" + p + st,
                            null, LocalDate.of(2024, 1, st), null, "CT CHEST WO", null, null, "folder", null, 0L, Map.of()));
                }
            }
        }
        staging.stage(batch);
        staging.setEndpoint("9.9.1.1", "http://pacs.example/dicom-web");
        staging.setEndpoint("9.9.4.2", "http://pacs.example/dicom-web");

        StudyProjector.Result r = projector.projectDirty(3);

        assertThat(r.problems()).isEmpty();
        assertThat(r.projected()).isEqualTo(18);
        assertThat(r.studies()).hasSize(18);
        assertThat(sent).hasSize(18);
        for (int p = 1; p <= 6; p++) assertThat(sendersByPatient.get("MRNP" + p)).as("patient " + p).hasSize(1);
        assertThat(sendersByPatient.get("MRNP1")).isEqualTo(sendersByPatient.get("MRNP4"));
        assertThat(sendersByPatient.values().stream().flatMap(java.util.Set::stream).distinct().count()).isGreaterThan(1);
        assertThat(count("SELECT count(*) FROM radbridge.study WHERE study_instance_uid LIKE '9.9.%' AND dirty")).isZero();
        assertThat(count("SELECT count(*) FROM omop.procedure_occurrence po JOIN radbridge.omop_id_map m ON m.omop_id = po.procedure_occurrence_id "
                + "AND m.kind = 'procedure_occurrence' AND m.natural_key LIKE '9.9.%'")).isEqualTo(18);
        assertThat(count("SELECT count(DISTINCT person_id) FROM omop.procedure_occurrence po JOIN radbridge.omop_id_map m "
                + "ON m.omop_id = po.procedure_occurrence_id AND m.kind = 'procedure_occurrence' AND m.natural_key LIKE '9.9.%'")).isEqualTo(6);
    }

    private static <T> T only(Bundle b, Class<T> type) {
        List<T> all = all(b, type);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static <T> List<T> all(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * A connection in a transaction that has begun, so its {@code now()} is fixed, a moment before this returns: what a
     * writer looks like whose transaction began before a projection started and commits after it read the study.
     */
    private Connection transactionBegunBeforeNow() throws Exception {
        Connection writer = ds.getConnection();
        writer.setAutoCommit(false);
        try (Statement st = writer.createStatement()) {
            st.execute("SELECT now()");
        }
        Thread.sleep(20);
        return writer;
    }

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
