package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bj: chest radiograph wording of real reports, one test per class of error fixed by data rows
 * (synonyms, context triggers, normal statements, not-findings). The sentences are new wording, not copied from an
 * evaluation set.
 */
class Issue11bjRulesTest extends NlpMentionsTest {

    private static final String CARDIOMEGALY = "8186001";
    private static final String LUNG_OPACITY = "274533004";
    private static final String BRONCHITIS = "32398004";
    private static final String CHRONIC_BRONCHITIS = "63480004";
    private static final String TORTUOSITY = "15690004";
    private static final String SUBCUTANEOUS_EMPHYSEMA = "3830001";
    private static final String BRONCHIECTASIS = "12295008";
    private static final String PULMONARY_GRANULOMA = "101401000119103";
    private static final String PULMONARY_METASTASIS = "94391008";
    private static final String METASTASIS = "128462008";
    private static final String PNEUMONIA = "233604007";
    private static final String RIB_FRACTURE = "33737001";
    private static final String PULMONARY_TB = "154283005";
    private static final String PULMONARY_EMBOLISM = "59282003";
    private static final String CONSOLIDATION = "95436008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String LUNG_NODULE = "786838002";
    private static final String MULTIPLE_LUNG_NODULES = "445249002";
    private static final String PULMONARY_CONGESTION = "196115007";
    private static final String CALCIFIED_LYMPH_NODES = "191394000";
    private static final String EGGSHELL_CALCIFICATION = "129751002";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PLEURAL_THICKENING = "73725006";

    @Test
    void bronchiticChangesAreTheRadiographAppearanceNotTheDiagnosis() {
        String s = "Subtle bronchitic changes in both lower zones.";
        assertThat(only(s, LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, BRONCHITIS)).isEmpty();
        // "chronic bronchitic changes" names the disease, a kind of bronchitis
        String chronic = "Hyperexpanded chest with chronic bronchitic change.";
        assertThat(only(chronic, CHRONIC_BRONCHITIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(nlp.lexicon().isA(nlp.lexicon().byCode("SNOMED", CHRONIC_BRONCHITIS).orElseThrow(),
                nlp.lexicon().byCode("SNOMED", BRONCHITIS).orElseThrow())).isTrue();
    }

    @Test
    void chestRadiographVocabulary() {
        assertThat(only("The descending thoracic aorta is mildly elongated; elongated thoracic aorta noted.", TORTUOSITY)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Left chest tube in place, no SQ air.", SUBCUTANEOUS_EMPHYSEMA).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Small amount of subq emphysema at the drain site.", SUBCUTANEOUS_EMPHYSEMA).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Tramline shadows at the left base.", BRONCHIECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Calcified Ghon lesion at the right base, unchanged.", PULMONARY_GRANULOMA).assertion())
                .isEqualTo(Assertion.PRESENT);
        String cannonball = "Several cannonball metastases scattered through both lungs.";
        assertThat(only(cannonball, PULMONARY_METASTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(cannonball, METASTASIS)).isEmpty();
    }

    @Test
    void aHedgedTechnicalCauseAfterThoughHedgesTheHeartSize() {
        assertThat(only("Cardiac silhouette looks large, though this may be exaggerated by the supine projection.",
                CARDIOMEGALY).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Enlarged heart shadow, which may be magnified by the portable AP film.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // the asserted cause keeps the enlargement stated (issue 11r)
        assertThat(only("Cardiomegaly, accentuated by the AP projection.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void borderlineOrProbablyNormalHeartSizeWithoutAVerb() {
        assertThat(only("Heart size borderline; lungs clear.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("The heart is borderline in size.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Cardiac size probably normal given the rotation.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aDisclaimerWithAFrequencyAdverbIsNoFinding() {
        assertThat(of("Clear lungs; early pneumonia can sometimes be radiographically occult in neutropenia.", PNEUMONIA))
                .isEmpty();
        assertThat(of("No displaced rib fracture; nondisplaced rib fractures may occasionally be occult.", RIB_FRACTURE)
                .stream().filter(m -> m.assertion() != Assertion.ABSENT)).isEmpty();
    }

    @Test
    void theSearchForASepticSourceIsNoInfection() {
        assertThat(of("No pulmonary source of infection is seen on this radiograph.", PNEUMONIA)).isEmpty();
        assertThat(of("Indication: fever, looking for an infectious source.", PNEUMONIA)).isEmpty();
        // an infection the image shows is still read
        assertThat(only("Right basal consolidation, likely infection.", PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void wouldNotExcludeLeavesTheFindingPossible() {
        assertThat(only("The appearance would not exclude an early pneumonia at the left base.", PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aDiseaseNamedAsTheCauseOfWhatTheFilmShowsIsItsPresentSequela() {
        String tb = "Right apical fibronodular change with hilar retraction, in keeping with prior tuberculosis.";
        assertThat(has(tb, PULMONARY_TB, Assertion.PRESENT)).isTrue();
        assertThat(only(tb, PULMONARY_TB).chronicity()).isEqualTo("chronic");
        assertThat(has("Linear web in a segmental artery, consistent with previous pulmonary embolism.", PULMONARY_EMBOLISM,
                Assertion.PRESENT)).isTrue();
        // "prior" alone still names the history
        assertThat(has("Prior tuberculosis, treated in 2015.", PULMONARY_TB, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aFindingOfThePreviousFilmSaidGoneIsAbsentToday() {
        assertThat(has("The previous right basal consolidation has cleared.", CONSOLIDATION, Assertion.ABSENT)).isTrue();
        assertThat(has("Prior left apical pneumothorax is no longer visible.", PNEUMOTHORAX, Assertion.ABSENT)).isTrue();
        // a history cue with no denial after the finding keeps the finding historical
        assertThat(has("Previous pneumothorax in 2019.", PNEUMOTHORAX, Assertion.PRESENT)).isFalse();
    }

    @Test
    void pluralAndMiliaryNodulesAreSeveral() {
        String plural = "Tiny nodular opacities in both upper zones.";
        assertThat(only(plural, MULTIPLE_LUNG_NODULES).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(plural, LUNG_NODULE)).isEmpty();
        assertThat(only("Miliary nodules throughout the lungs.", MULTIPLE_LUNG_NODULES).assertion()).isEqualTo(Assertion.PRESENT);
        // one nodule stays one
        assertThat(only("A 6 mm nodule in the lingula.", LUNG_NODULE).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void congestiveChangesAreVascularCongestion() {
        assertThat(only("Mild congestive changes in both lungs.", PULMONARY_CONGESTION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void eggshellCalcificationOfNodesIsCalcifiedLymphNodes() {
        String s = "Bilateral hilar nodes show eggshell calcification.";
        assertThat(only(s, CALCIFIED_LYMPH_NODES).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, EGGSHELL_CALCIFICATION)).isEmpty();
        // without a nodal site the pattern stays what it is
        assertThat(only("Eggshell calcification along the rim of the lesion.", EGGSHELL_CALCIFICATION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theArmsOfADifferentialShareTheirModifier() {
        String s = "Small pleural effusion versus thickening along the right lateral costophrenic recess.";
        assertThat(only(s, PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only(s, PLEURAL_THICKENING).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Pleural fluid vs thickening at the left base.", PLEURAL_THICKENING).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }
}
