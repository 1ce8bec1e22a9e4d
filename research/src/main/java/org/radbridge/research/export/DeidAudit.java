package org.radbridge.research.export;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Rows of {@code radbridge.deid_audit}: who released what research data, when, why, under which profile. */
public final class DeidAudit {
    private DeidAudit() {}

    /** @return the audit id */
    public static long record(DataSource ds, String action, String actor, String purpose, String profile, String options, String what,
                              String outcomeJson, String version) throws SQLException {
        if (purpose == null || purpose.isBlank()) throw new IllegalArgumentException("a purpose is required (--purpose TEXT)");
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.deid_audit (action, actor, purpose, profile, options, what, "
                     + "outcome, radbridge_version) VALUES (?,?,?,?,?,?,?::jsonb,?) RETURNING audit_id")) {
            ps.setString(1, action);
            ps.setString(2, actor);
            ps.setString(3, purpose.strip());
            ps.setString(4, profile);
            ps.setString(5, options);
            ps.setString(6, what);
            ps.setString(7, outcomeJson == null ? "{}" : outcomeJson);
            ps.setString(8, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Who runs the command: the operating-system user (the command line has no other identity). */
    public static String actor() {
        String u = System.getProperty("user.name", "unknown");
        return "os-user:" + u;
    }
}
