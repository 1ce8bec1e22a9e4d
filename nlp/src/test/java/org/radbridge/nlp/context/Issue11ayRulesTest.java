package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ay: chest radiograph and chest CT rules, one test per class of error fixed by data rows (context
 * triggers, normal statements, not-findings, explained-by, refinements, synonyms). The sentences are new wording, not
 * copied from an evaluation set.
 */
class Issue11ayRulesTest extends NlpMentionsTest {

    private static final String PNEUMOTHORAX = "36118008";
    private static final String PNEUMONIA = "233604007";
    private static final String ATELECTASIS = "46621007";
    private static final String CARDIOMEGALY = "8186001";
    private static final String LUNG_OPACITY = "274533004";
    private static final String PARATRACHEAL_ADENOPATHY = "23794001";
    private static final String PLEURAL_THICKENING = "73725006";
    private static final String SCAR = "12402003";
    private static final String CONGESTION = "196115007";
    private static final String PACEMAKER = "441509002";
    private static final String CALCIFICATION = "18115005";
    private static final String PULMONARY_GRANULOMA = "101401000119103";
    private static final String PLEURAL_PLAQUE = "233659006";
    private static final String CVC = "52124006";
    private static final String FOREIGN_BODY = "19227008";
    private static final String CATHETER = "19923001";
    private static final String CHEST_TUBE = "RID5573";

