package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11cs: musculoskeletal MRI wordings of the real-text dev splits, written as their families (rows of
 * triggers/normal-statements.tsv with a present assertion, read in their sentence so a negation or hedge still
 * decides): fluid or synovitis in a named tendon's sheath is tenosynovitis, a strain of a named muscle is a muscle
 * strain, oedema or raised signal of the subcutaneous fat or the soft tissues is soft tissue swelling. The sentences
 * are new, not copied from either set.
 */
class Issue11csRulesTest extends NlpMentionsTest {

    private static final String TENOSYNOVITIS = "67801009";
    private static final String MUSCLE_STRAIN = "48532005";
    private static final String SWELLING = "298349001";

    @Test
    void fluidOrSynovitisInANamedTendonSheathIsTenosynovitis() {
        assertThat(has("MRI ANKLE: Mild synovitis of the posterior tibial tendon sheath.", TENOSYNOVITIS, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI ANKLE: There is a little fluid within the peroneal tendon sheaths.", TENOSYNOVITIS, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI WRIST: An effusion is seen in the extensor carpi ulnaris tendon sheath.", TENOSYNOVITIS, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI FOOT: Trace synovial fluid around the flexor hallucis longus tendon sheath.", TENOSYNOVITIS, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI SHOULDER: Biceps tendon sheath effusion is present.", TENOSYNOVITIS, Assertion.PRESENT)).isTrue();
        // negated and hedged as a term is
        assertThat(has("MRI ANKLE: No fluid within the flexor tendon sheaths.", TENOSYNOVITIS, Assertion.ABSENT)).isTrue();
        assertThat(has("MRI ANKLE: Possible synovitis of the peroneal tendon sheath.", TENOSYNOVITIS, Assertion.POSSIBLE)).isTrue();
        // control: fluid in a joint is no tenosynovitis
        assertThat(of("MRI KNEE: Small amount of fluid within the joint.", TENOSYNOVITIS)).isEmpty();
    }

    @Test
    void aStrainOfANamedMuscleIsAMuscleStrain() {
        assertThat(has("MRI KNEE: Low-grade strain of the medial gastrocnemius muscle.", MUSCLE_STRAIN, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI THIGH: There is a strain involving the biceps femoris myotendinous junction.", MUSCLE_STRAIN, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI HIP: Grade 1 adductor longus strain.", MUSCLE_STRAIN, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI SHOULDER: Strain of the infraspinatus muscle belly.", MUSCLE_STRAIN, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI KNEE: Findings could represent a strain of the popliteus muscle.", MUSCLE_STRAIN, Assertion.POSSIBLE)).isTrue();
        assertThat(has("MRI CALF: No strain of the soleus muscle.", MUSCLE_STRAIN, Assertion.ABSENT)).isTrue();
        // control: strain of the heart is no muscle strain
        assertThat(of("CT CHEST: Features of right heart strain.", MUSCLE_STRAIN)).isEmpty();
    }

    @Test
    void subcutaneousOedemaOrSoftTissueSignalIsSoftTissueSwelling() {
        assertThat(has("MRI ANKLE: Oedema of the subcutaneous fat over the lateral malleolus.", SWELLING, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI FOOT: Increased T2 signal within the soft tissues along the fifth metatarsal.", SWELLING, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI KNEE: Subcutaneous edema anterior to the patella.", SWELLING, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI HEEL: Edema in the subcutis behind the heel.", SWELLING, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI FOREARM: No increased STIR signal in the subcutaneous tissues.", SWELLING, Assertion.ABSENT)).isTrue();
        // control: raised signal of a bone is no soft tissue swelling
        assertThat(of("MRI KNEE: Increased T2 signal in the medial femoral condyle.", SWELLING)).isEmpty();
    }

    @Test
    void aPatentSpinalCanalDeniesStenosis() {
        assertThat(has("CT LUMBAR SPINE: The central canal remains widely patent at every level.", "76107001", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI CERVICAL SPINE: Spinal canal is of normal calibre.", "76107001", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI THORACIC SPINE: Capacious spinal canal.", "76107001", Assertion.ABSENT)).isTrue();
        // control: another canal is no spinal canal
        assertThat(of("CT PELVIS: The anal canal is normal.", "76107001")).isEmpty();
    }

    @Test
    void undilatedVentriclesDenyHydrocephalus() {
        assertThat(has("CT HEAD: The ventricular system shows no dilatation.", "230745008", Assertion.ABSENT)).isTrue();
        assertThat(has("MRI BRAIN: Lateral ventricles are not dilated.", "230745008", Assertion.ABSENT)).isTrue();
        assertThat(has("CT HEAD: Ventricles without enlargement.", "230745008", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aTearOfTheLongBicepsTendonInAnyWording() {
        assertThat(has("MRI SHOULDER: Partial tearing of the intracapsular portion of the long biceps tendon.", "428883008", Assertion.PRESENT)).isTrue();
        assertThat(has("MRI SHOULDER: Longitudinal split tear of the long head of the biceps tendon.", "428883008", Assertion.PRESENT)).isTrue();
        assertThat(has("MRI SHOULDER: No tear of the long biceps tendon.", "428883008", Assertion.ABSENT)).isTrue();
    }

    @Test
    void airStatedInThePeritonealCavityOrSubcutaneousFat() {
        assertThat(has("CT ABDOMEN: Small pockets of air are seen within the peritoneal cavity.", "RID4803", Assertion.PRESENT)).isTrue();
        assertThat(has("CT ABDOMEN: No free gas in the peritoneal cavity.", "RID4803", Assertion.ABSENT)).isTrue();
        assertThat(has("CT CHEST: Locules of gas within the subcutaneous tissues of the left flank.", "3830001", Assertion.PRESENT)).isTrue();
        // control: gas in the bowel is neither
        assertThat(of("CT ABDOMEN: Gas within the colon.", "RID4803")).isEmpty();
    }

    @Test
    void anUndilatedCollectingSystemDeniesHydronephrosis() {
        assertThat(has("US KIDNEYS: Undilated left pelvicalyceal system.", "43064006", Assertion.ABSENT)).isTrue();
        assertThat(has("CT UROGRAM: The right collecting system is not dilated.", "43064006", Assertion.ABSENT)).isTrue();
        assertThat(has("US KIDNEYS: Mild dilatation of the collecting system on the right.", "43064006", Assertion.PRESENT)).isTrue();
    }

    @Test
    void airInTheMediastinumAndALesionNarrowingTheSpinalCanal() {
        assertThat(has("CT CHEST: Gas tracking along the anterior mediastinum after the procedure.", "16838000", Assertion.PRESENT)).isTrue();
        assertThat(has("CT CHEST: No air within the mediastinum.", "16838000", Assertion.ABSENT)).isTrue();
        assertThat(has("CT SPINE: A bony spur encroaching on the spinal canal at C5.", "76107001", Assertion.PRESENT)).isTrue();
        assertThat(has("MRI SPINE: Epidural mass reducing the diameter of the central canal.", "76107001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFixationsMechanicalFailureIsNoHeartFailure() {
        assertThat(of("Postoperative knee radiograph: mechanical failure of the plate with a broken screw.", "42343007")).isEmpty();
        assertThat(of("Lumbar spine film: instrumentation failure at L4.", "42343007")).isEmpty();
        // control: heart failure on a chest film stays
        assertThat(has("Chest radiograph: features of congestive cardiac failure.", "42343007", Assertion.PRESENT)).isTrue();
    }
}
