package org.radbridge.research.dq;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the checks of a catalogue on the database: each check is one aggregate query (counts only, no rows reach
 * this process, so the cost in memory does not grow with the tables), in a read-only transaction of its own
 * rolled back afterwards, so that one failing query neither aborts the others nor changes anything.
 */
public final class DataQualityRunner {
    private static final Logger log = LoggerFactory.getLogger(DataQualityRunner.class);

    private DataQualityRunner() {}

    public static List<DqResult> run(Connection c, CheckCatalogue catalogue, Consumer<DqResult> progress) throws SQLException {
        List<DqResult> out = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            for (DqCheck check : catalogue.checks()) {
                DqResult r = runOne(c, catalogue.sql(check), check);
                out.add(r);
                progress.accept(r);
            }
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
        return out;
    }

    private static DqResult runOne(Connection c, String sql, DqCheck check) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long violated = rs.getLong(1);
            long denominator = rs.getLong(2);
            c.rollback();
            return new DqResult(check, DqResult.verdict(check, violated, denominator), violated, denominator, null, (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            c.rollback();
            log.debug("Check {} failed: {}", check.id(), sql, e);
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return new DqResult(check, DqResult.Status.ERROR, 0, 0, msg, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
