package org.radbridge.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.server.E2eSupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code omop rebuild} and {@code vocab import} with no server running re-project the OMOP view through the database
 * alone: FHIR is not written (HAPI's resource versions stay as they were), and a study whose FHIR resources are then
 * behind is marked fhir_pending, said on standard error, and projected into FHIR by the next run of the whole pipeline.
 */
@Tag("e2e")
class OmopOnlyCommandsEndToEndTest {
    private static final String[] PROPS = {"radbridge.home", "radbridge.data", "radbridge.http.port", "radbridge.db.port", "radbridge.pseudonym.key"};
    private static final String FHIR_VERSIONS = "SELECT coalesce(sum(res_ver), 0) FROM fhir.hfj_resource";

    @Test
    void omopRebuildAndVocabImportProjectOmopAloneAndLeaveFhirToTheNextRun(@TempDir Path work) throws Exception {
        Path pacs = work.resolve("pacs");
        new SyntheticPacsGenerator(new GenerateOptions(2, 33L, pacs)).generate();
        Map<String, String> saved = new HashMap<>();
        for (String p : PROPS) saved.put(p, System.getProperty(p));
        try {
            System.setProperty("radbridge.home", Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize().toString());
            System.setProperty("radbridge.data", work.resolve("data").toString());
            System.setProperty("radbridge.http.port", String.valueOf(E2eSupport.freePort()));
            System.setProperty("radbridge.db.port", String.valueOf(E2eSupport.freePort()));
            System.setProperty("radbridge.pseudonym.key", "omop-only-e2e-key-0123456789");
            InProcessCli ingest = InProcessCli.run("ingest", pacs.toString());
            assertThat(ingest.rc()).as(ingest.err()).isZero();

            String uid;
            String vocabulary;
            String code;
            long studies;
            long fhirVersions;
            try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
                studies = count(db, "SELECT count(*) FROM radbridge.study");
                String[] first = row(db, "SELECT m.natural_key, c.vocabulary_id, c.concept_code FROM omop.procedure_occurrence p "
                        + "JOIN radbridge.omop_id_map m ON m.omop_id = p.procedure_occurrence_id AND m.kind = 'procedure_occurrence' "
                        + "JOIN omop.concept c ON c.concept_id = p.procedure_concept_id WHERE p.procedure_concept_id <> 0 ORDER BY 1 LIMIT 1");
                uid = first[0];
                vocabulary = first[1];
                code = first[2];
                fhirVersions = count(db, FHIR_VERSIONS);
                assertThat(count(db, "SELECT count(*) FROM radbridge.study WHERE dirty OR fhir_pending")).isZero();
                execute(db, "UPDATE radbridge.study SET dirty = true WHERE study_instance_uid = '" + uid + "'");
            }

            InProcessCli rebuild = InProcessCli.run("omop", "rebuild");
            assertThat(rebuild.rc()).as(rebuild.err()).isZero();
            assertThat(rebuild.out()).contains("studies_projected\t" + studies + "\n");
            assertThat(rebuild.err()).contains("into OMOP").contains("1 study waits for its FHIR projection");
            try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
                assertThat(count(db, FHIR_VERSIONS)).as("FHIR untouched").isEqualTo(fhirVersions);
                assertThat(count(db, "SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();
                assertThat(row(db, "SELECT string_agg(study_instance_uid, ',') FROM radbridge.study WHERE fhir_pending")[0]).isEqualTo(uid);
                assertThat(count(db, "SELECT count(*) FROM omop.procedure_occurrence")).isEqualTo(studies);
            }

            // an Athena download with the study's procedure code as a standard concept: the mapping now resolves to it
            Path athena = Files.createDirectories(work.resolve("athena"));
            Files.writeString(athena.resolve("CONCEPT.csv"), "concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\t"
                    + "standard_concept\tconcept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason\n"
                    + "91000002\tProcedure (test fixture)\tProcedure\t" + vocabulary + "\tClinical Observation\tS\t" + code + "\t19700101\t20991231\t\n");
            Files.writeString(athena.resolve("CONCEPT_RELATIONSHIP.csv"), "concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\t"
                    + "valid_end_date\tinvalid_reason\n91000002\t91000002\tMaps to\t19700101\t20991231\t\n");
            InProcessCli imp = InProcessCli.run("vocab", "import", athena.toString());
            assertThat(imp.rc()).as(imp.err()).isZero();
            assertThat(imp.out()).contains("CONCEPT ").contains("Mappings reloaded");
            assertThat(imp.err()).contains("into OMOP with the reloaded mappings").contains("FHIR projection (FHIR was not started here)");
            long pending;
            String projectedAt;
            try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
                assertThat(count(db, FHIR_VERSIONS)).as("FHIR untouched").isEqualTo(fhirVersions);
                assertThat(count(db, "SELECT procedure_concept_id FROM omop.procedure_occurrence p JOIN radbridge.omop_id_map m "
                        + "ON m.omop_id = p.procedure_occurrence_id AND m.kind = 'procedure_occurrence' WHERE m.natural_key = '" + uid + "'"))
                        .isEqualTo(91000002L);
                pending = count(db, "SELECT count(*) FROM radbridge.study WHERE fhir_pending");
                assertThat(pending).isGreaterThanOrEqualTo(1);
                assertThat(count(db, "SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();
                projectedAt = row(db, "SELECT projected_at::text FROM radbridge.study WHERE study_instance_uid = '" + uid + "'")[0];
            }

            // the next run of the whole pipeline (here an ingest that finds nothing new) projects them into FHIR
            InProcessCli again = InProcessCli.run("ingest", pacs.toString());
            assertThat(again.rc()).as(again.err()).isZero();
            try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
                assertThat(count(db, "SELECT count(*) FROM radbridge.study WHERE fhir_pending OR dirty")).isZero();
                // projected again, FHIR included (HAPI keeps the version of a resource whose content did not change)
                assertThat(count(db, "SELECT count(*) FROM radbridge.study WHERE study_instance_uid = '" + uid + "' AND projected_at > '"
                        + projectedAt + "'::timestamptz")).isEqualTo(1);
                assertThat(again.err()).contains("Ingest: ");
            }
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }

    private static long count(DatabaseOnly db, String sql) throws Exception {
        return E2eSupport.count(db.dataSource(), sql);
    }

    private static String[] row(DatabaseOnly db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            String[] out = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getString(i + 1);
            return out;
        }
    }

    private static void execute(DatabaseOnly db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
