package org.radbridge.terminology;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads an OHDSI Athena vocabulary download (CONCEPT.csv and its siblings: tab-separated, a header
 * row, no quoting, dates as YYYYMMDD) into the omop schema with PostgreSQL COPY. Each file is
 * streamed through a fixed buffer, so memory stays flat whether CONCEPT_RELATIONSHIP holds forty
 * thousand rows or forty million; progress (rows, rate, time left) is reported every few seconds.
 *
 * <p>Athena owns concept ids below 2,000,000,000: rows with such ids are replaced, site concepts
 * (2,000,000,000 and up) and their relationships are kept, so importing the same download twice
 * leaves the same tables. Tables are emptied with TRUNCATE (the rows to keep set aside and put
 * back) rather than DELETE, and their secondary indexes are dropped during COPY and rebuilt once
 * afterwards, which is what keeps a full download to minutes instead of hours. Afterwards site
 * concepts whose vocabulary and code Athena has gain 'Maps to' links ({@link VocabularyLoader#linkSiteConcepts}).
 * One transaction: a broken file leaves the vocabulary as it was.
 */
public final class AthenaImporter {
    private static final Logger log = LoggerFactory.getLogger(AthenaImporter.class);

    /** Small tables with a primary key: upserted through a temporary table. */
    private static final Map<String, String> KEYED = new LinkedHashMap<>();
    /** Large tables without a primary key: the rows Athena does not own (site rows), kept across the reload. */
    private static final Map<String, String> BULK = new LinkedHashMap<>();

    static {
        KEYED.put("vocabulary", "vocabulary_id");
        KEYED.put("domain", "domain_id");
        KEYED.put("concept_class", "concept_class_id");
        KEYED.put("relationship", "relationship_id");
        KEYED.put("concept", "concept_id");
        int site = VocabularyLoader.FIRST_SITE_CONCEPT_ID;
        BULK.put("concept_synonym", "concept_id >= " + site);
        BULK.put("concept_relationship", "concept_id_1 >= " + site + " OR concept_id_2 >= " + site);
        BULK.put("concept_ancestor", "ancestor_concept_id >= " + site + " OR descendant_concept_id >= " + site);
        BULK.put("drug_strength", "drug_concept_id >= " + site);
    }

    public record Result(Map<String, Long> rowsByTable, int siteConceptsLinked, Duration elapsed) {
        public Result(Map<String, Long> rowsByTable, int siteConceptsLinked) {
            this(rowsByTable, siteConceptsLinked, Duration.ZERO);
        }

        public long rows() {
            return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
        }

        public String describe() {
            StringBuilder b = new StringBuilder();
            rowsByTable.forEach((t, n) -> b.append(String.format("  %-22s %,d rows%n", t.toUpperCase(Locale.ROOT), n)));
            b.append("  site concepts now mapped to Athena concepts: ").append(siteConceptsLinked).append('\n');
            if (!elapsed.isZero()) {
                b.append(String.format(Locale.ROOT, "  %,d rows in %s (%,.0f rows/s)%n", rows(), CopyProgress.formatSeconds(elapsed.toMillis() / 1000.0),
                        rows() / Math.max(0.001, elapsed.toMillis() / 1000.0)));
            }
            return b.toString();
        }
    }

    private final DataSource dataSource;
    private final Consumer<String> progress;
    private final Duration progressInterval;

    public AthenaImporter(DataSource dataSource) {
        this(dataSource, log::info, Duration.ofSeconds(10));
    }

    /** @param progress receives a line per table and every {@code interval} while a file streams */
    public AthenaImporter(DataSource dataSource, Consumer<String> progress, Duration interval) {
        this.dataSource = dataSource;
        this.progress = progress;
        this.progressInterval = interval;
    }

    public Result importDirectory(Path dir) throws IOException, SQLException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a directory");
        if (find(dir, "concept").isEmpty()) throw new IOException(dir + " holds no CONCEPT.csv: not an Athena download");
        long started = System.nanoTime();
        Map<String, Long> counts = new LinkedHashMap<>();
        int linked;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    // index builds after COPY sort in memory up to this much (per build, this transaction only)
                    st.execute("SET LOCAL maintenance_work_mem = '256MB'");
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Map.Entry<String, String> e : KEYED.entrySet()) {
                    Optional<Path> f = find(dir, e.getKey());
                    if (f.isPresent()) counts.put(e.getKey(), upsert(c, copy, f.get(), e.getKey(), e.getValue()));
                }
                for (Map.Entry<String, String> e : BULK.entrySet()) {
                    Optional<Path> f = find(dir, e.getKey());
                    if (f.isPresent()) counts.put(e.getKey(), replace(c, copy, f.get(), e.getKey(), e.getValue()));
                }
                try (Statement st = c.createStatement()) {
                    for (String table : counts.keySet()) st.execute("ANALYZE omop." + table);
                }
                linked = VocabularyLoader.linkSiteConcepts(c);
                c.commit();
            } catch (SQLException | IOException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
        Result r = new Result(counts, linked, Duration.ofNanos(System.nanoTime() - started));
        log.info("Athena import from {}: {}", dir, counts);
        return r;
    }

    /**
     * Replaces the rows whose key the file holds and keeps the others (site concepts, OHDSI concepts a
     * partial download lacks): the kept rows are set aside, the table truncated and refilled, so that
     * a re-import leaves no dead rows behind for the index builds to wade through.
     */
    private long upsert(Connection c, CopyManager copy, Path file, String table, String key) throws SQLException, IOException {
        List<String> columns = header(file, table, c);
        String tmp = "athena_" + table;
        String kept = "kept_" + table;
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TEMP TABLE " + tmp + " (LIKE omop." + table + ") ON COMMIT DROP");
        }
        long n = copyIn(copy, file, tmp, columns);
        String cols = String.join(", ", columns);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("ANALYZE " + tmp);
            st.executeUpdate("CREATE TEMP TABLE " + kept + " ON COMMIT DROP AS SELECT o.* FROM omop." + table + " o "
                    + "WHERE NOT EXISTS (SELECT 1 FROM " + tmp + " t WHERE t." + key + " = o." + key + ")");
            st.executeUpdate("TRUNCATE omop." + table);
        }
        try (SecondaryIndexes idx = SecondaryIndexes.drop(c, table); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO omop." + table + " SELECT * FROM " + kept);
            // a key repeated in the file: the first row wins
            st.executeUpdate("INSERT INTO omop." + table + " (" + cols + ") SELECT " + cols + " FROM " + tmp
                    + " ON CONFLICT (" + key + ") DO NOTHING");
            idx.rebuild(progress, table);
        }
        return n;
    }

    /** TRUNCATE and COPY, keeping the rows that {@code keep} selects (site rows) and the table's indexes. */
    private long replace(Connection c, CopyManager copy, Path file, String table, String keep) throws SQLException, IOException {
        List<String> columns = header(file, table, c);
        String saved = "site_" + table;
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TEMP TABLE " + saved + " ON COMMIT DROP AS SELECT * FROM omop." + table + " WHERE " + keep);
            st.executeUpdate("TRUNCATE omop." + table);
        }
        long n;
        try (SecondaryIndexes idx = SecondaryIndexes.drop(c, table); Statement st = c.createStatement()) {
            n = copyIn(copy, file, "omop." + table, columns);
            st.executeUpdate("INSERT INTO omop." + table + " SELECT * FROM " + saved);
            idx.rebuild(progress, table);
        }
        return n;
    }

    private long copyIn(CopyManager copy, Path file, String table, List<String> columns) throws SQLException, IOException {
        // CSV mode with a quote character that never occurs: Athena does not quote, and names contain '"'
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN "
                + "WITH (FORMAT csv, DELIMITER E'\\t', HEADER true, QUOTE E'\\b', NULL '')";
        String name = file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file);
             CopyProgress counted = new CopyProgress(new BufferedInputStream(raw, 1 << 16), name, Files.size(file), progress, progressInterval);
             Reader r = new InputStreamReader(counted, StandardCharsets.UTF_8)) {
            long n = copy.copyIn(sql, r, 1 << 16);
            progress.accept(counted.describe(System.nanoTime()) + " - done");
            return n;
        } catch (SQLException e) {
            throw new SQLException(name + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** The file's column names, checked against the table so that a wrong file fails with its name. */
    static List<String> header(Path file, String table, Connection c) throws IOException, SQLException {
        String first;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = r.readLine();
        }
        if (first == null) throw new IOException(file.getFileName() + ": empty file");
        if (first.startsWith("\uFEFF")) first = first.substring(1);
        List<String> known = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(null, "omop", table, null)) {
            while (rs.next()) known.add(rs.getString("COLUMN_NAME"));
        }
        List<String> columns = new ArrayList<>();
        for (String h : first.split("\t", -1)) {
            String col = h.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(col)) {
                throw new IOException(file.getFileName() + ":1: column '" + h.trim() + "' is not a column of OMOP table "
                        + table.toUpperCase(Locale.ROOT) + (first.contains("\t") ? "" : " (Athena files are tab-separated)"));
            }
            columns.add(col);
        }
        return columns;
    }

    /** CONCEPT.csv, concept.csv or CONCEPT.tsv. */
    static Optional<Path> find(Path dir, String table) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.equals(table + ".csv") || n.equals(table + ".tsv") || n.equals(table + ".txt");
            }).findFirst();
        }
    }
}
