package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11x: findings that had no SNOMED CT code now carry the code that Mondo's curated SNOMED CT mappings
 * or the HL7 IPS free sets give (see terminology/codesystems/radiology-findings.csv), and spondylosis carries a valid
 * SNOMED CT id. Each test states the finding present, absent and possible in wording of its own, not copied from an
 * evaluation set.
 */
class Issue11xCodesTest extends NlpMentionsTest {

    private static final String ENCEPHALOMALACIA = "58762006";
    private static final String MYCOSIS = "3218000";
    private static final String ALVEOLAR_PROTEINOSIS = "10501004";
    private static final String EVENTRATION = "34168003";
    private static final String TENDINOSIS = "724152009";
    private static final String BALLOON_PUMP = "129113006";
    private static final String SPONDYLOSIS = "8847002";

    @Test
    void encephalomalaciaIsTheBrainFindingWhateverTheSpelling() {
        for (String s : List.of("Right occipital encephalomalacia from a remote infarct.",
                "Encephalomalacic change in the left frontal pole, unchanged.",
                "Small area of cystic encephalomalacia in the right parietal lobe.")) {
            assertThat(has(s, ENCEPHALOMALACIA, Assertion.PRESENT)).as(s).isTrue();
        }
        assertThat(has("No encephalomalacia or acute infarct.", ENCEPHALOMALACIA, Assertion.ABSENT)).isTrue();
        assertThat(only("Hypodensity in the left temporal lobe, possibly encephalomalacia.", ENCEPHALOMALACIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void fungalInfectionIsMycosisButAFungalNamedLymphomaIsNot() {
        assertThat(only("Nodules with surrounding halo; fungal infection is a consideration in this neutropenic patient.", MYCOSIS)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(has("Findings consistent with fungal infection.", MYCOSIS, Assertion.PRESENT)).isTrue();
        assertThat(has("No evidence of fungal infection.", MYCOSIS, Assertion.ABSENT)).isTrue();
        assertThat(of("History of mycosis fungoides.", MYCOSIS)).isEmpty();
    }

    @Test
    void alveolarProteinosisAndEventrationAreChestFindings() {
        assertThat(only("Crazy paving in both lower lobes, which may reflect alveolar proteinosis.", ALVEOLAR_PROTEINOSIS)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(has("Known pulmonary alveolar proteinosis with stable ground-glass opacities.", ALVEOLAR_PROTEINOSIS,
                Assertion.PRESENT)).isTrue();
        for (String s : List.of("Eventration of the anteromedial right hemidiaphragm.", "Stable left diaphragmatic eventration.")) {
            assertThat(has(s, EVENTRATION, Assertion.PRESENT)).as(s).isTrue();
        }
        assertThat(only("Contour bulge of the right hemidiaphragm, likely eventration.", EVENTRATION).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void tendinosisIsNotATear() {
        assertThat(has("Moderate infraspinatus tendinosis.", TENDINOSIS, Assertion.PRESENT)).isTrue();
        assertThat(has("The patellar tendon shows no tendinosis.", TENDINOSIS, Assertion.ABSENT)).isTrue();
        assertThat(has("Common extensor tendinosis without a tear.", TENDINOSIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void anIntraAorticBalloonPumpIsTheDeviceAndStaysOutOfCheXpertSupportDevices() {
        for (String s : List.of("IABP tip projects over the proximal descending aorta.",
                "Intraaortic balloon pump marker at the level of the aortic knob.")) {
            assertThat(has(s, BALLOON_PUMP, Assertion.PRESENT)).as(s).isTrue();
        }
        assertThat(has("Interval removal of the intra-aortic balloon pump.", BALLOON_PUMP, Assertion.ABSENT)).isTrue();
        // the CheXpert support-device mention phrases (pacer, line, tube, catheter, device ...) do not name a balloon pump
        assertThat(chexpertLabel("Intra-aortic balloon pump in place.", "Support Devices")).isNull();
    }

    @Test
    void spondylosisIsCodedWithItsValidSnomedCtId() {
        assertThat(has("Mild multilevel spondylosis of the thoracic spine.", SPONDYLOSIS, Assertion.PRESENT)).isTrue();
        assertThat(has("Degenerative changes of the lumbar spine.", SPONDYLOSIS, Assertion.PRESENT)).isTrue();
    }
}
