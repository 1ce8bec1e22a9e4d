package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11al: one test per class of error found in the abdomen, neuro, MSK and breast items of set v15 and
 * in the development split of the MTSamples reports. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11alRulesTest extends NlpMentionsTest {

    private static final String MASS = "4147007", BRAIN_LESION = "301766008";

    @Test
    void aMassOfTheBrainIsABrainLesion() {
        // stated at a brain site, and bare on a head exam
        String sited = "MRI BRAIN WITH CONTRAST\nRing-enhancing mass in the left occipital lobe, 14 mm.";
        assertThat(has(sited, BRAIN_LESION, Assertion.PRESENT)).isTrue();
        assertThat(of(sited, MASS)).isEmpty();
        String bare = "CT HEAD WITHOUT CONTRAST\nNo hemorrhage, mass or acute infarct.";
        assertThat(has(bare, BRAIN_LESION, Assertion.ABSENT)).isTrue();
        assertThat(of(bare, MASS)).isEmpty();
        // a mass elsewhere keeps its own site
        assertThat(has("CT CHEST\nNo mass.", "309529002", Assertion.ABSENT)).isTrue();
    }

    @Test
    void anIntactStructureOfTheKneeOrShoulderIsAnAbsentTear() {
        assertThat(has("MRI LEFT KNEE\nThe medial and lateral menisci are intact.", "239720000", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI LEFT KNEE\nAnterior cruciate ligament is intact.", "444470001", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI RIGHT KNEE\nCruciate ligaments intact.", "444470001", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI SHOULDER\nThe glenoid labrum appears intact.", "202332000", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI SHOULDER\nRotator cuff tendons are intact.", "307731004", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI KNEE\nThe medial and lateral collateral ligaments are intact.", "263126002", Assertion.ABSENT))
                .isTrue();
        // a graft or a torn structure is no such statement
        assertThat(of("MRI KNEE\nThe ACL graft is intact.", "444470001")).isEmpty();
        assertThat(has("MRI KNEE\nThe ACL is not intact.", "444470001", Assertion.ABSENT)).isFalse();
    }

    @Test
    void breastImplantsAreNoFindingOnABreastExamButTheirIntegrityIs() {
        String s = "MRI BREASTS\nBilateral saline implants are intact. No suspicious enhancement.";
        assertThat(of(s, "40388003")).isEmpty();
        assertThat(has(s, "237473006", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI BREASTS\nExtracapsular rupture of the right silicone implant.", "237473006", Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void suspiciousOrProbablyBenignGradesAFindingThatIsPresent() {
        assertThat(has("RIGHT BREAST ULTRASOUND\nIMPRESSION: Highly suspicious right breast mass at 2 o'clock.",
                "129788004", Assertion.PRESENT)).isTrue();
        assertThat(has("LEFT BREAST ULTRASOUND\nProbably benign oval left breast mass, short-interval follow-up.",
                "129788004", Assertion.PRESENT)).isTrue();
        assertThat(has("DIAGNOSTIC MAMMOGRAM\nSuspicious grouped calcifications in the left breast.", "309587003",
                Assertion.POSSIBLE)).isFalse();
        // "suspicious for" still hedges what it names, and a negated list stays negated
        String s = "Irregular right upper lobe mass, highly suspicious for malignancy.";
        assertThat(has(s, "108369006", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "108369006", Assertion.PRESENT)).isFalse();
        assertThat(has("No consolidation, suspicious nodule or effusion.", "60046008", Assertion.ABSENT)).isTrue();
    }

    @Test
    void theFavouredItemOfADifferentialIsPossible() {
        String s = "MRI BRAIN\nSolitary enhancing lesion in the right frontal lobe, abscess favored.";
        assertThat(has(s, "128477000", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "128477000", Assertion.PRESENT)).isFalse();
        assertThat(has("Lower lobe consolidation, aspiration favoured.", "68052005", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void bowelIschaemiaIsNoBowelInfarction() {
        assertThat(of("Thickened small bowel loops with poor enhancement, worrisome for bowel ischemia.", "22323009"))
                .isEmpty();
        assertThat(has("Segment of infarcted bowel in the left lower quadrant.", "22323009", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aPericolicAbscessIsAnAbdominalAbscessAndEnterographyIsAnAbdominalExam() {
        assertThat(has("Possible 2 cm pericolonic abscess near the descending colon.", "75100008", Assertion.POSSIBLE))
                .isTrue();
        assertThat(has("MR ENTEROGRAPHY\nFINDINGS: No abscess or fistula.", "75100008", Assertion.ABSENT)).isTrue();
        // pericolic stranding around a diverticulum stays colonic diverticulitis
        assertThat(has("Pericolic stranding around a sigmoid diverticulum, acute diverticulitis.", "4494009",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void spursGangliaAndHaemorrhagicQualifiersNameOneFinding() {
        assertThat(has("XR LEFT KNEE\nMarginal spur formation at the medial tibial plateau.", "235231000119100",
                Assertion.PRESENT)).isTrue();
        assertThat(has("MRI WRIST\nSmall dorsal ganglion arising from the scapholunate interval.", "367643001",
                Assertion.PRESENT)).isTrue();
        assertThat(of("MRI LUMBAR SPINE\nThe L5 dorsal root ganglion is unremarkable.", "367643001")).isEmpty();
        String cyst = "PELVIC ULTRASOUND\nRight ovarian hemorrhagic cyst measuring 3 cm.";
        assertThat(of(cyst, "50960005")).isEmpty();
        assertThat(has(cyst, "447249001", Assertion.PRESENT)).isTrue();
        String contusion = "CT HEAD\nSmall hemorrhagic contusion in the left temporal lobe.";
        assertThat(has(contusion, "125667009", Assertion.PRESENT)).isTrue();
        assertThat(of(contusion, "1386000")).isEmpty();
        assertThat(of("CT SINUS\nSmall mucous retention cyst in the left maxillary sinus.", "367643001")).isEmpty();
    }

    @Test
    void aGeneralFindingRestatedInTheImpressionIsTheSpecificOne() {
        String s = "CT ABDOMEN\nFINDINGS: 4 mm stone in the lower pole of the left kidney.\nIMPRESSION: Small calculus.";
        assertThat(has(s, "386103008", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "RID4994")).isEmpty();
        // a general finding at a site of its own is another finding and stays
        String two = "CT ABDOMEN\nFINDINGS: Renal cyst on the right. Cyst in the spleen.";
        assertThat(has(two, "722223000", Assertion.PRESENT)).isTrue();
        assertThat(has(two, "367643001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aStoneAtAPoleIsARenalStone() {
        assertThat(has("CT ABDOMEN\n3 mm non-obstructing left upper pole calculus.", "386103008", Assertion.PRESENT))
                .isTrue();
        assertThat(has("RENAL ULTRASOUND\n1 cm simple cyst in the right interpolar region.", "722223000", Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void anAbnormalLymphNodeIsLymphadenopathyAtItsSite() {
        assertThat(has("BREAST ULTRASOUND\nAbnormal left axillary lymph node, cortex 6 mm.", "127189005", Assertion.PRESENT))
                .isTrue();
        assertThat(has("CT CHEST\nNo abnormal lymph nodes in the mediastinum.", "52324001", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aDisruptedAclIsATornOneAndNphIsHydrocephalus() {
        assertThat(has("MRI RIGHT KNEE\nDisruption of the anterior cruciate ligament with a joint effusion.", "444470001",
                Assertion.PRESENT)).isTrue();
        // issue 11bx: NPH is now its own concept, Normal pressure hydrocephalus 30753002 (a kind of Hydrocephalus 230745008)
        assertThat(has("CT HEAD\nEnlarged ventricles, NPH is a consideration.", "30753002", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void aHedgeWithAlsoInsideItIsStillAHedge() {
        assertThat(has("MRI CERVICAL SPINE\nAt C5-6 there may also be mild narrowing of the neural foramina.", "76107001",
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("A small joint effusion may also be present.", "387637008", Assertion.PRESENT)).isFalse();
    }

    @Test
    void aMicroperforationIsABowelPerforation() {
        assertThat(has("CT ABDOMEN\nDescending colon diverticulitis with a contained microperforation.", "56905009",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aClassNamedBeforeItsExampleIsNotTheExample() {
        String s = "MRI BRAIN\nPeriventricular lesions, consistent with a demyelinating process such as multiple sclerosis.";
        assertThat(has(s, "24700007", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "24700007", Assertion.PRESENT)).isFalse();
        // named alone, the class still counts
        assertThat(has("MRI BRAIN\nStable demyelinating disease.", "24700007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void vascularCalcificationsOnAMammogramAreTheBreastsAndCoarseOnesInThePancreasNoBreastFinding() {
        String s = "BILATERAL SCREENING MAMMOGRAM\nScattered vascular calcifications. No suspicious mass.";
        assertThat(has(s, "129759000", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "28960008")).isEmpty();
        String p = "CT ABDOMEN\nCoarse calcifications throughout the pancreatic head, chronic pancreatitis.";
        assertThat(of(p, "129749001")).isEmpty();
        assertThat(has(p, "235494005", Assertion.PRESENT)).isTrue();
        assertThat(has("MAMMOGRAM\nCoarse calcifications in the right breast.", "129749001", Assertion.PRESENT)).isTrue();
    }
}
