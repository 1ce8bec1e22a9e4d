package org.radbridge.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Flyway migrations of {@code sql/migrations} on a real PostgreSQL (zonky embedded, the version the server runs)
 * and checks the OMOP CDM 5.4 + imaging extension schema against the spec list
 * {@code omop_cdm54_columns.tsv} (transcribed from OHDSI's OMOP_CDMv5.4_Field_Level.csv and the
 * MI-CDM field-level spec).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OmopSchemaTest {

    /** Primary keys from OHDSI's OMOPCDM_postgresql_5.4_primary_keys.sql plus the MI-CDM ones. */
    private static final Map<String, String> PRIMARY_KEYS = Map.ofEntries(
            Map.entry("person", "person_id"),
            Map.entry("observation_period", "observation_period_id"),
            Map.entry("visit_occurrence", "visit_occurrence_id"),
            Map.entry("visit_detail", "visit_detail_id"),
            Map.entry("condition_occurrence", "condition_occurrence_id"),
            Map.entry("drug_exposure", "drug_exposure_id"),
            Map.entry("procedure_occurrence", "procedure_occurrence_id"),
            Map.entry("device_exposure", "device_exposure_id"),
            Map.entry("measurement", "measurement_id"),
            Map.entry("observation", "observation_id"),
            Map.entry("note", "note_id"),
            Map.entry("note_nlp", "note_nlp_id"),
            Map.entry("specimen", "specimen_id"),
            Map.entry("location", "location_id"),
            Map.entry("care_site", "care_site_id"),
            Map.entry("provider", "provider_id"),
            Map.entry("payer_plan_period", "payer_plan_period_id"),
            Map.entry("cost", "cost_id"),
            Map.entry("drug_era", "drug_era_id"),
            Map.entry("dose_era", "dose_era_id"),
            Map.entry("condition_era", "condition_era_id"),
            Map.entry("episode", "episode_id"),
            Map.entry("metadata", "metadata_id"),
            Map.entry("concept", "concept_id"),
            Map.entry("vocabulary", "vocabulary_id"),
            Map.entry("domain", "domain_id"),
            Map.entry("concept_class", "concept_class_id"),
            Map.entry("relationship", "relationship_id"),
            Map.entry("image_occurrence", "image_occurrence_id"),
            Map.entry("image_feature", "image_feature_id"));

    /** Number of CREATE INDEX idx_* statements in OHDSI's OMOPCDM_postgresql_5.4_indices.sql. */
    private static final int OHDSI_INDEX_COUNT = 70;

    private static final Pattern VARCHAR = Pattern.compile("varchar\\((\\d+)\\)");

    @TempDir
    static Path tempDir;

    private EmbeddedPostgres postgres;
    private DataSource dataSource;
    private MigrateResult firstMigration;

    record SpecColumn(String table, String column, String type, boolean required) {}

    record DbColumn(String dataType, Integer maxLength, boolean nullable) {}

    @BeforeAll
    void startDatabaseAndMigrate() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(tempDir.resolve("pg"))
                .setCleanDataDirectory(true)
                .start();
        dataSource = postgres.getPostgresDatabase();
        firstMigration = flyway(dataSource).migrate();
    }

    @AfterAll
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static Flyway flyway(DataSource ds) {
        // radbridge first: Flyway keeps its history table in the first schema, so omop stays pure CDM
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/radbridge")
                .schemas("radbridge", "omop")
                .load();
    }

    static List<SpecColumn> spec() throws IOException {
        List<SpecColumn> out = new ArrayList<>();
        try (InputStream in = OmopSchemaTest.class.getResourceAsStream("/omop_cdm54_columns.tsv")) {
            assertThat(in).as("omop_cdm54_columns.tsv on the test classpath").isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            assertThat(header).isEqualTo("table\tcolumn\ttype\trequired");
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                assertThat(f).as("4 tab-separated fields: %s", line).hasSize(4);
                assertThat(f[3]).isIn("Yes", "No");
                out.add(new SpecColumn(f[0], f[1], f[2], f[3].equals("Yes")));
            }
        }
        return out;
    }

    private Map<String, DbColumn> dbColumns() throws SQLException {
        Map<String, DbColumn> cols = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable "
                                + "FROM information_schema.columns WHERE table_schema = 'omop'")) {
            while (rs.next()) {
                Integer len = rs.getObject(4) == null ? null : rs.getInt(4);
                cols.put(rs.getString(1) + "." + rs.getString(2),
                        new DbColumn(rs.getString(3), len, "YES".equals(rs.getString(5))));
            }
        }
        return cols;
    }

    /** Same type, or one that holds every value of the spec type without loss. */
    static boolean compatible(String specType, DbColumn db) {
        Matcher m = VARCHAR.matcher(specType);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            return db.dataType().equals("text")
                    || (db.dataType().equals("character varying")
                            && (db.maxLength() == null || db.maxLength() >= n));
        }
        return switch (specType) {
            case "integer" -> db.dataType().equals("integer") || db.dataType().equals("bigint");
            case "bigint" -> db.dataType().equals("bigint");
            case "numeric" -> db.dataType().equals("numeric");
            case "date" -> db.dataType().equals("date");
            case "timestamp" -> db.dataType().equals("timestamp without time zone");
            case "text" -> db.dataType().equals("text");
            default -> false;
        };
    }

    @Test
    void migrationsRan() {
        assertThat(firstMigration.success).isTrue();
        assertThat(firstMigration.migrations)
                .extracting(m -> m.version)
                .contains("2", "3", "4", "5");
    }

    @Test
    void everySpecTableExists() throws Exception {
        Set<String> specTables = new TreeSet<>();
        spec().forEach(s -> specTables.add(s.table()));
        // 39 CDM 5.4 tables + image_occurrence + image_feature
        assertThat(specTables).hasSize(41).contains("person", "note_nlp", "cdm_source",
                "concept", "drug_strength", "cohort", "cohort_definition", "episode_event",
                "image_occurrence", "image_feature");
        Set<String> dbTables = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'omop' AND table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                dbTables.add(rs.getString(1));
            }
        }
        assertThat(dbTables).containsAll(specTables);
        assertThat(dbTables).as("no tables beyond the spec in omop").containsExactlyInAnyOrderElementsOf(specTables);
    }

    @Test
    void everySpecColumnExistsWithCompatibleTypeAndNullability() throws Exception {
        List<SpecColumn> spec = spec();
        assertThat(spec).hasSize(432 + 23);
        Map<String, DbColumn> db = dbColumns();
        List<String> problems = new ArrayList<>();
        for (SpecColumn s : spec) {
            String key = s.table() + "." + s.column();
            DbColumn d = db.get(key);
            if (d == null) {
                problems.add("missing column " + key);
                continue;
            }
            if (!compatible(s.type(), d)) {
                problems.add(key + ": spec " + s.type() + ", database " + d.dataType()
                        + (d.maxLength() == null ? "" : "(" + d.maxLength() + ")"));
            }
            if (s.required() == d.nullable()) {
                problems.add(key + ": spec required=" + s.required() + ", database nullable=" + d.nullable());
            }
        }
        assertThat(problems).isEmpty();
        // and nothing extra: the database has exactly the spec's columns
        assertThat(db).hasSize(spec.size());
    }

    @Test
    void primaryKeysAsInOhdsiPrimaryKeyDdl() throws Exception {
        Map<String, List<String>> pks = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT tc.table_name, tc.constraint_name, kcu.column_name "
                                + "FROM information_schema.table_constraints tc "
                                + "JOIN information_schema.key_column_usage kcu "
                                + "  ON kcu.constraint_schema = tc.constraint_schema "
                                + " AND kcu.constraint_name = tc.constraint_name "
                                + "WHERE tc.table_schema = 'omop' AND tc.constraint_type = 'PRIMARY KEY' "
                                + "ORDER BY tc.table_name, kcu.ordinal_position")) {
            while (rs.next()) {
                assertThat(rs.getString(2)).isEqualTo("xpk_" + rs.getString(1));
                pks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        Map<String, List<String>> expected = new HashMap<>();
        PRIMARY_KEYS.forEach((t, col) -> expected.put(t, List.of(col)));
        // tables without a PK in the spec (death, fact_relationship, cdm_source, concept_relationship, ...) have none
        assertThat(pks).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void noForeignKeys() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.table_constraints "
                        + "WHERE table_schema = 'omop' AND constraint_type = 'FOREIGN KEY'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void ohdsiIndexesExist() throws Exception {
        Map<String, String> idx = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'omop' AND indexname LIKE 'idx\\_%'")) {
            while (rs.next()) {
                idx.put(rs.getString(1), rs.getString(2));
            }
        }
        long cdmIndexes = idx.values().stream().filter(t -> !t.startsWith("image_")).count();
        assertThat(cdmIndexes).isEqualTo(OHDSI_INDEX_COUNT);
        assertThat(idx)
                .containsEntry("idx_person_id", "person")
                .containsEntry("idx_gender", "person")
                .containsEntry("idx_visit_det_occ_id", "visit_detail")
                .containsEntry("idx_measurement_concept_id_1", "measurement")
                .containsEntry("idx_note_nlp_note_id_1", "note_nlp")
                .containsEntry("idx_concept_vocabluary_id", "concept") // sic, OHDSI's spelling
                .containsEntry("idx_concept_ancestor_id_2", "concept_ancestor")
                .containsEntry("idx_source_to_concept_map_c", "source_to_concept_map")
                .containsEntry("idx_drug_strength_id_2", "drug_strength")
                .containsEntry("idx_image_occurrence_person_id", "image_occurrence")
                .containsEntry("idx_image_occurrence_procedure_occurrence_id", "image_occurrence")
                .containsEntry("idx_image_occurrence_study_uid", "image_occurrence")
                .containsEntry("idx_image_feature_image_occurrence_id", "image_feature");
        // the CLUSTER marks of the OHDSI file
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_index i "
                        + "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                        + "WHERE n.nspname = 'omop' AND i.indisclustered")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(32);
        }
    }

    @Test
    void migratingTwiceIsANoOp() throws Exception {
        int before = historyRows();
        MigrateResult again = flyway(dataSource).migrate();
        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(historyRows()).isEqualTo(before);
        assertThat(flyway(dataSource).validateWithResult().validationSuccessful).isTrue();
    }

    private int historyRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM radbridge.flyway_schema_history")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void omopReaderReadsOmopButNotRadbridge() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'omop_reader'")) {
                assertThat(rs.next()).as("role omop_reader exists").isTrue();
                assertThat(rs.getBoolean(1)).as("NOLOGIN").isFalse();
            }
            // a staging table to probe (V1 may not have tables yet)
            st.execute("CREATE TABLE IF NOT EXISTS radbridge.zz_reader_probe (id integer)");
            // a table created in omop after V5 is readable through the default privileges
            st.execute("CREATE TABLE omop.zz_future_table (id integer)");
            List<String> stagingTables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'radbridge' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    stagingTables.add(rs.getString(1));
                }
            }
            assertThat(stagingTables).contains("zz_reader_probe", "flyway_schema_history");
            try {
                st.execute("SET ROLE omop_reader");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM omop.person")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM omop.image_occurrence")) {
                    assertThat(rs.next()).isTrue();
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM omop.zz_future_table")) {
                    assertThat(rs.next()).isTrue();
                }
                // every staging table (V1's and the probe) is out of reach: permission denied (42501)
                for (String t : stagingTables) {
                    assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM radbridge." + t))
                            .as("omop_reader must not read radbridge.%s", t)
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
                assertThatThrownBy(() -> st.executeUpdate("DELETE FROM omop.person"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            } finally {
                st.execute("RESET ROLE");
                st.execute("DROP TABLE omop.zz_future_table");
                st.execute("DROP TABLE radbridge.zz_reader_probe");
            }
        }
    }

    /**
     * On an external database the migrating user may lack CREATEROLE: V5 must then succeed with a
     * NOTICE instead of failing. Uses a second, fresh cluster where omop_reader does not exist yet.
     */
    @Test
    void migratesWithoutCreateRolePrivilege() throws Exception {
        try (EmbeddedPostgres other = EmbeddedPostgres.builder()
                .setDataDirectory(tempDir.resolve("pg-nocreaterole"))
                .setCleanDataDirectory(true)
                .start()) {
            try (Connection c = other.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE app LOGIN NOSUPERUSER NOCREATEROLE PASSWORD 'app'");
                st.execute("CREATE DATABASE appdb OWNER app");
            }
            DataSource appDs = other.getDatabase("app", "appdb");
            MigrateResult r = flyway(appDs).migrate();
            assertThat(r.success).isTrue();
            try (Connection c = appDs.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, "omop_reader");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("role not created without CREATEROLE").isZero();
                }
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM omop.person")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }
}
