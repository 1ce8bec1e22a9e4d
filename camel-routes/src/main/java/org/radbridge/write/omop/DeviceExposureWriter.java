package org.radbridge.write.omop;

import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DEVICE_EXPOSURE rows of one study: one per imaging device (manufacturer and model) that produced
 * its series, with device_concept_id from {@code mappings/device.csv} (a site concept of 2,000,000,000
 * or more where the OHDSI vocabularies have no standard concept; 0 when unmapped).
 *
 * <p>device_source_value is "MANUFACTURER^MODEL" as the mapping keys it; the device serial number,
 * station name and institution never reach OMOP, since together with a date they identify the
 * hospital and the room. Rows are keyed by study and device through radbridge.omop_id_map, so a
 * re-projection updates them, and a device no longer seen in the study (a corrected header) loses its row.
 */
final class DeviceExposureWriter {
    static final String KIND = "device_exposure";
    /** OMOP type concept "EHR" (32817), as for the study's other rows. */
    private static final int TYPE_EHR = 32817;

    private final CurrentMappings mappings;

    DeviceExposureWriter(CurrentMappings mappings) {
        this.mappings = mappings;
    }

    /** The devices of a study: normalised "MANUFACTURER^MODEL" to the first series date seen with it. */
    static Map<String, LocalDate> devices(StudyView s, LocalDate studyDate) {
        Map<String, LocalDate> out = new LinkedHashMap<>();
        for (List<InstanceRecord> series : s.series()) {
            for (InstanceRecord i : series) {
                String key = MappingSet.deviceKey(i.manufacturer(), i.modelName());
                if (key == null) continue;
                LocalDate d = i.seriesDate() == null ? studyDate : i.seriesDate();
                out.merge(key, d, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return out;
    }

    void write(Connection c, int personId, int visitId, StudyView s, LocalDate studyDate) throws SQLException {
        Map<String, LocalDate> devices = devices(s, studyDate);
        List<Integer> kept = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.device_exposure (device_exposure_id, person_id, device_concept_id, device_exposure_start_date, "
                        + "device_exposure_start_datetime, device_exposure_end_date, device_type_concept_id, unique_device_id, production_id, "
                        + "quantity, visit_occurrence_id, device_source_value, device_source_concept_id) "
                        + "VALUES (?,?,?,?,?,?,?,NULL,NULL,1,?,?,?) ON CONFLICT (device_exposure_id) DO UPDATE SET "
                        + "person_id = EXCLUDED.person_id, device_concept_id = EXCLUDED.device_concept_id, "
                        + "device_exposure_start_date = EXCLUDED.device_exposure_start_date, "
                        + "device_exposure_start_datetime = EXCLUDED.device_exposure_start_datetime, "
                        + "device_exposure_end_date = EXCLUDED.device_exposure_end_date, device_source_value = EXCLUDED.device_source_value, "
                        + "visit_occurrence_id = EXCLUDED.visit_occurrence_id, device_source_concept_id = EXCLUDED.device_source_concept_id")) {
            for (Map.Entry<String, LocalDate> d : devices.entrySet()) {
                int id = OmopIds.idFor(c, KIND, s.studyInstanceUid() + "|" + d.getKey());
                kept.add(id);
                LocalDate date = d.getValue();
                ps.setInt(1, id);
                ps.setInt(2, personId);
                int concept = mappings.conceptId("device", d.getKey(), date);
                ps.setInt(3, concept);
                ps.setDate(4, Date.valueOf(date));
                if (s.studyTime() != null && date.equals(s.studyDate())) ps.setTimestamp(5, Timestamp.valueOf(date.atTime(s.studyTime())));
                else ps.setNull(5, Types.TIMESTAMP);
                // the exposure is the examination itself: it ends the day it starts
                ps.setDate(6, Date.valueOf(date));
                ps.setInt(7, TYPE_EHR);
                ps.setInt(8, visitId);
                ps.setString(9, cut(d.getKey(), 50));
                // the site device list is the scanner's own code system: its concept is the source concept too
                ps.setInt(10, concept);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        removeDevicesNoLongerSeen(c, personId, s.studyInstanceUid(), kept);
    }

    /**
     * Rows of this person whose natural key is this study's, but whose device the study no longer has.
     * The key is rebuilt from device_source_value so that the id map is probed by its primary key,
     * never scanned (a key longer than device_source_value's 50 characters is not found, and stays).
     */
    private static void removeDevicesNoLongerSeen(Connection c, int personId, String studyUid, List<Integer> kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM omop.device_exposure d WHERE d.person_id = ? AND NOT (d.device_exposure_id = ANY(?::int[])) "
                        + "AND EXISTS (SELECT 1 FROM radbridge.omop_id_map m WHERE m.kind = '" + KIND + "' "
                        + "AND m.natural_key = ? || '|' || d.device_source_value AND m.omop_id = d.device_exposure_id)")) {
            ps.setInt(1, personId);
            Array ids = c.createArrayOf("integer", kept.toArray());
            ps.setArray(2, ids);
            ps.setString(3, studyUid);
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
