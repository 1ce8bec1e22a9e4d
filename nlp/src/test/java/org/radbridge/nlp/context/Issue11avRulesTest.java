package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11av: abdomen / neuro / MSK / breast and chest-CT error classes of set v17 (a development set since
 * session 28). The sentences are new wording, not copied from an evaluation set.
 */
class Issue11avRulesTest extends NlpMentionsTest {

    private static final String PNEUMOTHORAX = "36118008";
    private static final String LUNG_NODULE = "786838002";
    private static final String LUNG_LESION = "301232003";
    private static final String LUNG_MASS = "309529002";

    @Test
    void aFindingAbsentOnThePriorStudyIsNewToday() {
        assertThat(only("Tiny right apical pneumothorax, not visible on the prior examination.", PNEUMOTHORAX)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("New 5 mm left lower lobe nodule, not seen on prior CT.", LUNG_NODULE).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a plain denial stays a denial
        assertThat(only("Pneumothorax is not visible.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void recistHeadingsAreNoLesionOfTheirOwn() {
        String target = "Target lesion 2: left lower lobe mass, 3.0 x 2.2 cm (baseline 3.6 x 2.5 cm).";
        assertThat(of(target, LUNG_LESION)).isEmpty();
        assertThat(only(target, LUNG_MASS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Non-target lesions: several small pulmonary nodules, stable.", LUNG_LESION)).isEmpty();
    }

    private static final String RENAL_STONE = "386103008";
    private static final String UROLITHIASIS = "95566004";
    private static final String FEEDING_TUBE = "25062003";

    @Test
    void aStoneThatHasPassedIsGone() {
        assertThat(only("The small left ureteric stone seen last week has since passed.", UROLITHIASIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Known right renal stone has passed.", RENAL_STONE).assertion()).isEqualTo(Assertion.ABSENT);
        // a tube that has passed into the stomach is in place
        assertThat(only("Feeding tube has passed into the gastric antrum.", FEEDING_TUBE).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    private static final String ABDOMINAL_ABSCESS = "75100008";
    private static final String BOWEL_OBSTRUCTION = "81060008";
    private static final String COMPRESSION_FRACTURE = "42942008";

    @Test
    void abdominalAndSpineDenialsInTemplateWording() {
        String pelvis = "CT ABDOMEN AND PELVIS\nFINDINGS: Inflamed sigmoid diverticulum. No drainable collection.";
        assertThat(only(pelvis, ABDOMINAL_ABSCESS).assertion()).isEqualTo(Assertion.ABSENT);
        // session 35 (helper 11db): at the small bowel the obstruction denied is a small bowel obstruction (label
        // convention: SBO 281255004, a kind of intestinal obstruction, other obstruction 81060008)
        assertThat(only("Small bowel: no dilatation or obstruction.", "281255004").assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Thoracic vertebral body heights and disc spaces are preserved.", COMPRESSION_FRACTURE)
                .assertion()).isEqualTo(Assertion.ABSENT);
    }

    private static final String T2_HYPERINTENSITY = "RID39467";

    @Test
    void fociNormalForAgeAreNoFinding() {
        assertThat(of("Scattered tiny foci of T2 hyperintensity in the white matter, within normal limits for age.",
                T2_HYPERINTENSITY)).isEmpty();
        // without the age statement they are a finding
        assertThat(only("Scattered tiny foci of T2 hyperintensity in the white matter.", T2_HYPERINTENSITY)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    private static final String BRAIN_LESION = "301766008";
    private static final String MENINGIOMA = "302820008";

    @Test
    void aLesionDiagnosedInAnotherSentenceIsTheDiagnosis() {
        String brain = "MRI BRAIN\nFINDINGS: 2.4 cm enhancing extra-axial mass at the left sphenoid wing with a dural"
                + " tail.\nIMPRESSION: Left sphenoid wing meningioma, unchanged.";
        assertThat(of(brain, BRAIN_LESION)).isEmpty();
        assertThat(only(brain, MENINGIOMA).assertion()).isEqualTo(Assertion.PRESENT);
        // a hedged diagnosis keeps the lesion
        String hedged = "MRI BRAIN\nFINDINGS: 2.4 cm enhancing extra-axial mass at the left sphenoid wing.\n"
                + "IMPRESSION: Possible meningioma.";
        assertThat(only(hedged, BRAIN_LESION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    private static final String BREAST_LUMP = "89164003";
    private static final String BREAST_MASS = "129788004";

    @Test
    void thePalpableLumpNamedAsAPlaceIsTheComplaintNotAFinding() {
        String us = "RIGHT BREAST ULTRASOUND\nFINDINGS: At the site of the palpable lump, 11 o'clock, there is a 9 mm"
                + " oval hypoechoic mass.\nIMPRESSION: The mass corresponds to the palpable lump.";
        assertThat(of(us, BREAST_LUMP)).isEmpty();
        assertThat(of(us, BREAST_MASS)).isNotEmpty().allMatch(m -> m.assertion() == Assertion.PRESENT);
    }

    private static final String THROMBUS = "396339007";
    private static final String CEREBRAL_THROMBOSIS = "71444005";
    private static final String CHRONIC_PE = "133971000119108";
    private static final String HEMATOMA = "35566002";
    private static final String AORTIC_DISSECTION = "308546005";

    @Test
    void vascularWordingOfNeuroAndChestCt() {
        // a thrombus in a cerebral artery is a cerebral thrombosis
        assertThat(only("Dense left middle cerebral artery, which may indicate thrombus.", CEREBRAL_THROMBOSIS)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        // a mural thrombus that chronic thromboembolic disease explains is that disease only
        String cteph = "Web-like mural thrombus in the right lower lobe pulmonary artery, in keeping with chronic"
                + " thromboembolic disease.";
        assertThat(of(cteph, THROMBUS)).isEmpty();
        assertThat(only(cteph, CHRONIC_PE).assertion()).isEqualTo(Assertion.PRESENT);
        // the aortic intramural hematoma is no soft-tissue hematoma; the dissection is still denied
        String aorta = "Descending aorta without intramural haematoma or dissection flap.";
        assertThat(of(aorta, HEMATOMA)).isEmpty();
        assertThat(only("No evidence of aortic dissection or intramural hematoma.", AORTIC_DISSECTION).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    private static final String ANKLE_FRACTURE = "16114001";
    private static final String FRACTURE = "125605004";

    @Test
    void anAnkleFilmTitledWithACommaBeforeTheViewsIsAnAnkleExam() {
        String ankle = "RIGHT ANKLE, 2 VIEWS\nFINDINGS: Spiral fracture of the distal fibula, minimally displaced.\n"
                + "IMPRESSION: Lateral malleolar fracture.";
        assertThat(of(ankle, FRACTURE)).isEmpty();
        assertThat(of(ankle, ANKLE_FRACTURE)).isNotEmpty().allMatch(m -> m.assertion() == Assertion.PRESENT);
        // another joint's film leaves a fibula fracture general (issue 11r: without an ankle title it stays general;
        // issue 11ch: except at the distal fibula, the ankle's lateral malleolus, on any film)
        assertThat(of("LEFT KNEE, 3 VIEWS\nFINDINGS: Spiral fracture of the fibular neck.", ANKLE_FRACTURE)).isEmpty();
    }
}
