package org.radbridge.write.omop;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the CONDITION_ERA rows of one person from that person's CONDITION_OCCURRENCE rows (by
 * {@link ConditionEraBuilder}), in the caller's transaction, after a report changed them. Era ids are
 * keyed by person, concept and start date, so an unchanged era keeps its id across rebuilds.
 */
public final class ConditionEraWriter {
    static final String KIND = "condition_era";

    private ConditionEraWriter() {}

    /** @return the number of eras the person has now */
    public static int rebuild(Connection c, int personId) throws SQLException {
        List<ConditionEraBuilder.Occurrence> occurrences = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT condition_concept_id, condition_start_date, condition_end_date FROM omop.condition_occurrence WHERE person_id = ?")) {
            ps.setInt(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date end = rs.getDate(3);
                    occurrences.add(new ConditionEraBuilder.Occurrence(rs.getInt(1), rs.getDate(2).toLocalDate(), end == null ? null : end.toLocalDate()));
                }
            }
        }
        List<ConditionEraBuilder.Era> eras = ConditionEraBuilder.build(occurrences);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM omop.condition_era WHERE person_id = ?")) {
            ps.setInt(1, personId);
            ps.executeUpdate();
        }
        if (eras.isEmpty()) return 0;
        Map<String, Integer> ids = OmopIds.idsFor(c, KIND, eras.stream().map(e -> key(personId, e)).toList());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.condition_era (condition_era_id, person_id, condition_concept_id, condition_era_start_date, "
                        + "condition_era_end_date, condition_occurrence_count) VALUES (?,?,?,?,?,?)")) {
            for (ConditionEraBuilder.Era e : eras) {
                ps.setInt(1, ids.get(key(personId, e)));
                ps.setInt(2, personId);
                ps.setInt(3, e.conceptId());
                ps.setDate(4, Date.valueOf(e.start()));
                ps.setDate(5, Date.valueOf(e.end()));
                ps.setInt(6, e.occurrenceCount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return eras.size();
    }

    private static String key(int personId, ConditionEraBuilder.Era e) {
        return personId + "|" + e.conceptId() + "|" + e.start();
    }
}
