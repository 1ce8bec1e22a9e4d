package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11ch: error classes left on the development sets v20-v25 that recur in more than one set or are common report
 * wording: the cardiothoracic ratio written as a percentage, normal pulmonary vessels and the silhouette + vascularity
 * pair, a fracture of the distal fibula, a line heading naming the structure of its findings ("Pleura: no effusion or
 * thickening"), necrotic lymph nodes named by station, a CT angiogram's denial of filling defects listed by arterial
 * level, and a collapsed lobe said to have re-expanded. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11chRulesTest extends NlpMentionsTest {

    private static final String CARDIOMEGALY = "8186001";
    private static final String PULMONARY_CONGESTION = "196115007";
    private static final String ANKLE_FRACTURE = "16114001";
    private static final String FRACTURE = "125605004";
    private static final String PLEURAL_THICKENING = "73725006";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PERICARDIAL_EFFUSION = "373945007";
    private static final String NECROSIS = "6574001";
    private static final String MEDIASTINAL_LYMPHADENOPATHY = "52324001";
    private static final String HILAR_LYMPHADENOPATHY = "87500009";
    private static final String PARATRACHEAL_LYMPHADENOPATHY = "23794001";
    private static final String PULMONARY_EMBOLISM = "59282003";
    private static final String ATELECTASIS = "46621007";
    private static final String GOITER = "3716002";
    private static final String PNEUMONIA = "233604007";
    private static final String LUNG_OPACITY = "274533004";
    private static final String ESOPHAGEAL_VARICES = "28670008";
    private static final String LIGAMENT_INJURY = "263126002";
    private static final String JOINT_EFFUSION = "387637008";

    @Test
    void aCardiothoracicRatioAsAPercentageIsReadAgainstFiftyPercent() {
        assertThat(has("Lung fields clear. CTR 46 %. No effusion.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("Lung fields clear. CTR 46 %. No effusion.", CARDIOMEGALY, Assertion.PRESENT)).isFalse();
        assertThat(has("The cardiothoracic ratio is about 50%.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        // above half of the thorax it is an enlarged heart
        assertThat(has("Pulmonary congestion has increased; CTR: 63%.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
        assertThat(has("Pulmonary congestion has increased; CTR: 63%.", CARDIOMEGALY, Assertion.ABSENT)).isFalse();
        // the fraction form keeps its reading
        assertThat(has("CTR measures 0.58.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void normalPulmonaryVesselsDenyCongestion() {
        assertThat(has("The pulmonary vessels appear normal in calibre.", PULMONARY_CONGESTION, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Normal pulmonary vascular pattern.", PULMONARY_CONGESTION, Assertion.ABSENT)).isTrue();
        assertThat(has("Unremarkable cardiac silhouette and pulmonary vasculature.", PULMONARY_CONGESTION,
                Assertion.ABSENT)).isTrue();
        assertThat(has("Unremarkable cardiac silhouette and pulmonary vasculature.", CARDIOMEGALY, Assertion.ABSENT))
                .isTrue();
        // engorged vessels stay congestion
        assertThat(has("The pulmonary vascularity is engorged.", PULMONARY_CONGESTION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFractureOfTheDistalFibulaIsAnAnkleFracture() {
        assertThat(has("Spiral fracture of the distal fibula, minimally displaced.", ANKLE_FRACTURE, Assertion.PRESENT))
                .isTrue();
        assertThat(has("No distal fibular fracture is seen.", ANKLE_FRACTURE, Assertion.ABSENT)).isTrue();
        // the proximal fibula is no ankle
        assertThat(has("Fracture of the proximal fibula near the knee.", ANKLE_FRACTURE, Assertion.PRESENT)).isFalse();
        assertThat(has("Fracture of the proximal fibula near the knee.", FRACTURE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aLineHeadingNamesTheStructureOfItsFindings() {
        String report = "CT THORAX\nLungs: no nodules.\nPleura: thickening along the left base, no effusion.\n"
                + "Pericardium: small effusion.\nBones: unremarkable.";
        assertThat(has(report, PLEURAL_THICKENING, Assertion.PRESENT)).isTrue();
        assertThat(has(report, PLEURAL_EFFUSION, Assertion.ABSENT)).isTrue();
        assertThat(has(report, PERICARDIAL_EFFUSION, Assertion.PRESENT)).isTrue();
        assertThat(has(report, PLEURAL_EFFUSION, Assertion.PRESENT)).isFalse();
        // a finding that names its own structure keeps it
        assertThat(has("CT THORAX\nPericardium: trace pleural effusion on the right.", PLEURAL_EFFUSION, Assertion.PRESENT))
                .isTrue();
        assertThat(has("CHEST\nPleural spaces: neither effusion nor thickening.", PLEURAL_THICKENING, Assertion.ABSENT))
                .isTrue();
        // the heading's line ends at the line break or the next heading: a later thickening keeps its own site
        assertThat(has("MAMMOGRAM\nPleura: clear. Skin: thickening over the left breast.", PLEURAL_THICKENING,
                Assertion.PRESENT)).isFalse();
        assertThat(has("CHEST\nPleura: clear.\nThickening of the breast skin.", PLEURAL_THICKENING, Assertion.PRESENT))
                .isFalse();
    }

    @Test
    void necroticLymphNodesAreLymphadenopathyAtTheirStation() {
        String text = "Centrally necrotic subcarinal and left hilar lymph nodes.";
        assertThat(has(text, MEDIASTINAL_LYMPHADENOPATHY, Assertion.PRESENT)).isTrue();
        assertThat(has(text, HILAR_LYMPHADENOPATHY, Assertion.PRESENT)).isTrue();
        assertThat(has(text, NECROSIS, Assertion.PRESENT)).isFalse();
        assertThat(has("Low-density necrotic left paratracheal nodes.", PARATRACHEAL_LYMPHADENOPATHY, Assertion.PRESENT))
                .isTrue();
        // necrosis of an organ stays necrosis
        assertThat(has("Necrotic tail of the pancreas.", NECROSIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void fillingDefectsDeniedByArterialLevelDenyAnEmbolus() {
        assertThat(has("The study is diagnostic. No filling defects are identified in the main, lobar or segmental "
                + "pulmonary arteries.", PULMONARY_EMBOLISM, Assertion.ABSENT)).isTrue();
        assertThat(has("There are filling defects in the left lower lobe segmental pulmonary arteries, consistent with "
                + "emboli.", PULMONARY_EMBOLISM, Assertion.ABSENT)).isFalse();
    }

    @Test
    void aReExpandedLobeHasNoAtelectasis() {
        assertThat(has("Since the bronchoscopy the left upper lobe has fully re-expanded.", ATELECTASIS,
                Assertion.ABSENT)).isTrue();
        assertThat(has("Since the bronchoscopy the left upper lobe has fully re-expanded.", ATELECTASIS,
                Assertion.PRESENT)).isFalse();
        // a lobe still collapsed keeps its atelectasis
        assertThat(has("The right lower lobe remains collapsed.", ATELECTASIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void anEnlargedThyroidIsAGoitre() {
        assertThat(has("The thyroid gland is not enlarged; no thyroid enlargement.", GOITER, Assertion.ABSENT)).isTrue();
        assertThat(has("Enlarged thyroid with retrosternal extension narrowing the trachea.", GOITER, Assertion.PRESENT))
                .isTrue();
        // an enlarged node near the thyroid is no goitre
        assertThat(has("Enlarged lymph node adjacent to the thyroid.", GOITER, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aPneumonicInfiltrateIsThePneumoniaAndALungOpacity() {
        assertThat(chexpertLabel("Patchy pneumonic infiltrate in the left lower zone.", "Lung Opacity")).isEqualTo(1);
        assertThat(has("Patchy pneumonic infiltrate in the left lower zone.", PNEUMONIA, Assertion.PRESENT)).isTrue();
        assertThat(chexpertLabel("There are no pneumonic infiltrates.", "Lung Opacity")).isEqualTo(0);
        // a pneumonia named without an infiltrate gives no opacity of its own
        assertThat(has("Findings are compatible with atypical pneumonia.", LUNG_OPACITY, Assertion.PRESENT)).isFalse();
    }

    @Test
    void anEarlierModifierNamesItsFindingWhenTheLastOneNamesNone() {
        // "paraoesophageal varices" is no term, "oesophageal varices" is
        String text = "MRI LIVER\nCirrhotic liver. Oesophageal and paraoesophageal varices with splenomegaly.";
        assertThat(has(text, ESOPHAGEAL_VARICES, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI LIVER\nNo oesophageal or gastric varices.", ESOPHAGEAL_VARICES, Assertion.ABSENT)).isTrue();
        // words around a coordinator that name no finding together stay nothing
        assertThat(nlp.analyze("t", "CT ABDOMEN\nThe liver and spleen are normal in size.").mentions()).isEmpty();
    }

    @Test
    void aFindingTheStudyDoesNotEvaluateIsNoFinding() {
        String knee = "XR LEFT KNEE\nSmall joint effusion. Ligamentous and chondral injuries are not assessed "
                + "radiographically.";
        assertThat(of(knee, LIGAMENT_INJURY)).isEmpty();
        assertThat(has(knee, JOINT_EFFUSION, Assertion.PRESENT)).isTrue();
        assertThat(of("XR LEFT KNEE\nLigamentous injuries are not evaluated on plain films.", LIGAMENT_INJURY)).isEmpty();
        // the same words stated as seen stay a finding
        assertThat(has("XR LEFT KNEE\nLigamentous and chondral injuries.", LIGAMENT_INJURY, Assertion.PRESENT)).isTrue();
    }
}
