package org.radbridge.terminology;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The indexes of an omop table other than its primary key and unique constraints, dropped for a bulk
 * load and rebuilt from their own definitions afterwards (a sorted build is far cheaper than
 * maintaining the index row by row over millions of COPY rows). The clustering mark is restored too.
 * Runs inside the caller's transaction: a rollback brings the indexes back unchanged.
 */
final class SecondaryIndexes implements AutoCloseable {
    private record Index(String name, String definition, boolean clustered) {}

    private final Connection connection;
    private final String table;
    private final List<Index> dropped;
    private boolean rebuilt;

    private SecondaryIndexes(Connection connection, String table, List<Index> dropped) {
        this.connection = connection;
        this.table = table;
        this.dropped = dropped;
    }

    static SecondaryIndexes drop(Connection c, String table) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisclustered FROM pg_index x "
                        + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                        + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                        + "WHERE n.nspname = 'omop' AND t.relname = ? AND NOT x.indisprimary "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) indexes.add(new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        try (Statement st = c.createStatement()) {
            for (Index i : indexes) st.execute("DROP INDEX omop.\"" + i.name() + "\"");
        }
        return new SecondaryIndexes(c, table, indexes);
    }

    void rebuild(Consumer<String> progress, String what) throws SQLException {
        if (rebuilt) return;
        rebuilt = true;
        if (dropped.isEmpty()) return;
        long start = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            for (Index i : dropped) {
                st.execute(i.definition());
                if (i.clustered()) st.execute("ALTER TABLE omop." + table + " CLUSTER ON \"" + i.name() + "\"");
            }
        }
        progress.accept(String.format(Locale.ROOT, "%s: %d indexes rebuilt in %.1f s", what.toUpperCase(Locale.ROOT), dropped.size(),
                (System.nanoTime() - start) / 1e9));
    }

    /** Rebuilds if the caller did not (an exception on the way rolls the transaction back anyway). */
    @Override
    public void close() throws SQLException {
        if (!rebuilt && !connection.isClosed() && !connection.getAutoCommit()) {
            try {
                rebuild(x -> { }, table);
            } catch (SQLException ignored) {
                // the transaction is failing already; its rollback restores the indexes
            }
        }
    }
}
