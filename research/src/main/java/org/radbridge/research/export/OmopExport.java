package org.radbridge.research.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the tables of schema omop (clinical, vocabulary and imaging-extension tables alike) to files other engines
 * read: {@code DIR/TABLE.csv} (the layout OHDSI's loaders take), or {@code DIR/TABLE/part-00000.parquet} (a directory
 * per table, as Spark writes and reads it; DuckDB reads {@code 'DIR/TABLE/*.parquet'}). Rows stream from a server-side
 * cursor in one read-only repeatable-read transaction, so that all tables are one consistent snapshot and memory does
 * not grow with the table. The omop schema holds no PHI (pseudonymised ids, scrubbed notes), so neither do the files.
 */
public final class OmopExport {
    private static final Logger log = LoggerFactory.getLogger(OmopExport.class);
    private static final int FETCH = 5_000;

    public enum Format {
        CSV, PARQUET;

        public static Format parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + s + "' (csv or parquet)");
            }
        }
    }

    /** What was written: rows per table, in the order written. */
    public record Result(Map<String, Long> rows, List<Path> files) {}

    private final DataSource dataSource;

    public OmopExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Exports the named tables (all when {@code only} is empty) into {@code out}, replacing files of the same name.
     * Progress goes to {@code progress} (standard error for the command line).
     *
     * @throws IllegalArgumentException when a named table is not in schema omop
     */
    public Result export(Path out, Format format, List<String> only, PrintStream progress) throws SQLException, IOException {
        Files.createDirectories(out);
        Map<String, Long> rows = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<OmopTable> tables = select(OmopTable.all(c), only);
            for (OmopTable t : tables) {
                Path file = switch (format) {
                    case CSV -> out.resolve(t.name() + ".csv");
                    case PARQUET -> Files.createDirectories(out.resolve(t.name())).resolve("part-00000.parquet");
                };
                long n = 0;
                long t0 = System.nanoTime();
                try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    st.setFetchSize(FETCH);
                    try (ResultSet rs = st.executeQuery(t.select());
                         TableWriter w = format == Format.CSV ? new CsvTableWriter(t, file) : new ParquetTableWriter(t, file)) {
                        while (rs.next()) {
                            w.write(rs);
                            n++;
                        }
                    }
                }
                rows.put(t.name(), n);
                files.add(file);
                progress.printf(Locale.ROOT, "  %-28s %,12d rows  %s (%.1f s)%n", t.name(), n, out.relativize(file), (System.nanoTime() - t0) / 1e9);
            }
            c.commit();
        }
        log.info("OMOP export: {} tables, {} rows, {} into {}", rows.size(), rows.values().stream().mapToLong(Long::longValue).sum(),
                format, out);
        return new Result(rows, files);
    }

    private static List<OmopTable> select(List<OmopTable> all, List<String> only) {
        if (only.isEmpty()) return all;
        Set<String> known = new TreeSet<>();
        all.forEach(t -> known.add(t.name()));
        List<OmopTable> out = new ArrayList<>();
        for (String name : only) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            OmopTable t = all.stream().filter(x -> x.name().equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no table '" + name + "' in schema omop; tables: " + String.join(", ", known)));
            out.add(t);
        }
        return out;
    }
}
