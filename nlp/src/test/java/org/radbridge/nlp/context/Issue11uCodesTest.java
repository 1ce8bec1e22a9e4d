package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11u: findings that had no SNOMED CT code now carry the code a citable source gives (the HL7 IPS free
 * set; see terminology/codesystems/radiology-findings.csv). Each test states the finding present, absent and possible
 * in wording of its own, not copied from an evaluation set.
 */
class Issue11uCodesTest extends NlpMentionsTest {

    private static final String PLEURAL_THICKENING = "73725006";
    private static final String DISC_HERNIATION = "84857004";
    private static final String ASPIRATION = "68052005";
    private static final String ASPIRATION_PNEUMONIA = "422588002";
    private static final String MENINGIOMA = "302820008";
    private static final String PECTUS_EXCAVATUM = "391982004";
    private static final String CONTUSION = "125667009";
    private static final String CALCANEAL_SPUR = "55260003";

    @Test
    void pleuralThickeningIsThickeningOfPleura() {
        for (String s : List.of("Stable left basilar pleural thickening.", "Thin biapical pleural caps, unchanged.",
                "Old pleural scarring along the right lateral chest wall.")) {
            assertThat(has(s, PLEURAL_THICKENING, Assertion.PRESENT)).as(s).isTrue();
        }
        assertThat(has("There is no pleural thickening or effusion.", PLEURAL_THICKENING, Assertion.ABSENT)).isTrue();
        assertThat(only("Blunted left costophrenic angle, which may be due to pleural thickening.", PLEURAL_THICKENING)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void pleuralThickeningCountsForCheXpertPleuralOther() {
        assertThat(chexpertLabel("Minimal apical pleural thickening on both sides.", "Pleural Other"))
                .isEqualTo(1);
        assertThat(chexpertLabel("No pleural thickening.", "Pleural Other")).isEqualTo(0);
    }

    @Test
    void aHerniatedDiscIsHerniationOfNucleusPulposusNotAnAbdominalHernia() {
        for (String s : List.of("Broad-based disc protrusion at C5-C6 abutting the cord.", "Large left paracentral disk extrusion at L5-S1.",
                "Herniated disc at L3-L4 with narrowing of the lateral recess.")) {
            assertThat(has(s, DISC_HERNIATION, Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, "52515009")).as(s).isEmpty();
        }
        assertThat(has("No focal disc herniation at any level.", DISC_HERNIATION, Assertion.ABSENT)).isTrue();
        assertThat(only("Possible small disc herniation at T8-T9.", DISC_HERNIATION).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aspirationInAChestReportIsPulmonaryAspiration() {
        assertThat(only("Patchy retrocardiac opacity, which could reflect aspiration.", ASPIRATION).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(has("Dependent airspace disease compatible with aspiration.", ASPIRATION, Assertion.PRESENT)).isTrue();
        // a procedure named with the word is not the finding
        assertThat(of("Ultrasound-guided fine needle aspiration of the thyroid nodule was performed.", ASPIRATION)).isEmpty();
        assertThat(of("Recommend CT-guided aspiration of the collection.", ASPIRATION)).isEmpty();
    }

    @Test
    void aspirationPneumoniaIsAKindOfPneumonia() {
        assertThat(only("Right basal consolidation likely representing aspiration pneumonia.", ASPIRATION_PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(chexpertLabel("Left lower lobe aspiration pneumonia.", "Pneumonia")).isEqualTo(1);
    }

    @Test
    void meningiomaIsIntracranialMeningioma() {
        assertThat(has("Calcified meningioma along the left sphenoid wing.", MENINGIOMA, Assertion.PRESENT)).isTrue();
        assertThat(only("Dural-based enhancing lesion, probably a meningioma.", MENINGIOMA).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void pectusExcavatumAndContusion() {
        assertThat(has("Moderate pectus excavatum deformity of the sternum.", PECTUS_EXCAVATUM, Assertion.PRESENT)).isTrue();
        assertThat(has("Patchy lung contusion in the left upper lobe after the fall.", CONTUSION, Assertion.PRESENT)).isTrue();
        assertThat(has("No pulmonary contusion or laceration.", CONTUSION, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aHeelSpurIsACalcanealSpurNotAnyOsteophyte() {
        assertThat(has("Large plantar calcaneal spur.", CALCANEAL_SPUR, Assertion.PRESENT)).isTrue();
        assertThat(has("Small posterior heel spur at the Achilles insertion.", CALCANEAL_SPUR, Assertion.PRESENT)).isTrue();
        assertThat(of("Large plantar calcaneal spur.", "235231000119100")).isEmpty();
        assertThat(has("No calcaneal spur or erosion.", CALCANEAL_SPUR, Assertion.ABSENT)).isTrue();
    }

    @Test
    void mskAndAbdominalFindingsFromTheBelgianImagingIndicationSet() {
        assertThat(has("Fluid-distended olecranon bursitis.", "84017003", Assertion.PRESENT)).isTrue();
        assertThat(only("Lucency at the bone-cement interface of the tibial component, which could indicate loosening.", "302969009")
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(has("Knee arthroplasty in good position with no evidence of loosening.", "302969009", Assertion.ABSENT)).isTrue();
        assertThat(has("Chondrocalcinosis of the triangular fibrocartilage.", "239838005", Assertion.PRESENT)).isTrue();
        assertThat(has("A 6 mm appendicolith at the base of the inflamed appendix.", "24764000", Assertion.PRESENT)).isTrue();
        assertThat(has("No ligamentous injury is identified.", "263126002", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aTracheostomyTubeIsTheTracheostomyTubeDeviceNotAnEndotrachealTube() {
        for (String s : List.of("Tracheostomy tube tip projects over the mid trachea.", "Trach tube unchanged in position.",
                "Tracheostomy in situ; lungs are clear.")) {
            assertThat(has(s, "129121000", Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, "419991009")).as(s).isEmpty();
        }
        assertThat(chexpertLabel("Tracheostomy tube in standard position.", "Support Devices"))
                .isEqualTo(1);
    }
}
