package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11au: structured template lines ("<finding label>: <value>", RadReport style), checkbox options,
 * and a preliminary read superseded by the final report in the same text. New wording, not copied from an evaluation
 * set.
 */
class Issue11auRulesTest extends NlpMentionsTest {

    private static final String PNEUMOTHORAX = "36118008";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String ATELECTASIS = "46621007";
    private static final String RIB_FRACTURE = "33737001";
    private static final String HIATAL_HERNIA = "84089009";
    private static final String PERICARDIAL_EFFUSION = "373945007";
    private static final String ASCITES = "389026000";
    private static final String CARDIOMEGALY = "8186001";
    private static final String PNEUMONIA = "233604007";
    private static final String INFILTRATE = "409609008";
    private static final String BONE_LESION = "879976004";
    private static final String LUNG_LESION = "301232003";
    private static final String BONE_METASTASIS = "94222008";
    private static final String LUNG_OPACITY = "274533004";
    private static final String LUNG_NODULE = "786838002";
    private static final String MULTIPLE_LUNG_NODULES = "445249002";
    private static final String LUNG_MASS = "309529002";
    private static final String CHEST_TUBE = "RID5573";

    @Test
    void aTemplateLineWithANegativeValueIsTheFindingAbsent() {
        String text = "FINDINGS:\nRib fracture: Not identified.\nAtelectasis: Negative.\nPericardial effusion: Not seen.\n"
                + "Hiatal hernia: No.";
        assertThat(only(text, RIB_FRACTURE).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(text, ATELECTASIS).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(text, PERICARDIAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(text, HIATAL_HERNIA).assertion()).isEqualTo(Assertion.ABSENT);
        // one flattened line of labels and values, as an HL7 feed gives them
        String flat = "Ascites: absent. Pneumothorax: none seen. Pleural effusion: nil.";
        assertThat(only(flat, ASCITES).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(flat, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(flat, PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aTemplateLineWithASizeSideOrYesIsPresentAndAHedgeIsPossible() {
        assertThat(only("Pericardial effusion: Moderate, circumferential.", PERICARDIAL_EFFUSION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Pneumothorax: Right apical, 5 mm.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Hiatal hernia: Yes, small.", HIATAL_HERNIA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Atelectasis: Questionable at the left base.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // a value no row names leaves the sentence's own reading
        assertThat(only("Pneumothorax: unchanged since yesterday.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a finding inside a value is no label: the negation reads it as before
        assertThat(only("Lungs: No focal pneumonia.", PNEUMONIA).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void onlyTheTickedCheckboxOptionIsRead() {
        String text = "Ascites: [ ] Present [x] Absent\nPneumothorax: [X] Yes [ ] No\n"
                + "Cardiac silhouette: [x] Normal [ ] Enlarged\nPleural effusion: [ ] Small [ ] Large";
        assertThat(only(text, ASCITES).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(text, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.PRESENT);
        // the unticked "Enlarged" is no cardiomegaly; the ticked "Normal" denies it
        assertThat(of(text, CARDIOMEGALY)).allMatch(m -> m.assertion() == Assertion.ABSENT);
        // nothing ticked: nothing said about the effusion
        assertThat(of(text, PLEURAL_EFFUSION)).isEmpty();
        // unticked options of an anatomy label are no findings at all
        assertThat(of("Lung fields: [x] Clear [ ] Infiltrate [ ] Effusion", INFILTRATE)).isEmpty();
        assertThat(of("Lung fields: [x] Clear [ ] Infiltrate [ ] Effusion", PLEURAL_EFFUSION)).isEmpty();
        // the same options on one flattened line
        String flat = "Cardiac silhouette: [ ] Normal [X] Enlarged Ascites: [ ] Present [X] Absent";
        assertThat(only(flat, CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(flat, ASCITES).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aPreliminaryReadThatAFinalReportFollowsIsSuperseded() {
        String ruledOut = "WET READ (ED resident, 03:40): Possible left basilar pneumonia.\n"
                + "FINAL REPORT (attending): The left base is clear; the density was overlapping soft tissue. "
                + "No pneumonia.";
        assertThat(of(ruledOut, PNEUMONIA)).extracting(m -> m.assertion()).containsOnly(Assertion.ABSENT);
        String confirmed = "Preliminary interpretation: Questionable tiny right pneumothorax.\n"
                + "Final interpretation: Tiny right apical pneumothorax, 4 mm.";
        assertThat(of(confirmed, PNEUMOTHORAX)).extracting(m -> m.assertion()).containsOnly(Assertion.PRESENT);
        // a preliminary read with no final report after it is the report
        assertThat(only("Preliminary read: Questionable tiny right pneumothorax.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aFinalReportThatEndorsesThePreliminaryReadKeepsIt() {
        String text = "Prelim read: Patchy right basilar opacity.\nFinal report: I concur with the preliminary reading. "
                + "No pneumothorax.";
        assertThat(only(text, LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aLesionUnderABonesSubheadingIsABoneLesion() {
        String ct = "CT THORAX WITH CONTRAST\nFINDINGS:\nLungs: Clear.\nSkeleton: No destructive lesion.";
        assertThat(only(ct, BONE_LESION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(ct, LUNG_LESION)).isEmpty();
        assertThat(only("Bony structures: no suspicious lesion; degenerative spine.", BONE_LESION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Metastases in the visualized bones, larger than before.", BONE_METASTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        // the lung keeps its own lesions
        assertThat(only("CT THORAX\nLungs: 9 mm lesion in the lingula.", LUNG_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void contrastOpacificationOfACtAngiogramIsNoLungOpacity() {
        assertThat(of("CTA CHEST\nPulmonary arteries: Satisfactory opacification to the segmental level.", LUNG_OPACITY))
                .isEmpty();
        assertThat(of("Suboptimal opacification limits the subsegmental branches.", LUNG_OPACITY)).isEmpty();
    }

    @Test
    void numberWordsFromTwoUpAreSeveralNodules() {
        String text = "CT CHEST\nThree tiny solid nodules in the right middle lobe, unchanged.";
        assertThat(only(text, MULTIPLE_LUNG_NODULES).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(text, LUNG_NODULE)).isEmpty();
        assertThat(of("CT CHEST\nA single 3 mm nodule in the lingula.", MULTIPLE_LUNG_NODULES)).isEmpty();
    }

    @Test
    void aListOfNormalContoursThatNamesTheHeartFirstDeniesCardiomegaly() {
        assertThat(only("Heart, mediastinal, and hilar contours are within normal limits.", CARDIOMEGALY).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aFindingNotVisibleOnThePriorStudyIsNewAndPresent() {
        assertThat(only("Tiny left apical pneumothorax, not present on the prior exam.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.PRESENT);
        // not visible today is still absent
        assertThat(only("The pneumothorax is no longer visible.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void recistHeadingsAndRecommendedDevicesAreNoFindings() {
        String recist = "CT CHEST\nTarget lesions: left lower lobe mass, 3.1 cm (was 3.8 cm).";
        assertThat(only(recist, LUNG_MASS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(recist, LUNG_LESION)).isEmpty();
        String advice = "Large right pneumothorax with mediastinal shift. Chest tube placement is recommended.";
        assertThat(of(advice, CHEST_TUBE)).isEmpty();
        assertThat(only("Right chest tube with its tip at the apex.", CHEST_TUBE).assertion()).isEqualTo(Assertion.PRESENT);
    }
}
