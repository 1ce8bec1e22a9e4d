package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ah: one test per class of error found on the development split of the MTSamples reports (real
 * transcribed report text): MSK and spine wording (tears, sprains, subluxation, bone contusion, facet arthrosis,
 * foraminal narrowing), the exam's body part as site context (exam titles with "of the left" between their words, MSK,
 * foot, ankle and face exams), general findings that are no finding of their own on such exams, and the mammography
 * disclaimer. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11ahRulesTest extends NlpMentionsTest {

    private static final String TEAR = "RID4714";

    @Test
    void aTearNoSiteRefinesIsNoLabelButASitedTearIs() {
        String s = "MRI LEFT ELBOW\nThere is partial tearing of the common extensor tendon origin. No full-thickness tear.";
        assertThat(of(s, TEAR)).isEmpty();
        // a tear whose site has its own concept is still reported
        assertThat(has("MRI RIGHT KNEE\nRadial tear of the posterior horn of the lateral meniscus.", "239720000",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aSprainIsALigamentInjuryAndAnAclSprainAnAclInjury() {
        String s = "MRI OF THE RIGHT KNEE\nGrade 2 sprain of the medial collateral ligament.";
        assertThat(has(s, "263126002", Assertion.PRESENT)).isTrue();
        assertThat(has("MRI RIGHT KNEE\nMild sprain of the anterior cruciate ligament.", "444470001", Assertion.PRESENT))
                .isTrue();
        assertThat(has("MRI RIGHT KNEE\nNo lateral collateral ligament tear.", "263126002", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aSubluxationIsADislocationOfAJoint() {
        assertThat(has("XR LEFT WRIST\nNo fracture or subluxation.", "108367008", Assertion.ABSENT)).isTrue();
        assertThat(has("Mild lateral subluxation of the patella.", "108367008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aContusionOfABoneIsBoneMarrowEdemaButALungContusionIsNot() {
        String s = "MRI LEFT KNEE\nThere is a contusion in the lateral tibial plateau and in the patella.";
        assertThat(of(s, "6411000179107")).isNotEmpty().allMatch(m -> m.assertion() == Assertion.PRESENT);
        assertThat(of(s, "125667009")).isEmpty();
        assertThat(has("CT CHEST\nRight lower lobe contusion.", "125667009", Assertion.PRESENT)).isTrue();
    }

    @Test
    void facetAndUncovertebralArthrosisIsArthritisOfSpine() {
        assertThat(has("MRI LUMBAR SPINE\nL4-5: moderate facet arthropathy.", "371082009", Assertion.PRESENT)).isTrue();
        assertThat(has("MRI CERVICAL SPINE\nC5-6: uncovertebral joint arthrosis on the left.", "371082009",
                Assertion.PRESENT)).isTrue();
        assertThat(of("MRI CERVICAL SPINE\nC5-6: uncovertebral joint arthrosis on the left.", "396275006")).isEmpty();
    }

    @Test
    void foraminalNarrowingAndStenosisOnASpineExamAreSpinalStenosis() {
        assertThat(has("MRI LUMBAR SPINE\nL4-5: mild narrowing of the neural foramina on both sides.", "76107001",
                Assertion.PRESENT)).isTrue();
        assertThat(has("MRI CERVICAL SPINE\nC6-7: moderate foraminal compromise on the right.", "76107001",
                Assertion.PRESENT)).isTrue();
        // the exam title, with "of the" between its words, makes a bare stenosis spinal
        String s = "CT OF THE LUMBAR SPINE\nNo significant stenosis at any level.";
        assertThat(has(s, "76107001", Assertion.ABSENT)).isTrue();
        assertThat(of(s, "44241007")).isEmpty();
        // "CT scan of the lumbar spine" is a spine exam too: a bare effusion there is a joint's, not the pleura's
        String scan = "CT SCAN OF THE LUMBAR SPINE\nSmall effusion at L4-5 on the right.";
        assertThat(has(scan, "387637008", Assertion.PRESENT)).isTrue();
        assertThat(of(scan, "60046008")).isEmpty();
    }

    @Test
    void edemaLesionAndNarrowingAreNoFindingOfTheirOwnOnAnMskExam() {
        String s = "MRI OF THE LEFT FOOT\nMild edema along the plantar fascia. Interstitial edema of the spring ligament.";
        assertThat(of(s, "79654002")).isEmpty();
        assertThat(of(s, "19242006")).isEmpty();
        String shoulder = "MRI RIGHT SHOULDER\nNarrowing of the subacromial outlet. A small Bankart lesion is possible.";
        assertThat(of(shoulder, "44241007")).isEmpty();
        assertThat(of(shoulder, "52988006")).isEmpty();
        // soft tissue swelling has its own concept and stays; pulmonary edema on a chest exam stays
        assertThat(has("MRI ANKLE\nSoft tissue swelling about the lateral malleolus.", "298349001", Assertion.PRESENT))
                .isTrue();
        assertThat(has("CHEST PA\nInterstitial edema in both lungs.", "19242006", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFootExamTitleMakesABareFractureALowerLimbFracture() {
        String s = "Two views of the right foot.\nA fracture is seen at the base of the fifth metatarsal.\nThe fracture is"
                + " nondisplaced.";
        assertThat(of(s, "46866001")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(of(s, "125605004")).isEmpty();
        assertThat(has("MRI OF THE RIGHT ANKLE\nNo fracture.", "16114001", Assertion.ABSENT)).isTrue();
    }

    @Test
    void opacificationOfASinusOrByContrastIsNoLungOpacity() {
        assertThat(of("CT SINUSES\nOpacification of the left frontal sinus.", "274533004")).isEmpty();
        assertThat(of("BARIUM ENEMA\nContrast flows freely, with opacification of the terminal ileum.", "274533004"))
                .isEmpty();
        assertThat(has("CT CHEST\nPatchy opacification in the right lower lobe.", "274533004", Assertion.PRESENT)).isTrue();
    }

    @Test
    void vocabularyOfCystsAndSegondFracture() {
        String s = "MRI LEFT KNEE\nSubchondral cystic change in the lateral femoral condyle. Small ganglion cyst near the"
                + " popliteus tendon.";
        assertThat(of(s, "367643001")).hasSize(2);
        assertThat(has("MRI LEFT KNEE\nA Segond fracture cannot be excluded.", "428257007", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void theMammographyDisclaimerIsNoFinding() {
        String s = "SCREENING MAMMOGRAM\nNo suspicious mass. A certain percentage of breast cancers will not be detected"
                + " by mammography. Lack of mammographic evidence of malignancy should not delay a biopsy of a palpable"
                + " lump.";
        assertThat(of(s, "1187425009")).isEmpty();
        assertThat(of(s, "108369006")).isEmpty();
        assertThat(has(s, "129788004", Assertion.ABSENT)).isTrue();
    }
    @Test
    void aNegatedSignThatSuggestsAFindingDeniesIt() {
        String s = "MRI BRAIN\nNo area of abnormal signal that would suggest an acute infarct.";
        assertThat(only(s, "432504007").assertion()).isEqualTo(Assertion.ABSENT);
        // without the negation the hedge stands
        assertThat(has("A spiculated margin that suggests malignancy.", "108369006", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void twoSitesNameTwoFindingsNotOneTwice() {
        String s = "CT KUB\nNo renal or ureteric calculi.";
        assertThat(has(s, "386103008", Assertion.ABSENT)).isTrue();
        assertThat(has(s, "95566004", Assertion.ABSENT)).isTrue();
        // a device named with its parts at two places is still one device
        assertThat(of("Port-a-cath via the left chest wall, catheter tip at the cavoatrial junction.", "19923001"))
                .isEmpty();
    }

    @Test
    void moreReportWordingOfBonesSpineSinusesAndBreast() {
        assertThat(has("XR THORACIC SPINE\nMild anterior osteophytic lipping at several levels.", "235231000119100",
                Assertion.PRESENT)).isTrue();
        assertThat(has("XR CERVICAL SPINE\nDegenerative disc and joint disease at C6-7.", "8847002", Assertion.PRESENT))
                .isTrue();
        assertThat(has("CT PELVIS\nNo suspicious osteolytic or osteoblastic lesions.", "879976004", Assertion.ABSENT))
                .isTrue();
        assertThat(of("CT HEAD\nA polyp in the left maxillary sinus.", "68496003")).isEmpty();
        String mammo = "SCREENING MAMMOGRAM\nA scar marker overlies the left breast. No malignant-appearing mass lesion.";
        assertThat(of(mammo, "12402003")).isEmpty();
        assertThat(of(mammo, "52988006")).isEmpty();
        assertThat(has(mammo, "129788004", Assertion.ABSENT)).isTrue();
        assertThat(has("SCREENING MAMMOGRAM\nNo areas of architecture distortion.", "129792006", Assertion.ABSENT))
                .isTrue();
        // "ultrasound of the kidneys" names a renal exam: a bare stone is a renal stone
        assertThat(has("ULTRASOUND OF THE KIDNEYS\nNo stone or hydronephrosis.", "386103008", Assertion.ABSENT)).isTrue();
    }
}
