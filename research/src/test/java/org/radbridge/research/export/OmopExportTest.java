package org.radbridge.research.export;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export against a real PostgreSQL with the project's migrations: every omop table is written, values and types
 * survive the trip (read back by Parquet's own reader and by DuckDB, as a data scientist would), CSV parses strictly.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OmopExportTest {
    private EmbeddedPostgres pg;
    private DataSource ds;
    private final List<String> tables = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).schemas("radbridge", "omop").locations("classpath:db/radbridge").load().migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, birth_datetime, race_concept_id, "
                    + "ethnicity_concept_id, person_source_value) VALUES (1, 8532, 1961, TIMESTAMP '1961-03-04 05:06:07.123456', 0, 0, 'p,\"1\"'), "
                    + "(2, 8507, 1970, NULL, 0, 0, NULL)");
            st.execute("INSERT INTO omop.measurement (measurement_id, person_id, measurement_concept_id, measurement_date, "
                    + "measurement_type_concept_id, value_as_number, range_low) VALUES (7, 1, 3000000, DATE '2024-02-29', 32817, 12.3456789012, NULL)");
            st.execute("INSERT INTO omop.concept (concept_id, concept_name, domain_id, vocabulary_id, concept_class_id, standard_concept, "
                    + "concept_code, valid_start_date, valid_end_date) VALUES (2000000001, 'CT chest\nwithout contrast', 'Procedure', 'LOINC', "
                    + "'Clinical Observation', 'S', '29252-4', DATE '1970-01-01', DATE '2099-12-31')");
            // a declared numeric(p,s) of each Parquet decimal width, and a bigint: the CDM itself has none of these
            st.execute("CREATE TABLE omop.zz_export_types (id bigint NOT NULL, small numeric(5,2), mid numeric(15,3), wide numeric(30,4))");
            st.execute("INSERT INTO omop.zz_export_types VALUES (9000000000, -123.45, 123456789012.345, -12345678901234567890123456.7891)");
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'omop' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (pg != null) pg.close();
    }

    @Test
    void parquetKeepsTypesAndValuesForParquetsReaderAndDuckDb(@TempDir Path out) throws Exception {
        OmopExport.Result r = new OmopExport(ds).export(out, OmopExport.Format.PARQUET, List.of(), quiet());
        assertThat(r.rows().keySet()).containsExactlyInAnyOrderElementsOf(tables).contains("person", "concept", "image_occurrence", "cdm_source");
        assertThat(r.rows()).containsEntry("person", 2L).containsEntry("measurement", 1L).containsEntry("visit_occurrence", 0L);
        for (String t : tables) assertThat(out.resolve(t).resolve("part-00000.parquet")).isRegularFile();

        MessageType person = schemaOf(out.resolve("person/part-00000.parquet"));
        assertThat(person.getType("person_id").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT32);
        assertThat(person.getType("person_id").isRepetition(org.apache.parquet.schema.Type.Repetition.REQUIRED)).isTrue();
        assertThat(person.getType("birth_datetime").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
        MessageType types = schemaOf(out.resolve("zz_export_types/part-00000.parquet"));
        assertThat(types.getType("id").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        assertThat(types.getType("wide").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(4, 30));

        try (ParquetReader<Group> reader = new GroupReader(new LocalInputFile(out.resolve("measurement/part-00000.parquet"))).build()) {
            Group g = reader.read();
            assertThat(g.getInteger("measurement_date", 0)).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
            assertThat(g.getDouble("value_as_number", 0)).isEqualTo(12.3456789012);
            assertThat(g.getFieldRepetitionCount("range_low")).isZero();
            assertThat(reader.read()).isNull();
        }

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            String dir = out.toString().replace("'", "''");
            try (ResultSet rs = st.executeQuery("SELECT person_id, birth_datetime, person_source_value FROM read_parquet('" + dir
                    + "/person/*.parquet') ORDER BY person_id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getObject(2).toString()).startsWith("1961-03-04").contains("05:06:07.123456");
                assertThat(rs.getString(3)).isEqualTo("p,\"1\"");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(2)).isNull();
            }
            try (ResultSet rs = st.executeQuery("SELECT typeof(measurement_date), measurement_date, typeof(value_as_number) FROM read_parquet('"
                    + dir + "/measurement/*.parquet')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("DATE");
                assertThat(rs.getObject(2).toString()).isEqualTo("2024-02-29");
                assertThat(rs.getString(3)).isEqualTo("DOUBLE");
            }
            try (ResultSet rs = st.executeQuery("SELECT typeof(id), id, small, mid, wide::VARCHAR, typeof(wide) FROM read_parquet('" + dir
                    + "/zz_export_types/*.parquet')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("BIGINT");
                assertThat(rs.getLong(2)).isEqualTo(9_000_000_000L);
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(new BigDecimal("-123.45"));
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo(new BigDecimal("123456789012.345"));
                assertThat(rs.getString(5)).isEqualTo("-12345678901234567890123456.7891");
                assertThat(rs.getString(6)).isEqualTo("DECIMAL(30,4)");
            }
            try (ResultSet rs = st.executeQuery("SELECT concept_name FROM read_parquet('" + dir + "/concept/*.parquet') WHERE concept_id = 2000000001")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("CT chest\nwithout contrast");
            }
        }
    }

    @Test
    void csvHasAHeaderAndParsesStrictly(@TempDir Path out) throws Exception {
        OmopExport.Result r = new OmopExport(ds).export(out, OmopExport.Format.CSV, List.of("person", "CONCEPT"), quiet());
        assertThat(r.rows()).containsOnlyKeys("person", "concept");
        try (Reader in = Files.newBufferedReader(out.resolve("person.csv"));
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(p.getHeaderNames()).startsWith("person_id", "gender_concept_id", "year_of_birth");
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows).allSatisfy(x -> assertThat(x.isConsistent()).isTrue());
            Map<String, String> first = rows.get(0).toMap();
            assertThat(first).containsEntry("person_id", "1").containsEntry("birth_datetime", "1961-03-04 05:06:07.123456")
                    .containsEntry("person_source_value", "p,\"1\"");
            assertThat(rows.get(1).get("birth_datetime")).isEmpty();
        }
        String concept = Files.readString(out.resolve("concept.csv"), StandardCharsets.UTF_8);
        assertThat(concept).contains("\"CT chest\nwithout contrast\"").contains("1970-01-01,2099-12-31");
    }

    @Test
    void anUnknownTableIsRefusedWithTheListOfTables(@TempDir Path out) {
        assertThatThrownBy(() -> new OmopExport(ds).export(out, OmopExport.Format.CSV, List.of("patients"), quiet()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no table 'patients'").hasMessageContaining("person");
    }

    /** Parquet's example object model, reading a local file without Hadoop's file system. */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(org.apache.parquet.io.InputFile file) {
            super(file, new org.apache.parquet.conf.PlainParquetConfiguration());
            withCodecFactory(new SnappyPages());
        }

        @Override
        protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
            return new org.apache.parquet.hadoop.example.GroupReadSupport();
        }
    }

    private static MessageType schemaOf(Path file) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration()).withCodecFactory(new SnappyPages()).build())) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
