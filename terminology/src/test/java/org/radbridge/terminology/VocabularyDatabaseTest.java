package org.radbridge.terminology;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VocabularyLoader and AthenaImporter on a real PostgreSQL with the RadBridge migrations. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VocabularyDatabaseTest {
    private static final Path FIXTURE = Path.of("src/test/resources/athena-fixture");

    @TempDir
    static Path tmp;
    private EmbeddedPostgres postgres;
    private DataSource ds;
    private final Terminology terminology = Terminology.of(List.of(
            new TermConcept("LOINC", "29252-4", "CT Chest WO contrast", "Procedure", "Clinical Observation", "S", null, "test",
                    List.of("CT chest without contrast")),
            new TermConcept("SNOMED", "43799004", "Chest", "Spec Anatomic Site", "Body Structure", "S", null, "test"),
            new TermConcept("RadLex", "RID1301", "lung", "Spec Anatomic Site", "Anatomy", "S", null, "test", List.of("lungs", "pulmo")),
            new TermConcept("Gender", "F", "FEMALE", "Gender", "Gender", "S", 8532, "test")));

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start();
        ds = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
    }

    @AfterAll
    void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    @Test
    @Order(1)
    void loaderFillsTheVocabularyTablesWithSiteIdsAndSelfMaps() throws Exception {
        Map<String, Integer> ids = new VocabularyLoader(ds).load(terminology);
        assertThat(ids.get("LOINC|29252-4")).isGreaterThanOrEqualTo(2_000_000_000);
        assertThat(ids.get("RadLex|RID1301")).isGreaterThanOrEqualTo(2_000_000_000);
        assertThat(ids.get("Gender|F")).isEqualTo(8532);
        assertThat(count("SELECT count(*) FROM omop.concept")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM omop.concept_relationship WHERE concept_id_1 = concept_id_2 AND relationship_id = 'Maps to'")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM omop.concept_relationship WHERE concept_id_1 = concept_id_2 AND relationship_id = 'Mapped from'")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM omop.concept_synonym WHERE language_concept_id = 4180186")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM omop.vocabulary WHERE vocabulary_id IN ('LOINC','SNOMED','RadLex','Gender')")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM omop.domain")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM omop.concept_class")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM omop.relationship WHERE relationship_id IN ('Maps to','Mapped from')")).isEqualTo(2);

        // loading again changes nothing and keeps the ids
        assertThat(new VocabularyLoader(ds).load(terminology)).isEqualTo(ids);
        assertThat(count("SELECT count(*) FROM omop.concept_relationship")).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM omop.concept_synonym")).isEqualTo(3);
    }

    @Test
    @Order(2)
    void athenaImportStreamsTheFilesAndMapsSiteConceptsToAthena() throws Exception {
        int siteLoinc = new VocabularyLoader(ds).load(terminology).get("LOINC|29252-4");
        AthenaImporter.Result r = new AthenaImporter(ds).importDirectory(FIXTURE);
        assertThat(r.rowsByTable()).containsEntry("concept", 3L).containsEntry("concept_relationship", 5L)
                .containsEntry("concept_synonym", 1L).containsEntry("concept_ancestor", 1L).containsEntry("vocabulary", 2L);
        assertThat(r.siteConceptsLinked()).isEqualTo(2);
        assertThat(string("SELECT concept_name FROM omop.concept WHERE concept_id = 90000002")).isEqualTo("Chest \"fixture\" (non-standard)");
        assertThat(string("SELECT valid_start_date::text FROM omop.concept WHERE concept_id = 90000001")).isEqualTo("1970-01-01");
        assertThat(string("SELECT vocabulary_name FROM omop.vocabulary WHERE vocabulary_id = 'LOINC'")).isEqualTo("LOINC (fixture)");
        // the site LOINC concept now maps to Athena's, and is no longer standard
        assertThat(count("SELECT concept_id_2 FROM omop.concept_relationship WHERE concept_id_1 = " + siteLoinc + " AND relationship_id = 'Maps to'"))
                .isEqualTo(90000001);
        assertThat(string("SELECT coalesce(standard_concept, '-') FROM omop.concept WHERE concept_id = " + siteLoinc)).isEqualTo("-");

        // mappings now resolve to the standard concepts: SNOMED 43799004 through Athena's own 'Maps to'
        Map<String, Integer> ids = new VocabularyLoader(ds).load(terminology);
        assertThat(ids.get("LOINC|29252-4")).isEqualTo(90000001);
        assertThat(ids.get("SNOMED|43799004")).isEqualTo(90000003);
        assertThat(ids.get("RadLex|RID1301")).isGreaterThanOrEqualTo(2_000_000_000);
        assertThat(ids.get("Gender|F")).isEqualTo(8532);
    }

    @Test
    @Order(3)
    void importingTheSameDownloadTwiceChangesNothing() throws Exception {
        long concepts = count("SELECT count(*) FROM omop.concept");
        long relationships = count("SELECT count(*) FROM omop.concept_relationship");
        AthenaImporter.Result r = new AthenaImporter(ds).importDirectory(FIXTURE);
        assertThat(r.siteConceptsLinked()).isZero();
        // Athena replaces every row below 2,000,000,000; the subset load that follows an import
        // (the server reloads its mappings) restores the self-maps of OHDSI concepts the download lacks
        new VocabularyLoader(ds).load(terminology);
        assertThat(count("SELECT count(*) FROM omop.concept")).isEqualTo(concepts);
        assertThat(count("SELECT count(*) FROM omop.concept_relationship")).isEqualTo(relationships);
    }

    @Test
    @Order(4)
    void aCommaSeparatedFileIsRefusedByNameAndNothingChanges() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("CONCEPT.csv"), "concept_id,concept_name\n1,x\n");
        long concepts = count("SELECT count(*) FROM omop.concept");
        assertThatThrownBy(() -> new AthenaImporter(ds).importDirectory(bad))
                .hasMessage("CONCEPT.csv:1: column 'concept_id,concept_name' is not a column of OMOP table CONCEPT (Athena files are tab-separated)");
        assertThat(count("SELECT count(*) FROM omop.concept")).isEqualTo(concepts);
        assertThatThrownBy(() -> new AthenaImporter(ds).importDirectory(tmp.resolve("pg")))
                .hasMessageContaining("holds no CONCEPT.csv");
    }

    @Test
    @Order(5)
    void aGeneratedDownloadStreamsWithProgressKeepsTheIndexesAndReimportsToTheSameTables() throws Exception {
        Path dir = tmp.resolve("synthetic");
        SyntheticAthena.write(dir, 100_000_000, new SyntheticAthena.Sizes(20_000, 4, 10_000, 20_000));
        String indexes = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'omop' "
                + "AND tablename IN ('concept', 'concept_relationship', 'concept_synonym', 'concept_ancestor')";
        String before = string(indexes);
        assertThat(before).contains("idx_concept_code", "idx_concept_relationship_id_1");
        long siteLoinc = count("SELECT concept_id FROM radbridge.site_concept WHERE vocabulary_id = 'LOINC' AND concept_code = '29252-4'");

        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        AthenaImporter.Result r = new AthenaImporter(ds, progress::add, java.time.Duration.ZERO).importDirectory(dir);
        assertThat(r.rowsByTable()).containsEntry("concept", 20_000L).containsEntry("concept_relationship", 80_000L)
                .containsEntry("concept_synonym", 10_000L).containsEntry("concept_ancestor", 20_000L);
        assertThat(progress).anyMatch(l -> l.matches("CONCEPT_RELATIONSHIP\\.csv: [0-9,]+ rows \\(\\d+%\\), [0-9,]+ rows/s, .* left"))
                .anyMatch(l -> l.startsWith("CONCEPT_RELATIONSHIP.csv: 80,000 rows (100%)") && l.endsWith("done"))
                .anyMatch(l -> l.startsWith("CONCEPT_RELATIONSHIP: ") && l.contains("indexes rebuilt"));
        assertThat(string(indexes)).isEqualTo(before);
        assertThat(string("SELECT concept_name FROM omop.concept WHERE concept_id = 100000004"))
                .isEqualTo("Synthetic \"LOINC\" concept 4, O'Brien \\ form 4 [Lab Test]");
        // the site LOINC concept now maps to the download's concept of the same code (the newer of the two Athena
        // concepts with that code, the fixture's 90000001 being still there), and only to it
        assertThat(count("SELECT count(*) FROM omop.concept_relationship WHERE concept_id_1 = " + siteLoinc + " AND relationship_id = 'Maps to'"))
                .isEqualTo(1);
        assertThat(count("SELECT concept_id_2 FROM omop.concept_relationship WHERE concept_id_1 = " + siteLoinc + " AND relationship_id = 'Maps to'"))
                .isEqualTo(100_000_000);
        assertThat(count("SELECT count(*) FROM omop.concept WHERE concept_id >= 2000000000"))
                .isEqualTo(terminology.all().stream().filter(t -> t.omopConceptId() == null).count());

        long concepts = count("SELECT count(*) FROM omop.concept");
        long relationships = count("SELECT count(*) FROM omop.concept_relationship");
        new AthenaImporter(ds, x -> { }, java.time.Duration.ofMinutes(1)).importDirectory(dir);
        assertThat(count("SELECT count(*) FROM omop.concept")).isEqualTo(concepts);
        assertThat(count("SELECT count(*) FROM omop.concept_relationship")).isEqualTo(relationships);
        assertThat(new VocabularyLoader(ds).load(terminology).get("LOINC|29252-4")).isEqualTo(100_000_000);
    }

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
