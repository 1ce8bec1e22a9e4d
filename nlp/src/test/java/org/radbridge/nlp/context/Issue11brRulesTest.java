package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11br: classes of chest radiograph errors of the v22 set (translated European, West African and
 * Philippine dictation, comparison wording, hedges and mimics), each fixed by data rows (normal statements, synonyms,
 * ConText triggers, not-findings, explained-by). The sentences are new wording, not copied from an evaluation set.
 */
class Issue11brRulesTest extends NlpMentionsTest {

    private static final String CARDIOMEGALY = "8186001";
    private static final String EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String PERICARDIAL_EFFUSION = "373945007";
    private static final String LUNG_OPACITY = "274533004";
    private static final String INFILTRATE = "409609008";
    private static final String LUNG_FIBROSIS = "51615001";
    private static final String ATELECTASIS = "46621007";
    private static final String PLATE_ATELECTASIS = "40779009";
    private static final String PLEURAL_THICKENING = "73725006";
    private static final String MULTIPLE_NODULES = "445249002";
    private static final String LUNG_NODULE = "786838002";
    private static final String LUNG_LESION = "301232003";
    private static final String LESION = "52988006";
    private static final String BONE_LESION = "879976004";
    private static final String AORTIC_ATHEROSCLEROSIS = "81817003";
    private static final String HIATAL_HERNIA = "84089009";
    private static final String PNEUMONIA = "233604007";
    private static final String CVC = "52124006";
    private static final String HEART_FAILURE = "84114007";

