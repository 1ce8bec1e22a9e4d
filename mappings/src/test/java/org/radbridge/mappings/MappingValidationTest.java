package org.radbridge.mappings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.terminology.TermConcept;
import org.radbridge.terminology.Terminology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Breaks mapping and rules files in each way validation knows and checks the exact file:line messages. */
class MappingValidationTest {
    static final String HEADER = "source_code,source_vocabulary_id,source_code_description,target_concept_id,target_vocabulary_id,"
            + "target_concept_code,valid_start_date,valid_end_date,invalid_reason\n";
    static final String RULES_HEADER = "order,pattern,replacement,example,comment\n";

    @TempDir
    Path dir;
    private final Terminology terminology = Terminology.of(List.of(
            new TermConcept("LOINC", "29252-4", "CT Chest WO contrast", "Procedure", "Clinical Observation", "S", null, "test"),
            new TermConcept("LOINC", "24628-0", "CT Chest W contrast IV", "Procedure", "Clinical Observation", "S", null, "test"),
            new TermConcept("Gender", "M", "MALE", "Gender", "Gender", "S", 8507, "test")));

    @BeforeEach
    void goodFiles() throws Exception {
        Files.writeString(dir.resolve("procedure.csv"), HEADER
                + "CT CHEST WO,Study description,,,LOINC,29252-4,1970-01-01,2099-12-31,\n"
                + "CT CHEST W,Study description,,,LOINC,24628-0,1970-01-01,2099-12-31,\n");
        Files.writeString(dir.resolve("study-description-rules.csv"), RULES_HEADER
                + "10,\\b(W/O|NATIVE)\\b,WO,CT CHEST W/O CONTRAST,without\n"
                + "20,\\s*\\bCONTRAST\\b,,CT CHEST WO CONTRAST,drop the word\n");
    }

    private List<String> errors() throws Exception {
        return MappingSet.validate(dir, terminology).errors();
    }

