package org.radbridge.cli;

import org.flywaydb.core.Flyway;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.research.cli.ConnectionSource;
import org.radbridge.research.cohort.CohortCommand;
import org.radbridge.server.config.EmbeddedDatabase;
import org.radbridge.server.security.ApiPrincipal;
import org.radbridge.server.security.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.DriverManager;
import java.util.Optional;

/**
 * `radbridge cohort`, `qc`, `recipe` and `bench sql`: the research toolkit (module research) on the database only, no
 * HAPI and no Camel. When a server runs on the data directory its PostgreSQL is used as it is; otherwise the embedded
 * one is started (or the external one named by RADBRIDGE_DB_URL is used) and migrated first.
 */
final class ResearchCommands {
    static {
        // before the first logger exists: stdout carries the result only (the embedded PostgreSQL logs at INFO)
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/radbridge/research/logback-research-cli.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ResearchCommands.class);

    private ResearchCommands() {}

    @FunctionalInterface
    interface Body {
        int run(RadBridgeSettings s, ConnectionSource db, String tokenName) throws Exception;
    }

    static int cohort(String[] args) throws Exception {
        return withDatabase((s, db, token) -> CohortCommand.run(args, s.home(), s.dataDir(), db, token, System.out, System.err));
    }

    static int qc(String[] args) throws Exception {
        return withDatabase((s, db, token) -> org.radbridge.research.qc.QcCommand.run(args, s.home(), db, token, System.out, System.err));
    }

    static int recipe(String[] args) throws Exception {
        return withDatabase((s, db, token) -> org.radbridge.research.recipes.RecipeCommand.run(args, s.home(), db, token, System.out, System.err));
    }

    static int benchSql(String[] args) throws Exception {
        return org.radbridge.research.bench.SqlBench.run(args, RadBridgeSettings.fromEnvironment().home(), System.out, System.err);
    }

    private static int withDatabase(Body body) throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        String token = tokenName(s);
        if (ServerLock.running(s)) {
            // the server's database is up and migrated; SQL from two processes is fine
            String url = "jdbc:postgresql://127.0.0.1:" + s.dbPort() + "/radbridge";
            String jdbc = s.externalDatabase() ? s.dbUrl() : url;
            return body.run(s, () -> DriverManager.getConnection(jdbc, s.dbUser(), s.dbPassword()), token);
        }
        try (EmbeddedDatabase db = new EmbeddedDatabase(s)) {
            db.start();
            try {
                Flyway.configure().dataSource(db.jdbcUrl(), s.dbUser(), s.dbPassword()).schemas("radbridge", "omop")
                        .locations("classpath:db/radbridge").load().migrate();
            } catch (RuntimeException e) {
                // a read-only research login (omop_reader) may not migrate; the schema owner has done it
                if (!s.externalDatabase()) throw e;
                log.warn("Database migrations not applied as {}: {}", s.dbUser(), e.getMessage());
            }
            return body.run(s, () -> DriverManager.getConnection(db.jdbcUrl(), s.dbUser(), s.dbPassword()), token);
        }
    }

    /** The name of the API token in RADBRIDGE_TOKEN, for the audit trail; null runs are recorded under the OS user. */
    private static String tokenName(RadBridgeSettings s) {
        String raw = System.getenv("RADBRIDGE_TOKEN");
        if (raw == null || raw.isBlank()) return null;
        Optional<ApiPrincipal> p = new TokenStore(s.dataDir().resolve("secrets"), System.getenv("RADBRIDGE_ADMIN_TOKEN")).authenticate(raw.trim());
        if (p.isEmpty()) throw new IllegalArgumentException("RADBRIDGE_TOKEN is not a valid RadBridge API token");
        return p.get().name();
    }
}
