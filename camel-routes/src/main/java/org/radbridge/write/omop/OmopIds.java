package org.radbridge.write.omop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Stable OMOP integer keys for natural keys, through radbridge.omop_id_map. */
final class OmopIds {
    private OmopIds() {}

    /** Ids of many keys of one kind in one statement (a report's NOTE_NLP and IMAGE_FEATURE rows). */
    static java.util.Map<String, Integer> idsFor(Connection c, String kind, java.util.Collection<String> naturalKeys) throws SQLException {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(naturalKeys);
        if (keys.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO radbridge.omop_id_map (kind, natural_key) SELECT ?, k FROM unnest(?::text[]) AS k "
                        + "ON CONFLICT (kind, natural_key) DO UPDATE SET kind = EXCLUDED.kind RETURNING natural_key, omop_id")) {
            ps.setString(1, kind);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    static int idFor(Connection c, String kind, String naturalKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO radbridge.omop_id_map (kind, natural_key) VALUES (?, ?) "
                        + "ON CONFLICT (kind, natural_key) DO UPDATE SET kind = EXCLUDED.kind RETURNING omop_id")) {
            ps.setString(1, kind);
            ps.setString(2, naturalKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
