package org.radbridge.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

/**
 * Issue 11, helper 11cb: classes of error of the non-chest-radiograph domains of blind v24 (now development): brain
 * atrophy named by the cortex or its lobes, gas in the soft tissues, mediastinal and hilar lymphadenopathy named
 * together, aortic valve calcification (no aortic atherosclerosis), an enlarged prostate, fullness of the renal pelvis.
 * The wording is new, not copied from an evaluation set.
 */
class Issue11cbRulesTest extends NlpMentionsTest {

    private static final String CEREBRAL_ATROPHY = "418143002";
    private static final String ATROPHY = "13331008";
    private static final String SUBCUTANEOUS_EMPHYSEMA = "3830001";
    private static final String MEDIASTINAL_LYMPHADENOPATHY = "52324001";
    private static final String HILAR_LYMPHADENOPATHY = "87500009";
    private static final String BILATERAL_HILAR_ADENOPATHY = "264508001";
    private static final String AORTIC_ATHEROSCLEROSIS = "81817003";
    private static final String BPH = "444808002";
    private static final String RENAL_PELVIS_DILATATION = "197820003";
    private static final String PULMONARY_METASTASIS = "94391008";
    private static final String MESOTHELIOMA = "109378008";
    private static final String PULMONARY_EMBOLISM = "59282003";
    private static final String PNEUMONIA = "233604007";
    private static final String ARTHRITIS = "3723001";
    private static final String ARTERIOSCLEROSIS = "28960008";
    private static final String CALCIFICATION = "18115005";
    private static final String HIP_FRACTURE = "700097003";
    private static final String FEMUR_FRACTURE = "71620000";
    private static final String LUNG_NODULE = "786838002";
    private static final String CALCULUS = "RID4994";
    private static final String URINARY_CALCULUS = "95566004";

    @Test
    void atrophyNamedByTheCortexOrALobeIsCerebralAtrophy() {
        assertThat(only("Diffuse cortical atrophy, moderate for the patient's age.", CEREBRAL_ATROPHY).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Diffuse cortical atrophy, moderate for the patient's age.", ATROPHY)).isEmpty();
        assertThat(only("Disproportionate bitemporal atrophy.", CEREBRAL_ATROPHY).assertion()).isEqualTo(Assertion.PRESENT);
        // the coordinated lobes are each read as the cerebral atrophy
        assertThat(of("Parietal and temporal atrophy, worse on the left.", CEREBRAL_ATROPHY))
                .isNotEmpty().allMatch(m -> m.assertion() == Assertion.PRESENT);
        assertThat(of("Parietal and temporal atrophy, worse on the left.", ATROPHY)).isEmpty();
        assertThat(only("Frontal lobe atrophy, left more than right.", CEREBRAL_ATROPHY).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Bilateral hippocampal atrophy is noted.", CEREBRAL_ATROPHY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No medial temporal lobe atrophy.", CEREBRAL_ATROPHY).assertion()).isEqualTo(Assertion.ABSENT);
        // atrophy of a muscle is no cerebral atrophy
        assertThat(of("Fatty atrophy of the supraspinatus muscle.", CEREBRAL_ATROPHY)).isEmpty();
    }

