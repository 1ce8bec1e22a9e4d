package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.research.export.OmopExport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code radbridge omop rebuild}: every staged study re-projected into the OMOP view through the database alone
 * ({@link OmopOnlyPipeline}, no HAPI FHIR); with a server running, the server rebuilds both views. And
 * {@code radbridge omop export}: the OMOP tables as CSV or Parquet files, through the database alone
 * ({@link DatabaseOnly}); with a server running, from the server's database.
 */
final class OmopCommand {
    static final String USAGE = """
            usage: radbridge omop rebuild    re-project every staged study into OMOP (database only; with a server running, it rebuilds)
                   radbridge omop export --format csv|parquet --out DIR [--tables person,concept,...]
                     csv: DIR/TABLE.csv (header, RFC 4180); parquet: DIR/TABLE/part-00000.parquet (DuckDB: 'DIR/TABLE/*.parquet')
                     every table of schema omop unless --tables names some; prints "table TAB rows" per table
            """;

    private OmopCommand() {}

    static int rebuild() throws Exception {
        try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
            if (!db.viaServer()) {
                System.err.println("Re-projecting every staged study into OMOP (the database alone; FHIR is not started)");
                try (OmopOnlyPipeline pipeline = new OmopOnlyPipeline(db, db.currentMappings())) {
                    org.radbridge.ingest.StudyProjector.Result r = pipeline.projector().projectAll();
                    ServerCommands.printRebuild("OMOP", r.projected(), r.reportsProjected(), r.problems(), r.reportsWaiting().lines());
                    pipeline.sayWhatFhirAwaits(System.err);
                    return 0;
                }
            }
        }
        // a server runs: it holds the mappings and both views, and rebuilds them itself
        return ServerCommands.rebuild();
    }

    static int run(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("rebuild")) return rebuild();
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
