package org.radbridge.write.omop;

import org.radbridge.map.CurrentMappings;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * VISIT_OCCURRENCE of an imaging encounter: one visit per study, the day the patient was imaged. Every row
 * the study and its report yield (PROCEDURE_OCCURRENCE, IMAGE_OCCURRENCE, DEVICE_EXPOSURE, NOTE, OBSERVATION,
 * CONDITION_OCCURRENCE, MEASUREMENT) carries its id, which both writers derive from the study instance UID
 * through radbridge.omop_id_map, so neither needs the other to have run first.
 *
 * <p>The visit concept comes from {@code mappings/visit.csv}: the HL7 PV1-2 patient class when a source
 * gives one (an ORU report's PV1-2, staged with the report), else the row {@value #IMAGING_STUDY} (shipped as Outpatient Visit 9202: without a patient
 * class, an imaging study is an ambulatory same-day encounter).
 */
public final class VisitWriter {
    static final String KIND = "visit_occurrence";
    /** The mappings/visit.csv key of a study whose source names no patient class. */
    public static final String IMAGING_STUDY = "IMAGING STUDY";
    /** OMOP type concept "EHR" (32817), as for the study's other rows. */
    private static final int TYPE_EHR = 32817;

    private final CurrentMappings mappings;

    public VisitWriter(CurrentMappings mappings) {
        this.mappings = mappings;
    }

    /** The visit id of a study (the same for the study writer and the report writer). */
    public static int visitId(Connection c, String studyInstanceUid) throws SQLException {
        return OmopIds.idFor(c, KIND, studyInstanceUid);
    }

    /** The mapping key of a visit: the patient class when known, else {@value #IMAGING_STUDY}. */
    static String sourceKey(String patientClass) {
        return patientClass == null || patientClass.isBlank() ? IMAGING_STUDY : patientClass.strip();
    }

    /**
     * The patient class the study's reports give (HL7 PV1-2, staged with the report): that of the most recently
     * reported version that has one, so a resend with a corrected class wins; null when none has one. Only reports
     * linked to the study count (study_link_uid: same patient, by accession number or Study Instance UID).
     */
    static String stagedPatientClass(Connection c, String studyInstanceUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT patient_class FROM radbridge.report WHERE study_link_uid = ? AND patient_class IS NOT NULL "
                        + "ORDER BY reported_at DESC NULLS LAST, received_at DESC LIMIT 1")) {
            ps.setString(1, studyInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The mapping key and visit concept of a patient class; an unmapped class falls back to {@value #IMAGING_STUDY}. */
    private Classified classify(String patientClass, LocalDate date) {
        String key = sourceKey(patientClass);
        int concept = mappings.conceptId("visit", key, date);
        if (concept == 0 && !key.equals(IMAGING_STUDY)) {
            key = IMAGING_STUDY;
            concept = mappings.conceptId("visit", key, date);
        }
        return new Classified(key, concept);
    }

    private record Classified(String key, int concept) {}

    /**
     * Gives an existing visit the concept of the patient class its study's reports carry (the report writer calls
     * this after staging linked a report to the study); a study without a projected visit yet is left alone, its
     * study writer reads the same class when it runs.
     */
    public void applyReportedClass(Connection c, String studyInstanceUid, LocalDate date) throws SQLException {
        String patientClass = stagedPatientClass(c, studyInstanceUid);
        if (patientClass == null) return;
        Classified v = classify(patientClass, date);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE omop.visit_occurrence SET visit_concept_id = ?, visit_source_value = ? WHERE visit_occurrence_id = ?")) {
            ps.setInt(1, v.concept());
            ps.setString(2, v.key().length() <= 50 ? v.key() : v.key().substring(0, 50));
            ps.setInt(3, visitId(c, studyInstanceUid));
            ps.executeUpdate();
        }
    }

    /**
     * Writes (or updates) the visit of a study and returns its id. A null patient class means the study's source has
     * none: the class its staged reports give is used, else {@value #IMAGING_STUDY}.
     */
    public int write(Connection c, int personId, String studyInstanceUid, LocalDate date, LocalTime time, String patientClass)
            throws SQLException {
        int id = visitId(c, studyInstanceUid);
        Classified v = classify(patientClass != null ? patientClass : stagedPatientClass(c, studyInstanceUid), date);
        String key = v.key();
        int concept = v.concept();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.visit_occurrence (visit_occurrence_id, person_id, visit_concept_id, visit_start_date, visit_start_datetime, "
                        + "visit_end_date, visit_end_datetime, visit_type_concept_id, visit_source_value, visit_source_concept_id"
                        + ") VALUES (?,?,?,?,?,?,?,?,?,0) "
                        + "ON CONFLICT (visit_occurrence_id) DO UPDATE SET person_id = EXCLUDED.person_id, visit_concept_id = EXCLUDED.visit_concept_id, "
                        + "visit_start_date = EXCLUDED.visit_start_date, visit_start_datetime = EXCLUDED.visit_start_datetime, "
                        + "visit_end_date = EXCLUDED.visit_end_date, visit_end_datetime = EXCLUDED.visit_end_datetime, "
                        + "visit_source_value = EXCLUDED.visit_source_value")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setInt(3, concept);
            ps.setDate(4, Date.valueOf(date));
            if (time == null) ps.setNull(5, Types.TIMESTAMP);
            else ps.setTimestamp(5, Timestamp.valueOf(date.atTime(time)));
            ps.setDate(6, Date.valueOf(date));
            if (time == null) ps.setNull(7, Types.TIMESTAMP);
            else ps.setTimestamp(7, Timestamp.valueOf(date.atTime(time)));
            ps.setInt(8, TYPE_EHR);
            ps.setString(9, key.length() <= 50 ? key : key.substring(0, 50));
            ps.executeUpdate();
        }
        return id;
    }
}
