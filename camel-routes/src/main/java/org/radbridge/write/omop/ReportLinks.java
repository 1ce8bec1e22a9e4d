package org.radbridge.write.omop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Links the rows a report yields (NOTE, OBSERVATION, CONDITION_OCCURRENCE, MEASUREMENT) to the VISIT_OCCURRENCE
 * of its study, in the report writer's transaction, and fills measurement_source_concept_id.
 */
final class ReportLinks {
    private ReportLinks() {}

    static void toVisit(Connection c, int visitId, int noteId, List<Integer> observations, List<Integer> conditions,
                        List<Integer> measurements) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE omop.note SET visit_occurrence_id = ? WHERE note_id = ?")) {
            ps.setInt(1, visitId);
            ps.setInt(2, noteId);
            ps.executeUpdate();
        }
        update(c, "UPDATE omop.observation SET visit_occurrence_id = ? WHERE observation_id = ANY(?::int[])", visitId, observations);
        update(c, "UPDATE omop.condition_occurrence SET visit_occurrence_id = ? WHERE condition_occurrence_id = ANY(?::int[])", visitId, conditions);
        // a measured dimension is coded by its SNOMED CT axis concept (finding_component.csv), which is its source code too
        update(c, "UPDATE omop.measurement SET visit_occurrence_id = ?, measurement_source_concept_id = measurement_concept_id "
                + "WHERE measurement_id = ANY(?::int[])", visitId, measurements);
    }

    private static void update(Connection c, String sql, int visitId, List<Integer> ids) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, visitId);
            ps.setArray(2, c.createArrayOf("integer", ids.toArray()));
            ps.executeUpdate();
        }
    }
}
