package org.radbridge.cli;

import org.radbridge.research.dq.CheckCatalogue;
import org.radbridge.research.dq.DataQualityRunner;
import org.radbridge.research.dq.DqReport;
import org.radbridge.research.dq.DqResult;
import org.radbridge.research.dq.ThresholdOverrides;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end suites assert about {@code radbridge dq}: the shipped catalogue with the shipped threshold
 * overrides finds no failure and no error on a load, and the JSON report says the same as the table.
 */
final class DataQualityE2e {
    private DataQualityE2e() {}

    static List<DqResult> assertNoFailures(DataSource ds, Path home, Path json) throws Exception {
        CheckCatalogue catalogue = CheckCatalogue.load(home.resolve("dq/checks.csv"))
                .with(ThresholdOverrides.load(home.resolve("dq/threshold-overrides.csv")));
        List<DqResult> results;
        try (Connection c = ds.getConnection()) {
            results = DataQualityRunner.run(c, catalogue, r -> { });
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        DqReport.printTable(results, false, new PrintStream(table, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        assertThat(results).as(printed).noneMatch(r -> r.status() == DqResult.Status.FAIL || r.status() == DqResult.Status.ERROR);
        assertThat(results).hasSize(catalogue.checks().size());
        // the checks that matter to a load of studies with reports had something to check
        for (String id : new String[] {"imageProcedurePerson.image_occurrence.procedure_occurrence_id", "imageFeatureEvent.image_feature.image_feature_event_id",
                "imageOccurrencePerSeries.image_occurrence.image_series_uid", "noteNlpOffsetInText.note_nlp.offset",
                "measureConditionEraCompleteness.condition_era", "isForeignKey.procedure_occurrence.visit_occurrence_id"}) {
            assertThat(results).filteredOn(r -> r.check().id().equals(id)).singleElement()
                    .satisfies(r -> assertThat(r.status()).as(id).isEqualTo(DqResult.Status.PASS));
        }
        DqReport.writeJson(results, json);
        String doc = Files.readString(json);
        assertThat(doc).contains("\"fail\" : 0", "\"error\" : 0", "\"checkId\" : \"imageFeatureEvent.image_feature.image_feature_event_id\"");
        return results;
    }

    /**
     * A small vocabulary download in Athena's layout (tab-separated, unquoted, YYYYMMDD): synthetic concepts with ids
     * clear of the OHDSI ids the shipped subset uses, holding some codes of the shipped subset (a LOINC procedure, SNOMED
     * CT findings, a UCUM unit) so that the import links site concepts to them and the re-projection writes new ids.
     */
    static void writeSyntheticAthena(Path dir, long firstId, int concepts) throws IOException {
        Files.createDirectories(dir);
        String[][] linked = {{"LOINC", "29252-4", "Procedure", "Clinical Observation"}, {"LOINC", "24627-2", "Procedure", "Clinical Observation"},
                {"SNOMED", "36118008", "Condition", "Clinical Finding"}, {"SNOMED", "60046008", "Condition", "Clinical Finding"},
                {"SNOMED", "27925004", "Condition", "Clinical Finding"}, {"SNOMED", "816094009", "Spec Anatomic Site", "Body Structure"},
                {"UCUM", "mm", "Unit", "Unit"}};
        String[][] kinds = {{"SNOMED", "Condition", "Clinical Finding"}, {"SNOMED", "Observation", "Observable Entity"}, {"LOINC", "Measurement", "Lab Test"}};
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("CONCEPT.csv"));
             BufferedWriter r = Files.newBufferedWriter(dir.resolve("CONCEPT_RELATIONSHIP.csv"))) {
            w.write("concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\tstandard_concept\tconcept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason\n");
            r.write("concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\tvalid_end_date\tinvalid_reason\n");
            for (int i = 0; i < concepts; i++) {
                long id = firstId + i;
                String[] k = i < linked.length ? linked[i] : new String[] {kinds[i % 3][0], "9" + i, kinds[i % 3][1], kinds[i % 3][2]};
                boolean standard = i < linked.length || i % 3 != 1;
                w.write(id + "\tSynthetic \"" + k[0] + "\" concept " + i + ", O'Brien \\ form\t" + k[2] + "\t" + k[0] + "\t" + k[3] + "\t"
                        + (standard ? "S" : "") + "\t" + k[1] + "\t19700101\t20991231\t\n");
                long target = standard ? id : id - 1;
                r.write(id + "\t" + target + "\tMaps to\t19700101\t20991231\t\n" + target + "\t" + id + "\tMapped from\t19700101\t20991231\t\n");
            }
            // CDM vocabulary rows shaped as Athena ships them: Field concepts named table.field and coded CDMnnn (OHDSI
            // Vocabulary-v5.0 CDM/load_stage.sql; the codes here are synthetic), and the Table concept 'measurement' at
            // 1147330, the id IMAGE_FEATURE wrongly used before; dq must still find each event's table by the Field's name
            String[][] cdm = {{"1147138", "measurement.measurement_id", "Field"}, {"1147165", "observation.observation_id", "Field"},
                    {"1147127", "condition_occurrence.condition_occurrence_id", "Field"},
                    {"1147082", "procedure_occurrence.procedure_occurrence_id", "Field"}, {"1147330", "measurement", "Table"}};
            for (int i = 0; i < cdm.length; i++) {
                w.write(cdm[i][0] + "\t" + cdm[i][1] + "\tMetadata\tCDM\t" + cdm[i][2] + "\tS\tCDM9000" + i + "\t19700101\t20991231\t\n");
            }
        }
        Files.writeString(dir.resolve("VOCABULARY.csv"), "vocabulary_id\tvocabulary_name\tvocabulary_reference\tvocabulary_version\tvocabulary_concept_id\n"
                + "None\tOMOP Standardized Vocabularies\tOMOP generated\tv5.0 SYNTHETIC\t44819096\n");
        Files.writeString(dir.resolve("RELATIONSHIP.csv"), "relationship_id\trelationship_name\tis_hierarchical\tdefines_ancestry\treverse_relationship_id\trelationship_concept_id\n"
                + "Maps to\tNon-standard to Standard map (OMOP)\t0\t0\tMapped from\t44818977\n"
                + "Mapped from\tStandard to Non-standard map (OMOP)\t0\t0\tMaps to\t44818978\n");
    }
}