    @Test
    void gasInTheSoftTissuesIsSoftTissueEmphysema() {
        assertThat(only("Soft-tissue gas along the medial heel.", SUBCUTANEOUS_EMPHYSEMA).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Foci of gas within the soft tissues of the second toe.", SUBCUTANEOUS_EMPHYSEMA).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No soft tissue gas or foreign body.", SUBCUTANEOUS_EMPHYSEMA).assertion())
                .isEqualTo(Assertion.ABSENT);
        // gas in the bowel is no soft tissue emphysema
        assertThat(of("Gas in nondilated loops of colon.", SUBCUTANEOUS_EMPHYSEMA)).isEmpty();
    }

    @Test
    void mediastinalAndHilarLymphadenopathyNamedTogetherIsBoth() {
        String text = "Bulky hilar and mediastinal adenopathy, likely sarcoidosis.";
        assertThat(only(text, MEDIASTINAL_LYMPHADENOPATHY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(text, HILAR_LYMPHADENOPATHY).assertion()).isEqualTo(Assertion.PRESENT);
        String bilateral = "Interval decrease of the mediastinal and bilateral hilar lymphadenopathy.";
        assertThat(has(bilateral, MEDIASTINAL_LYMPHADENOPATHY, Assertion.PRESENT)).isTrue();
        assertThat(has(bilateral, BILATERAL_HILAR_ADENOPATHY, Assertion.PRESENT)).isTrue();
        assertThat(has("No mediastinal and hilar lymphadenopathy.", MEDIASTINAL_LYMPHADENOPATHY, Assertion.ABSENT)).isTrue();
        // hilar nodes alone stay hilar only
        assertThat(of("Mild right hilar lymphadenopathy.", MEDIASTINAL_LYMPHADENOPATHY)).isEmpty();
    }

    @Test
    void aorticValveCalcificationIsNoAtherosclerosisOfTheAorta() {
        assertThat(of("Moderate aortic valve calcifications, no stenosis.", AORTIC_ATHEROSCLEROSIS)).isEmpty();
        assertThat(of("Calcified aortic valve with normal ascending aorta calibre.", AORTIC_ATHEROSCLEROSIS)).isEmpty();
        // calcification of the aortic wall stays aortic atherosclerosis
        assertThat(has("Calcification of the thoracic aorta and aortic valve calcification.", AORTIC_ATHEROSCLEROSIS,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void anEnlargedProstateIsBenignProstaticHyperplasia() {
        assertThat(only("Prostatic enlargement with a median lobe.", BPH).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Enlarged prostate gland measuring 62 mL.", BPH).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No prostatic hypertrophy.", BPH).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of("The prostate is normal in size.", BPH)).isEmpty();
    }

    @Test
    void fullnessOfTheRenalPelvisIsItsDilatation() {
        assertThat(only("Slight fullness of the left renal pelvis without calyceal dilatation.", RENAL_PELVIS_DILATATION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Mild renal pelvic fullness on the right.", RENAL_PELVIS_DILATATION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("The renal pelves are normal.", RENAL_PELVIS_DILATATION)).isEmpty();
    }

    @Test
    void toBeExcludedLeavesTheReadingOpen() {
        assertThat(only("A solitary nodule in the lingula; metastasis is to be excluded.", PULMONARY_METASTASIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Pleural thickening on the right; mesothelioma remains to be excluded.", MESOTHELIOMA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // an exclusion stated as done stays a negation
        assertThat(only("Pulmonary embolism is excluded.", PULMONARY_EMBOLISM).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void anInfectedLineOrCatheterIsNoPneumonia() {
        assertThat(of("Several cavitary nodules in a patient with a central line infection.", PNEUMONIA)).isEmpty();
        assertThat(of("Bilateral peripheral nodules; history of port infection.", PNEUMONIA)).isEmpty();
        // an infection of the lung stays pneumonia
        assertThat(has("Right basal consolidation, likely infection.", PNEUMONIA, Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void thePulmonaryEmbolismProtocolIsNoFinding() {
        assertThat(of("CT of the chest with contrast, PE protocol, adequate opacification.", PULMONARY_EMBOLISM)).isEmpty();
        assertThat(of("Pulmonary embolism protocol CT angiogram of the chest.", PULMONARY_EMBOLISM)).isEmpty();
        assertThat(only("Acute PE in the right lower lobe segmental artery.", PULMONARY_EMBOLISM).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void charcotArthropathyIsNoArthritis() {
        assertThat(of("Disorganisation of the Lisfranc joint in keeping with Charcot arthropathy.", ARTHRITIS)).isEmpty();
        assertThat(of("Neuropathic osteoarthropathy of the midfoot.", ARTHRITIS)).isEmpty();
        assertThat(has("Inflammatory arthropathy of the wrists.", ARTHRITIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void calcificationOfACarotidOrVertebralArteryIsArteriosclerosis() {
        assertThat(only("Dense calcification of both cavernous carotids.", ARTERIOSCLEROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Dense calcification of both cavernous carotids.", CALCIFICATION)).isEmpty();
        assertThat(only("Mural calcification of the left vertebral artery.", ARTERIOSCLEROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a calcification elsewhere in the head stays a calcification
        assertThat(of("Small calcification in the right basal ganglia.", ARTERIOSCLEROSIS)).isEmpty();
    }

    @Test
    void aFractureAtTheHipIsAFractureOfTheHipRegion() {
        assertThat(only("Left hip: no displaced fracture.", HIP_FRACTURE).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Comminuted fracture about the right hip.", HIP_FRACTURE).assertion()).isEqualTo(Assertion.PRESENT);
        // the femoral neck named stays a fracture of the femur
        assertThat(has("Displaced fracture of the left femoral neck.", FEMUR_FRACTURE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void noNewOrEnlargingDeniesTheFinding() {
        assertThat(has("No new or enlarging nodule in either lung.", LUNG_NODULE, Assertion.ABSENT)).isTrue();
        assertThat(has("No new or enlarging nodule in either lung.", LUNG_NODULE, Assertion.PRESENT)).isFalse();
        // a nodule stated in its own sentence stays present
        assertThat(has("Stable 5 mm nodule in the lingula.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aStoneAlreadyPassedIsNoCalculusSeenNow() {
        assertThat(of("Mild left perinephric fat stranding, probably after a passed stone.", CALCULUS)).isEmpty();
        assertThat(of("Mild ureteric dilatation, likely related to recent passage of a stone.", CALCULUS)).isEmpty();
        // a stone seen stays a calculus
        assertThat(has("A 3 mm stone at the left ureterovesical junction.", URINARY_CALCULUS, Assertion.PRESENT)).isTrue();
    }
}
