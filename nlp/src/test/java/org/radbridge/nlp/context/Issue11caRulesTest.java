package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11ca: classes of chest radiograph errors of the v24 development set (Chinese and Japanese hospital English,
 * VA and Fleischner clinic wording), each fixed by data rows: the limits of a modality as a disclaimer, "not pointed
 * out", "is considered", "has been absorbed", comparisons with an adverb inside, largely resolved residuals, the
 * "shadow" vocabulary and the lung-markings predicates. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11caRulesTest extends NlpMentionsTest {

    private static final String EFFUSION = "60046008";
    private static final String CONSOLIDATION = "95436008";
    private static final String LUNG_OPACITY = "274533004";
    private static final String LUNG_NODULE = "786838002";
    private static final String LUNG_LESION = "301232003";
    private static final String FIBROSIS = "51615001";
    private static final String INFILTRATE = "409609008";
    private static final String OSTEOPHYTE = "235231000119100";
    private static final String CVC = "52124006";
    private static final String CATHETER = "19923001";
    private static final String ILD = "233703007";
    private static final String PNEUMONIA = "233604007";
    private static final String AORTIC_ATHEROSCLEROSIS = "81817003";
    private static final String CARDIOMEGALY = "8186001";
    private static final String BRONCHIECTASIS = "12295008";
    private static final String AORTIC_DILATATION = "26660001";

    @Test
    void theLimitsOfAModalityAreNoFinding() {
        assertThat(has("Plain films are limited for tiny pulmonary nodules; low-dose CT would be more sensitive.",
                LUNG_NODULE, Assertion.PRESENT)).isFalse();
        assertThat(has("Low-dose CT is the preferred modality for lung nodule surveillance.", LUNG_NODULE,
                Assertion.PRESENT)).isFalse();
        assertThat(has("Radiography has limited sensitivity for early lung lesions.", LUNG_LESION, Assertion.PRESENT))
                .isFalse();
        // a nodule the film shows stays present
        assertThat(has("A 9 mm nodule is seen in the left lower lobe.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void notPointedOutDenies() {
        assertThat(has("Pleural effusion is not pointed out on either side.", EFFUSION, Assertion.ABSENT)).isTrue();
        assertThat(has("Consolidation was not pointed out.", CONSOLIDATION, Assertion.ABSENT)).isTrue();
        assertThat(has("A small right pleural effusion is pointed out.", EFFUSION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void isConsideredHedgesButAJudgedFindingStays() {
        assertThat(has("Tubular lucencies at the left base, bronchiectasis is considered.", BRONCHIECTASIS,
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Reticular change at both bases; fibrosis is considered.", FIBROSIS, Assertion.POSSIBLE)).isTrue();
        assertThat(has("The small calcified nodule is considered benign.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
        assertThat(has("The left effusion is considered stable.", EFFUSION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void absorbedMeansResolvedAndPartlyAbsorbedLeavesAResidual() {
        assertThat(has("The left basal consolidation has been absorbed after antibiotics.", CONSOLIDATION,
                Assertion.ABSENT)).isTrue();
        assertThat(has("The right pleural effusion has been partially absorbed.", EFFUSION, Assertion.PRESENT)).isTrue();
        assertThat(has("The right basal consolidation has mostly resolved.", CONSOLIDATION, Assertion.PRESENT)).isTrue();
        assertThat(has("The right basal consolidation has resolved.", CONSOLIDATION, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aComparisonWithAnAdverbKeepsTheFinding() {
        assertThat(has("No significant interval change in the moderate right pleural effusion.", EFFUSION,
                Assertion.PRESENT)).isTrue();
        assertThat(has("No appreciable change in the known cardiomegaly.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
        assertThat(has("No significant pleural effusion.", EFFUSION, Assertion.ABSENT)).isTrue();
        assertThat(has("There is no appreciable interval change in the small left pleural effusion.", EFFUSION,
                Assertion.PRESENT)).isTrue();
        assertThat(has("There is no pleural effusion.", EFFUSION, Assertion.ABSENT)).isTrue();
    }

    @Test
    void shadowVocabularyOfTranslatedReports() {
        assertThat(has("Flaky shadows are seen in the right middle lung field.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("Granular shadows scattered in the left upper lung field.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("Cord-like shadows at the left apex.", FIBROSIS, Assertion.PRESENT)).isTrue();
        assertThat(has("Infiltrative shadows in the left lower lung field.", INFILTRATE, Assertion.PRESENT)).isTrue();
        assertThat(has("A nodular shadow of 8 mm in the right lower lung field.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
        assertThat(has("No nodular shadow is seen.", LUNG_NODULE, Assertion.ABSENT)).isTrue();
        assertThat(has("Marginal hyperosteogeny of the thoracic vertebrae.", OSTEOPHYTE, Assertion.PRESENT)).isTrue();
        assertThat(has("Sclerosis of the aortic arch is noted.", AORTIC_ATHEROSCLEROSIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void cvCatheterIsACentralLine() {
        String text = "The CV catheter tip projects over the lower SVC.";
        assertThat(has(text, CVC, Assertion.PRESENT)).isTrue();
        assertThat(has(text, CATHETER, Assertion.PRESENT)).isFalse();
        assertThat(has("Left subclavian venous catheter in place.", CVC, Assertion.PRESENT)).isTrue();
    }

    @Test
    void interstitialPneumoniaIsAnInterstitialLungDisease() {
        String text = "Chronic interstitial pneumonia with lower zone volume loss.";
        assertThat(has(text, ILD, Assertion.PRESENT)).isTrue();
        assertThat(has(text, PNEUMONIA, Assertion.PRESENT)).isFalse();
        // an infective pneumonia stays a pneumonia
        assertThat(has("Left lower lobe pneumonia.", PNEUMONIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void lungMarkingsInAPredicate() {
        assertThat(has("Both lung markings are coarse and disordered.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("The pulmonary texture is mildly increased.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("The lung markings are not increased.", LUNG_OPACITY, Assertion.PRESENT)).isFalse();
        // normal markings are no finding (issue 11aa), in any verb form
        assertThat(of("Interstitial markings remain within normal limits.", LUNG_OPACITY)).isEmpty();
        assertThat(of("The interstitial markings appear unremarkable.", LUNG_OPACITY)).isEmpty();
        // increased interstitial markings stay the opacity
        assertThat(has("Increased interstitial markings at both bases.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("The heart shadow expands to both sides.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
        assertThat(has("The heart shadow is not enlarged.", CARDIOMEGALY, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aortaAndHemithoraxPredicates() {
        assertThat(has("The thoracic aorta is unfolded and mildly dilated.", AORTIC_DILATATION, Assertion.PRESENT)).isTrue();
        assertThat(has("The thoracic aorta is not dilated.", AORTIC_DILATATION, Assertion.PRESENT)).isFalse();
        assertThat(has("The left hemithorax is almost completely opacified.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aDensityCalledANormalVesselIsNoFinding() {
        assertThat(has("The retrocardiac opacity represents the descending aorta.", LUNG_OPACITY, Assertion.PRESENT))
                .isFalse();
        assertThat(has("A retrocardiac opacity is present.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
    }
}