    private void append(String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + text);
    }

    @Test
    void goodFilesValidateAndRulesApplyBeforeTheLookup() throws Exception {
        MappingSet.Validation v = MappingSet.validate(dir, terminology);
        assertThat(v.errors()).isEmpty();
        MappingSet m = v.mappings();
        MappingSet.Resolution r = m.resolve("procedure", "ct chest  w/o contrast", null);
        assertThat(r.match()).isEqualTo(MappingSet.Match.RULES);
        assertThat(r.key()).isEqualTo("CT CHEST WO");
        assertThat(r.target().code()).isEqualTo("29252-4");
        assertThat(m.resolve("procedure", "CT CHEST WO", null).match()).isEqualTo(MappingSet.Match.DIRECT);
        MappingSet.Resolution none = m.resolve("procedure", "CT THORAX NATIVE", null);
        assertThat(none.match()).isEqualTo(MappingSet.Match.NONE);
        assertThat(none.key()).isEqualTo("CT THORAX WO");
        assertThat(m.lookup("procedure", null)).isEmpty();
        assertThat(m.lookup("no-such-mapping", "x")).isEmpty();
    }

    @Test
    void unknownTargetCode() throws Exception {
        append("procedure.csv", "CT HEAD WO,Study description,,,LOINC,99999-9,1970-01-01,2099-12-31,\n");
        assertThat(errors()).containsExactly("procedure.csv:4: unknown target code LOINC 99999-9 (not in terminology/)");
    }

    @Test
    void duplicateSourceIsReportedWithTheFirstLine() throws Exception {
        append("procedure.csv", "ct chest  wo,Study description,,,LOINC,29252-4,2000-01-01,2099-12-31,\n");
        assertThat(errors()).containsExactly(
                "procedure.csv:4: duplicate source_code 'CT CHEST WO': line 2 maps it to the same target for overlapping dates");
    }

    @Test
    void conflictingSourceWithOverlappingValidityDates() throws Exception {
        append("procedure.csv", "CT CHEST WO,Study description,,,LOINC,24628-0,2020-01-01,2020-12-31,\n");
        assertThat(errors()).containsExactly("procedure.csv:4: conflicting source_code 'CT CHEST WO': line 2 maps it to LOINC 29252-4, "
                + "this line to LOINC 24628-0, for overlapping dates (1970-01-01..2099-12-31 and 2020-01-01..2020-12-31)");
    }

    @Test
    void consecutiveValidityPeriodsAreFineAndTheDateDecides() throws Exception {
        Files.writeString(dir.resolve("procedure.csv"), HEADER
                + "CT CHEST,Study description,,,LOINC,29252-4,1970-01-01,2019-12-31,\n"
                + "CT CHEST,Study description,,,LOINC,24628-0,2020-01-01,,\n"
                + "CT CHEST,Study description,,,LOINC,29252-4,2020-01-01,2099-12-31,D\n");
        MappingSet m = MappingSet.load(dir, terminology);
        assertThat(m.lookup("procedure", "CT CHEST", LocalDate.of(2019, 6, 1))).get().extracting(MappingTarget::code).isEqualTo("29252-4");
        assertThat(m.lookup("procedure", "CT CHEST", LocalDate.of(2021, 6, 1))).get().extracting(MappingTarget::code).isEqualTo("24628-0");
    }

    @Test
    void badDatesAndAStartAfterItsEnd() throws Exception {
        append("procedure.csv", "A,Study description,,,LOINC,29252-4,2024-13-01,2099-12-31,\n"
                + "B,Study description,,,LOINC,29252-4,2024-01-01,31.12.2099,\n"
                + "C,Study description,,,LOINC,29252-4,2025-01-01,2024-01-01,\n");
        assertThat(errors()).containsExactly(
                "procedure.csv:4: valid_start_date '2024-13-01' is not a date (use YYYY-MM-DD)",
                "procedure.csv:5: valid_end_date '31.12.2099' is not a date (use YYYY-MM-DD)",
                "procedure.csv:6: valid_start_date 2025-01-01 is after valid_end_date 2024-01-01");
    }

    @Test
    void wrongColumnCountsMissingColumnsAndBadInvalidReason() throws Exception {
        append("procedure.csv", "CT HEAD WO,Study description,,LOINC,30799-1,1970-01-01,2099-12-31,\n"
                + "\"CT HEAD, WO\",Study description,,,LOINC,29252-4,1970-01-01,2099-12-31,,extra\n"
                + "X,Study description,,,LOINC,29252-4,1970-01-01,2099-12-31,Y\n");
        Files.writeString(dir.resolve("gender.csv"), "source_code,target_concept_code\nM,M\n");
        assertThat(errors()).containsExactly(
                "gender.csv:1: missing column source_vocabulary_id",
                "gender.csv:1: missing column source_code_description",
                "gender.csv:1: missing column target_concept_id",
                "gender.csv:1: missing column target_vocabulary_id",
                "gender.csv:1: missing column valid_start_date",
                "gender.csv:1: missing column valid_end_date",
                "gender.csv:1: missing column invalid_reason",
                "procedure.csv:4: expected 9 columns, found 8",
                "procedure.csv:5: expected 9 columns, found 10",
                "procedure.csv:6: invalid_reason must be empty, D (deleted) or U (updated), not 'Y'");
    }

    @Test
    void aRegexThatDoesNotCompile() throws Exception {
        append("study-description-rules.csv", "30,CT (CHEST,CT CHEST,CT CHEST WO,unclosed group\n");
        assertThat(errors()).containsExactly(
                "study-description-rules.csv:4: pattern 'CT (CHEST' does not compile: Unclosed group at the end of the pattern");
    }

    @Test
    void aRuleShadowedByAnEarlierRuleCanNeverFire() throws Exception {
        // order 30 wants to turn "NATIVE" into "WITHOUT", but order 10 has already made it "WO"
        append("study-description-rules.csv", "30,\\bNATIVE\\b,WITHOUT,CT THORAX NATIVE,never fires\n");
        assertThat(errors()).containsExactly("study-description-rules.csv:4: rule can never fire on its example 'CT THORAX NATIVE': "
                + "earlier rule (order 10, study-description-rules.csv:2) already rewrote it to 'CT THORAX WO'");
    }

    @Test
    void aRuleThatDoesNotMatchItsOwnExampleOrHasNone() throws Exception {
        append("study-description-rules.csv", "30,\\bTHORAX\\b,CHEST,CT CHEST,wrong example\n"
                + "40,\\bTHX\\b,CHEST,,no example\n");
        assertThat(errors()).containsExactly(
                "study-description-rules.csv:5: no example: give a value this rule is meant to rewrite",
                "study-description-rules.csv:4: pattern does not match its own example 'CT CHEST'");
    }

    @Test
    void badReplacementDuplicateOrderAndBadOrder() throws Exception {
        append("study-description-rules.csv", "30,^(CT) (CHEST),$3,CT CHEST,no group 3\n"
                + "20,X,Y,X,order used twice\n"
                + "third,X,Y,X,not a number\n");
        assertThat(errors()).containsExactly(
                "study-description-rules.csv:4: replacement '$3' is not valid for the pattern: No group 3",
                "study-description-rules.csv:5: order 20 is used twice (also study-description-rules.csv:3)",
                "study-description-rules.csv:6: order 'third' is not a whole number");
    }

    @Test
    void anUnknownRulesFile() throws Exception {
        Files.writeString(dir.resolve("body-part-rules.csv"), RULES_HEADER);
        assertThat(errors()).containsExactly("body-part-rules.csv:1: unknown rules file (known: study-description-rules.csv)");
    }

    @Test
    void loadThrowsWithAllErrors() throws Exception {
        append("procedure.csv", "CT HEAD WO,Study description,,,LOINC,99999-9,1970-01-01,2099-12-31,\n");
        assertThatThrownBy(() -> MappingSet.load(dir, terminology)).isInstanceOf(MappingException.class)
                .hasMessage("procedure.csv:4: unknown target code LOINC 99999-9 (not in terminology/)");
    }

    @Test
    void conceptIdsAreFilledInFromTheVocabularyLoad() throws Exception {
        MappingSet m = MappingSet.load(dir, terminology).withConceptIds(java.util.Map.of("LOINC|29252-4", 2_000_000_005));
        assertThat(m.lookup("procedure", "CT CHEST W/O CONTRAST")).get().extracting(MappingTarget::conceptId).isEqualTo(2_000_000_005);
        assertThat(m.rules("procedure")).hasSize(2);
    }
}