    @Test
    void negForIsDictatedNegativeFor() {
        assertThat(only("Neg for PTX after the line placement.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("CXR neg for pneumonia.", PNEUMONIA).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aHedgedTechnicalCauseAfterButHedgesTheEnlargedHeart() {
        assertThat(only("The heart looks enlarged but this may be due to AP technique.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // "appears large" is the size judgement itself, hedged by the concession that follows it
        assertThat(only("The heart appears large, although this could be accentuated by rotation.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("On this portable film the heart appears large.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theItemsADifferentialWouldIncludeArePossible() {
        String s = "The differential for this left basal density would include atelectasis and early pneumonia.";
        assertThat(only(s, ATELECTASIS).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only(s, PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void anOpacityPutDownToSummationIsNoFinding() {
        assertThat(of("Patchy density at the right base, probably summation artifact.", LUNG_OPACITY)).isEmpty();
        assertThat(of("Vague left midzone shadowing is overlapping shadows on the frontal view only.", LUNG_OPACITY)).isEmpty();
        // a real opacity stays
        assertThat(only("Patchy opacity at the right base, not a summation artifact.", LUNG_OPACITY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aWidenedOrFullParatrachealStripeIsPossibleAdenopathy() {
        for (String s : List.of("Widened left paratracheal stripe compared to last year.",
                "The right paratracheal stripe is slightly thickened.", "Right paratracheal soft tissue fullness on the frontal view.")) {
            assertThat(only(s, PARATRACHEAL_ADENOPATHY).assertion()).as(s).isEqualTo(Assertion.POSSIBLE);
        }
        assertThat(only("No right paratracheal fullness today.", PARATRACHEAL_ADENOPATHY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of("The right paratracheal stripe is of normal width.", PARATRACHEAL_ADENOPATHY)).isEmpty();
    }

    @Test
    void pleuralParenchymalScarringIsPleuralThickeningAndAScar() {
        String s = "Apical pleuroparenchymal scarring on the right, as before.";
        assertThat(only(s, PLEURAL_THICKENING).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has(s, SCAR, Assertion.PRESENT)).isTrue();
        assertThat(only("No apical pleural-parenchymal scar.", PLEURAL_THICKENING).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aCollapsedLobeIsAtelectasisAndItsReExpansionDeniesIt() {
        assertThat(only("The right upper lobe is again collapsed.", ATELECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("The lingula remains partially collapsed.", ATELECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Interval re-expansion of the collapsed right middle lobe.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(of("The right middle lobe is no longer collapsed and the lung is clear.", ATELECTASIS))
                .noneMatch(m -> m.assertion() == Assertion.PRESENT);
    }

    @Test
    void increasedPulmonaryVascularityStatedAfterItsSubjectIsCongestion() {
        assertThat(only("Pulmonary vasculature is mildly engorged.", CONGESTION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Pulmonary vascularity is not increased.", CONGESTION)).noneMatch(m -> m.assertion() == Assertion.PRESENT);
    }

    @Test
    void epicardialPacingWiresAreNoPacemaker() {
        assertThat(of("Temporary epicardial pacing wires and two mediastinal drains.", PACEMAKER)).isEmpty();
        assertThat(only("Left chest wall pacemaker with two leads.", PACEMAKER).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theCalcificationOfAGranulomaOrPleuralPlaqueIsNoSecondFinding() {
        String granuloma = "Left lower lobe nodule with dense central calcification, consistent with a granuloma.";
        assertThat(of(granuloma, CALCIFICATION)).isEmpty();
        assertThat(has(granuloma, PULMONARY_GRANULOMA, Assertion.PRESENT)).isTrue();
        String plaques = "Bilateral pleural plaques, a few of them calcified, from asbestos exposure.";
        assertThat(of(plaques, CALCIFICATION)).isEmpty();
        assertThat(has(plaques, PLEURAL_PLAQUE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void chestDevicesByTheirReportWords() {
        assertThat(has("Left pleural tube in place, no pneumothorax.", CHEST_TUBE, Assertion.PRESENT)).isTrue();
        // a pigtail catheter ending at a lung base drains the pleural space
        String pigtail = "Right pigtail catheter at the left base, effusion smaller.";
        assertThat(of(pigtail, CATHETER)).isEmpty();
        assertThat(has(pigtail, CHEST_TUBE, Assertion.PRESENT)).isTrue();
        // a port's catheter on the chest wall is the port (a central venous catheter), not a chest tube
        assertThat(of("Right chest wall port; its catheter ends in the lower SVC.", CHEST_TUBE)).isEmpty();
        assertThat(has("Right IJ introducer with tip in the SVC.", CVC, Assertion.PRESENT)).isTrue();
        assertThat(has("Left IJ port, tip at the cavoatrial junction.", CVC, Assertion.PRESENT)).isTrue();
        // a pigtail drain in an abdominal collection stays a catheter
        assertThat(has("Pigtail drainage catheter in the right upper quadrant collection.", CATHETER, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aCoinOnAFilmIsAForeignBodyButACoinLesionIsNot() {
        assertThat(only("A swallowed coin lies over the stomach.", FOREIGN_BODY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Round opacity, possibly a coin lesion.", FOREIGN_BODY)).isEmpty();
    }

    @Test
    void aMimicOfferedInARelativeClauseLeavesTheNodulePossible() {
        assertThat(only("Round 8 mm nodular density over the left lower zone which could represent a nipple shadow.", "786838002")
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        // a confident mimic still explains it away
        assertThat(of("Round 8 mm nodular density over the left lower zone, most likely a nipple shadow.", "786838002")).isEmpty();
    }

    @Test
    void aValveProsthesisNamedWithItsValveIsAHeartValveProsthesis() {
        String s = "Mitral valve prosthesis and sternal wires are unchanged.";
        assertThat(has(s, "25510005", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "53350007")).isEmpty();
    }

    @Test
    void vascularEctasiaOfferedForAWideMediastinumIsAorticDilatation() {
        assertThat(only("Prominent upper mediastinum, which could be vascular ectasia.", "26660001").assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aDiseaseTreatedBeforeTheFilmIsHistory() {
        String s = "Follow-up radiograph after treated pneumonia; the lungs are now clear.";
        assertThat(of(s, PNEUMONIA)).isNotEmpty().noneMatch(m -> m.assertion() == Assertion.PRESENT
                && m.temporality() == org.radbridge.nlp.FindingMention.Temporality.CURRENT);
    }

    @Test
    void aDictatedMoreLikelyThanHedgesBothSides() {
        for (String s : List.of("Streaky right basal density, atelectasis > early pneumonia.",
                "Right basal atelectasis more likely than pneumonia.")) {
            assertThat(only(s, ATELECTASIS).assertion()).as(s).isEqualTo(Assertion.POSSIBLE);
            assertThat(only(s, PNEUMONIA).assertion()).as(s).isEqualTo(Assertion.POSSIBLE);
        }
        // a '>' before a number is a size, no hedge
        assertThat(only("Left lower lobe nodule > 8 mm, new since the last film.", "786838002").assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theContractedCannotExcludeHedges() {
        assertThat(only("Can't exclude a small right pneumothorax.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Early left basal pneumonia can't be ruled out.", PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aLucentLesionIsABoneLesion() {
        assertThat(only("Small lucent lesion in the left scapula, likely benign.", "879976004").assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aCollapsedLungIsAtelectasisAndItsExpansionDeniesIt() {
        assertThat(has("The right lung is completely collapsed behind a large pneumothorax.", ATELECTASIS, Assertion.PRESENT)).isTrue();
        assertThat(only("Expansion of the previously collapsed right lung after tube placement.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void anAorticAneurysmWithoutASegmentOnAChestReportIsThoracic() {
        assertThat(only("CT CHEST: Lungs are clear. There is no aortic aneurysm.", "433068007").assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(of("CT CHEST: Lungs are clear. There is no aortic aneurysm.", "67362008")).isEmpty();
    }

    @Test
    void fluidInALungFissureIsPleuralFluid() {
        assertThat(only("A little fluid tracking into the left major fissure.", "60046008").assertion()).isEqualTo(Assertion.PRESENT);
        // a denial in a list stays a denial (dictionary terms, so the negation reaches them)
        assertThat(of("No pleural effusion or fluid in the fissures today.", "60046008"))
                .isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        // the sylvian fissure is in the brain
        assertThat(of("Subarachnoid blood layering in the left sylvian fissure.", "60046008")).isEmpty();
    }

    @Test
    void aCardiothoracicRatioAboveOneHalfIsAnEnlargedHeart() {
        assertThat(only("On the PA view the CTR is 0.62.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Cardiothoracic ratio measures approximately 0.44; lungs clear.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
    }
}
