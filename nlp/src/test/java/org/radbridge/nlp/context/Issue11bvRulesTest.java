package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11bv: classes of chest radiograph errors of the v23 development set (first-person dictation, question-and-answer
 * reports, Commonwealth oncology wording, neonatal films), each fixed by a small code change (contracted negations,
 * answered questions) or data rows. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11bvRulesTest extends NlpMentionsTest {

    private static final String EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String CONSOLIDATION = "95436008";
    private static final String PNEUMONIA = "233604007";
    private static final String CARDIOMEGALY = "8186001";
    private static final String PERICARDIAL_EFFUSION = "373945007";
    private static final String LUNG_OPACITY = "274533004";
    private static final String GRANULOMA = "101401000119103";
    private static final String CALCIFICATION = "18115005";
    private static final String LUNG_NODULE = "786838002";
    private static final String LESION = "52988006";
    private static final String BONE_LESION = "879976004";
    private static final String BONE_METASTASIS = "94222008";
    private static final String LUNG_LESION = "301232003";
    private static final String SUBCUTANEOUS_EMPHYSEMA = "3830001";
    private static final String FOREIGN_BODY = "19227008";
    private static final String CATHETER = "19923001";
    private static final String CVC = "52124006";
    private static final String ETT = "419991009";
    private static final String CHEST_TUBE = "RID5573";
    private static final String BOWEL_OBSTRUCTION = "81060008";

    private static Assertion current(String text, String code) {
        FindingMention m = only(text, code);
        assertThat(m.temporality()).as(text).isEqualTo(FindingMention.Temporality.CURRENT);
        return m.assertion();
    }

    @Test
    void contractedNegationsDenyAsTheFullForms() {
        assertThat(current("We don't see a pleural effusion today.", EFFUSION)).isEqualTo(Assertion.ABSENT);
        assertThat(current("There isn't a pneumothorax on the upright view.", PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
        assertThat(current("I didn't identify any consolidation.", CONSOLIDATION)).isEqualTo(Assertion.ABSENT);
        String list = "I don't see consolidation, effusion or pneumothorax on either view.";
        assertThat(current(list, CONSOLIDATION)).isEqualTo(Assertion.ABSENT);
        assertThat(current(list, EFFUSION)).isEqualTo(Assertion.ABSENT);
        assertThat(current(list, PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
        // "can't exclude" is still the hedge "cannot exclude", not a denial
        assertThat(current("We can't exclude a small right effusion.", EFFUSION)).isEqualTo(Assertion.POSSIBLE);
        // a contraction that denies nothing of the finding leaves it stated
        assertThat(current("The effusion hasn't changed; it is moderate.", EFFUSION)).isEqualTo(Assertion.PRESENT);
        assertThat(current("A right effusion is present.", EFFUSION)).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void contractionsOfTheTriggerListAreReadTheSameWay() {
        ConText context = ConText.fromClasspath();
        assertThat(context.uncontracted("can't exclude")).isEqualTo("cannot exclude");
        assertThat(context.uncontracted("doesn't show")).isEqualTo("does not show");
        assertThat(context.uncontracted("won't be seen")).isEqualTo("will not be seen");
        assertThat(context.uncontracted("no change")).isEqualTo("no change");
    }

    @Test
    void theReadersOwnDoubtDenies() {
        assertThat(current("I do not think there is a real pleural effusion.", EFFUSION)).isEqualTo(Assertion.ABSENT);
        assertThat(current("We don't believe this represents pneumonia.", PNEUMONIA)).isEqualTo(Assertion.ABSENT);
        assertThat(current("We haven't identified a pleural effusion on the lateral view.", EFFUSION)).isEqualTo(Assertion.ABSENT);
        assertThat(current("I searched for a pneumothorax on both views and found none.", PNEUMOTHORAX))
                .isEqualTo(Assertion.ABSENT);
        assertThat(current("We looked hard for a pneumothorax but do not see one.", PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
        // "do not see any" before the finding still denies what follows, not a finding before it
        String tube = "The left chest drain is in place and we do not see any pneumothorax.";
        assertThat(current(tube, CHEST_TUBE)).isEqualTo(Assertion.PRESENT);
        assertThat(current(tube, PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aQualifiedConfidenceHedges() {
        assertThat(current("I'm reasonably sure this is a small left effusion.", EFFUSION)).isEqualTo(Assertion.POSSIBLE);
        assertThat(current("We are fairly certain the opacity is pneumonia.", PNEUMONIA)).isEqualTo(Assertion.POSSIBLE);
        assertThat(current("There is pneumonia in the lingula.", PNEUMONIA)).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void notWorriedAboutASeenFindingKeepsIt() {
        assertThat(current("We are not concerned about the small calcified granuloma at the left apex.", GRANULOMA))
                .isEqualTo(Assertion.PRESENT);
        // without an article the reader denies the worry itself
        assertThat(current("Not concerned for pneumonia; no consolidation.", CONSOLIDATION)).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aPartialCauseWithTheAdverbBeforeBeIsHedged() {
        String s = "Enlarged cardiac silhouette, which could in part be due to a pericardial effusion.";
        assertThat(current(s, CARDIOMEGALY)).isEqualTo(Assertion.PRESENT);
        assertThat(current(s, PERICARDIAL_EFFUSION)).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aMimicNamedInARelativeClauseIsNoFinding() {
        assertThat(of("Thin curvilinear line over the left upper zone which is a skinfold.", LUNG_OPACITY)).isEmpty();
        assertThat(of("The nodular opacity questioned last week is the nipple.", LUNG_NODULE)
                .stream().map(FindingMention::assertion)).doesNotContain(Assertion.PRESENT);
        // a real opacity with a relative clause that names no mimic stays
        assertThat(current("Patchy opacity at the left base which is new since yesterday.", LUNG_OPACITY))
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void anEffusionThatHasNotComeBackIsAbsent() {
        assertThat(current("After the tap, the left pleural effusion has not re-accumulated.", EFFUSION))
                .isEqualTo(Assertion.ABSENT);
        assertThat(current("The right effusion did not recur after pleurodesis.", EFFUSION)).isEqualTo(Assertion.ABSENT);
        assertThat(current("The right effusion has reaccumulated.", EFFUSION)).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void answeredQuestionsStateTheirFindings() {
        assertThat(current("Q: Pleural effusion? A: None seen.", EFFUSION)).isEqualTo(Assertion.ABSENT);
        assertThat(current("Clinical question: consolidation?\nAnswer: Yes, right middle lobe.", CONSOLIDATION))
                .isEqualTo(Assertion.PRESENT);
        assertThat(current("Question: Cardiomegaly? Answer: Borderline.", CARDIOMEGALY)).isEqualTo(Assertion.POSSIBLE);
        String two = "Question: Pneumothorax or effusion following the biopsy? Answer: Neither.";
        assertThat(current(two, PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
        assertThat(current(two, EFFUSION)).isEqualTo(Assertion.ABSENT);
        // a device-position question presupposes the device, whatever the answer says of its position
        assertThat(current("Q: Endotracheal tube position? A: 2 cm above the carina, could be withdrawn.", ETT))
                .isEqualTo(Assertion.PRESENT);
        assertThat(current("Q: Left PICC tip? A: Lower SVC.", CVC)).isEqualTo(Assertion.PRESENT);
        // an answer that names its finding speaks for itself; the question stays a question
        assertThat(of("Q: Nasogastric tube position? A: Nasogastric tube tip in the gastric body.", "25062003").stream()
                .filter(m -> m.temporality() == FindingMention.Temporality.CURRENT)).hasSize(1);
        // the occasion of the question is not its subject: the drain is neither denied nor stated by the answer
        String occasion = "Q: Pneumothorax after chest drain placement? A: No.";
        assertThat(current(occasion, PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
        assertThat(has(occasion, CHEST_TUBE, Assertion.ABSENT)).isFalse();
        assertThat(has(occasion, CHEST_TUBE, Assertion.PRESENT)).isFalse();
        // an unanswered question stays a question
        assertThat(has("Clinical question: pneumonia?", PNEUMONIA, Assertion.PRESENT)).isFalse();
    }

    @Test
    void boneLesionsAtANamedBone() {
        assertThat(current("Expansile lytic lesion of the left clavicle.", BONE_LESION)).isEqualTo(Assertion.PRESENT);
        assertThat(of("Expansile lytic lesion of the left clavicle.", LESION)).isEmpty();
        assertThat(current("Sclerotic deposits in the pelvis and lumbar spine.", BONE_METASTASIS)).isEqualTo(Assertion.PRESENT);
        assertThat(current("Known bony secondaries, unchanged.", BONE_METASTASIS)).isEqualTo(Assertion.PRESENT);
        assertThat(current("No apical lesion on the lordotic view.", LUNG_LESION)).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void chestRadiographVocabulary() {
        assertThat(current("Coarse reticulonodular shadows in the mid zones.", LUNG_OPACITY)).isEqualTo(Assertion.PRESENT);
        assertThat(current("Mild prominence of the interstitium at both bases.", LUNG_OPACITY)).isEqualTo(Assertion.PRESENT);
        assertThat(current("Air within the soft tissues of the left chest wall.", SUBCUTANEOUS_EMPHYSEMA))
                .isEqualTo(Assertion.PRESENT);
        assertThat(current("No air in the soft tissues.", SUBCUTANEOUS_EMPHYSEMA)).isEqualTo(Assertion.ABSENT);
        assertThat(current("Retained guidewire fragment in the right atrium.", FOREIGN_BODY)).isEqualTo(Assertion.PRESENT);
        assertThat(current("Umbilical arterial catheter tip at T7.", CATHETER)).isEqualTo(Assertion.PRESENT);
        assertThat(of("Umbilical arterial catheter tip at T7.", CVC)).isEmpty();
    }

    @Test
    void notCalcifiedAndLikenessesAreNoFindings() {
        assertThat(of("Solitary 9 mm nodule in the right upper lobe which is not definitely calcified.", CALCIFICATION)).isEmpty();
        String like = "Consolidation-like opacity in the left mid zone.";
        assertThat(of(like, CONSOLIDATION)).isEmpty();
        assertThat(current(like, LUNG_OPACITY)).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void bowelGasAndAirLeakStatements() {
        assertThat(current("Upper abdominal bowel gas appears non-obstructive.", BOWEL_OBSTRUCTION)).isEqualTo(Assertion.ABSENT);
        assertThat(current("Well aerated lungs, no evidence of air leak.", PNEUMOTHORAX)).isEqualTo(Assertion.ABSENT);
        assertThat(of("Persistent air leak from the right chest drain.", PNEUMOTHORAX)).isEmpty();
    }
}
