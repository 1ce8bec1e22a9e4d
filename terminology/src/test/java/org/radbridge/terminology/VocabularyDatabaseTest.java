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
