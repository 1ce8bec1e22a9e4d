package org.radbridge.terminology;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads an OHDSI Athena vocabulary download (CONCEPT.csv and its siblings: tab-separated, a header
 * row, no quoting, dates as YYYYMMDD) into the omop schema with PostgreSQL COPY, streaming each file
 * so that the multi-gigabyte CONCEPT_RELATIONSHIP and CONCEPT_ANCESTOR never sit in memory.
 *
 * <p>Athena owns concept ids below 2,000,000,000: rows with such ids are replaced, site concepts
 * (2,000,000,000 and up) and their relationships are kept. Afterwards site concepts whose vocabulary
 * and code Athena has gain 'Maps to' links ({@link VocabularyLoader#linkSiteConcepts}). One
 * transaction: a broken file leaves the vocabulary as it was.
 */
public final class AthenaImporter {
    private static final Logger log = LoggerFactory.getLogger(AthenaImporter.class);

    /** Small tables with a primary key: upserted through a temporary table. */
    private static final Map<String, String> KEYED = new LinkedHashMap<>();
    /** Large tables without a primary key: Athena-owned rows deleted, then COPY straight in. */
    private static final Map<String, String> BULK = new LinkedHashMap<>();

    static {
        KEYED.put("vocabulary", "vocabulary_id");
        KEYED.put("domain", "domain_id");
        KEYED.put("concept_class", "concept_class_id");
        KEYED.put("relationship", "relationship_id");
        KEYED.put("concept", "concept_id");
        int site = VocabularyLoader.FIRST_SITE_CONCEPT_ID;
        BULK.put("concept_synonym", "concept_id < " + site);
        BULK.put("concept_relationship", "concept_id_1 < " + site + " AND concept_id_2 < " + site);
        BULK.put("concept_ancestor", "ancestor_concept_id < " + site + " AND descendant_concept_id < " + site);
        BULK.put("drug_strength", "drug_concept_id < " + site);
    }

    public record Result(Map<String, Long> rowsByTable, int siteConceptsLinked) {
        public String describe() {
            StringBuilder b = new StringBuilder();
            rowsByTable.forEach((t, n) -> b.append(String.format("  %-22s %,d rows%n", t.toUpperCase(Locale.ROOT), n)));
            b.append("  site concepts now mapped to Athena concepts: ").append(siteConceptsLinked).append('\n');
            return b.toString();
        }
    }

    private final DataSource dataSource;

    public AthenaImporter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Result importDirectory(Path dir) throws IOException, SQLException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a directory");
        if (find(dir, "concept").isEmpty()) throw new IOException(dir + " holds no CONCEPT.csv: not an Athena download");
        Map<String, Long> counts = new LinkedHashMap<>();
        int linked;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Map.Entry<String, String> e : KEYED.entrySet()) {
                    Optional<Path> f = find(dir, e.getKey());
                    if (f.isPresent()) counts.put(e.getKey(), upsert(c, copy, f.get(), e.getKey(), e.getValue()));
                }
                for (Map.Entry<String, String> e : BULK.entrySet()) {
                    Optional<Path> f = find(dir, e.getKey());
                    if (f.isEmpty()) continue;
                    List<String> columns = header(f.get(), e.getKey(), c);
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("DELETE FROM omop." + e.getKey() + " WHERE " + e.getValue());
                    }
                    counts.put(e.getKey(), copyIn(copy, f.get(), "omop." + e.getKey(), columns));
                }
                linked = VocabularyLoader.linkSiteConcepts(c);
                c.commit();
            } catch (SQLException | IOException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
        log.info("Athena import from {}: {}", dir, counts);
        return new Result(counts, linked);
    }

    private static long upsert(Connection c, CopyManager copy, Path file, String table, String key) throws SQLException, IOException {
        List<String> columns = header(file, table, c);
        String tmp = "athena_" + table;
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TEMP TABLE " + tmp + " (LIKE omop." + table + ") ON COMMIT DROP");
        }
        long n = copyIn(copy, file, tmp, columns);
        String cols = String.join(", ", columns);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM omop." + table + " o USING " + tmp + " t WHERE o." + key + " = t." + key);
            st.executeUpdate("INSERT INTO omop." + table + " (" + cols + ") SELECT DISTINCT ON (" + key + ") " + cols + " FROM " + tmp);
        }
        return n;
    }

    private static long copyIn(CopyManager copy, Path file, String table, List<String> columns) throws SQLException, IOException {
        // CSV mode with a quote character that never occurs: Athena does not quote, and names contain '"'
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN "
                + "WITH (FORMAT csv, DELIMITER E'\\t', HEADER true, QUOTE E'\\b', NULL '')";
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return copy.copyIn(sql, r, 1 << 16);
        } catch (SQLException e) {
            throw new SQLException(file.getFileName() + ": " + e.getMessage(), e.getSQLState(), e);
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
