package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11an: classes of abdomen errors shared by several development sets (v12-v15, MTSamples dev). The
 * sentences are new wording, not copied from an evaluation set.
 */
class Issue11anRulesTest extends NlpMentionsTest {

    private static final String ADENOMA = "1187375007", NODULE = "27925004", MASS = "4147007";

    @Test
    void aNoduleExplainedAsAnAdenomaIsTheAdenomaOnly() {
        String s = "CT ADRENAL PROTOCOL\nThe right adrenal nodule of 1.4 cm washes out briskly, compatible with a benign adenoma.";
        assertThat(has(s, ADENOMA, Assertion.PRESENT)).isTrue();
        assertThat(of(s, NODULE)).isEmpty();
        String mass = "CT ABDOMEN\nHomogeneous 2.5 cm right adrenal mass of -5 HU, consistent with adenoma.";
        assertThat(has(mass, ADENOMA, Assertion.PRESENT)).isTrue();
        assertThat(of(mass, MASS)).isEmpty();
        // a hedged diagnosis keeps the lesion as stated and the diagnosis possible
        String hedged = "CT ABDOMEN\n1 cm left adrenal nodule, probably an adenoma.";
        assertThat(has(hedged, ADENOMA, Assertion.POSSIBLE)).isTrue();
        assertThat(has(hedged, NODULE, Assertion.PRESENT)).isTrue();
        // a malignant characterisation keeps both
        assertThat(has("CT CHEST\nScattered lung nodules in both lungs, consistent with metastatic disease.", "445249002",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aNormalAppendixIsNoAppendicitis() {
        assertThat(has("CT ABDOMEN AND PELVIS\nNormal appendix in the right lower quadrant.", "74400008", Assertion.ABSENT))
                .isTrue();
        assertThat(has("CT ABDOMEN AND PELVIS\nThe appendix appears unremarkable.", "74400008", Assertion.ABSENT)).isTrue();
        assertThat(has("CT PELVIS\nAppendix normal. Bladder unremarkable.", "74400008", Assertion.ABSENT)).isTrue();
        // an abnormal appendix is no such statement
        assertThat(has("CT ABDOMEN\nThe appendix is dilated with periappendiceal stranding, acute appendicitis.",
                "74400008", Assertion.ABSENT)).isFalse();
    }

    @Test
    void aNonobstructiveGasPatternIsNoBowelObstruction() {
        assertThat(has("ABDOMEN 2 VIEWS\nNonobstructive bowel gas pattern without free air.", "81060008", Assertion.ABSENT))
                .isTrue();
        assertThat(has("KUB\nNon-obstructive abdominal gas pattern.", "81060008", Assertion.ABSENT)).isTrue();
        assertThat(has("SMALL BOWEL FOLLOW THROUGH\nThe preliminary film shows a nonobstructive gastrointestinal pattern.",
                "81060008", Assertion.ABSENT)).isTrue();
        assertThat(has("ABDOMEN 2 VIEWS\nNonspecific bowel gas pattern.", "81060008", Assertion.ABSENT)).isFalse();
    }

    @Test
    void aBrainMassExplainedAsAMeningiomaIsTheMeningiomaOnly() {
        String s = "MRI HEAD WITH AND WITHOUT CONTRAST\nAvidly enhancing extra-axial mass over the right parietal convexity, "
                + "characteristic of a meningioma.";
        assertThat(has(s, "302820008", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "301766008")).isEmpty();
        assertThat(of(s, MASS)).isEmpty();
        String hedged = "MRI HEAD\nSmall dural-based mass near the tentorium, probably a meningioma.";
        assertThat(has(hedged, "302820008", Assertion.POSSIBLE)).isTrue();
        assertThat(has(hedged, "301766008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void suspiciousCalcificationsInTheImpressionRestateTheDescribedOnes() {
        String s = "DIAGNOSTIC MAMMOGRAM LEFT\nFINDINGS: Spot magnification shows fine linear branching calcifications "
                + "spanning 12 mm at 3 o'clock.\nIMPRESSION: Suspicious calcifications. BI-RADS 4C.";
        assertThat(has(s, "129762002", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "309587003", Assertion.PRESENT)).isFalse();
        // a report naming only general breast calcifications keeps them
        assertThat(has("DIAGNOSTIC MAMMOGRAM RIGHT\nIMPRESSION: Suspicious calcifications in the right breast. BI-RADS 4B.",
                "309587003", Assertion.PRESENT)).isTrue();
    }

    @Test
    void gallstoneRelatedNamesACauseNotASecondGallstoneMention() {
        String s = "CT ABDOMEN WITH CONTRAST\nFINDINGS: Multiple small gallstones. Peripancreatic edema.\n"
                + "IMPRESSION: Mild acute pancreatitis, probably gallstone-related.";
        assertThat(has(s, "235919008", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "235919008", Assertion.POSSIBLE)).isFalse();
        assertThat(has("CT ABDOMEN\nIMPRESSION: Interstitial pancreatitis, likely gallstone induced.", "235919008",
                Assertion.POSSIBLE)).isFalse();
    }

    @Test
    void pancreaticAtrophyExplainedAsChronicPancreatitisIsThePancreatitisOnly() {
        String s = "CT ABDOMEN\nShrunken, atrophic pancreas with scattered calcifications, consistent with chronic pancreatitis.";
        assertThat(has(s, "235494005", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "13331008")).isEmpty();
        // atrophy at the kidney is Atrophy of kidney 197659005 since issue 11cx (a site refinement of 13331008)
        assertThat(has("RENAL ULTRASOUND\nThe left kidney is small and atrophic.", "197659005", Assertion.PRESENT)).isTrue();
    }

    @Test
    void fluidInABursaOrTendonSheathIsNoJointEffusion() {
        assertThat(of("MRI LEFT SHOULDER\nModerate subdeltoid bursal effusion. Supraspinatus tendinosis.", "387637008"))
                .isEmpty();
        assertThat(of("MRI RIGHT ANKLE\nSmall posterior tibial tendon sheath effusion.", "387637008")).isEmpty();
        assertThat(has("MRI RIGHT KNEE\nLarge joint effusion with synovial thickening.", "387637008", Assertion.PRESENT))
                .isTrue();
    }
}
