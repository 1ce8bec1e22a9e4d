package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11cr: classes found in the dev splits of the real-text evaluations (MTSamples reports, ROCO figure
 * captions): a site the text ties to a finding over a count of ordinals beats a nearer exam word; a site of another
 * body region in the clause keeps a general finding out of the report region's default site; a mass of the liver or
 * spleen are the lesion of that organ. The wording is new, not copied from either set.
 */
class Issue11crRulesTest extends NlpMentionsTest {

    private static final String FRACTURE = "125605004";
    private static final String RIB_FRACTURE = "33737001";
    private static final String LUNG_MASS = "309529002";
    private static final String MASS = "4147007";
    private static final String LIVER_LESION = "300331000";
    private static final String SPLENIC_LESION = "141701000119101";
    private static final String METASTASIS = "128462008";
    private static final String LUNG_METASTASIS = "94391008";
    private static final String LUNG_NODULE = "786838002";

    @Test
    void aCountOfOrdinalsStillTiesTheSiteToTheFinding() {
        assertThat(has("Portable chest radiograph: fracture of right 3rd, 4th and 5th ribs.", RIB_FRACTURE, Assertion.PRESENT)).isTrue();
        assertThat(has("Chest film: fractures involving the left sixth and seventh ribs.", RIB_FRACTURE, Assertion.PRESENT)).isTrue();
        assertThat(has("Chest CT shows fractures of the 2nd, 3rd, 4th and 5th ribs on the right.", RIB_FRACTURE, Assertion.PRESENT)).isTrue();
        assertThat(has("Chest radiograph: no fracture of the ninth or tenth rib.", RIB_FRACTURE, Assertion.ABSENT)).isTrue();
        // control: without a rib the fracture stays general
        assertThat(has("Chest X-ray: old healed fracture, unchanged.", FRACTURE, Assertion.PRESENT)).isTrue();
        assertThat(of("Chest X-ray: old healed fracture, unchanged.", RIB_FRACTURE)).isEmpty();
        // the longer of two sites tied at the same word is the finding's ("tibial plateau", not its "tibial")
        assertThat(has("Knee radiograph: undisplaced fracture of the tibial plateau, medial side.", "428257007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aSiteOfAnotherRegionKeepsTheChestDefaultOff() {
        String report = "CT THORAX\nFindings: Small right pleural effusion. The upper abdomen: the liver shows no focal masses."
                + " A soft tissue nodule next to the spleen may be a metastatic deposit.";
        assertThat(of(report, LUNG_MASS)).isEmpty();
        assertThat(has(report, LIVER_LESION, Assertion.ABSENT)).isTrue();
        assertThat(of(report, LUNG_METASTASIS)).isEmpty();
        assertThat(has(report, METASTASIS, Assertion.POSSIBLE)).isTrue();
        // control: an unsited mass and nodule on a chest report are still the lung's
        String chest = "CT THORAX\nFindings: Spiculated mass in the chest, and a second small nodule. No effusion.";
        assertThat(has(chest, LUNG_MASS, Assertion.PRESENT)).isTrue();
        assertThat(has(chest, LUNG_NODULE, Assertion.PRESENT)).isTrue();
        // control: the nipple is no such region (a lung finding projects over it on a chest film)
        assertThat(has("CHEST RADIOGRAPH\nFINDINGS: A small nodule projects over the right nipple.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
        // control: a site of another region past a comma is not the finding's ("not seen now, was a breast shadow")
        assertThat(has("Chest radiograph\nFindings: The calcified granuloma is not seen today, probably a nipple shadow before.",
                "101401000119103", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aMassOfTheLiverOrSpleenIsTheLesionOfThatOrgan() {
        assertThat(has("Ultrasound abdomen: a 3 cm echogenic mass within the liver.", LIVER_LESION, Assertion.PRESENT)).isTrue();
        assertThat(has("CT abdomen: no focal mass in the liver.", LIVER_LESION, Assertion.ABSENT)).isTrue();
        assertThat(has("Ultrasound: a rounded mass in the spleen.", SPLENIC_LESION, Assertion.PRESENT)).isTrue();
        // control: a mass of the breast stays a breast mass
        assertThat(of("Mammogram: mass in the left breast.", MASS)).isEmpty();
    }
}
