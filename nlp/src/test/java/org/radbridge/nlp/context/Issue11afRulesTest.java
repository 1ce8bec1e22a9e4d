package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11af: one test per class of error fixed on blind set v14 (now a development set): a finding named in
 * the exam title (the exam's purpose, a false positive on normal reports), two-letter abbreviations the lookup dropped,
 * a device whose tip is out of view, "essentially resolved", hedges of a differential, normal statements, site
 * refinements (spleen, liver, foot, vertebra) and report vocabulary. The sentences are new wording, not copied from an
 * evaluation set.
 */
class Issue11afRulesTest extends NlpMentionsTest {

    @Test
    void aFindingNamedInTheExamTitleIsTheExamsPurpose() {
        String stone = "CT KUB STONE PROTOCOL\nFINDINGS: Both kidneys are free of calculi.\nIMPRESSION: Negative study.";
        assertThat(nlp.analyze("t", stone).mentions()).noneMatch(m -> m.assertion() == Assertion.PRESENT);
        String pe = "CT PULMONARY ANGIOGRAM FOR PULMONARY EMBOLISM\nFINDINGS: Opacification is good. No filling defect.";
        assertThat(of(pe, "59282003")).isEmpty();
        // a first line that is a sentence is text of the report, not its title
        String stated = "Large right pneumothorax.\nIMPRESSION: Urgent chest drain advised.";
        assertThat(only(stated, "36118008").assertion()).isEqualTo(Assertion.PRESENT);
        // a finding after the title is still read
        assertThat(has("CT KUB STONE PROTOCOL\nFINDINGS: 4 mm stone in the lower pole of the left kidney.", "386103008",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void twoLetterAbbreviationsAreFound() {
        assertThat(only("Small subsegmental PE in the left lower lobe.", "59282003").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("No acute fx of the distal radius.", "65966004")).isNotEmpty()
                .allMatch(m -> m.assertion() == Assertion.ABSENT);
        assertThat(has("Moderate OA of the right knee.", "396275006", Assertion.PRESENT)).isTrue();
        // a PE tube stays a tympanostomy tube
        assertThat(of("Left PE tube in good position.", "59282003")).isEmpty();
    }

    @Test
    void aDeviceWhoseTipIsOutOfViewIsInPlace() {
        String s = "Feeding tube passes below the left hemidiaphragm, the tip is not imaged.";
        assertThat(only(s, "25062003").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Nasogastric tube: tip not well visualised.", "25062003").assertion()).isEqualTo(Assertion.PRESENT);
        // the tube itself not seen is still absent
        assertThat(only("The feeding tube is not seen.", "25062003").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aFindingEssentiallyResolvedIsAbsent() {
        assertThat(only("The right basilar opacity has essentially resolved.", "274533004").assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Pneumothorax at the left apex is essentially resolved.", "36118008").assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void hedgesOfADifferentialLeaveEachArmPossible() {
        assertThat(only("Patchy right basal opacity, favoured to represent aspiration.", "68052005").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        String lead = "Mediastinal adenopathy; lymphoma is a leading consideration.";
        assertThat(only(lead, "1163043007").assertion()).isEqualTo(Assertion.POSSIBLE);
        String similar = "Probable small left effusion, although pleural thickening can appear similar.";
        assertThat(only(similar, "73725006").assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void normalStatementsWithTheAdjectiveFirstOrWithoutAVerb() {
        assertThat(only("Unremarkable cardiac and mediastinal contours.", "8186001").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Liver echotexture homogeneous. The spleen normal size.", "16294009").assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void findingsAtTheSpleenLiverFootAndSpineTakeTheirSiteCodes() {
        assertThat(has("Peripheral area of infarction in the spleen.", "22996003", Assertion.PRESENT)).isTrue();
        assertThat(has("Small infarct in the right lobe of the liver.", "17890003", Assertion.PRESENT)).isTrue();
        assertThat(has("Hypoattenuating lesion within the spleen.", "141701000119101", Assertion.PRESENT)).isTrue();
        assertThat(has("Bone marrow oedema of the fifth toe, suspicious for osteomyelitis.", "28769004", Assertion.POSSIBLE))
                .isTrue();
        assertThat(has("Endplate erosion at the L4 vertebral body compatible with osteomyelitis.", "203241002",
                Assertion.PRESENT)).isTrue();
        // a bare infarct on a head CT stays a cerebral infarction
        assertThat(has("CT HEAD\nFINDINGS: Old right occipital infarct.", "432504007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void reportVocabularyOfSpineAortaAndBone() {
        assertThat(only("Mild levoconvex lumbar curvature.", "298382003").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Uncoiled thoracic aorta.", "15690004").assertion()).isEqualTo(Assertion.PRESENT);
        // collapse of subchondral bone is osteonecrosis, not lung collapse
        assertThat(of("Flattening and subchondral collapse of the humeral head.", "46621007")).isEmpty();
        assertThat(nlp.analyze("t", "Flattening and subchondral collapse of the humeral head.").mentions())
                .extracting(FindingMention::conceptCode).doesNotContain("46621007");
    }

    @Test
    void usualInterstitialPneumoniaIsAPatternOfInterstitialLungDisease() {
        String s = "Basal reticular change with bronchiectasis of traction type, in a probable UIP pattern.";
        assertThat(has(s, "233703007", Assertion.POSSIBLE)).isTrue();
        assertThat(of(s, "51615001")).isEmpty();
        // the fibrosis the pattern qualifies stays fibrosis
        assertThat(has("Lower zone predominant UIP pattern fibrosis.", "51615001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aCalcifiedNoduleIsOneFindingTheNodule() {
        String s = "CHEST PA\nA 4 mm calcified nodule in the right mid zone is unchanged.";
        assertThat(has(s, "786838002", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "18115005")).isEmpty();
    }

    @Test
    void anIntraductalPapillaryMucinousNeoplasmIsANeoplasm() {
        assertThat(has("Dilated side branch in the pancreatic head, likely a side-branch IPMN.", "108369006",
                Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void aFootExamPutsABareOsteomyelitisOrFractureAtTheFoot() {
        String s = "XR LEFT FOOT\nFINDINGS: Erosion of the tuft of the distal phalanx, suspicious for osteomyelitis.";
        assertThat(only(s, "28769004").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(of(s, "60168000")).isEmpty();
        assertThat(has("FOOT 2 VIEWS\nFINDINGS: Acute fracture of the proximal phalanx.", "46866001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void oedemaBesideACerebralHaemorrhageIsCerebralOedema() {
        String s = "Right parietal intraparenchymal haemorrhage of 2 cm with a rim of oedema.";
        assertThat(has(s, "2032001", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "19242006")).isEmpty(); // not pulmonary oedema
    }

    @Test
    void anOilCystIsFatNecrosis() {
        assertThat(has("MAMMOGRAM\nFINDINGS: Two oil cysts in the right upper outer quadrant, benign.", "21381006",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aLungDensityNamedByItsLookOrPlaceIsALungOpacity() {
        assertThat(has("Ill-defined density in the left mid zone.", "274533004", Assertion.PRESENT)).isTrue();
        assertThat(has("Subtle right basilar density, perhaps atelectasis.", "274533004", Assertion.PRESENT)).isTrue();
        // breast density is no lung finding
        assertThat(of("MAMMOGRAM\nThe breasts are heterogeneously dense.", "274533004")).isEmpty();
    }

    @Test
    void aHedgedCauseAfterTheFindingIsPossible() {
        String s = "Linear left basilar opacities, probably secondary to atelectasis.";
        assertThat(has(s, "274533004", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "46621007")).isNotEmpty().allMatch(m -> m.assertion() == Assertion.POSSIBLE);
        assertThat(only("Streaky right basal opacity, possibly due to aspiration.", "68052005").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // a mimic after the same hedge still explains the finding away
        assertThat(of("Faint right basal opacity, most likely due to overlapping soft tissues.", "274533004")).isEmpty();
    }

    @Test
    void aHedgedTechnicalCauseHedgesTheAppearance() {
        String s = "Interstitial markings appear prominent, possibly due to poor inspiratory effort.";
        assertThat(only(s, "274533004").assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void noActiveOrPriorDiseaseDeniesItToday() {
        String s = "CHEST PA\nIMPRESSION: No radiographic sign of active or prior tuberculosis.";
        assertThat(of(s, "154283005")).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT
                && m.temporality() == FindingMention.Temporality.CURRENT);
        // a prior disease stated alone is still history
        assertThat(of("CHEST PA\nHISTORY: Prior tuberculosis.\nFINDINGS: Lungs clear.", "154283005"))
                .allMatch(m -> m.temporality() == FindingMention.Temporality.HISTORICAL);
    }
}
