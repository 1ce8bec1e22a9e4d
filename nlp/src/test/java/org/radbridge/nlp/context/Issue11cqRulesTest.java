package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11cq: classes of errors of the v29 development set's abdominal, neuro, MSK and breast sentences fixed by data
 * rows: vertebral body heights with the qualifier first, a strain named by its muscle, elevated elbow fat pads as a
 * joint effusion, suspicious / pathological axillary nodes, "no acute (intracranial) blood", a lesion said to be
 * excised or resected, cysts a fibrocystic change explains, collapse of a bone on an MSK exam, pyloric stenosis (no
 * code) and the lateral recesses / neural foramina as parts of the spine. The sentences are new wording, not copied
 * from an evaluation set.
 */
class Issue11cqRulesTest extends NlpMentionsTest {

    private static final String COMPRESSION_FRACTURE = "42942008";
    private static final String MUSCLE_STRAIN = "48532005";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String JOINT_EFFUSION = "387637008";
    private static final String AXILLARY_ADENOPATHY = "127189005";
    private static final String INTRACRANIAL_HEMORRHAGE = "1386000";
    private static final String BREAST_MASS = "129788004";
    private static final String COLONIC_POLYP = "68496003";
    private static final String BREAST_CYST = "399294002";
    private static final String FIBROCYSTIC_CHANGE = "27431007";
    private static final String ATELECTASIS = "46621007";
    private static final String AVASCULAR_NECROSIS = "397758007";
    private static final String STENOSIS = "44241007";
    private static final String SPINAL_STENOSIS = "76107001";
    private static final String BRAIN_LESION = "301766008";
    private static final String PROSTHESIS = "53350007";
    private static final String LOOSENING = "302969009";
    private static final String LUNG_MASS = "309529002";

