package org.radbridge.research.dq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckCatalogueTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
    private static final String HEADER = String.join(",", CheckCatalogue.COLUMNS) + "\n";

    @TempDir
    Path tmp;

    @Test
    void theShippedCatalogueRendersEveryCheck() throws Exception {
        CheckCatalogue c = CheckCatalogue.load(HOME.resolve("dq/checks.csv"));
        assertThat(c.checks()).hasSizeGreaterThan(300);
        for (DqCheck check : c.checks()) {
            String sql = c.sql(check);
            assertThat(sql).as(check.id()).doesNotContain("${").contains("omop.");
        }
        // the imaging-extension checks DQD lacks are there
        assertThat(c.checks()).extracting(DqCheck::name).contains("imageProcedurePerson", "imageFeatureEvent", "imageOccurrencePerSeries",
                "noteNlpOffsetInText", "measureConditionEraCompleteness", "measurePersonCompleteness");
    }

    @Test
    void theShippedOverridesWaiveOnlyTheDrugPersonCompletenessChecks() throws Exception {
        ThresholdOverrides o = ThresholdOverrides.load(HOME.resolve("dq/threshold-overrides.csv"));
        assertThat(o.all()).extracting(ThresholdOverrides.Override::table).containsExactlyInAnyOrder("DRUG_EXPOSURE", "DRUG_ERA");
        assertThat(o.all()).allSatisfy(x -> {
            assertThat(x.checkName()).isEqualTo("measurePersonCompleteness");
            assertThat(x.threshold()).isEqualTo(100);
            assertThat(x.notes()).startsWith("Waived:");
        });
        CheckCatalogue c = CheckCatalogue.load(HOME.resolve("dq/checks.csv")).with(o);
        DqCheck drug = c.checks().stream().filter(x -> x.id().equals("measurePersonCompleteness.drug_exposure")).findFirst().orElseThrow();
        assertThat(drug.threshold()).isEqualTo(100);
        DqCheck visit = c.checks().stream().filter(x -> x.id().equals("measurePersonCompleteness.visit_occurrence")).findFirst().orElseThrow();
        assertThat(visit.threshold()).isEqualTo(95);
    }

    @Test
    void aRowThatWouldInjectSqlOrLacksATemplateIsRefusedWithItsLine() throws Exception {
        Path f = tmp.resolve("checks.csv");
        Files.writeString(f, HEADER
                + "a,isRequired,isRequired,person,person_id,,,,,,0,fatal,ok\n"
                + "b,isRequired,isRequired,person,person_id; DROP TABLE x,,,,,,0,fatal,bad field\n"
                + "c,nope,noSuchTemplate,person,person_id,,,,,,0,fatal,no template\n"
                + "a,isRequired,isRequired,person,year_of_birth,,,,,,zero,fatal,repeated id and bad threshold\n"
                + "d,fkDomain,fkDomain,person,gender_concept_id,,,Gender'); DROP,,,0,fatal,bad domains\n");
        assertThatThrownBy(() -> CheckCatalogue.load(f)).isInstanceOfSatisfying(DqException.class, e -> assertThat(e.problems()).containsExactly(
                "checks.csv:3: cdm_field_name 'person_id; DROP TABLE x' is not an SQL name",
                "checks.csv:4: no SQL template 'noSuchTemplate'",
                "checks.csv:5: threshold 'zero' is not a number",
                "checks.csv:6: domains must be names separated by |"));
    }

    @Test
    void aTemplateParameterLeftEmptyIsAnError() throws Exception {
        Path f = tmp.resolve("checks.csv");
        Files.writeString(f, HEADER + "x,isForeignKey,isForeignKey,note,person_id,,,,,,0,fatal,no fk table\n");
        assertThatThrownBy(() -> CheckCatalogue.load(f)).isInstanceOfSatisfying(DqException.class, e -> assertThat(e.problems())
                .contains("checks.csv:2: template isForeignKey needs fk_table", "checks.csv:2: template isForeignKey needs fk_field"));
    }

    @Test
    void overridesNeedNotesAndPercentages() throws Exception {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "# comment\n" + String.join(",", ThresholdOverrides.COLUMNS) + "\n"
                + "measurePersonCompleteness,DRUG_EXPOSURE,,100,\n"
                + "isRequired,PERSON,person_id,150,because\n");
        assertThatThrownBy(() -> ThresholdOverrides.load(f)).isInstanceOfSatisfying(DqException.class, e -> assertThat(e.problems()).containsExactly(
                "t.csv:3: notes are required (why is this check's threshold changed?)",
                "t.csv:4: threshold must be a percentage (0 to 100)"));
    }

    @Test
    void verdictsFollowTheThresholdAsDqdDoes() {
        DqCheck zero = new DqCheck("z", "isRequired", "isRequired", "person", "person_id", "", "", "", "", "", 0, "fatal", "");
        DqCheck five = zero.withThreshold(5);
        assertThat(DqResult.verdict(zero, 0, 10)).isEqualTo(DqResult.Status.PASS);
        assertThat(DqResult.verdict(zero, 1, 1000)).isEqualTo(DqResult.Status.FAIL);
        assertThat(DqResult.verdict(five, 5, 100)).isEqualTo(DqResult.Status.PASS);
        assertThat(DqResult.verdict(five, 6, 100)).isEqualTo(DqResult.Status.FAIL);
        assertThat(DqResult.verdict(five, 0, 0)).isEqualTo(DqResult.Status.NA);
        assertThat(List.of(DqResult.Status.values())).hasSize(4);
    }
}
