package org.radbridge.research.qc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.research.ResearchDatabase;
import org.radbridge.research.governance.SmallCells;
import org.radbridge.research.manifest.LabelSet;
import org.radbridge.research.manifest.WeakLabels;
import org.radbridge.research.recipes.Recipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data files of the research toolkit and the small rules around them. */
class QcRuleTest {
    @Test
    void shippedRulesLoadAndCiteTheirReferenceLevels() throws Exception {
        List<QcRule> rules = QcRule.load(ResearchDatabase.HOME.resolve("mappings/qc/qc-rules.csv"));
        assertThat(rules).extracting(QcRule::check).contains(QcRule.Check.values());
        assertThat(rules).filteredOn(r -> r.check() == QcRule.Check.DOSE_CTDIVOL || r.check() == QcRule.Check.DOSE_DLP)
                .allSatisfy(r -> assertThat(r.reference()).contains("Radiology 2017"));
    }

    @Test
    void badRulesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rules.csv");
        Files.writeString(f, """
                rule_id,check,modality,body_part,threshold,unit,severity,description,reference
                OK_1,instance_gaps,,,0,instances,fail,x,
                BAD 2,dose_ctdivol,CT,CHEST,twelve,mGy,fail,x,
                OK_1,nonsense,,,1,,maybe,x,
                """);
        assertThatThrownBy(() -> QcRule.load(f)).hasMessageContaining("rules.csv:3: rule_id 'BAD 2'").hasMessageContaining("rules.csv:3: threshold 'twelve'")
                .hasMessageContaining("rules.csv:4: rule_id 'OK_1' appears twice").hasMessageContaining("rules.csv:4: check 'nonsense'")
                .hasMessageContaining("rules.csv:4: severity");
    }

    @Test
    void axialMeansSliceNormalAlongTheBody() {
        assertThat(QcRunner.axial("1\\0\\0\\0\\1\\0")).isTrue();
        assertThat(QcRunner.axial("0.9961947\\0.0871557\\0\\-0.0871557\\0.9961947\\0")).isTrue(); // 5° in-plane rotation
        assertThat(QcRunner.axial("1\\0\\0\\0\\0\\-1")).isFalse();   // coronal
        assertThat(QcRunner.axial("0\\1\\0\\0\\0\\-1")).isFalse();   // sagittal
        assertThat(QcRunner.axial("1\\0\\0\\0\\0.5\\-0.866")).isFalse(); // tilted 60°
        assertThat(QcRunner.axial(null)).isFalse();
        assertThat(QcRunner.axial("1\\0\\0")).isFalse();
    }

    @Test
    void smallCellsHideOneToThresholdMinusOne() {
        SmallCells c = new SmallCells(11);
        assertThat(List.of(c.cell(0), c.cell(1), c.cell(10), c.cell(11), c.cell(500))).containsExactly("0", "<11", "<11", "11", "500");
        assertThat(c.suppressedCells()).isEqualTo(2);
        assertThat(c.notice()).contains("2 cells", "<11");
        assertThat(new SmallCells(5).notice()).contains("nothing suppressed");
    }

    @Test
    void cheXpertAggregation() {
        assertThat(WeakLabels.value(Set.of("absent", "present"))).isEqualTo(1);
        assertThat(WeakLabels.value(Set.of("absent", "possible"))).isEqualTo(-1);
        assertThat(WeakLabels.value(Set.of("absent"))).isZero();
        assertThat(WeakLabels.value(Set.of())).isNull();
    }

    @Test
    void labelSetFormat(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("set.csv");
        Files.writeString(f, "label,code,display\nPneumothorax,36118008,Pneumothorax\nPneumothorax,xyz,other\nNo Finding,,\n");
        LabelSet s = LabelSet.load("set", f);
        assertThat(s.labels()).containsExactly("Pneumothorax", "No Finding");
        assertThat(s.codedLabels()).containsExactly("Pneumothorax");
        assertThat(s.codesByLabel().get("Pneumothorax")).containsExactly("36118008", "xyz");
        Files.writeString(f, "name,code\nx,1\n");
        assertThatThrownBy(() -> LabelSet.load("set", f)).hasMessageContaining("missing column 'label'");
    }

    @Test
    void recipesDeclareTheirQuestionAndCounts() throws Exception {
        List<Recipe> all = Recipe.all(ResearchDatabase.HOME.resolve("sql/recipes"));
        assertThat(all).extracting(Recipe::name).contains("chest-ct-over-50-five-years", "prevalence-by-year-sex-age", "nodule-growth-serial",
                "screening-mammogram-intervals", "ct-dose-by-protocol-scanner", "studies-per-modality-month");
        assertThat(all).allSatisfy(r -> assertThat(r.question()).isNotBlank());
        Recipe p = all.stream().filter(r -> r.name().equals("prevalence-by-year-sex-age")).findFirst().orElseThrow();
        assertThat(p.countColumns()).containsExactly("reported_studies", "positive_studies");
        assertThat(p.derivedColumns()).containsExactly("prevalence_pct");
    }
}
