package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bb: chest radiograph and chest CT rules for the wording of real reports (second opinions, dictation
 * by voice recognition, post-operative and trauma films), one test per class of error fixed by data rows (context
 * triggers, normal statements, not-findings, misspellings, synonyms). The sentences are new wording, not copied from an
 * evaluation set.
 */
class Issue11bbRulesTest extends NlpMentionsTest {

    private static final String PNEUMOTHORAX = "36118008";
    private static final String PNEUMONIA = "233604007";
    private static final String ATELECTASIS = "46621007";
    private static final String CARDIOMEGALY = "8186001";
    private static final String EFFUSION = "60046008";
    private static final String CONGESTION = "196115007";
    private static final String ASTHMA = "195967001";
    private static final String LUNG_MASS = "309529002";
    private static final String NODULE = "786838002";
    private static final String CALCIFICATION = "18115005";
    private static final String PULMONARY_GRANULOMA = "101401000119103";
    private static final String TUBERCULOSIS = "154283005";
    private static final String PROSTHESIS = "53350007";
    private static final String ILD = "233703007";
    private static final String BILATERAL_HILAR_ADENOPATHY = "264508001";
    private static final String PNEUMOPERITONEUM = "RID4803";
    private static final String CHEST_TUBE = "RID5573";
    private static final String MULTIPLE_NODULES = "445249002";
    private static final String PLEURAL_CALCIFICATION = "32931001";
    private static final String PLEURAL_PLAQUE = "233659006";

