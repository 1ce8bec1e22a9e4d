package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11t: the label conventions of session 23 (notes/s23/conventions.md) as the NLP emits them, the stated
 * site that keeps the region's default site away, and one test per class of error fixed on the development sets. The
 * sentences are new wording, not copied from an evaluation set.
 */
class Issue11tRulesTest extends NlpMentionsTest {

    @Test
    void sternalWiresAreNoFinding() {
        for (String s : List.of("Intact sternal wires after CABG.", "Sternotomy wires are unchanged in alignment.")) {
            assertThat(of(s, "27065002")).as(s).isEmpty();
        }
    }

    @Test
    void kerleyLinesAloneAreNotOedema() {
        assertThat(of("A few septal lines at the right base.", "19242006")).isEmpty();
        assertThat(has("Septal lines with interstitial oedema at both bases.", "19242006", Assertion.PRESENT)).isTrue();
    }

    @Test
    void interstitialInfiltratesAreALungOpacity() {
        String s = "Coarse bilateral interstitial infiltrates.";
        assertThat(has(s, "274533004", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "409609008")).isEmpty();
    }

    @Test
    void freePeritonealFluidIsAscites() {
        assertThat(has("Moderate free intraperitoneal fluid around the liver.", "389026000", Assertion.PRESENT)).isTrue();
        assertThat(has("There is no free fluid in the abdomen.", "389026000", Assertion.ABSENT)).isTrue();
    }

    @Test
    void smallVesselIschaemicChangeIsLeukoencephalopathy() {
        assertThat(has("Moderate small vessel ischaemic change in the deep white matter.", "22811006", Assertion.PRESENT)).isTrue();
    }

    @Test
    void atrophyOfTheBrainIsCerebralDegeneration() {
        assertThat(has("CT HEAD WITHOUT CONTRAST\nModerate generalised atrophy. No haemorrhage.", "418143002", Assertion.PRESENT)).isTrue();
        assertThat(has("Brain volume loss beyond that expected for age.", "418143002", Assertion.PRESENT)).isTrue();
        // an atrophic kidney stays the morphology at its own site
        assertThat(of("Small atrophic left kidney.", "418143002")).isEmpty();
    }

    @Test
    void aFemoralNeckFractureIsAFractureOfTheFemur() {
        String s = "Impacted left femoral neck fracture.";
        assertThat(has(s, "71620000", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "700097003")).isEmpty();
    }

    @Test
    void aCalculusAtAUreteralJunctionIsUrolithiasisWithASnomedCode() {
        String s = "A 4 mm calculus lodged at the left vesicoureteric junction.";
        assertThat(has(s, "95566004", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "RID38587")).isEmpty();
        assertThat(nlp.analyze("t", s).mentions()).allMatch(m -> m.conceptCode() != null && !m.conceptCode().startsWith("RID"));
    }

