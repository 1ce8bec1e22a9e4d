package org.radbridge.ingest;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.report.ReportTestData;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.PlaceholderPatientIds;
import org.radbridge.staging.StagingRepository;
import org.radbridge.staging.StudyView;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;
import org.radbridge.testsupport.TestDatabase;
import org.radbridge.write.fhir.FhirSink;
import org.radbridge.write.omop.OmopStudyWriter;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real PostgreSQL, the shipped mappings and a recording FHIR sink that refuses what HAPI refuses: placeholder patients
 * stay apart, data problems are marked failed and not retried until the study changes, outages back off, batches with
 * a refused value are split, and the OMOP view takes dates and birth years from wherever the files have them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StuckStudiesDatabaseTest {
    @TempDir
    static Path tmp;
    private TestDatabase db;
    private StagingRepository staging;
    private StudyProjector projector;
    private final List<Bundle> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Studies whose FHIR write fails as HAPI refuses bad content (412). */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean fhirDown;
    private int attempts;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase(tmp);
        Terminology terminology = Terminology.load(ReportTestData.home().resolve("terminology/codesystems"));
        Map<String, Integer> ids = new VocabularyLoader(db.dataSource()).load(terminology);
        CurrentMappings mappings = new CurrentMappings(MappingSet.load(ReportTestData.home().resolve("mappings"), terminology).withConceptIds(ids));
        staging = new StagingRepository(db.dataSource(),
                PlaceholderPatientIds.load(ReportTestData.home().resolve("mappings").resolve(PlaceholderPatientIds.FILE_NAME)));
        FhirSink fhir = bundle -> {
            attempts++;
            if (fhirDown) throw new IllegalStateException("FHIR server unavailable");
            String study = bundle.getEntry().stream().filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.ImagingStudy)
                    .map(e -> ((org.hl7.fhir.r4.model.ImagingStudy) e.getResource()).getIdentifierFirstRep().getValue()).findFirst().orElseThrow();
            if (refused.contains(study.substring("urn:oid:".length()))) {
                throw new PreconditionFailedException("HAPI-2207: Invalid match URL - Multiple resources match this search");
            }
            sent.add(bundle);
            return new Bundle();
        };
        projector = new StudyProjector(staging, new ImagingStudyBundleBuilder(mappings, "urn:radbridge:mrn", "urn:radbridge:accession"),
                fhir, new OmopStudyWriter(db.dataSource(), new Pseudonymizer("a-test-key-of-sufficient-length"), mappings));
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) db.close();
    }

    static InstanceRecord instance(String study, String sop, String patientId, LocalDate birth, LocalDate studyDate, LocalDate seriesDate,
                                   Map<String, String> attributes, String source) {
        return new InstanceRecord(sop, study, study + ".1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", 1, 1, "CT", "AX",
                "CHEST", null, seriesDate, "ACME", "X1", patientId, "", "DOE^J", birth, "F", "ACC-" + study, "1", studyDate, null,
                "CT CHEST", null, null, source, "/in/" + sop + ".dcm", 100, attributes);
    }

    private Patient patientOf(String study) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Bundle b = sent.get(i);
            boolean ofStudy = b.getEntry().stream().anyMatch(e -> e.getResource() instanceof org.hl7.fhir.r4.model.ImagingStudy is
                    && is.getIdentifierFirstRep().getValue().equals("urn:oid:" + study));
            if (ofStudy) {
                return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance)
                        .map(Patient.class::cast).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("study " + study + " not sent");
    }

    private String conditionalUrlOfPatient(String study) {
        for (Bundle b : sent) {
            boolean ofStudy = b.getEntry().stream().anyMatch(e -> e.getResource() instanceof org.hl7.fhir.r4.model.ImagingStudy is
                    && is.getIdentifierFirstRep().getValue().equals("urn:oid:" + study));
            if (ofStudy) {
                return b.getEntry().stream().filter(e -> e.getResource() instanceof Patient).findFirst().orElseThrow().getRequest().getUrl();
            }
        }
        throw new AssertionError("study " + study + " not sent");
    }

    @Test
    @Order(1)
    void placeholderPatientsNeverMergeAndRealIdsAreEscaped() throws Exception {
        LocalDate d = LocalDate.of(2021, 5, 1);
        staging.stage(List.of(
                instance("1.1.1", "1.1.1.1", "", LocalDate.of(1960, 1, 1), d, d, Map.of(), "folder"),
                instance("1.1.2", "1.1.2.1", "", LocalDate.of(1970, 1, 1), d, d, Map.of(), "folder"),
                instance("1.1.3", "1.1.3.1", "UNKNOWN", LocalDate.of(1980, 1, 1), d, d, Map.of(), "folder"),
                instance("1.1.4", "1.1.4.1", "+oYVjq|A,B", LocalDate.of(1990, 1, 1), d, d, Map.of(), "folder")));
        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.problems()).isEmpty();
        assertThat(r.projected()).isEqualTo(4);
        for (String s : List.of("1.1.1", "1.1.2", "1.1.3")) {
            Patient p = patientOf(s);
            assertThat(p.getIdentifierFirstRep().getSystem()).isEqualTo(ImagingStudyBundleBuilder.STUDY_PATIENT_SYSTEM);
            assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo(s);
            assertThat(p.getMeta().getTag(ImagingStudyBundleBuilder.IDENTITY_TAG_SYSTEM, ImagingStudyBundleBuilder.PLACEHOLDER_TAG)).isNotNull();
            assertThat(conditionalUrlOfPatient(s)).isEqualTo("Patient?identifier=urn%3Aradbridge%3Astudy-patient|" + s);
        }
        assertThat(conditionalUrlOfPatient("1.1.4")).isEqualTo("Patient?identifier=urn%3Aradbridge%3Amrn|%2BoYVjq%5C%7CA%5C%2CB");
        assertThat(patientOf("1.1.4").getMeta().getTag()).isEmpty();
        // three persons for three placeholder studies, flagged in person_source_value; one for the real ID
        assertThat(db.count("SELECT count(*) FROM omop.person")).isEqualTo(4);
        assertThat(db.count("SELECT count(*) FROM omop.person WHERE person_source_value LIKE 'U-%'")).isEqualTo(3);
        StagingRepository.StudyNotes notes = staging.studyNotes(10);
        assertThat(notes.counts().get(StagingRepository.StudyNote.PLACEHOLDER)).isEqualTo(3);
        assertThat(notes.first()).filteredOn(n -> n.kind().equals(StagingRepository.StudyNote.PLACEHOLDER))
                .extracting(StagingRepository.StudyNote::studyInstanceUid).containsExactly("1.1.1", "1.1.2", "1.1.3");
    }

    @Test
    @Order(2)
    void omopTakesFallbackDatesAndAgesAndListsWhatItCannotTake() throws Exception {
        staging.stage(List.of(
                // no StudyDate, no SeriesDate: AcquisitionDate; no birth date: PatientAge
                instance("1.2.1", "1.2.1.1", "P21", null, null, null, Map.of("AcquisitionDate", "20190704", "PatientAge", "045Y"), "folder"),
                // nothing to derive a year of birth from
                instance("1.2.2", "1.2.2.1", "P22", null, LocalDate.of(2019, 1, 1), null, Map.of(), "folder"),
                // no date at all
                instance("1.2.3", "1.2.3.1", "P23", LocalDate.of(1950, 1, 1), null, null, Map.of("ContentDate", "garbage"), "folder")));
        StudyView v = staging.load("1.2.1");
        assertThat(v.facts().date()).isEqualTo(LocalDate.of(2019, 7, 4));
        assertThat(v.facts().dateSource()).isEqualTo("AcquisitionDate");
        assertThat(v.facts().yearOfBirth()).isEqualTo(1974);
        projector.projectDirty();
        assertThat(db.count("SELECT year_of_birth FROM omop.person WHERE person_source_value LIKE 'A-%'")).isEqualTo(1974);
        assertThat(db.count("SELECT count(*) FROM omop.person WHERE person_source_value LIKE 'A-%' AND month_of_birth IS NULL")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM omop.procedure_occurrence WHERE procedure_date = '2019-07-04'")).isEqualTo(1);
        List<String[]> excluded = db.rows("SELECT study_instance_uid, omop_excluded_reason FROM radbridge.study "
                + "WHERE omop_excluded_reason IS NOT NULL ORDER BY 1");
        assertThat(excluded).hasSize(2);
        assertThat(excluded.get(0)[1]).contains("no PatientBirthDate and no PatientAge");
        assertThat(excluded.get(1)[1]).contains("no StudyDate, SeriesDate, AcquisitionDate");
        assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();
        assertThat(staging.studyNotes(10).counts().get(StagingRepository.StudyNote.NOT_IN_OMOP)).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aDataProblemIsMarkedFailedAndRetriedOnlyWhenTheStudyChanges() throws Exception {
        LocalDate d = LocalDate.of(2022, 2, 2);
        refused.add("1.3.1");
        staging.stage(List.of(instance("1.3.1", "1.3.1.1", "P31", LocalDate.of(1960, 1, 1), d, d, Map.of(), "dimse-push")));
        StudyProjector.Result r = projector.projectDirty();
        assertThat(r.problems()).singleElement().asString().contains("a data problem").contains("HAPI-2207");
        assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE study_instance_uid = '1.3.1' AND dirty")).isZero();
        assertThat(db.rows("SELECT projection_failed_reason FROM radbridge.study WHERE study_instance_uid = '1.3.1'").get(0)[0])
                .contains("PreconditionFailedException").contains("HAPI-2207");
        int before = attempts;
        for (int i = 0; i < 3; i++) projector.projectSettled(java.time.Duration.ZERO);
        projector.projectDirty();
        assertThat(attempts).as("not retried while nothing changed").isEqualTo(before);
        assertThat(staging.studyNotes(10).counts().get(StagingRepository.StudyNote.FAILED)).isEqualTo(1);

        // a new instance of the study (the sender fixed it) makes it due again; now it passes and the mark goes
        refused.remove("1.3.1");
        staging.stage(List.of(instance("1.3.1", "1.3.1.2", "P31", LocalDate.of(1960, 1, 1), d, d, Map.of(), "dimse-push")));
        assertThat(projector.projectDirty().problems()).isEmpty();
        assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE projection_failed_reason IS NOT NULL")).isZero();
    }

    @Test
    @Order(4)
    void anOutageKeepsTheStudyPendingAndTheQuietRunsBackOff() throws Exception {
        LocalDate d = LocalDate.of(2022, 3, 3);
        staging.stage(List.of(instance("1.4.1", "1.4.1.1", "P41", LocalDate.of(1960, 1, 1), d, d, Map.of(), "dimse-push")));
        fhirDown = true;
        try {
            StudyProjector.Result r = projector.projectSettled(java.time.Duration.ZERO);
            assertThat(r.problems()).singleElement().asString().contains("will retry");
            assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE study_instance_uid = '1.4.1' AND dirty")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE projection_failed_reason IS NOT NULL")).isZero();
            int before = attempts;
            for (int i = 0; i < 5; i++) projector.projectSettled(java.time.Duration.ZERO);
            assertThat(attempts).as("backing off after the first failure").isEqualTo(before);
        } finally {
            fhirDown = false;
        }
        // an explicit run (ingest, rebuild) does not wait for the back-off; its listener hears the total first
        List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
        assertThat(projector.projectDirty((done, total) -> told.add(done + "/" + total)).projected()).isEqualTo(1);
        assertThat(told).containsExactly("0/1", "1/1");
        assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();
    }

    @Test
    @Order(5)
    void aBatchWithARefusedValueIsSplitAndOnlyTheBadInstanceRejected() throws Exception {
        LocalDate d = LocalDate.of(2023, 1, 1);
        List<InstanceRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            // radbridge.instance.source is varchar(32): one instance carries a longer value, as a fuzzed file would
            batch.add(instance("1.5.1", "1.5.1." + i, "P51", null, d, d, Map.of(), i == 5 ? "x".repeat(40) : "folder"));
        }
        List<StagingRepository.Rejection> rejected = new ArrayList<>();
        assertThat(staging.stageSplitting(batch, rejected)).isEqualTo(6);
        assertThat(rejected).singleElement().satisfies(x -> {
            assertThat(x.record().sopInstanceUid()).isEqualTo("1.5.1.5");
            assertThat(x.reason()).contains("value too long");
        });
        assertThat(db.count("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = '1.5.1'")).isEqualTo(6);
    }
}
