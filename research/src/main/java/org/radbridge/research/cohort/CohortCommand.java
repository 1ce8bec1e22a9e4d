package org.radbridge.research.cohort;

import org.radbridge.research.cli.ConnectionSource;
import org.radbridge.research.governance.AuditLog;
import org.radbridge.research.governance.SmallCells;
import org.radbridge.research.manifest.LabelSet;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/** {@code radbridge cohort run FILE [--out DIR] [--name N] [--sql] [--aggregate] [--min-cell N] [--labels FILE]}. */
public final class CohortCommand {
    public static final String USAGE = """
            usage: radbridge cohort run FILE [--out DIR] [--name N] [--labels FILE] [--sql] [--aggregate [--min-cell N]]
              FILE          a cohort definition (YAML; format in sql/cohorts/README.md)
              --out DIR     where manifest.csv, manifest.jsonl and cohort.json go (default data/cohorts/NAME)
              --name N      the name in omop.cohort_definition (default: the file's name: key)
              --labels FILE a label set CSV (label,code,display) instead of terminology/label-sets/<labels>.csv
              --sql         print the compiled SQL statement and stop
              --aggregate   counts only (attrition, persons by sex and age band), cells below 11 suppressed; no manifest
              --min-cell N  the suppression threshold of --aggregate (default 11)
            """;

    private CohortCommand() {}

    public static int run(String[] args, Path home, Path dataDir, ConnectionSource db, String tokenName, PrintStream out, PrintStream err)
            throws Exception {
        if (args.length < 2 || !args[0].equals("run")) {
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(args[1]);
        Path outDir = null;
        String name = null;
        Path labelsFile = null;
        boolean sqlOnly = false;
        boolean aggregate = false;
        int minCell = SmallCells.DEFAULT_THRESHOLD;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outDir = Path.of(value(args, ++i));
                case "--name" -> name = value(args, ++i);
                case "--labels" -> labelsFile = Path.of(value(args, ++i));
                case "--sql" -> sqlOnly = true;
                case "--aggregate" -> aggregate = true;
                case "--min-cell" -> minCell = Integer.parseInt(value(args, ++i));
                default -> {
                    err.println("radbridge cohort: unknown option " + args[i]);
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        CohortDefinition definition;
        try {
            definition = CohortDefinitionParser.parse(file);
        } catch (CohortDefinitionException e) {
            err.println("radbridge cohort: " + e.getMessage());
            err.println("Nothing was written.");
            return 1;
        }
        try (Connection c = db.open()) {
            CompiledCohort compiled;
            try {
                compiled = CohortCompiler.compile(definition, new JdbcConceptResolver(c));
            } catch (CohortDefinitionException e) {
                err.println("radbridge cohort: " + e.getMessage());
                err.println("Nothing was written.");
                return 1;
            }
            if (sqlOnly) {
                out.println(compiled.sql() + ";");
                return 0;
            }
            String cohortName = name != null ? name : definition.name();
            LabelSet labels = null;
            if (!aggregate) {
                Path lf = labelsFile != null ? labelsFile : home.resolve("terminology/label-sets/" + definition.labelSet() + ".csv");
                if (Files.exists(lf)) labels = LabelSet.load(labelsFile != null ? lf.getFileName().toString().replaceFirst("\\.csv$", "") : definition.labelSet(), lf);
                else err.println("Label set " + lf + " not found: the manifest has no label columns");
                if (outDir == null) outDir = dataDir.resolve("cohorts").resolve(cohortName.replaceAll("[^A-Za-z0-9_.-]", "_"));
            }
            String actor = AuditLog.actor(c, tokenName);
            CohortRunner.run(c, compiled, new CohortRunner.Options(outDir, name, aggregate, minCell, labels, actor), out, err);
            return 0;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        return args[i];
    }
}
