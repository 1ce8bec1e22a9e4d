package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11cp: chest classes of the v29 development set fixed by data rows: the Scandinavian "stasis" for pulmonary
 * venous congestion (and stasis of other organs, which is not), Scandinavian report headings ("Referral:",
 * "Description:"), heart-size statements in new wordings, hilar nodes of normal size, a finding "now normalised",
 * voice-recognition slips ("hart", "Monya thorax", "in filtrate"), pseudolesions that "are" soft tissue or a
 * costochondral junction, pacing devices, a multinodular thyroid and bihilar lymphadenopathy. The sentences are new
 * wording, not copied from an evaluation set.
 */
class Issue11cpRulesTest extends NlpMentionsTest {

    private static final String CONGESTION = "196115007";
    private static final String CARDIOMEGALY = "8186001";
    private static final String HEART_FAILURE = "84114007";
    private static final String PNEUMONIA = "233604007";
    private static final String HILAR_LYMPHADENOPATHY = "87500009";
    private static final String BILATERAL_HILAR_ADENOPATHY = "264508001";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String INFILTRATE = "409609008";
    private static final String OPACITY = "274533004";
    private static final String LUNG_NODULE = "786838002";
    private static final String PACEMAKER = "441509002";
    private static final String MULTINODULAR_GOITRE = "237570007";

    @Test
    void stasisOnAChestFilmIsPulmonaryCongestion() {
        assertThat(has("Normal heart size. No stasis. No pleural fluid.", CONGESTION, Assertion.ABSENT)).isTrue();
        assertThat(has("Heart not enlarged, no signs of stasis.", CONGESTION, Assertion.ABSENT)).isTrue();
        assertThat(has("Mild pulmonary stasis with distended upper lobe veins.", CONGESTION, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Increasing stasis and small bilateral effusions.", CONGESTION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void stasisOfOtherOrgansIsNoPulmonaryCongestion() {
        assertThat(of("Mild urinary stasis in the left renal pelvis.", CONGESTION)).isEmpty();
        assertThat(of("Biliary stasis with a dilated common bile duct.", CONGESTION)).isEmpty();
        assertThat(of("Venous stasis changes of the lower leg.", CONGESTION)).isEmpty();
        assertThat(of("Faecal stasis in the right colon.", CONGESTION)).isEmpty();
    }

    @Test
    void scandinavianReferralHeadingIsTheRequest() {
        String report = "THORAX\nReferral: Known heart failure, more breathless. Pneumonia?\n"
                + "Description: Normal heart size. No stasis. No infiltrates.\nAssessment: Normal findings.";
        assertThat(has(report, HEART_FAILURE, Assertion.PRESENT)).isFalse();
        assertThat(has(report, PNEUMONIA, Assertion.PRESENT)).isFalse();
        assertThat(has(report, CONGESTION, Assertion.ABSENT)).isTrue();
        assertThat(has(report, CARDIOMEGALY, Assertion.ABSENT)).isTrue();
    }

    @Test
    void heartSizeStatementsInOtherWordings() {
        assertThat(has("Heart size within normal.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The cardiac size and contour are within normal.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The heart size is within the normal range.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The heart is a normal size and the lungs are clear.", CARDIOMEGALY, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Heart and thymus normal.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The cardiothymic shadow is normal.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        // a slight prominence is a possible cardiomegaly, an enlarged heart stays present
        assertThat(has("Mild prominence of the cardiac silhouette.", CARDIOMEGALY, Assertion.POSSIBLE)).isTrue();
        assertThat(has("The heart is enlarged.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void hilarNodesOfNormalSizeDenyHilarLymphadenopathy() {
        assertThat(has("The hilar lymph nodes are of normal size.", HILAR_LYMPHADENOPATHY, Assertion.ABSENT))
                .isTrue();
        assertThat(has("The hilar nodes are not enlarged.", HILAR_LYMPHADENOPATHY, Assertion.ABSENT)).isTrue();
        assertThat(has("Enlarged hilar lymph nodes on the right.", HILAR_LYMPHADENOPATHY, Assertion.PRESENT))
                .isTrue();
        // the hila themselves, not their nodes: most writers label nothing
        assertThat(of("The hila are not enlarged.", HILAR_LYMPHADENOPATHY)).isEmpty();
    }

    @Test
    void aFindingThatHasNormalisedIsAbsent() {
        assertThat(has("Regression of the hilar lymphadenopathy, now normalised.", HILAR_LYMPHADENOPATHY,
                Assertion.PRESENT)).isFalse();
        assertThat(has("The hilar lymphadenopathy has returned to normal size.", HILAR_LYMPHADENOPATHY,
                Assertion.ABSENT)).isTrue();
        assertThat(has("The hilar lymphadenopathy is smaller but persists.", HILAR_LYMPHADENOPATHY,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void voiceRecognitionSlips() {
        assertThat(has("The hart size is normal.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("No new Monya thorax.", PNEUMOTHORAX, Assertion.ABSENT)).isTrue();
        assertThat(has("Small left apical monia thorax.", PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
        assertThat(has("There is a left upper lobe in filtrate.", INFILTRATE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aPseudolesionThatIsSoftTissueOrACostochondralJunctionIsNoFinding() {
        String soft = "Right basal opacity is likely overlying soft tissue; no consolidation.";
        assertThat(has(soft, OPACITY, Assertion.PRESENT)).isFalse();
        assertThat(has(soft, OPACITY, Assertion.POSSIBLE)).isFalse();
        String junction = "The nodule over the left 1st anterior rib is the costochondral junction.";
        assertThat(has(junction, LUNG_NODULE, Assertion.PRESENT)).isFalse();
        assertThat(has("Nodular opacity in the right mid zone, 8 mm.", OPACITY, Assertion.PRESENT)
                || has("Nodular opacity in the right mid zone, 8 mm.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void pacingDevicesAreAPacemakerInSitu() {
        assertThat(has("Biventricular pacing device with its leads in satisfactory position.", PACEMAKER,
                Assertion.PRESENT)).isTrue();
        assertThat(has("Left chest wall CRT-P with three leads.", PACEMAKER, Assertion.PRESENT)).isTrue();
    }

    @Test
    void chestWordingForGoitreAndHilarNodes() {
        assertThat(has("Enlarged multinodular thyroid with retrosternal extension.", MULTINODULAR_GOITRE,
                Assertion.PRESENT)).isTrue();
        FindingMention bihilar = only("Bilateral perihilar lymphadenopathy and a small right effusion.", BILATERAL_HILAR_ADENOPATHY);
        assertThat(bihilar.assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aDiagnosisToBeConsideredIsPossible() {
        assertThat(has("Innumerable tiny nodules in both lungs, tuberculosis to be considered.", "154283005",
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Cavitating opacity in the right upper zone; tuberculosis needs to be considered.", "154283005",
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Cavitating opacity in the right upper zone; tuberculosis needs to be considered.", "154283005",
                Assertion.PRESENT)).isFalse();
    }

    @Test
    void aChambersEnlargementIsNoCardiomegaly() {
        assertThat(of("Left atrial enlargement with splaying of the carina.", CARDIOMEGALY)).isEmpty();
        assertThat(of("The left atrium is enlarged.", CARDIOMEGALY)).isEmpty();
        assertThat(has("Cardiomegaly with biatrial enlargement.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
    }
}
