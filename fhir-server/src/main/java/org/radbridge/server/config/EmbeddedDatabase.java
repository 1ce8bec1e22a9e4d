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
        checkDataDirectoryVersion(dir, binariesMajor());
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

    /** The major version of the embedded PostgreSQL binaries (from the build's postgres-binaries.version). */
    static String binariesMajor() throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = EmbeddedDatabase.class.getResourceAsStream("embedded-postgres.properties")) {
            if (in == null) throw new IOException("embedded-postgres.properties missing from the build");
            p.load(in);
        }
        return p.getProperty("postgres.binaries.version").split("\\.")[0];
    }

    /**
     * A data directory written by another PostgreSQL major version cannot be opened by these binaries (the on-disk
     * format differs); PostgreSQL would stop with a terse FATAL in its own log. Say what to do instead.
     */
    static void checkDataDirectoryVersion(Path dir, String major) throws IOException {
        Path version = dir.resolve("PG_VERSION");
        if (!Files.exists(version)) return;
        String found = Files.readString(version).trim();
        if (found.equals(major)) return;
        throw new IllegalStateException(dir + " holds a PostgreSQL " + found + " database, but this RadBridge runs PostgreSQL " + major
                + " (the major version of the machine's pg_dump/psql). Either move " + dir + " away and start afresh (then ingest or pull"
                + " your sources again: staging, FHIR and OMOP are rebuilt from them), or dump the old database with a PostgreSQL "
                + found + " client while the RadBridge version that wrote it runs, and restore the dump into the new one"
                + " (docs/research.md, 'PostgreSQL version').");
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
