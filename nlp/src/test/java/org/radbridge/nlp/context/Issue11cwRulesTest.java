package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, session 34 (11cw): concepts the evaluation sets' gold named NOCODE, now coded from the SNOMEDCT_US rows of
 * Apache cTAKES' sno_rx_16ab dictionary (terminology rows in the "issue 11cw" blocks). Each is emitted with its assertion,
 * at its site where a general finding names one, and a normal statement about the same structure stays silent.
 */
class Issue11cwRulesTest extends NlpMentionsTest {

    private static final String HYPERINFLATION = "249674001";
    private static final String ELEVATED_DIAPHRAGM = "88936002";
    private static final String WIDENED_MEDIASTINUM = "363646005";
    private static final String MEDIASTINAL_SHIFT = "19616004";
    private static final String MIDLINE_SHIFT = "299728009";
    private static final String TRACHEA_DISPLACED = "13206009";
    private static final String MUCOID_IMPACTION = "26068009";
    private static final String BILIARY_DILATATION = "123608004";
    private static final String PULMONARY_ARTERY_DILATATION = "251047005";
    private static final String PNEUMATOSIS = "17465007";
    private static final String RENAL_MASS = "309088003";
    private static final String HEMATOMEDIASTINUM = "22625005";
    private static final String DILATATION = "25322007";
    private static final String COPD = "13645005";
    private static final String CLIP = "77720000";
    private static final String ANEURYSM = "85659009";

    private static Set<String> codes(String text) {
        return nlp.analyze("t", text).mentions().stream().map(FindingMention::conceptCode).collect(Collectors.toSet());
    }

    @Test
    void chestRadiographWordings() {
        assertThat(only("PA and lateral chest: the lungs are markedly hyperinflated.", HYPERINFLATION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(codes("Hyperexpanded lungs, compatible with COPD.")).contains(HYPERINFLATION, COPD);
        assertThat(only("The lungs are not hyperinflated.", HYPERINFLATION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Chronic elevation of the left hemidiaphragm.", ELEVATED_DIAPHRAGM).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("The right hemidiaphragm is mildly elevated, likely due to eventration versus phrenic nerve palsy.",
                ELEVATED_DIAPHRAGM).assertion()).isNotEqualTo(Assertion.ABSENT);
        assertThat(only("Portable AP supine film after the crash: the mediastinum is widened.", WIDENED_MEDIASTINUM)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No mediastinal widening.", WIDENED_MEDIASTINUM).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("After the effusion was drained the left hemidiaphragm is no longer raised.", ELEVATED_DIAPHRAGM)
                .assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Large left effusion with shift of the mediastinum to the right.", MEDIASTINAL_SHIFT).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Right tension pneumothorax with leftward deviation of the trachea.", TRACHEA_DISPLACED).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Left lower lobe collapse, possibly from mucus plugging.", MUCOID_IMPACTION).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void normalStatementsStaySilent() {
        // normal heart and mediastinal contours are no statement about a widened mediastinum or an elevated diaphragm
        assertThat(codes("Cardiomediastinal contours are within normal limits. The diaphragms are normal in position."))
                .doesNotContain(WIDENED_MEDIASTINUM, ELEVATED_DIAPHRAGM);
        assertThat(codes("Lungs are well expanded and clear.")).doesNotContain(HYPERINFLATION);
    }

    @Test
    void headAndAbdomen() {
        assertThat(only("CT HEAD\nAcute subdural hematoma with 6 mm of midline shift.", MIDLINE_SHIFT).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("CT HEAD\nThere is no midline shift.", MIDLINE_SHIFT).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("CT ABDOMEN\nIntrahepatic biliary ductal dilatation to the level of the pancreatic head.",
                BILIARY_DILATATION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("CT ABDOMEN\nLinear gas in the cecal wall, concerning for pneumatosis intestinalis.", PNEUMATOSIS)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void generalFindingsAtTheirSite() {
        // a dilatation of the pulmonary artery or of the bile ducts is the site's concept, not the morphology alone
        Set<String> pa = codes("CT CHEST\nThe main pulmonary artery is dilated, measuring 3.6 cm.");
        assertThat(pa).contains(PULMONARY_ARTERY_DILATATION).doesNotContain(DILATATION);
        Set<String> ducts = codes("ULTRASOUND ABDOMEN\nThe common bile duct is dilated to 11 mm.");
        assertThat(ducts).contains(BILIARY_DILATATION).doesNotContain(DILATATION);
        assertThat(codes("CT ABDOMEN\nA 3 cm enhancing mass in the lower pole of the left kidney.")).contains(RENAL_MASS);
        assertThat(codes("CT CHEST\nHematoma in the anterior mediastinum after sternotomy.")).contains(HEMATOMEDIASTINUM);
    }

    @Test
    void cervicalRibIsANormalVariant() {
        assertThat(codes("Bones: bilateral small cervical ribs, otherwise unremarkable. Lungs clear.")).doesNotContain("72535009");
    }

    @Test
    void surgicalClipsAreNotReported() {
        // the writers since v15 label no clip; the finding beside the clips is still read
        assertThat(codes("Cholecystectomy clips in the right upper quadrant. No pneumothorax.")).doesNotContain(CLIP);
        assertThat(codes("Surgical clips in the left axilla.")).isEmpty();
        // and the operation that left them is no arterial dissection
        assertThat(codes("Surgical clips in the left axilla from prior node dissection.")).isEmpty();
        assertThat(codes("CT NECK\nPostoperative changes of a right neck dissection.")).doesNotContain("710864009");
        assertThat(codes("CT HEAD\nStreak artifact from a right MCA aneurysm clip limits evaluation.")).doesNotContain(ANEURYSM, CLIP);
        assertThat(has("Postoperative clips along the gastric pouch with a small left pleural effusion.", "60046008",
                Assertion.PRESENT)).isTrue();
    }
}
