package org.radbridge.write.omop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Stable OMOP integer keys for natural keys, through radbridge.omop_id_map. */
final class OmopIds {
    private OmopIds() {}

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
