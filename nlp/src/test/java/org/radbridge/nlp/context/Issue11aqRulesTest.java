package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11aq: chest error classes shared by development sets v12-v16 (different writers). The sentences are
 * new wording, not copied from an evaluation set.
 */
class Issue11aqRulesTest extends NlpMentionsTest {

    private static final String LUNG_OPACITY = "274533004";
    private static final String CHF = "42343007";
    private static final String HEART_FAILURE = "84114007";
    private static final String CARDIOMEGALY = "8186001";
    private static final String CONGESTION = "196115007";
    private static final String VERTEBRAL_COMPRESSION_FRACTURE = "42942008";
    private static final String CALCIFICATION = "18115005";
    private static final String PLEURAL_CALCIFICATION = "32931001";
    private static final String PLEURAL_THICKENING = "73725006";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String NODULE = "27925004";
    private static final String LUNG_NODULE = "786838002";
    private static final String MASS = "4147007";
    private static final String LUNG_MASS = "309529002";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String PNEUMONIA = "233604007";

    @Test
    void hazinessAndZoneShadowingAreLungOpacities() {
        assertThat(only("Faint haziness projects over the left perihilar region.", LUNG_OPACITY).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Left lower zone shadowing ?consolidation.", LUNG_OPACITY).assertion())
                .isEqualTo(Assertion.PRESENT);
        // the UK query after a stated opacity hedges the infection it names
        assertThat(only("Patchy basal shadowing ? infective.", PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(of("No residual haziness at the bases.", LUNG_OPACITY)).singleElement()
                .extracting(FindingMention::assertion).isEqualTo(Assertion.ABSENT);
        // haziness of the abdominal fat is not a lung opacity; acoustic shadowing is no finding at all
        assertThat(of("CT ABDOMEN\nFINDINGS: Mild mesenteric haziness around the jejunum.", LUNG_OPACITY)).isEmpty();
        assertThat(of("US ABDOMEN\nFINDINGS: Echogenic focus with posterior acoustic shadowing.", LUNG_OPACITY)).isEmpty();
    }

    @Test
    void bareFailureOnAChestFilmIsCongestiveHeartFailure() {
        assertThat(only("Enlarged heart and hazy vascular markings, suggesting early failure.", CHF).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Heart size at the upper end of normal, lungs clear, no failure.", CHF).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("No radiographic signs of failure today.", CHF).assertion()).isEqualTo(Assertion.ABSENT);
        // CHF is a kind of heart failure: a reader who labels the parent is answered by the kind
        assertThat(nlp.lexicon().isA(nlp.lexicon().bySnomed(CHF).orElseThrow(),
                nlp.lexicon().bySnomed(HEART_FAILURE).orElseThrow())).isTrue();
    }

    @Test
    void anotherOrgansOrADevicesFailureIsNoHeartFailure() {
        String others = "Portable chest in a patient with acute renal failure and respiratory failure. Lungs clear.";
        assertThat(of(others, CHF)).isEmpty();
        assertThat(of(others, HEART_FAILURE)).isEmpty();
        assertThat(of("CT HEAD\nFINDINGS: Enlarging ventricles, suspicious for shunt failure.", CHF)).isEmpty();
        assertThat(of("Lumbar fusion with hardware failure at L4.", CHF)).isEmpty();
    }

    @Test
    void aNormalHeartSizeAndVascularityStatementDeniesBoth() {
        String both = "The heart size and pulmonary vascularity are normal today.";
        assertThat(only(both, CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(both, CONGESTION).assertion()).isEqualTo(Assertion.ABSENT);
        String before = "Normal cardiac size and pulmonary vascularity, lungs clear.";
        assertThat(only(before, CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(before, CONGESTION).assertion()).isEqualTo(Assertion.ABSENT);
        // the heart alone still denies only cardiomegaly
        assertThat(of("Normal heart size, lungs clear.", CONGESTION)).isEmpty();
    }

    @Test
    void aProminentSilhouetteIsAPossibleCardiomegalyAndNormalStatementsReadMoreVerbs() {
        assertThat(only("Mildly prominent cardiac silhouette, otherwise clear.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("The cardiac silhouette appears prominent.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Heart and lungs appear unremarkable.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Thoracic vertebral body heights are preserved.", VERTEBRAL_COMPRESSION_FRACTURE).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aModifierIsSharedByCoordinatedHeads() {
        String calcified = "Right pleural thickening and calcification at the base.";
        assertThat(only(calcified, PLEURAL_CALCIFICATION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(calcified, PLEURAL_THICKENING).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(calcified, CALCIFICATION)).isEmpty();
        assertThat(only("Apical pleural thickening with calcification, unchanged since 2024.", PLEURAL_CALCIFICATION).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a head the dictionary does not name alone becomes a finding of its own
        assertThat(only("Left pleural thickening and fluid after decortication.", PLEURAL_EFFUSION).assertion())
                .isEqualTo(Assertion.PRESENT);
        // the cue of the list governs the shared head as it governs the first
        String negated = "No dominant pulmonary mass or nodule seen.";
        assertThat(only(negated, LUNG_NODULE).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(negated, NODULE)).isEmpty();
    }

    @Test
    void aHeadIsNotReReadWhereTheSharedTermIsNoKindOfIt() {
        // "pleural effusion and atelectasis": no "pleural atelectasis", the atelectasis stays what it was
        assertThat(only("Small pleural effusion and atelectasis on the left.", "46621007").assertion())
                .isEqualTo(Assertion.PRESENT);
        // heads after a full stop are another sentence
        assertThat(of("Pleural thickening. Calcification in the aortic knob.", PLEURAL_CALCIFICATION)).isEmpty();
    }

    @Test
    void aLoneStatementWithoutARegionalWordIsReadAsAChestStatement() {
        assertThat(only("Stable 5 mm nodule, likely benign.", LUNG_NODULE).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("The mild edema has almost cleared.", PULMONARY_EDEMA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No focal mass.", LUNG_MASS).assertion()).isEqualTo(Assertion.ABSENT);
        // only what the CheXpert labeler reads as a lung finding in any sentence: a lone lesion or abscess stays general
        assertThat(of("Enhancing lesion, unchanged.", "301232003")).isEmpty();
        assertThat(of("No abdominal or pelvic abscess.", "73452002")).isEmpty();
        // a whole report that names no regional word keeps its findings general
        String report = "US PELVIS\nINDICATION: Pain.\nFINDINGS: No adnexal mass.\nIMPRESSION: Normal.";
        assertThat(of(report, LUNG_MASS)).isEmpty();
        assertThat(only(report, MASS).assertion()).isEqualTo(Assertion.ABSENT);
        // a lone statement naming another region keeps that region's reading
        assertThat(of("Soft tissue edema over the left ankle.", PULMONARY_EDEMA)).isEmpty();
        // an anatomy word of no known region keeps the statement's findings general: no guess
        assertThat(of("Soft tissue oedema of the forearm, increased.", PULMONARY_EDEMA)).isEmpty();
    }

    private static final String ATELECTASIS = "46621007";
    private static final String PNEUMOTHORAX = "36118008";

    @Test
    void aTextThatJoinsItsLinesWithCommasStartsALineAtACapital() {
        // the export wrote each line as a comma-separated item: a heading after a comma shows it
        String joined = "CHEST AP, Findings: PICC tip in the low SVC, No pneumothorax, Right basilar atelectasis,"
                + " Impression: Stable lines.";
        assertThat(only(joined, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(joined, ATELECTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        // prose with a capital after a comma but no heading after a comma keeps its list
        String prose = "No pneumothorax, Pleural effusion or atelectasis is seen.";
        assertThat(only(prose, ATELECTASIS).assertion()).isEqualTo(Assertion.ABSENT);
        // a vertebral level after a comma is no new line even there
        String levels = "LUMBAR SPINE, Findings: No fracture at L3,L4, Impression: Normal.";
        assertThat(of(levels, "125605004")).allMatch(m -> m.assertion() == Assertion.ABSENT);
    }

    @Test
    void aTransposedChangesStillNamesDegenerativeChanges() {
        assertThat(only("Multilevel degenerative chnages of the thoracic spine.", "8847002").assertion())
                .isEqualTo(Assertion.PRESENT);
    }
}
