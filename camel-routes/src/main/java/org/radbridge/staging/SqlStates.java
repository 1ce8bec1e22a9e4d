package org.radbridge.staging;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether PostgreSQL refused a statement for its content (SQLSTATE class 22 "data exception": a value too long, an
 * invalid byte sequence, a bad date; or a violated NOT NULL, foreign key or CHECK constraint), which sending the same
 * values again cannot fix, rather than for an outage (connection, resources, missing objects, conflicts).
 */
public final class SqlStates {
    private static final Set<String> CONSTRAINTS = Set.of("23502", "23503", "23514");

    private SqlStates() {}

    public static boolean isDataProblem(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || CONSTRAINTS.contains(state))) return true;
        }
        return false;
    }
}
