package org.radbridge.research.governance;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * radbridge.research_audit: one row per research output (cohort run, manifest export, aggregate, recipe, QC run), so a
 * data-protection officer can list who took what, when, under which definition. Written in the caller's transaction,
 * so an output that fails leaves no audit row and an audit that fails leaves no output in the database.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {}

    public record Entry(String action, String actor, String name, String definitionSha256, Long persons, Long studies, Long series,
                        Long rowsWritten, String output, Map<String, Object> details) {}

    /** @return the audit id */
    public static long record(Connection c, Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO radbridge.research_audit (action, actor, name, definition_sha256, persons, studies, series, rows_written, output, details) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?::jsonb)")) {
            ps.setString(1, e.action());
            ps.setString(2, cut(e.actor(), 128));
            ps.setString(3, cut(e.name(), 255));
            ps.setString(4, e.definitionSha256());
            setLong(ps, 5, e.persons());
            setLong(ps, 6, e.studies());
            setLong(ps, 7, e.series());
            setLong(ps, 8, e.rowsWritten());
            ps.setString(9, e.output());
            try {
                ps.setString(10, JSON.writeValueAsString(e.details() == null ? Map.of() : e.details()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalArgumentException(ex);
            }
            ps.executeUpdate();
        }
        // not RETURNING: that needs SELECT on the table, which omop_reader (insert-only) lacks
        try (ResultSet rs = c.createStatement().executeQuery("SELECT currval('radbridge.research_audit_audit_id_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Who runs this: the API token's name when one is given (RADBRIDGE_TOKEN_NAME, set by the launcher or a server that
     * hands the work on), else the OS user; the database role is appended because grants are checked against it.
     */
    public static String actor(Connection c, String tokenName) throws SQLException {
        String dbUser;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            dbUser = rs.getString(1);
        }
        String who = tokenName != null && !tokenName.isBlank() ? "token:" + tokenName : "os:" + System.getProperty("user.name", "unknown");
        return who + " db:" + dbUser;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
