package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.research.export.OmopExport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code radbridge omop rebuild} (the whole pipeline, see {@link ServerCommands#rebuild}) and
 * {@code radbridge omop export}: the OMOP tables as CSV or Parquet files, through the database alone
 * ({@link DatabaseOnly}); with a server running, from the server's database.
 */
final class OmopCommand {
    static final String USAGE = """
            usage: radbridge omop rebuild
                   radbridge omop export --format csv|parquet --out DIR [--tables person,concept,...]
                     csv: DIR/TABLE.csv (header, RFC 4180); parquet: DIR/TABLE/part-00000.parquet (DuckDB: 'DIR/TABLE/*.parquet')
                     every table of schema omop unless --tables names some; prints "table TAB rows" per table
            """;

    private OmopCommand() {}

    static int run(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("rebuild")) return ServerCommands.rebuild();
        if (args.length == 0 || !args[0].equals("export")) {
            System.err.print(USAGE);
            return 2;
        }
        String format = null;
        Path out = null;
        List<String> tables = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                System.err.print(USAGE);
                return 2;
            }
            switch (args[i]) {
                case "--format" -> format = v;
                case "--out" -> out = Path.of(v).toAbsolutePath().normalize();
                case "--tables" -> tables.addAll(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                default -> {
                    System.err.print(USAGE);
                    return 2;
                }
            }
            i++;
        }
        if (format == null || out == null) {
            System.err.print(USAGE);
            return 2;
        }
        OmopExport.Format f;
        try {
            f = OmopExport.Format.parse(format);
        } catch (IllegalArgumentException e) {
            System.err.println("radbridge omop export: " + e.getMessage());
            return 2;
        }
        try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
            System.err.println("Exporting schema omop as " + f.name().toLowerCase() + " into " + out);
            OmopExport.Result r;
            try {
                r = new OmopExport(db.dataSource()).export(out, f, tables, System.err);
            } catch (IllegalArgumentException e) {
                System.err.println("radbridge omop export: " + e.getMessage());
                return 2;
            }
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Long> e : r.rows().entrySet()) b.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
            System.out.print(b);
            return 0;
        }
    }
}
