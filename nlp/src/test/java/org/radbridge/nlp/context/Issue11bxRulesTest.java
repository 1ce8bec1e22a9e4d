package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bx: concepts the evaluation sets' gold named NOCODE, now coded from the HL7 IPS SNOMED CT free set
 * (terminology rows in the "issue 11bx" blocks). Each is emitted with its assertion in report sentences of new wording,
 * and does not swallow (or get swallowed by) a nearby concept.
 */
class Issue11bxRulesTest extends NlpMentionsTest {

    private static final String RDS_NEWBORN = "46775006";
    private static final String TTN = "7550008";
    private static final String BPD = "67569000";
    private static final String NEC = "206525008";
    private static final String NPH = "30753002";
    private static final String HYDROCEPHALUS = "230745008";
    private static final String ALZHEIMER = "26929004";
    private static final String SILICOSIS = "805002";
    private static final String ASBESTOSIS = "22607003";
    private static final String PNEUMOCONIOSIS = "40122008";
    private static final String GOITER = "3716002";
    private static final String THYMOMA = "444231005";
    private static final String MEDIASTINAL_MASS = "94147001";
    private static final String DISH = "31487001";
    private static final String CORD_COMPRESSION = "71286001";
    private static final String TENOSYNOVITIS = "67801009";
    private static final String CHIARI = "253184003";
    private static final String CKD = "709044004";
    private static final String OSTEOLYSIS = "203522001";
    private static final String BRAIN_HERNIATION = "49453006";
    private static final String BICEPS_RUPTURE = "428883008";
    private static final String LATERAL_EPICONDYLITIS = "202855006";
    private static final String SHOULDER_IMPINGEMENT = "239960007";
    private static final String MUSCLE_STRAIN = "48532005";
    private static final String ULNAR_NEURITIS = "95675005";
    private static final String EMPHYSEMA = "87433001";

    private static Set<String> codes(String text) {
        return nlp.analyze("t", text).mentions().stream().map(FindingMention::conceptCode).collect(Collectors.toSet());
    }

    @Test
    void neonatalChestFilms() {
        assertThat(only("NICU portable chest: ground-glass granular lungs, in keeping with hyaline membrane disease.",
                RDS_NEWBORN).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Appearances would fit surfactant deficiency in this 27 week infant.", RDS_NEWBORN).assertion())
                .isNotEqualTo(Assertion.ABSENT);
        assertThat(only("Streaky perihilar markings and fluid in the fissure, likely transient tachypnoea of the newborn.",
                TTN).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Coarse reticular change and cystic lucencies, consistent with bronchopulmonary dysplasia.", BPD)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Neonatal abdomen: no pneumatosis or portal venous gas to suggest necrotising enterocolitis.", NEC)
                .assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void dementiaAndVentricles() {
        assertThat(only("CT HEAD\nVentriculomegaly out of proportion to sulcal widening; normal pressure hydrocephalus is a consideration.",
                NPH).assertion()).isEqualTo(Assertion.POSSIBLE);
        // the specific concept replaces the general one for the same words
        assertThat(of("CT HEAD\nVentriculomegaly out of proportion to sulcal widening; normal pressure hydrocephalus is a consideration.",
                HYDROCEPHALUS)).isEmpty();
        assertThat(only("MRI BRAIN\nBilateral hippocampal volume loss, which may reflect Alzheimer's disease.", ALZHEIMER)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("CT HEAD\nLarge left hemispheric bleed with early subfalcine herniation.", BRAIN_HERNIATION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("CT HEAD\nNo uncal herniation.", BRAIN_HERNIATION).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void occupationalLungDisease() {
        assertThat(only("Innumerable small upper zone nodules in a stonemason, typical of silicosis.", SILICOSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Basal reticulation with calcified pleural plaques, suspicious for asbestosis.", ASBESTOSIS)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("No radiographic evidence of pneumoconiosis.", PNEUMOCONIOSIS).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void neckAndMediastinum() {
        assertThat(only("Right paratracheal soft tissue fullness deviating the trachea, likely a retrosternal goitre.", GOITER)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        // a thymoma named as a consideration for a mediastinal mass keeps the mass
        Set<String> c = codes("CT CHEST\nLobulated anterior mediastinal mass; thymoma is the leading consideration.");
        assertThat(c).contains(THYMOMA, MEDIASTINAL_MASS);
    }

    @Test
    void spineAndJoints() {
        assertThat(only("Flowing anterior ossification over four thoracic levels, compatible with DISH.", DISH).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI C-SPINE\nDisc osteophyte complex at C5-6 without cord compression.", CORD_COMPRESSION)
                .assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("MRI THORACIC SPINE\nThe epidural metastasis causes myelocompression at T7.", CORD_COMPRESSION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI BRAIN\nCerebellar tonsils 9 mm below the foramen magnum, a Chiari malformation.", CHIARI)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI WRIST\nFluid around the extensor carpi ulnaris tendon, compatible with tenosynovitis.",
                TENOSYNOVITIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI ELBOW\nThickened common extensor origin, in keeping with lateral epicondylitis.",
                LATERAL_EPICONDYLITIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI ELBOW\nEnlarged and hyperintense ulnar nerve in the cubital tunnel, may indicate ulnar neuritis.",
                ULNAR_NEURITIS).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("MRI SHOULDER\nDown-sloping acromion, which predisposes to subacromial impingement.",
                SHOULDER_IMPINGEMENT).assertion()).isNotEqualTo(Assertion.ABSENT);
        assertThat(only("MRI SHOULDER\nComplete tear of the long head of the biceps tendon with retraction.", BICEPS_RUPTURE)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI THIGH\nFeathery oedema in the hamstring muscle belly, a low-grade muscle strain.", MUSCLE_STRAIN)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Lucency around the femoral stem, concerning for periprosthetic osteolysis.", OSTEOLYSIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void kidneys() {
        assertThat(only("RENAL ULTRASOUND\nSmall echogenic kidneys bilaterally in keeping with chronic kidney disease.", CKD)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void nearbyConceptsAreNotSwallowed() {
        // the word "strain" of right heart strain is no muscle strain, and emphysema stays emphysema
        assertThat(codes("CT PULMONARY ANGIOGRAM\nSaddle embolus with signs of right heart strain.")).doesNotContain(MUSCLE_STRAIN);
        assertThat(codes("Hyperinflated lungs with emphysematous change.")).contains(EMPHYSEMA).doesNotContain(SILICOSIS,
                PNEUMOCONIOSIS);
        assertThat(codes("Tiny silicotic nodules are again seen in both upper zones.")).contains("445249002")
                .doesNotContain(SILICOSIS);
        // a plain hydrocephalus stays the general concept
        assertThat(only("CT HEAD\nObstructive hydrocephalus from the third ventricular mass.", HYDROCEPHALUS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }
}
