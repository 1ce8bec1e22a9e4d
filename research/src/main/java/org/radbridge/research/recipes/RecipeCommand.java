package org.radbridge.research.recipes;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.radbridge.research.cli.ConnectionSource;
import org.radbridge.research.governance.AuditLog;
import org.radbridge.research.governance.SmallCells;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** {@code radbridge recipe list} and {@code radbridge recipe run NAME [--suppress [N]] [--out FILE]}: CSV on stdout or in FILE. */
public final class RecipeCommand {
    public static final String USAGE = """
            usage: radbridge recipe list
                   radbridge recipe run NAME [--suppress [N]] [--out FILE]
              --suppress [N]  hide counts from 1 to N-1 (default 11) for output that leaves the site; row-level recipes refuse it
            """;

    private RecipeCommand() {}

    public static int run(String[] args, Path home, ConnectionSource db, String tokenName, PrintStream out, PrintStream err) throws Exception {
        Path dir = home.resolve("sql/recipes");
        if (args.length == 1 && args[0].equals("list")) {
            for (Recipe r : Recipe.all(dir)) out.println(r.name() + "\t" + r.question() + (r.countColumns().isEmpty() ? "" : "\t(aggregate)"));
            return 0;
        }
        if (args.length < 2 || !args[0].equals("run")) {
            err.print(USAGE);
            return 2;
        }
        Path file = dir.resolve(args[1] + ".sql");
        if (!Files.exists(file)) {
            err.println("radbridge recipe: no recipe '" + args[1] + "' in " + dir + " (radbridge recipe list)");
            return 2;
        }
        SmallCells cells = null;
        Path outFile = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--suppress")) {
                int n = SmallCells.DEFAULT_THRESHOLD;
                if (i + 1 < args.length && args[i + 1].matches("\\d+")) n = Integer.parseInt(args[++i]);
                cells = new SmallCells(n);
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                outFile = Path.of(args[++i]);
            } else {
                err.print(USAGE);
                return 2;
            }
        }
        Recipe recipe = Recipe.load(file);
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            RecipeRunner.Table t = RecipeRunner.run(c, recipe, cells);
            StringWriter w = new StringWriter();
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(t.columns().toArray(String[]::new)).build())) {
                for (List<String> row : t.rows()) p.printRecord(row);
            }
            if (outFile != null) {
                Files.writeString(outFile, w.toString(), StandardCharsets.UTF_8);
                out.println("Wrote " + t.rows().size() + " rows of recipe " + recipe.name() + " to " + outFile.toAbsolutePath());
            } else {
                out.print(w);
            }
            if (cells != null) (outFile != null ? out : err).println(cells.notice());
            AuditLog.record(c, new AuditLog.Entry("recipe", AuditLog.actor(c, tokenName), recipe.name(),
                    org.radbridge.research.governance.Sha256.hex(recipe.sql()), null, null, null, (long) t.rows().size(),
                    outFile == null ? "stdout" : outFile.toAbsolutePath().toString(),
                    Map.of("suppressed", cells != null, "min_cell", cells == null ? 0 : cells.threshold(),
                            "suppressed_cells", cells == null ? 0 : cells.suppressedCells())));
            c.commit();
        }
        return 0;
    }
}
