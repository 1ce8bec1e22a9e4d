package org.radbridge.server.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.radbridge.config.RadBridgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database RadBridge runs on: an embedded PostgreSQL server (real binaries, data kept in
 * data/pg across restarts) unless RADBRIDGE_DB_URL names an external one.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final RadBridgeSettings settings;
    private EmbeddedPostgres postgres;

    public EmbeddedDatabase(RadBridgeSettings settings) {
        this.settings = settings;
    }

    public void start() throws IOException, SQLException {
        if (settings.externalDatabase()) {
            log.info("Database: external PostgreSQL at {}", settings.dbUrl());
            ensureSchema(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
            return;
        }
        Path dir = settings.pgDir();
        Files.createDirectories(dir.getParent());
        log.info("Database: starting embedded PostgreSQL on 127.0.0.1:{} with data in {}", settings.dbPort(), dir);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(settings.dbPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // the embedded library turns synchronous commit off for test speed; this is our
                // real database and a committed study must survive a crash
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "");
             Statement st = c.createStatement()) {
            if (!exists(st, "SELECT 1 FROM pg_roles WHERE rolname = 'radbridge'")) {
                st.execute("CREATE ROLE radbridge LOGIN PASSWORD 'radbridge' CREATEROLE");
            }
            if (!exists(st, "SELECT 1 FROM pg_database WHERE datname = 'radbridge'")) {
                st.execute("CREATE DATABASE radbridge OWNER radbridge");
            }
        }
        ensureSchema(jdbcUrl(), settings.dbUser(), settings.dbPassword());
    }

    private static boolean exists(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** HAPI keeps its tables in schema fhir, apart from the radbridge and omop schemas. */
    private static void ensureSchema(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS fhir");
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + settings.dbPort() + "/postgres";
    }

    public String jdbcUrl() {
        return settings.externalDatabase() ? settings.dbUrl() : "jdbc:postgresql://127.0.0.1:" + settings.dbPort() + "/radbridge";
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            log.info("Database: stopping embedded PostgreSQL");
            postgres.close();
            postgres = null;
        }
    }
}