    @Test
    void vertebralHeightsWithTheQualifierFirstDenyACompressionFracture() {
        assertThat(has("Well preserved vertebral body height throughout the lumbar spine.", COMPRESSION_FRACTURE,
                Assertion.ABSENT)).isTrue();
        assertThat(has("Thoracic vertebral bodies are maintained in height.", COMPRESSION_FRACTURE, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Normal height of the vertebral bodies, no listhesis.", COMPRESSION_FRACTURE, Assertion.ABSENT))
                .isTrue();
        // a loss of height is still a fracture
        assertThat(has("Wedge compression fracture of L1 with 30% loss of height.", COMPRESSION_FRACTURE,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aStrainNamedByItsMuscleIsAMuscleStrain() {
        assertThat(has("Low-grade calf strain at the medial head of gastrocnemius.", MUSCLE_STRAIN, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Adductor longus strain with feathery muscle oedema.", MUSCLE_STRAIN, Assertion.PRESENT)).isTrue();
        // the muscle's oedema is no pulmonary oedema
        assertThat(has("Adductor longus strain with feathery muscle oedema.", PULMONARY_EDEMA, Assertion.PRESENT))
                .isFalse();
        assertThat(has("Partial strain of the hamstrings near the ischial tuberosity.", MUSCLE_STRAIN,
                Assertion.PRESENT)).isTrue();
        // the heart's strain stays no muscle strain
        assertThat(has("CT signs of right heart strain.", MUSCLE_STRAIN, Assertion.PRESENT)).isFalse();
    }

    @Test
    void elevatedElbowFatPadsAreAJointEffusion() {
        assertThat(has("Raised fat pads on the lateral view of the elbow.", JOINT_EFFUSION, Assertion.PRESENT)).isTrue();
        assertThat(has("Positive fat pad sign without a fracture line.", JOINT_EFFUSION, Assertion.PRESENT)).isTrue();
        assertThat(has("No elevation of the fat pads.", JOINT_EFFUSION, Assertion.ABSENT)).isTrue();
    }

    @Test
    void suspiciousOrPathologicalAxillaryNodesAreAxillaryAdenopathy() {
        assertThat(has("There are no pathologic axillary nodes on either side.", AXILLARY_ADENOPATHY, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Two suspicious axillary lymph nodes on the right with thickened cortices.", AXILLARY_ADENOPATHY,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void noAcuteBloodDeniesIntracranialHaemorrhage() {
        assertThat(has("Chronic infarct in the left occipital lobe; no acute blood.", INTRACRANIAL_HEMORRHAGE,
                Assertion.ABSENT)).isTrue();
        assertThat(has("No intracranial blood or skull fracture.", INTRACRANIAL_HEMORRHAGE, Assertion.ABSENT)).isTrue();
        // a clinical history of blood loss is no bleed in the head
        assertThat(of("Anaemia after acute blood loss.", INTRACRANIAL_HEMORRHAGE)).isEmpty();
    }

    @Test
    void anExcisedOrResectedLesionIsGone() {
        assertThat(has("The left breast mass has since been excised.", BREAST_MASS, Assertion.ABSENT)).isTrue();
        assertThat(has("The left breast mass has since been excised.", BREAST_MASS, Assertion.PRESENT)).isFalse();
        assertThat(has("The sigmoid polyp was resected at colonoscopy.", COLONIC_POLYP, Assertion.ABSENT)).isTrue();
        // a mass to be excised is still there
        assertThat(has("Irregular breast mass at 2 o'clock, excision advised.", BREAST_MASS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void cystsAFibrocysticChangeExplainsAreThatChange() {
        assertThat(of("Several small cysts in the left breast, compatible with fibrocystic change.", BREAST_CYST))
                .isEmpty();
        assertThat(has("Several small cysts in the left breast, compatible with fibrocystic change.", FIBROCYSTIC_CHANGE,
                Assertion.PRESENT)).isTrue();
        // cysts alone stay cysts
        assertThat(has("Several small simple cysts in the left breast.", BREAST_CYST, Assertion.PRESENT)).isTrue();
    }

    @Test
    void collapseOfABoneOnAnMskExamIsNoAtelectasis() {
        assertThat(of("Osteonecrosis of the humeral head, no articular collapse.", ATELECTASIS)).isEmpty();
        assertThat(has("Osteonecrosis of the humeral head, no articular collapse.", AVASCULAR_NECROSIS,
                Assertion.PRESENT)).isTrue();
        // a lobe's collapse stays atelectasis
        assertThat(has("Collapse of the right lower lobe.", ATELECTASIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void pyloricStenosisIsNoBareStenosis() {
        assertThat(of("Thickened elongated pylorus in keeping with pyloric stenosis.", STENOSIS)).isEmpty();
    }

    @Test
    void aNarrowedLateralRecessOrNeuralForamenIsSpinalStenosis() {
        assertThat(has("Disc bulge narrowing the right lateral recess at L5-S1.", SPINAL_STENOSIS, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Uncovertebral spurs narrowing both neural foramina at C5-C6.", SPINAL_STENOSIS,
                Assertion.PRESENT)).isTrue();
        assertThat(has("Uncovertebral spurs narrowing both neural foramina at C5-C6.", STENOSIS, Assertion.PRESENT))
                .isFalse();
    }

    @Test
    void headCtWordsWithoutACodeMakeAnUnsitedMassIntracranial() {
        assertThat(has("No focal mass, midline shift or effacement of the sulci.", BRAIN_LESION, Assertion.ABSENT))
                .isTrue();
        assertThat(has("No focal mass, midline shift or effacement of the sulci.", LUNG_MASS, Assertion.ABSENT))
                .isFalse();
        assertThat(has("No acute haemorrhage, mass or mass effect.", INTRACRANIAL_HEMORRHAGE, Assertion.ABSENT))
                .isTrue();
        // a lone statement without such words keeps the lung reading (issue 11aq)
        assertThat(has("No mass or nodule.", LUNG_MASS, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aComponentNamedAsTheSiteOfALucencyIsNoProsthesisFinding() {
        assertThat(of("Periprosthetic lucency about the acetabular component, which may indicate loosening.", PROSTHESIS))
                .isEmpty();
        assertThat(has("Periprosthetic lucency about the acetabular component, which may indicate loosening.", LOOSENING,
                Assertion.POSSIBLE)).isTrue();
        // the component named as what the film shows stays a prosthesis
        assertThat(has("The acetabular component is well seated.", PROSTHESIS, Assertion.PRESENT)).isTrue();
    }
}
