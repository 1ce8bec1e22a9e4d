package org.radbridge.write.omop;

import org.radbridge.deid.Pseudonymizer;
import org.radbridge.map.CurrentMappings;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

/**
 * Writes the research view of one study: PERSON, OBSERVATION_PERIOD, one PROCEDURE_OCCURRENCE per
 * study, one IMAGE_OCCURRENCE per series and one DEVICE_EXPOSURE per imaging device ({@link DeviceExposureWriter}). No name, MRN, accession number or real UID is written:
 * persons are keyed by a keyed pseudonym and UIDs are replaced by keyed 2.25 UIDs.
 */
public final class OmopStudyWriter {
    /** OMOP type concept "EHR" (32817): the rows come from the hospital's own systems. */
    private static final int TYPE_EHR = 32817;

    private final DataSource dataSource;
    private final Pseudonymizer pseudonymizer;
    private final CurrentMappings mappings;
    private final DeviceExposureWriter devices;
    private final VisitWriter visits;
    private final WadoRsUris wadoRs;

    public OmopStudyWriter(DataSource dataSource, Pseudonymizer pseudonymizer, CurrentMappings mappings) {
        this.dataSource = dataSource;
        this.pseudonymizer = pseudonymizer;
        this.mappings = mappings;
        this.devices = new DeviceExposureWriter(mappings);
        this.visits = new VisitWriter(mappings);
        this.wadoRs = WadoRsUris.fromEnvironment();
    }

    public static final class UnprojectableStudyException extends Exception {
        public UnprojectableStudyException(String message) {
            super(message);
        }
    }