    @Test
    void aDrainedEffusionIsGone() {
        assertThat(only("The left effusion has been completely drained since this morning.", EFFUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Both effusions have been drained.", EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        // a partial drainage leaves the effusion on the film
        assertThat(only("The right effusion has been partially drained.", EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void whatADiseaseCanLookLikeInGeneralIsNoFinding() {
        assertThat(of("Early asthma can give a normal film.", ASTHMA)).isEmpty();
        assertThat(has("Viral pneumonia may present with a normal chest radiograph in its first days.", PNEUMONIA,
                Assertion.PRESENT)).isFalse();
    }

    @Test
    void theOutsideReadersFindingIsTheQuestionOfASecondOpinion() {
        assertThat(has("The outside radiologist raised a right hilar mass.", LUNG_MASS, Assertion.PRESENT)).isFalse();
        assertThat(has("The shadow that was called a nodule by the outside reader is a rib island.", NODULE, Assertion.PRESENT))
                .isFalse();
        // what the second read sees itself stays stated
        assertThat(only("Second read: a 2 cm mass in the left upper lobe.", LUNG_MASS).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void calcifiedCostalCartilageIsNoFinding() {
        assertThat(of("Prominent costal cartilage calcification on the left accounts for the density.", CALCIFICATION)).isEmpty();
        assertThat(of("The density is a calcified costochondral junction.", CALCIFICATION)).isEmpty();
    }

    @Test
    void moreHedgesOfADifferential() {
        assertThat(only("Upper zone cavity; tuberculosis must be excluded.", TUBERCULOSIS).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Patchy left basal opacity; pneumonia would be the main consideration.", PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Aspiration or pneumonia are both possible at the right base.", PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // the sign after "given" is what the film shows
        String s = "Pneumonia suspected given the new pleural effusion.";
        assertThat(only(s, PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only(s, EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aRegionTheFilmCannotFullyShowIsNoFinding() {
        assertThat(has("On this portable film a small pneumothorax cannot be fully assessed.", PNEUMOTHORAX, Assertion.PRESENT))
                .isFalse();
    }

    @Test
    void aFindingNotVisibleOnTheEarlierOrPlainFilmIsPresent() {
        assertThat(only("Trauma CT: a small left pneumothorax not seen on the plain film.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("An 8 mm nodule in the right upper lobe is not visible on the prior study.", NODULE).assertion())
                .isEqualTo(Assertion.PRESENT);
        // not seen today stays absent
        assertThat(only("The nodule is not seen today.", NODULE).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aPlannedOperationIsNoFinding() {
        assertThat(of("Preoperative film before elective left hip arthroplasty.", PROSTHESIS)).isEmpty();
    }

    @Test
    void voiceRecognitionSplitsOfChestWords() {
        assertThat(only("There is no numo thorax.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Left apical new thorax is smaller.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Streaky a lectasis at the right base.", ATELECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Moderate cardio megaly.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Calcified granule oma in the right upper lobe.", PULMONARY_GRANULOMA).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No pleural fusion on the right.", EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        // a bare "fusion" is no effusion
        assertThat(of("Lumbar fusion hardware is partly imaged.", EFFUSION)).isEmpty();
    }

    @Test
    void vesselsNotCongestedAndANormalHeartWithTheVessels() {
        assertThat(only("Pulmonary vessels are not engorged.", CONGESTION).assertion()).isEqualTo(Assertion.ABSENT);
        String s = "The cardiac size and pulmonary vasculature are normal.";
        assertThat(only(s, CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        // issue 11cc: a normal pulmonary vasculature now denies congestion (the majority of the writers)
        assertThat(only(s, CONGESTION).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aFullyReexpandedLungDeniesThePneumothorax() {
        assertThat(only("The left lung is now completely re-expanded.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        // "fully expanded" lungs are a statement about inflation, not about a pneumothorax
        assertThat(of("Both lungs are fully expanded and clear.", PNEUMOTHORAX)).isEmpty();
        for (String s : List.of("The left lung has partially re-expanded.")) {
            assertThat(has(s, PNEUMOTHORAX, Assertion.ABSENT)).as(s).isFalse();
        }
    }

    @Test
    void idiopathicInterstitialPneumoniasAreInterstitialLungDisease() {
        String s = "Lower lobe ground glass with subpleural sparing, favouring nonspecific interstitial pneumonia.";
        assertThat(of(s, PNEUMONIA)).isEmpty();
        assertThat(only(s, ILD).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Known NSIP, stable.", ILD).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void symmetricHilarAdenopathyIsBilateral() {
        assertThat(only("Symmetric hilar lymphadenopathy, unchanged from 2024.", BILATERAL_HILAR_ADENOPATHY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void airUnderAHemidiaphragmIsPneumoperitoneum() {
        assertThat(only("Air under the left hemidiaphragm on the erect view.", PNEUMOPERITONEUM).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void mediastinalDrainsAndAFluidMeniscus() {
        assertThat(only("The mediastinal drains have been removed.", CHEST_TUBE).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("A meniscus of fluid blunts the right base.", EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aCardiothoracicRatioAboveHalfIsCardiomegaly() {
        assertThat(only("The cardiothoracic ratio is greater than 50% today.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void nodulesInACrowdDistributionAreMultipleNodules() {
        assertThat(only("Centrilobular nodules in both upper lobes, likely respiratory bronchiolitis.", MULTIPLE_NODULES)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Scattered perilymphatic micronodules.", MULTIPLE_NODULES).assertion()).isEqualTo(Assertion.PRESENT);
        // one nodule stays one
        assertThat(of("A 6 mm nodule in the right lower lobe.", MULTIPLE_NODULES)).isEmpty();
    }

    @Test
    void calcifiedPleuralPlaquesAreThePlaquesOnly() {
        String s = "Bilateral diaphragmatic pleural plaques with dense calcification.";
        assertThat(of(s, PLEURAL_CALCIFICATION)).isEmpty();
        assertThat(only(s, PLEURAL_PLAQUE).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aSuspectedFindingGivenASignIsPossible() {
        String s = "A left subpulmonic effusion is suspected given the lateral peak of the hemidiaphragm.";
        assertThat(only(s, EFFUSION).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void moreVoiceRecognitionRenderings() {
        assertThat(only("Stable mild cardiac meglia.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Lungs are clear with no focal consultation.", "95436008").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of("Pulmonology consultation is suggested.", "95436008")).isEmpty();
    }

    @Test
    void treeInBudIsNotALungOpacityOrANodule() {
        String s = "Tree-in-bud nodules in the left lower lobe, likely infectious bronchiolitis.";
        assertThat(of(s, "274533004")).isEmpty();
        assertThat(of(s, NODULE)).isEmpty();
        assertThat(of(s, MULTIPLE_NODULES)).isEmpty();
    }

    @Test
    void aStableHeartAtTheUpperLimitOfNormalIsNormal() {
        assertThat(only("Cardiac silhouette unchanged, at the upper limit of normal.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void lymphangiticSpreadOfTumourIsLungMetastasis() {
        String s = "Lymphangitic spread of tumour is possible given the nodular septal thickening on the left.";
        assertThat(only(s, "94391008").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(of(s, "108369006")).isEmpty();
    }

    @Test
    void voiceRecognitionSplitsOfAirWords() {
        assertThat(only("No pneumo mediastinum.", "16838000").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Small bilateral pleural infusions.", EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Saline infusion running through the left arm line.", EFFUSION)).isEmpty();
    }
}
