package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.research.cli.ConnectionSource;
import org.radbridge.research.cohort.CohortCommand;
import org.radbridge.server.security.ApiPrincipal;
import org.radbridge.server.security.TokenStore;

import java.util.Optional;

/**
 * `radbridge cohort`, `qc`, `recipe` and `bench sql`: the research toolkit (module research) on the database only, no
 * HAPI and no Camel, through {@link DatabaseOnly}: a running server's PostgreSQL as it is, otherwise the embedded one
 * started here (or the external one named by RADBRIDGE_DB_URL) and migrated first.
 */
final class ResearchCommands {
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
        // a running server's database as it is (SQL from two processes is fine), else the embedded one started here
        try (DatabaseOnly db = DatabaseOnly.open(s)) {
            return body.run(s, db.dataSource()::getConnection, token);
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
