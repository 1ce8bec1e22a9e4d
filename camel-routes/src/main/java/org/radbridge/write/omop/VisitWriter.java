package org.radbridge.write.omop;

import org.radbridge.map.CurrentMappings;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
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
 * gives one, else the row {@value #IMAGING_STUDY} (shipped as Outpatient Visit 9202: without a patient
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

    /** Writes (or updates) the visit of a study and returns its id. */
    public int write(Connection c, int personId, String studyInstanceUid, LocalDate date, LocalTime time, String patientClass)
            throws SQLException {
        int id = visitId(c, studyInstanceUid);
        String key = sourceKey(patientClass);
        int concept = mappings.conceptId("visit", key, date);
        if (concept == 0 && !key.equals(IMAGING_STUDY)) {
            key = IMAGING_STUDY;
            concept = mappings.conceptId("visit", key, date);
        }
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
