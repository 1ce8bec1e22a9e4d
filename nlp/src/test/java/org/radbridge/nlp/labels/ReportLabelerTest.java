package org.radbridge.nlp.labels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.RadiologyNlp;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportLabelerTest {

    private static RadiologyNlp nlp;
    private static ReportLabeler labeler;

    @BeforeAll
    static void setUp() {
        nlp = new RadiologyNlp();
        labeler = new ReportLabeler(nlp.lexicon(), LabelSet.chexpert(nlp.lexicon()));
    }

    @AfterAll
    static void tearDown() {
        nlp.close();
    }

    private static Map<String, Integer> labels(String report) {
        return labeler.labels(nlp.analyze("r", report));
    }

    @Test
    void chexpertColumnsInOrderWithNullForNotMentioned() {
        Map<String, Integer> l = labels("FINDINGS: Cardiomegaly. No pneumothorax. Possible left lower lobe atelectasis.");
        assertThat(l.keySet()).containsExactlyElementsOf(LabelSet.CHEXPERT_ORDER);
        assertThat(l.get("Cardiomegaly")).isEqualTo(1);
        assertThat(l.get("Pneumothorax")).isEqualTo(0);
        assertThat(l.get("Atelectasis")).isEqualTo(-1);
        assertThat(l.get("Pleural Effusion")).isNull();
        assertThat(l.get("No Finding")).isNull();
    }

    @Test
    void positiveBeatsUncertainBeatsNegative() {
        assertThat(labels("No pleural effusion on the left. Small right pleural effusion.").get("Pleural Effusion")).isEqualTo(1);
        assertThat(labels("No pleural effusion on the left. Possible small right pleural effusion.").get("Pleural Effusion")).isEqualTo(-1);
        assertThat(ReportLabeler.combine(0, org.radbridge.nlp.FindingMention.Assertion.POSSIBLE)).isEqualTo(-1);
        assertThat(ReportLabeler.combine(1, org.radbridge.nlp.FindingMention.Assertion.ABSENT)).isEqualTo(1);
    }

    @Test
    void descendantsCountForTheirLabel() {
        assertThat(labels("Old healed left rib fractures.").get("Fracture")).isEqualTo(1);
        assertThat(labels("Innumerable small pulmonary nodules.").get("Lung Lesion")).isEqualTo(1);
        assertThat(labels("Pulmonary vascular congestion.").get("Edema")).isEqualTo(1);
        assertThat(labels("Compression fracture of T12.").get("Fracture")).isEqualTo(1);
        assertThat(labels("Calcified pleural thickening at the left base.").get("Pleural Other")).isEqualTo(1);
        assertThat(labels("Left-sided pacemaker with leads in the right atrium and ventricle.").get("Support Devices")).isEqualTo(1);
        // a RadLex-only device (the label set row names its RID) counts for its label
        assertThat(labels("Right chest tube in place.").get("Support Devices")).isEqualTo(1);
    }

    @Test
    void noFindingOnlyWithoutAbnormalFindings() {
        assertThat(labels("The lungs are clear. No pleural effusion or pneumothorax. Heart size normal.").get("No Finding")).isEqualTo(1);
        assertThat(labels("No pneumothorax. Possible small effusion.").get("No Finding")).isNull();
        // a device is no abnormal finding
        assertThat(labels("Pacemaker in place. No acute cardiopulmonary process. No pleural effusion.").get("No Finding")).isEqualTo(1);
        assertThat(labels("Left chest tube in place. No pneumothorax. Lungs are clear.").get("No Finding")).isEqualTo(1);
    }

    @Test
    void combinedHeartAndMediastinumNormalStatementIsNegativeCardiomegaly() {
        Map<String, Integer> l = labels("FINDINGS: Heart size and mediastinal contours are normal. No pleural thickening.");
        assertThat(l.get("Cardiomegaly")).isEqualTo(0);
        // normal mediastinal contours are no statement about a widened mediastinum (the gold of every set leaves it out),
        // so that label stays blank; a negated pleural thickening (73725006, issue 11u) is a negative Pleural Other
        assertThat(l.get("Enlarged Cardiomediastinum")).isNull();
        assertThat(l.get("Pleural Other")).isEqualTo(0);
        assertThat(l.get("No Finding")).isEqualTo(1);
        assertThat(nlp.analyze("r", "Mild right basilar pleural thickening. Widened mediastinum. Low lung volumes.")
                .mentions()).extracting(m -> m.conceptCode()).containsExactly("73725006", "363646005");
        // low lung volumes still have no citable code; a widened mediastinum is Enlarged Cardiomediastinum (issue 11cw)
        assertThat(labels("Widened mediastinum.").get("Enlarged Cardiomediastinum")).isEqualTo(1);
    }

    @Test
    void historyIndicationAndQuestionsDoNotCount() {
        Map<String, Integer> l = labels("INDICATION: History of pneumonia, evaluate for pneumothorax.\nFINDINGS: The lungs are clear.");
        assertThat(l.get("Pneumonia")).isNull();
        assertThat(l.get("Pneumothorax")).isNull();
        assertThat(l.get("No Finding")).isEqualTo(1);
    }

    @Test
    void allFindingsKeyedBySnomedCode() {
        Map<String, Integer> l = labeler.allFindings(nlp.analyze("r", "Small hiatal hernia. Mild dextroscoliosis. No effusion."));
        assertThat(l).containsEntry("84089009", 1).containsEntry("298382003", 1).containsEntry("60046008", 0)
                .containsEntry(LabelSet.NO_FINDING, null);
        assertThat(LabelJson.line(nlp.analyze("r", "Cardiomegaly."), labeler, true, nlp.lexicon()))
                .contains("\"8186001\":1").contains("\"names\":{\"8186001\":\"Cardiomegaly\"}");
    }

    @Test
    void everyChexpertCodeIsKnownAndUnknownCodesAreRejected() throws Exception {
        LabelSet set = LabelSet.chexpert(nlp.lexicon());
        for (String label : List.of("Cardiomegaly", "Lung Lesion", "Lung Opacity", "Edema", "Consolidation", "Pneumonia",
                "Atelectasis", "Pneumothorax", "Pleural Effusion", "Pleural Other", "Fracture", "Support Devices")) {
            assertThat(set.concepts(label)).as(label).isNotEmpty();
        }
        assertThatThrownBy(() -> LabelSet.read("x", new StringReader("label,code,display\nCardiomegaly,999999999,X\n"),
                nlp.lexicon(), List.of())).hasMessageContaining("999999999");
        assertThatThrownBy(() -> LabelSet.read("x", new StringReader("label,code,display\nSupport Devices,RID999999,X\n"),
                nlp.lexicon(), List.of())).hasMessageContaining("RadLex RID RID999999");
    }
}
