package org.radbridge.server.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether HAPI's tables in schema fhir were last brought up to date by this HAPI version. Hibernate's schema update
 * (hbm2ddl "update") reads the catalogue of every HAPI table, column and index on each start, the largest single step
 * of the server's start-up (about a fifth of it, by RADBRIDGE_STARTUP_PROFILE); it can change something only when the
 * entities changed, that is with another HAPI version. So the update runs on a new database and after an upgrade, and
 * the schema's comment records the version it ran for.
 */
final class HapiSchemaMark {
    private static final Logger log = LoggerFactory.getLogger(HapiSchemaMark.class);
    private static final String PREFIX = "RadBridge: HAPI FHIR JPA tables updated by HAPI FHIR ";

    private HapiSchemaMark() {}

    static String expected() {
        return PREFIX + ca.uhn.fhir.util.VersionUtil.getVersion();
    }

    /** True when schema fhir carries the mark of this HAPI version (and has HAPI's main table). */
    static boolean upToDate(DataSource ds) {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT obj_description(n.oid, 'pg_namespace'), "
                     + "to_regclass('fhir.hfj_resource') IS NOT NULL FROM pg_namespace n WHERE n.nspname = 'fhir'")) {
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && expected().equals(rs.getString(1)) && rs.getBoolean(2);
            }
        } catch (SQLException e) {
            log.debug("schema fhir mark not readable: {}", e.getMessage());
            return false;
        }
    }

    /** Marks schema fhir as updated by this HAPI version (after Hibernate's update ran). */
    static void mark(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("COMMENT ON SCHEMA fhir IS '" + expected().replace("'", "''") + "'");
        } catch (SQLException e) {
            log.info("schema fhir not marked ({}); the next start updates HAPI's tables again", e.getMessage());
        }
    }
}
