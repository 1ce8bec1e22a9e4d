package org.radbridge.server.mappings;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reload and Athena import on a real PostgreSQL, without Spring or HAPI (the ConceptMap sink is a stub). */
class MappingsServiceTest {
    @TempDir
    static Path tmp;

    @Test
    void reloadRefusesBrokenFilesAndImportResolvesToStandardConcepts() throws Exception {
        Path real = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
        Path home = tmp.resolve("home");
        copy(real.resolve("mappings"), home.resolve("mappings"));
        copy(real.resolve("terminology/codesystems"), home.resolve("terminology/codesystems"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start()) {
            DataSource ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            RadBridgeSettings settings = new RadBridgeSettings(home, tmp.resolve("data"), 0, 0, 0, 0, null, "u", "p", "k",
                    "urn:mrn", "urn:acc", "127.0.0.1");
            Terminology t = Terminology.load(settings.terminologyDir());
            CurrentMappings current = new CurrentMappings(MappingSet.load(settings.mappingsDir(), t).withConceptIds(new VocabularyLoader(ds).load(t)));
            AtomicInteger published = new AtomicInteger();
            MappingsService service = new MappingsService(settings, current, ds, new ConceptMapPublisher(b -> {
                published.incrementAndGet();
                return b;
            }));

            Path procedure = settings.mappingsDir().resolve("procedure.csv");
            String good = Files.readString(procedure);
            Files.writeString(procedure, good + "MR BRAIN,Study description,,,LOINC,24590-9,,,\n");
            MappingsService.Outcome refused = service.reload();
            assertThat(refused.applied()).isFalse();
            assertThat(refused.errors()).containsExactly("procedure.csv:" + (good.lines().count() + 1)
                    + ": unknown target code LOINC 24590-9 (not in terminology/)");
            assertThat(current.lookup("procedure", "MR BRAIN", null)).isEmpty();
            assertThat(published.get()).isZero();

            Files.writeString(procedure, good + "MR BRAIN,Study description,,,LOINC,24590-2,,,\n");
            assertThat(service.reload().applied()).isTrue();
            assertThat(published.get()).isEqualTo(1);
            assertThat(current.lookup("procedure", "MR BRAIN", null)).get().extracting(MappingTarget::conceptId)
                    .matches(id -> id >= 2_000_000_000);

            Path athena = Files.createDirectories(tmp.resolve("athena"));
            Files.writeString(athena.resolve("CONCEPT.csv"), "concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\t"
                    + "standard_concept\tconcept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason\n"
                    + "91000001\tMR Brain (test fixture)\tProcedure\tLOINC\tClinical Observation\tS\t24590-2\t19700101\t20991231\t\n");
            Files.writeString(athena.resolve("CONCEPT_RELATIONSHIP.csv"), "concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\t"
                    + "valid_end_date\tinvalid_reason\n91000001\t91000001\tMaps to\t19700101\t20991231\t\n");
            String summary = service.importVocabulary(athena);
            assertThat(summary).contains("CONCEPT ").contains("Mappings reloaded");
            assertThat(current.lookup("procedure", "MR BRAIN", null)).get().extracting(MappingTarget::conceptId).isEqualTo(91000001);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
