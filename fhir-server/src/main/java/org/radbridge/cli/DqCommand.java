package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.research.dq.CheckCatalogue;
import org.radbridge.research.dq.DataQualityRunner;
import org.radbridge.research.dq.DqException;
import org.radbridge.research.dq.DqReport;
import org.radbridge.research.dq.DqResult;
import org.radbridge.research.dq.ThresholdOverrides;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * {@code radbridge dq [--json FILE] [--thresholds FILE] [--all]}: the data-quality checks of {@code dq/checks.csv} on the
 * OMOP view. Opens only the database (the running server's, or the embedded one of the data directory), never HAPI.
 * The table goes to stdout, progress to stderr; exit status 1 when a check fails or errs.
 */
final class DqCommand {
    static final String USAGE = "usage: radbridge dq [--json FILE] [--thresholds FILE] [--all]";

    private DqCommand() {}

    static int run(String[] args) throws Exception {
        // stdout carries the table only: the embedded database's and the libraries' log lines go to stderr
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return run(args, out);
        } finally {
            System.setOut(out);
        }
    }

    private static int run(String[] args, PrintStream out) throws Exception {
        Path json = null;
        Path thresholds = null;
        boolean all = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--thresholds" -> thresholds = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--all" -> all = true;
                default -> {
                    System.err.println(USAGE);
                    return 2;
                }
            }
        }
        if (args.length > 0 && (json == null && List.of(args).contains("--json") || thresholds == null && List.of(args).contains("--thresholds"))) {
            System.err.println(USAGE);
            return 2;
        }
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        CheckCatalogue catalogue;
        try {
            catalogue = CheckCatalogue.load(s.home().resolve("dq/checks.csv"));
            Path t = thresholds != null ? thresholds : s.home().resolve("dq/threshold-overrides.csv");
            if (thresholds != null || Files.exists(t)) catalogue = catalogue.with(ThresholdOverrides.load(t));
        } catch (DqException e) {
            e.problems().forEach(System.err::println);
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("radbridge dq: no such file: " + e.getFile());
            return 2;
        }
        if (!s.externalDatabase() && !ServerLock.running(s) && !Files.isDirectory(s.pgDir())) {
            System.err.println("radbridge dq: no database in " + s.pgDir() + " (run radbridge demo, serve or ingest first)");
            return 2;
        }
        try (DatabaseOnly db = DatabaseOnly.open(s)) {
            try (Connection c = db.dataSource().getConnection()) {
                if (!hasOmop(c)) {
                    System.err.println("radbridge dq: the database has no OMOP tables yet (run radbridge demo, serve or ingest first)");
                    return 2;
                }
                long t0 = System.nanoTime();
                int[] done = {0};
                int total = catalogue.checks().size();
                List<DqResult> results = DataQualityRunner.run(c, catalogue, r -> {
                    if (++done[0] % 50 == 0 || done[0] == total) System.err.printf("dq: %d/%d checks%n", done[0], total);
                });
                DqReport.printTable(results, all, out);
                System.err.printf("dq: %.1f s%n", (System.nanoTime() - t0) / 1e9);
                if (json != null) DqReport.writeJson(results, json);
                return results.stream().anyMatch(r -> r.status() == DqResult.Status.FAIL || r.status() == DqResult.Status.ERROR) ? 1 : 0;
            }
        }
    }

    private static boolean hasOmop(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = 'omop' AND table_name = 'image_occurrence'")) {
            return rs.next();
        }
    }
}