    /**
     * @param patientStudyDates study dates of every study of this patient, for the observation period
     */
    public void write(StudyView s, List<LocalDate> patientStudyDates) throws SQLException, UnprojectableStudyException {
        LocalDate studyDate = s.studyDate();
        if (studyDate == null) {
            studyDate = s.instances().stream().map(InstanceRecord::seriesDate).filter(d -> d != null).findFirst()
                    .orElseThrow(() -> new UnprojectableStudyException("no StudyDate or SeriesDate: OMOP needs a procedure date"));
        }
        Integer yearOfBirth = s.patientBirthDate() == null ? null : s.patientBirthDate().getYear();
        if (yearOfBirth == null) throw new UnprojectableStudyException("no PatientBirthDate: OMOP needs a year of birth");

        String pseudonym = pseudonymizer.person(s.issuerOfPatientId(), s.patientId());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int personId = OmopIds.idFor(c, "person", pseudonym);
                upsertPerson(c, personId, pseudonym, s);
                upsertObservationPeriod(c, personId, pseudonym, patientStudyDates.isEmpty() ? List.of(studyDate) : patientStudyDates);
                int procedureId = OmopIds.idFor(c, "procedure_occurrence", s.studyInstanceUid());
                int visitId = visits.write(c, personId, s.studyInstanceUid(), studyDate, s.studyDate() == null ? null : s.studyTime(), null);
                upsertProcedure(c, procedureId, personId, s, studyDate);
                StudyLinks.procedure(c, procedureId, visitId, mappings.lookup("procedure", s.studyDescription(), studyDate).orElse(null));
                for (List<InstanceRecord> series : s.series()) {
                    InstanceRecord first = series.get(0);
                    int imageId = OmopIds.idFor(c, "image_occurrence", first.seriesInstanceUid());
                    upsertImage(c, imageId, personId, procedureId, s, first, first.seriesDate() == null ? studyDate : first.seriesDate());
                    StudyLinks.image(c, imageId, visitId, wadoRs.series(pseudonymizer.uid(s.studyInstanceUid()), pseudonymizer.uid(first.seriesInstanceUid())));
                }
                devices.write(c, personId, visitId, s, studyDate);
                StudyLinks.observationPeriodCoversImages(c, personId);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void upsertPerson(Connection c, int personId, String pseudonym, StudyView s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, month_of_birth, race_concept_id, "
                        + "ethnicity_concept_id, person_source_value, gender_source_value, gender_source_concept_id) "
                        + "VALUES (?,?,?,?,0,0,?,?,0) ON CONFLICT (person_id) DO UPDATE SET gender_concept_id = EXCLUDED.gender_concept_id, "
                        + "year_of_birth = EXCLUDED.year_of_birth, month_of_birth = EXCLUDED.month_of_birth, "
                        + "gender_source_value = EXCLUDED.gender_source_value")) {
            ps.setInt(1, personId);
            ps.setInt(2, mappings.conceptId("gender", s.patientSex(), null));
            ps.setInt(3, s.patientBirthDate().getYear());
            // day of birth is left out on purpose: year and month are enough for age-based cohorts
            ps.setInt(4, s.patientBirthDate().getMonthValue());
            ps.setString(5, pseudonym);
            ps.setString(6, s.patientSex() == null ? null : cut(s.patientSex(), 50));
            ps.executeUpdate();
        }
    }

    private void upsertObservationPeriod(Connection c, int personId, String pseudonym, List<LocalDate> dates) throws SQLException {
        int id = OmopIds.idFor(c, "observation_period", pseudonym);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.observation_period (observation_period_id, person_id, observation_period_start_date, "
                        + "observation_period_end_date, period_type_concept_id) VALUES (?,?,?,?,?) ON CONFLICT (observation_period_id) "
                        + "DO UPDATE SET observation_period_start_date = EXCLUDED.observation_period_start_date, "
                        + "observation_period_end_date = EXCLUDED.observation_period_end_date")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setDate(3, Date.valueOf(Collections.min(dates)));
            ps.setDate(4, Date.valueOf(Collections.max(dates)));
            ps.setInt(5, TYPE_EHR);
            ps.executeUpdate();
        }
    }

    private void upsertProcedure(Connection c, int id, int personId, StudyView s, LocalDate date) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.procedure_occurrence (procedure_occurrence_id, person_id, procedure_concept_id, procedure_date, "
                        + "procedure_datetime, procedure_type_concept_id, procedure_source_value, procedure_source_concept_id) "
                        + "VALUES (?,?,?,?,?,?,?,0) ON CONFLICT (procedure_occurrence_id) DO UPDATE SET "
                        + "procedure_concept_id = EXCLUDED.procedure_concept_id, procedure_date = EXCLUDED.procedure_date, "
                        + "procedure_datetime = EXCLUDED.procedure_datetime, procedure_source_value = EXCLUDED.procedure_source_value")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setInt(3, mappings.conceptId("procedure", s.studyDescription(), date));
            ps.setDate(4, Date.valueOf(date));
            if (s.studyTime() != null && s.studyDate() != null) ps.setTimestamp(5, Timestamp.valueOf(s.studyDate().atTime(s.studyTime())));
            else ps.setNull(5, Types.TIMESTAMP);
            ps.setInt(6, TYPE_EHR);
            ps.setString(7, cut(s.studyDescription(), 50));
            ps.executeUpdate();
        }
    }

    private void upsertImage(Connection c, int id, int personId, int procedureId, StudyView s, InstanceRecord series, LocalDate date)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.image_occurrence (image_occurrence_id, person_id, procedure_occurrence_id, anatomic_site_concept_id, "
                        + "wadors_uri, local_path, image_occurrence_date, image_study_uid, image_series_uid, modality_concept_id) "
                        + "VALUES (?,?,?,?,?,NULL,?,?,?,?) ON CONFLICT (image_occurrence_id) DO UPDATE SET "
                        + "anatomic_site_concept_id = EXCLUDED.anatomic_site_concept_id, wadors_uri = EXCLUDED.wadors_uri, "
                        + "image_occurrence_date = EXCLUDED.image_occurrence_date, modality_concept_id = EXCLUDED.modality_concept_id")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setInt(3, procedureId);
            ps.setInt(4, mappings.conceptId("body_part", series.bodyPartExamined(), date));
            // the research view has no address of the identified archive; a de-identifying DICOMweb
            // front (keyed by the replacement UIDs) is where wadors_uri will point
            ps.setNull(5, Types.VARCHAR);
            ps.setDate(6, Date.valueOf(date));
            ps.setString(7, pseudonymizer.uid(s.studyInstanceUid()));
            ps.setString(8, pseudonymizer.uid(series.seriesInstanceUid()));
            ps.setInt(9, mappings.conceptId("modality", series.modality(), date));
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
