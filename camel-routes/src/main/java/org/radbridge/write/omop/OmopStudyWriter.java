package org.radbridge.write.omop;

import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.OmopDates;
import org.radbridge.deid.ResearchDicomWeb;
import org.radbridge.deid.SourceValues;
import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
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
    private final SourceValues sourceValues;
    private final ResearchDicomWeb wadoRs = ResearchDicomWeb.fromEnvironment();
    private final OmopDates dates;
    private final VisitWriter visits;

    public OmopStudyWriter(DataSource dataSource, Pseudonymizer pseudonymizer, CurrentMappings mappings) {
        this(dataSource, pseudonymizer, mappings, SourceValues.fromEnvironment());
    }

    public OmopStudyWriter(DataSource dataSource, Pseudonymizer pseudonymizer, CurrentMappings mappings, SourceValues sourceValues) {
        this.dataSource = dataSource;
        this.pseudonymizer = pseudonymizer;
        this.mappings = mappings;
        this.sourceValues = sourceValues;
        this.dates = OmopDates.fromEnvironment(pseudonymizer);
        this.devices = new DeviceExposureWriter(mappings);
        this.visits = new VisitWriter(mappings);
    }

    /** A free-text source value as the research view may hold it: its reviewed (mapped) form or nothing ({@link SourceValues}). */
    static String sourceValue(SourceValues policy, MappingSet.Resolution r) {
        if (!r.mapped()) return policy.descriptor(null);
        return policy.descriptor(r.match() == MappingSet.Match.DIRECT ? r.source() : r.key());
    }

    public static final class UnprojectableStudyException extends Exception {
        public UnprojectableStudyException(String message) {
            super(message);
        }
    }

    /**
     * @param patientStudyDates study dates of every study of this patient, for the observation period
     */
    public void write(StudyView original, List<LocalDate> realStudyDates) throws SQLException, UnprojectableStudyException {
        // dates as the research view records them: real (default) or moved by the person's keyed shift; date and year of
        // birth as derived from all of the study's files (StudyFacts: fallbacks documented there)
        int shift = dates.days(pseudonymizer.person(original.issuerOfPatientId(), original.personKeyId()));
        StudyView s = ShiftedStudy.of(original, shift);
        List<LocalDate> patientStudyDates = realStudyDates.stream().map(d -> ShiftedStudy.plus(d, shift)).toList();
        LocalDate studyDate = s.facts().date();
        if (studyDate == null) {
            throw new UnprojectableStudyException("no StudyDate, SeriesDate, AcquisitionDate, ContentDate or InstanceCreationDate: "
                    + "OMOP needs a procedure date");
        }
        if (s.facts().yearOfBirth() == null) {
            throw new UnprojectableStudyException("no PatientBirthDate and no PatientAge: OMOP needs a year of birth");
        }

        String pseudonym = pseudonymizer.person(s.issuerOfPatientId(), s.personKeyId());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int personId = OmopIds.idFor(c, "person", pseudonym);
                upsertPerson(c, personId, pseudonym, s, java.util.Collections.max(patientStudyDates.isEmpty() ? List.of(studyDate) : patientStudyDates));
                upsertObservationPeriod(c, personId, pseudonym, patientStudyDates.isEmpty() ? List.of(studyDate) : patientStudyDates);
                int procedureId = OmopIds.idFor(c, "procedure_occurrence", s.studyInstanceUid());
                int visitId = visits.write(c, personId, s.studyInstanceUid(), studyDate, s.studyDate() == null ? null : s.studyTime(), null);
                upsertProcedure(c, procedureId, personId, s, studyDate);
                StudyLinks.procedure(c, procedureId, visitId, mappings.lookup("procedure", s.studyDescription(), studyDate).orElse(null));
                for (List<InstanceRecord> series : s.series()) {
                    InstanceRecord first = series.get(0);
                    int imageId = OmopIds.idFor(c, "image_occurrence", first.seriesInstanceUid());
                    upsertImage(c, imageId, personId, procedureId, s, first, first.seriesDate() == null ? studyDate : first.seriesDate());
                    StudyLinks.image(c, imageId, visitId);
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

    private void upsertPerson(Connection c, int personId, String pseudonym, StudyView s, LocalDate latest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, month_of_birth, race_concept_id, "
                        + "ethnicity_concept_id, person_source_value, gender_source_value, gender_source_concept_id) "
                        + "VALUES (?,?,?,?,0,0,?,?,0) ON CONFLICT (person_id) DO UPDATE SET gender_concept_id = EXCLUDED.gender_concept_id, "
                        + "year_of_birth = EXCLUDED.year_of_birth, month_of_birth = EXCLUDED.month_of_birth, "
                        + "gender_source_value = EXCLUDED.gender_source_value")) {
            ps.setInt(1, personId);
            ps.setInt(2, mappings.conceptId("gender", s.patientSex(), null));
            ps.setInt(3, dates.yearOfBirth(s.facts().yearOfBirth(), latest));
            // day of birth is left out on purpose: year and month are enough for age-based cohorts (year only with shifted dates)
            Integer month = dates.monthOfBirth(s.patientBirthDate());
            if (month == null) ps.setNull(4, Types.INTEGER);
            else ps.setInt(4, month);
            ps.setString(5, personSourceValue(pseudonym, s));
            ps.setString(6, cut(sourceValue(sourceValues, mappings.resolve("gender", s.patientSex(), null)), 50));
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
            ps.setString(7, cut(sourceValue(sourceValues, mappings.resolve("procedure", s.studyDescription(), date)), 50));
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
            ps.setInt(4, AnatomicSite.conceptId(mappings, series.bodyPartExamined(), series.laterality(), date));
            // the research DICOMweb (de-identified, research UIDs), never the identified archive
            ps.setString(5, wadoRs.series(pseudonymizer.uid(s.studyInstanceUid()), pseudonymizer.uid(series.seriesInstanceUid())));
            ps.setDate(6, Date.valueOf(date));
            ps.setString(7, pseudonymizer.uid(s.studyInstanceUid()));
            ps.setString(8, pseudonymizer.uid(series.seriesInstanceUid()));
            ps.setInt(9, mappings.conceptId("modality", series.modality(), date));
            ps.executeUpdate();
        }
    }

    /**
     * The pseudonym, prefixed {@code U-} when the PatientID was empty or a placeholder (the person stands for one study) and
     * {@code A-} when the year of birth is approximate (counted back from PatientAge); docs/ingest-and-reports.md, "Real-world files".
     */
    static String personSourceValue(String pseudonym, StudyView s) {
        return (s.placeholderPatient() ? "U-" : "") + (s.facts().yearOfBirthApproximate() ? "A-" : "") + pseudonym;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
