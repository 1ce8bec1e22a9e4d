package org.radbridge.server.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues get version ranges and land in any order: a database that ran later migrations before V11 (report
 * patient class) existed must still get V11 at the next start rather than refuse to start.
 */
class OutOfOrderMigrationTest {
    @Test
    void aMigrationOlderThanTheLatestAppliedOneIsStillApplied() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            DatabaseConfig.migrate(ds);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                // the state of a database migrated before V11 was added: later versions applied, V11 not
                st.execute("ALTER TABLE radbridge.report DROP COLUMN patient_class");
                assertThat(st.executeUpdate("DELETE FROM radbridge.flyway_schema_history WHERE version = '11'")).isEqualTo(1);
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM radbridge.flyway_schema_history WHERE version IS NOT NULL AND version::numeric > 11")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isPositive();
                }
            }
            DatabaseConfig.migrate(ds);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'radbridge' "
                         + "AND table_name = 'report' AND column_name = 'patient_class'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
