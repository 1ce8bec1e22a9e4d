package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bf: non-chest rules (neuro, breast, abdomen, MSK) for the wording of real reports, one test per
 * class of error fixed by data rows (explained-by, context triggers, not-findings, synonyms of sites and findings). The
 * sentences are new wording, not copied from an evaluation set.
 */
class Issue11bfRulesTest extends NlpMentionsTest {

    private static final String T2_HYPERINTENSITY = "RID39467";
    private static final String SMALL_VESSEL = "22811006";
    private static final String CEREBRAL_INFARCTION = "432504007";
    private static final String MULTIPLE_SCLEROSIS = "24700007";
    private static final String PLAQUE = "1522000";
    private static final String BRAIN_LESION = "301766008";
    private static final String CEREBRAL_EDEMA = "2032001";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String BREAST_MASS = "129788004";
    private static final String LUNG_MASS = "309529002";
    private static final String BREAST_CYST = "399294002";
    private static final String ASYMMETRY = "129790003";
    private static final String FOCAL_ASYMMETRY = "129789007";
    private static final String JOINT_EFFUSION = "387637008";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String APPENDICITIS = "74400008";
    private static final String CVC = "52124006";
    private static final String VESSEL_OCCLUSION = "20059004";

    @Test
    void aSignalChangeStatedAsTheAppearanceOfItsCauseIsTheCauseOnly() {
        String smallVessel = "Patchy deep white matter T2 hyperintensities, in keeping with small vessel ischaemic disease.";
        assertThat(of(smallVessel, T2_HYPERINTENSITY)).isEmpty();
        assertThat(only(smallVessel, SMALL_VESSEL).assertion()).isEqualTo(Assertion.PRESENT);
        String infarct = "Subacute right PCA territory infarct with the expected FLAIR hyperintensity.";
        assertThat(of(infarct, T2_HYPERINTENSITY)).isEmpty();
        assertThat(only(infarct, CEREBRAL_INFARCTION).assertion()).isEqualTo(Assertion.PRESENT);
        // a hedged cause keeps the signal change as what the image shows
        String hedged = "A few subcortical FLAIR hyperintensities, possibly small vessel ischaemic change.";
        assertThat(only(hedged, T2_HYPERINTENSITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(hedged, SMALL_VESSEL).assertion()).isEqualTo(Assertion.POSSIBLE);
        // an infarct in another sentence does not explain the white matter hyperintensities described apart
        String twoSentences = "Acute infarct in the left caudate head. Scattered FLAIR white matter hyperintensities.";
        assertThat(only(twoSentences, T2_HYPERINTENSITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(twoSentences, CEREBRAL_INFARCTION).assertion()).isEqualTo(Assertion.PRESENT);
        // without a stated cause the hyperintensity stays
        assertThat(only("Two tiny nonspecific FLAIR hyperintensities in the frontal white matter.", T2_HYPERINTENSITY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void thePlaquesOfMultipleSclerosisAreTheDisease() {
        String s = "Known multiple sclerosis plaques, no change in their number.";
        assertThat(of(s, PLAQUE)).isEmpty();
        assertThat(only(s, MULTIPLE_SCLEROSIS).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theGreyWhiteJunctionIsInTheBrain() {
        String s = "Several ring-enhancing foci and lesions at the gray-white junction with surrounding oedema.";
        assertThat(only(s, BRAIN_LESION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(s, CEREBRAL_EDEMA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, PULMONARY_EDEMA)).isEmpty();
    }

    @Test
    void mammographicWordsPlaceAnUnsitedFindingInTheBreast() {
        String biRads = "Lobulated mass with indistinct margins, BI-RADS 4A.";
        assertThat(only(biRads, BREAST_MASS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(biRads, LUNG_MASS)).isEmpty();
        assertThat(only("Second-look sonography shows a 4 mm simple cyst at the site of the mammographic density.", BREAST_CYST)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void anAsymmetryThatEffacesOnSpotCompressionWasSummation() {
        assertThat(only("The asymmetry effaced on rolled and spot compression views, compatible with superimposed tissue.",
                ASYMMETRY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("The focal asymmetry disperses on spot compression.", FOCAL_ASYMMETRY).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Tomosynthesis shows dispersion of the asymmetry into normal glandular tissue.", ASYMMETRY).assertion())
                .isEqualTo(Assertion.ABSENT);
        // an asymmetry that persists stays
        assertThat(only("The asymmetry persists on spot compression views.", ASYMMETRY).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void anEffusionInTheSuprapatellarPouchIsAKneeJointEffusion() {
        String s = "Moderate effusion distending the suprapatellar pouch.";
        assertThat(only(s, JOINT_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, PLEURAL_EFFUSION)).isEmpty();
    }

    @Test
    void anInflamedAppendixIsAppendicitis() {
        assertThat(only("Thick-walled inflamed appendix with adjacent free fluid.", APPENDICITIS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aPeritonealDialysisCatheterIsNoCentralLine() {
        assertThat(of("The peritoneal dialysis catheter coils in the left iliac fossa.", CVC)).isEmpty();
        // a haemodialysis line in a central vein stays a central venous catheter
        assertThat(only("Left subclavian dialysis catheter ending in the superior vena cava.", CVC).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aRecanalisedCerebralArteryDeniesTheOcclusionAfterStrokeTreatment() {
        assertThat(only("Complete recanalisation of the right M1 segment after thrombectomy.", VESSEL_OCCLUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Post-thrombolysis CTA: the left middle cerebral artery is patent.", VESSEL_OCCLUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The right MCA flow void is restored on today's study.", VESSEL_OCCLUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
        // an occlusion still seen stays present
        assertThat(only("Persistent occlusion of the left MCA despite thrombectomy.", VESSEL_OCCLUSION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }
}