    @Test
    void anInfectiousLungProcessIsPneumonia() {
        assertThat(only("Left lower lobe airspace opacity, most likely infectious.", "233604007").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // an infected colon is colitis
        assertThat(of("Long segment wall thickening of the sigmoid, in keeping with infectious colitis.", "233604007")).isEmpty();
    }

    @Test
    void bullousChangeIsEmphysema() {
        assertThat(has("Bullous change at both apices.", "87433001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aStatedSiteInAnotherRegionKeepsTheDefaultSiteAway() {
        String s = "PA chest: the lungs are clear. Healing tuberculosis of the lumbar spine.";
        assertThat(of(s, "154283005")).isEmpty();
        FindingMention tb = only(s, "56717001");
        assertThat(tb.bodySiteDisplay()).containsIgnoringCase("lumbar");
        // without a site of its own the chest's tuberculosis stays pulmonary
        assertThat(has("PA chest: old tuberculosis at the apex. Heart normal.", "154283005", Assertion.PRESENT)).isTrue();
        // a site elsewhere in the sentence is not the finding's own: the effusion of a chest report stays pleural
        assertThat(has("Chest radiograph: right lower lobe consolidation and a small effusion.", "60046008", Assertion.PRESENT)).isTrue();
    }

    // --- classes of error of blind-v10 (a development set from session 23) ---

    @Test
    void aQueryMarkWithASpaceHedgesWhatFollowsAStatedFinding() {
        assertThat(only("Right basal opacity, ? pneumonia.", "233604007").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Ill-defined opacity at the left base ? consolidation.", "95436008").assertion()).isEqualTo(Assertion.POSSIBLE);
        // on its own it is still the requester's question
        assertThat(of("Reason for study: ? pneumothorax", "36118008")).isEmpty();
    }

    @Test
    void suggestiveOfShorthandHedges() {
        assertThat(only("Patchy opacity at the right base s/o early consolidation.", "95436008").assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void theLeadingConsiderationAndADifferentialArePossible() {
        String s = "Cavitating right upper lobe mass; carcinoma is the leading consideration, with tuberculosis a differential.";
        assertThat(has(s, "1187425009", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "1187425009", Assertion.PRESENT)).isFalse();
        assertThat(has(s, "154283005", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "154283005", Assertion.PRESENT)).isFalse();
    }

    @Test
    void indianAndUkChestWordingIsKnown() {
        assertThat(has("PA chest: old Koch's at the left apex.", "154283005", Assertion.PRESENT)).isTrue();
        assertThat(has("Fibrotic strands at the right apex.", "51615001", Assertion.PRESENT)).isTrue();
        assertThat(has("Cephalisation of the pulmonary vessels.", "196115007", Assertion.PRESENT)).isTrue();
        assertThat(has("Cardiomegaly with vascular redistribution.", "196115007", Assertion.PRESENT)).isTrue();
        assertThat(has("Generalised osteopaenia.", "312894000", Assertion.PRESENT)).isTrue();
        assertThat(has("Erect chest: no free gas under the diaphragm.", "RID4803", Assertion.ABSENT)).isTrue();
        assertThat(has("There is no bony injury.", "125605004", Assertion.ABSENT)).isTrue();
    }

    @Test
    void partsOfAnOrganNameTheOrgan() {
        assertThat(has("Undisplaced fracture of the right midclavicle.", "58150001", Assertion.PRESENT)).isTrue();
        // the quadrant places the calcifications in the breast (Calcification of breast, or a BI-RADS kind of it)
        assertThat(nlp.analyze("t", "Clustered calcifications in the lower inner quadrant.").mentions())
                .isNotEmpty().allMatch(m -> "76752008".equals(m.bodySiteSnomed()));
    }

    @Test
    void externalDefibrillatorPadsAreNoImplantedDevice() {
        assertThat(of("External defibrillator pads project over the left chest.", "443325000")).isEmpty();
    }

    @Test
    void mriSignalFociAreT2Hyperintensities() {
        assertThat(has("A few FLAIR hyperintense foci in the frontal white matter.", "RID39467", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aSpineExamTitleMakesDegenerativeChangeSpondylosis() {
        String s = "MRI CERVICAL SPINE\nFINDINGS: Broad-based disc bulges at C4-5 and C5-6.\nIMPRESSION: Degenerative changes.";
        assertThat(has(s, "8847002", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "396275006")).isEmpty();
    }

    @Test
    void anExampleOfASuggestedCategoryIsPossible() {
        String s = "Ovoid callosal lesions, an appearance seen in conditions such as multiple sclerosis.";
        assertThat(has(s, "24700007", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "24700007", Assertion.PRESENT)).isFalse();
    }

    @Test
    void britishHaemorrhagicWording() {
        assertThat(has("MRI head: subacute left parietal infarct; no haemorrhagic transformation.", "230706003", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aHedgedMimicLeavesTheFindingPossible() {
        assertThat(only("Apparent nodule at the right base, possibly a nipple shadow.", "786838002").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Possible small nodule at the left base, probably a nipple shadow.", "786838002").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // a mimic stated without a hedge, or with a confident one, explains the finding away
        assertThat(of("Rounded density at the left base is a nipple shadow.", "786838002")).isEmpty();
        assertThat(of("Rounded density at the left base most likely represents a nipple shadow.", "786838002")).isEmpty();
    }

    @Test
    void extubationSinceTheLastFilmIsNoTubeInPlace() {
        assertThat(has("Portable chest: interval extubation; lungs clear.", "419991009", Assertion.ABSENT)).isTrue();
        assertThat(has("Portable chest: interval extubation; lungs clear.", "419991009", Assertion.PRESENT)).isFalse();
    }

    @Test
    void whatAScreeningTestCanShowIsNoFinding() {
        assertThat(nlp.analyze("t", "A plain film is an insensitive screening test for early lung cancer.").mentions()).isEmpty();
    }

    @Test
    void aHedgeOnWhichKnownFindingItIsDoesNotHedgeTheObservation() {
        // neither the density nor the known nodule it is matched to is a possible finding
        String s = "A 1 cm nodular density projects over the right upper zone, likely corresponding to the known nodule.";
        assertThat(has(s, "786838002", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "786838002", Assertion.POSSIBLE)).isFalse();
    }
}