    @Test
    void heartWithinNormInTranslatedWording() {
        assertThat(only("Heart shadow within norm.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Cardiac configuration within the norm, lungs free.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Heart inconspicuous; no congestion.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("The cardiac silhouette and the mediastinum appear unremarkable.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Heart and the mediastinal structures are within normal limits.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
        // an enlarged heart is still read as one
        assertThat(only("The heart is enlarged, not within norm.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void heartNormalAllowingForTheProjection() {
        assertThat(only("The heart size, allowing for the portable technique, is normal.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Cardiac shadow, given the AP projection, is within normal limits.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The heart, when allowance is made for the supine position, is of normal size.", CARDIOMEGALY)
                .assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void pleuralSpacesFreeOfFluidOrAir() {
        String both = "Both pleural spaces are clear of air and fluid.";
        assertThat(only(both, EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(both, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        String fluid = "The pleural cavities are free of fluid after drainage.";
        assertThat(only(fluid, EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(fluid, PNEUMOTHORAX)).isEmpty();
    }

    @Test
    void densityWordingIsTheOpacity() {
        assertThat(only("Interstitial densities in the perihilar regions.", LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("A curvilinear opacity at the right base.", LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Fibrotic streaks at the left apex, old.", LUNG_FIBROSIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No fibrotic opacities.", LUNG_FIBROSIS).assertion()).isEqualTo(Assertion.ABSENT);
        // fibronodular opacities of old tuberculosis are the opacity, not a set of nodules
        String fibronodular = "Bilateral apical fibronodular densities, likely post-primary TB.";
        assertThat(only(fibronodular, LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(fibronodular, MULTIPLE_NODULES)).isEmpty();
    }

    @Test
    void dystelectasisIsAtelectasis() {
        assertThat(only("Basal dystelectases on the left.", ATELECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Linear density at the right base, probably dystelectatic.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Plate-like dystelectasis in the right lower field.", PLATE_ATELECTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Dystelectatic streaks at both bases.", PLATE_ATELECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void pleuralCallosityIsPleuralThickening() {
        assertThat(only("Small apical pleural callosities on both sides.", PLEURAL_THICKENING).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No pleural callosity.", PLEURAL_THICKENING).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void bonyLesionIsABoneLesion() {
        assertThat(only("No suspicious bony lesions in the visualised skeleton.", BONE_LESION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(of("No suspicious bony lesions in the visualised skeleton.", LESION)).isEmpty();
    }

    @Test
    void aortaAtheromatousInThePredicate() {
        assertThat(only("Aortic knuckle appears atheromatous.", AORTIC_ATHEROSCLEROSIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("The descending aorta is mildly atheromatous.", AORTIC_ATHEROSCLEROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a denial between subject and verdict is no statement of disease
        assertThat(of("The aortic knob is not atheromatous.", AORTIC_ATHEROSCLEROSIS).stream().map(m -> m.assertion()))
                .doesNotContain(Assertion.PRESENT);
    }

    @Test
    void aNoduleCalledABenignLesionIsOneFinding() {
        String s = "Stable 5 mm left upper lobe nodule since 2021, consistent with a benign lesion.";
        assertThat(only(s, LUNG_NODULE).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, LUNG_LESION)).isEmpty();
        assertThat(of(s, LESION)).isEmpty();
    }

    @Test
    void aRetrocardiacDensityStatedAsAHerniaIsTheHernia() {
        String stated = "Retrocardiac opacity with an air-fluid level, in keeping with a hiatus hernia.";
        assertThat(only(stated, HIATAL_HERNIA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(stated, LUNG_OPACITY)).isEmpty();
        // hedged, the opacity stays beside the possible hernia
        String hedged = "Retrocardiac opacity, possibly a hiatal hernia.";
        assertThat(only(hedged, LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(hedged, HIATAL_HERNIA).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aPartialCauseNamedAfterTheHedgeIsWhatIsHedged() {
        String s = "Globular cardiac enlargement, which could be partially due to a pericardial effusion.";
        assertThat(only(s, CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(s, PERICARDIAL_EFFUSION).assertion()).isEqualTo(Assertion.POSSIBLE);
        // a technique cause still hedges the appearance before it (issue 11h)
        assertThat(only("Enlarged heart shadow may be partly due to the AP projection.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aPatternReportedInADiseaseIsOneReading() {
        String s = "Multifocal peripheral ground-glass opacities, a pattern frequently described in viral pneumonia.";
        assertThat(only(s, PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Patchy basal opacities; such findings have been reported with COVID-19 pneumonia.", PNEUMONIA)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void theMostLikelyExplanationIsPossible() {
        assertThat(only("Right basal atelectasis is the likeliest explanation for this density.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Band-like shadow at the left base; the most likely explanation is plate-like atelectasis.",
                PLATE_ATELECTASIS).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aComparisonLeadInIsNoHistory() {
        assertThat(has("Compared with the prior film, the right basal infiltrate is smaller.", INFILTRATE, Assertion.PRESENT))
                .isTrue();
        assertThat(has("In comparison to the previous radiograph, persistent small left effusion.", EFFUSION, Assertion.PRESENT))
                .isTrue();
        // a history cue of its own still makes history
        assertThat(has("Prior pneumonia in the left lower lobe.", PNEUMONIA, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aLinePlacedOrAttemptedIsNotDenied() {
        String s = "No pneumothorax following left subclavian line insertion.";
        assertThat(only(s, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(s, CVC).stream().map(m -> m.assertion())).doesNotContain(Assertion.ABSENT);
        assertThat(of("Film taken after a failed central line placement on the right.", CVC)).isEmpty();
        assertThat(of("Portable view after two PICC line attempts; no pneumothorax.", CVC)).isEmpty();
    }

    @Test
    void aClinicNamedAfterADiseaseIsNoFinding() {
        assertThat(of("Referred by the heart failure service for a routine film.", HEART_FAILURE)).isEmpty();
        assertThat(of("Patient of the TB clinic, annual review. Lungs clear.", "154283005")).isEmpty();
        // the disease itself is still read
        assertThat(only("Features of heart failure with bilateral effusions.", HEART_FAILURE).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void anOpacityFromOverlappingBonesIsAMimic() {
        assertThat(of("The apical density seen on the frontal film corresponds to the superimposition of the clavicle and first rib.",
                LUNG_OPACITY)).isEmpty();
        assertThat(of("Rounded opacity in the right upper zone, due to overlapping osseous structures.", LUNG_OPACITY)).isEmpty();
        // a real opacity beside it stays
        assertThat(only("Patchy opacity in the left lower zone.", LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aFindingBeforeAListOfSitesIsAtTheSecondSiteToo() {
        String s = "No acute fracture of the ribs, clavicles or scapulae is seen.";
        assertThat(only(s, "33737001").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, "58150001").assertion()).isEqualTo(Assertion.ABSENT);
    }
}
