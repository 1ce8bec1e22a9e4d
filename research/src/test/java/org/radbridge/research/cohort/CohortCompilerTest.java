package org.radbridge.research.cohort;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CohortCompilerTest {
    /** The few concepts these tests name: vocabulary|code -> id. */
    private static final Map<String, Integer> CONCEPTS = Map.of("dicom|CT", 2000000101, "snomed|816094009", 2000000202,
            "snomed|36118008", 2000000303, "snomed|27925004", 2000000404, "gender|F", 8532, "gender|M", 8507, "loinc|29252-4", 2000000505);

    private static final ConceptResolver RESOLVER = new ConceptResolver() {
        @Override
        public List<Integer> byCode(String vocabulary, String code) {
            Integer id = CONCEPTS.get(vocabulary.toLowerCase() + "|" + code);
            return id == null ? List.of() : List.of(id);
        }

        @Override
        public boolean exists(int conceptId) {
            return CONCEPTS.containsValue(conceptId);
        }
    };

    private static CompiledCohort compile(String yaml) throws Exception {
        return CohortCompiler.compile(CohortDefinitionParser.parse("test.yaml", yaml, Path.of("."), "test"), RESOLVER);
    }

    private static CohortDefinitionException error(String yaml) {
        try {
            compile(yaml);
        } catch (CohortDefinitionException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void chestCtCompilesToOneStatementWithOneStepPerCriterion() throws Exception {
        CompiledCohort c = compile("""
                name: chest
                modality: [CT]
                body_site: {codes: ["816094009"], descendants: true}
                age: {min: 50}
                sex: [F]
                date: {from: 2012-01-01, to: 2016-12-31}
                """);
        assertThat(c.steps()).hasSize(6);
        assertThat(c.steps().get(1)).startsWith("modality");
        assertThat(c.sql()).startsWith("WITH ").doesNotContain(";");
        assertThat(c.sql()).contains("concept_id IN (2000000101)", "ca.ancestor_concept_id IN (2000000202)", "age_at_study >= 50",
                "gender_concept_id IN (8532)", "study_date >= DATE '2012-01-01'", "study_date <= DATE '2016-12-31'");
        assertThat(c.sql()).endsWith("FROM s5");
        assertThat(c.attritionSql()).contains("FROM base", "FROM s5").doesNotContain("FROM s6");
        assertThat(c.definitionSha256()).hasSize(64);
    }

    @Test
    void findingsMeasurementsFirstAndFollowUp() throws Exception {
        CompiledCohort c = compile("""
                modality: CT
                findings:
                  - concepts: {codes: ["36118008"]}
                    status: uncertain
                measurements:
                  - finding: {codes: ["27925004"]}
                    min_mm: 6
                exclude_qc_failures: [CT_AXIAL_THIN]
                occurrence: first
                follow_up: {within_months: 24, min_days: 90}
                """);
        assertThat(c.sql()).contains("study_note AS", "note_event_field_concept_id = 1147082", "status = 'uncertain'",
                "max(m.value_as_number) >= 6", "q.rule_id IN ('CT_AXIAL_THIN')", "DISTINCT ON (person_id)", "INTERVAL '24 months'",
                "fu.study_date >= x.study_date + 90");
        assertThat(c.steps()).hasSize(7);
        // the follow-up is looked for among the studies that met every criterion, before "first" picked one per person
        assertThat(c.sql()).contains("FROM s4 fu");
    }

    @Test
    void unknownKeyNamesLineAndKey() {
        CohortDefinitionException e = error("""
                name: x
                modality: [CT]
                agee: {min: 50}
                """);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.key()).isEqualTo("agee");
        assertThat(e.getMessage()).startsWith("test.yaml:3: agee: unknown key");
    }

    @Test
    void nestedUnknownKeyNamesItsLine() {
        CohortDefinitionException e = error("""
                modality: [CT]
                findings:
                  - concepts: {codes: ["36118008"]}
                    stauts: present
                """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.key()).isEqualTo("findings[0].stauts");
    }

    @Test
    void codeThatNoConceptMatchesNamesItsLine() {
        CohortDefinitionException e = error("""
                modality: [CT]
                body_site:
                  codes:
                    - "816094009"
                    - "99999999"
                """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.key()).isEqualTo("body_site");
        assertThat(e.getMessage()).contains("no concept matches SNOMED code '99999999'");
    }

    @Test
    void impossibleRanges() {
        CohortDefinitionException age = error("""
                modality: [CT]
                age:
                  min: 70
                  max: 50
                """);
        assertThat(age.line()).isEqualTo(4);
        assertThat(age.key()).isEqualTo("age.max");
        assertThat(age.getMessage()).contains("impossible range");
        CohortDefinitionException date = error("""
                date: {from: 2020-01-01, to: 2019-01-01}
                """);
        assertThat(date.line()).isEqualTo(1);
        assertThat(date.key()).isEqualTo("date.to");
        CohortDefinitionException negative = error("age: {min: -3}\n");
        assertThat(negative.key()).isEqualTo("age.min");
        CohortDefinitionException mm = error("""
                measurements:
                  - finding: {codes: ["27925004"]}
                    min_mm: 8
                    max_mm: 6
                """);
        assertThat(mm.line()).isEqualTo(4);
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        CohortDefinitionException e = error("""
                name: x
                modality: [CT
                age: {min: 50}
                """);
        assertThat(e.line()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(3);
        assertThat(e.getMessage()).contains("YAML syntax error");
    }

    @Test
    void badSexAndStatusValues() {
        assertThat(error("sex: [X]\n").key()).isEqualTo("sex");
        assertThat(error("findings:\n  - concepts: [\"36118008\"]\n    status: maybe\n").line()).isEqualTo(3);
    }

    @Test
    void atlasConceptSetHonoursDescendantsAndExclusions(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("set.json"), """
                {"items":[
                  {"concept":{"CONCEPT_ID":2000000202,"VOCABULARY_ID":"SNOMED","CONCEPT_CODE":"816094009"},"includeDescendants":true,"isExcluded":false,"includeMapped":true},
                  {"concept":{"CONCEPT_ID":2000000303},"includeDescendants":true,"isExcluded":true,"includeMapped":false}]}
                """);
        CompiledCohort c = CohortCompiler.compile(CohortDefinitionParser.parse("t.yaml", "body_site: {atlas: set.json}\n", dir, "t"), RESOLVER);
        assertThat(c.sql()).contains("ca.ancestor_concept_id IN (2000000202)", "cr.relationship_id = 'Maps to' AND cr.invalid_reason IS NULL AND (cr.concept_id_2 IN (2000000202)",
                "EXCEPT SELECT concept_id FROM omop.concept WHERE concept_id IN (2000000303)",
                "EXCEPT SELECT ca.descendant_concept_id FROM omop.concept_ancestor ca WHERE ca.ancestor_concept_id IN (2000000303)");
        CohortDefinitionException missing = error("body_site: {atlas: nowhere.json}\n");
        assertThat(missing.key()).isEqualTo("body_site.atlas");
    }

    @Test
    void examplesParse() throws Exception {
        Path dir = Path.of(System.getProperty("radbridge.home", "..")).resolve("sql/cohorts/examples");
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                CohortDefinition d = CohortDefinitionParser.parse(f);
                assertThat(d.name()).as(f.toString()).isNotBlank();
            }
        }
    }
}
