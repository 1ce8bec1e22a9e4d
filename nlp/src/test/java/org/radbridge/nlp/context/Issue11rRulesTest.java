package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11r: one test per class of error fixed by data rows (synonym, anatomy and report-region rows). The
 * sentences are new wording, not copied from an evaluation set.
 */
class Issue11rRulesTest extends NlpMentionsTest {


    @Test
    void treeInBudIsALungOpacityPatternNotBronchiolitis() {
        for (String s : List.of("Scattered tree-in-bud opacities in the lingula.")) {
            assertThat(has(s, "274533004", Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, "4120002")).as(s).isEmpty();
        }
        // issue 11bb: tree-in-bud without the word opacity is no lung opacity (the writers of v6 and v9-v19 leave it
        // NOCODE; only "opacities" is the CheXpert mention), and no bronchiolitis either
        assertThat(of("Clustered tree in bud change at both bases.", "274533004")).isEmpty();
        assertThat(of("Clustered tree in bud change at both bases.", "4120002")).isEmpty();
        // bronchiolitis is reported when the report names it
        assertThat(only("Tree-in-bud change at the right base, probably bronchiolitis.", "4120002").assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void tuberculosisWithoutASiteIsPulmonary() {
        assertThat(of("Appearances are not those of active TB.", "154283005")).isNotEmpty()
                .allMatch(m -> m.assertion() == Assertion.ABSENT);
        assertThat(only("Upper zone fibrosis may be due to tuberculosis.", "154283005").assertion()).isEqualTo(Assertion.POSSIBLE);
        // in a report whose other findings are abdominal, tuberculosis is not read on the chest
        assertThat(of("CT ABDOMEN AND PELVIS: Ascites with omental caking; peritoneal tuberculosis is a consideration.",
                "154283005")).isEmpty();
    }

    @Test
    void aClockFacePositionPlacesTheLesionInTheBreast() {
        assertThat(has("Round circumscribed mass at 4 o'clock, 3 cm from the nipple.", "129788004", Assertion.PRESENT)).isTrue();
        assertThat(has("Anechoic simple cyst at 11 o'clock.", "399294002", Assertion.PRESENT)).isTrue();
        assertThat(of("Round circumscribed mass at 4 o'clock, 3 cm from the nipple.", "4147007")).isEmpty();
    }

    @Test
    void aCalycealCalculusIsARenalStone() {
        assertThat(has("Small stone within an upper pole calyx.", "386103008", Assertion.PRESENT)).isTrue();
        assertThat(has("2 mm calculus in a lower pole calyx.", "386103008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aHedgedTechnicalCauseHedgesTheEnlargedHeart() {
        for (String s : List.of("The heart appears enlarged, possibly exaggerated by the AP projection.",
                "Cardiomegaly, which may be due to portable technique.",
                "Enlarged cardiac silhouette may be accentuated by the supine position.")) {
            assertThat(only(s, "8186001").assertion()).as(s).isEqualTo(Assertion.POSSIBLE);
        }
        // an asserted cause leaves the finding stated (issue 11h)
        assertThat(only("Cardiomegaly, likely accentuated by AP technique.", "8186001").assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void neuroLocationWordsMakeALesionABrainLesion() {
        for (String s : List.of("A few juxtacortical and periventricular T2 hyperintense lesions.",
                "Enhancing lesion in the pontine tegmentum.", "Small lesion in the left cerebellum.")) {
            assertThat(has(s, "301766008", Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, "52988006")).as(s).isEmpty();
        }
        assertThat(has("Small focus of hemorrhage in the left cerebellum.", "1386000", Assertion.PRESENT)).isTrue();
    }

    @Test
    void perifissuralSubpleuralAndZoneWordsPlaceANoduleInTheLung() {
        for (String s : List.of("A 4 mm perifissural nodule, unchanged.", "Small subpleural nodule posteriorly.",
                "Nodule in the left lower zone.")) {
            assertThat(has(s, "786838002", Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, "27925004")).as(s).isEmpty();
        }
    }

    @Test
    void aFractureOnAnAnkleExamIsAnAnkleFracture() {
        assertThat(has("XR RIGHT ANKLE 2 VIEWS\nFINDINGS: Minimally displaced transverse fracture of the distal fibula.",
                "16114001", Assertion.PRESENT)).isTrue();
        // without the ankle title a fibula fracture away from the ankle stays a fracture of bone (issue 11ch: the
        // distal fibula itself is the ankle's lateral malleolus, so its fracture is an ankle fracture on any film)
        assertThat(of("Minimally displaced transverse fracture of the fibular shaft.", "16114001")).isEmpty();
        // a site that refines the fracture itself still wins on an ankle film; the calcaneus is a foot bone
        for (String s : List.of("XR LEFT ANKLE 3 VIEWS\nFINDINGS: Fracture of the base of the fifth metatarsal.",
                "XR LEFT ANKLE 3 VIEWS\nFINDINGS: Comminuted calcaneal fracture.")) {
            assertThat(of(s, "16114001")).as(s).isEmpty();
            assertThat(has(s, "46866001", Assertion.PRESENT)).as(s).isTrue();
        }
    }

    @Test
    void enlargedMesentericAndRetroperitonealNodesAreTheirOwnLymphadenopathy() {
        assertThat(has("Several enlarged mesenteric lymph nodes in the right lower quadrant.", "127144009", Assertion.PRESENT)).isTrue();
        assertThat(has("Bulky enlarged retroperitoneal lymph nodes.", "127154008", Assertion.PRESENT)).isTrue();
        assertThat(of("Several enlarged mesenteric lymph nodes in the right lower quadrant.", "30746006")).isEmpty();
    }

    @Test
    void calcifiedGranulomasWithoutASiteArePulmonary() {
        for (String s : List.of("A few tiny calcified granulomas.", "Two calcified granulomata are again seen bilaterally.")) {
            assertThat(has(s, "101401000119103", Assertion.PRESENT)).as(s).isTrue();
        }
        // a site that names another organ keeps the general concept
        assertThat(of("CT ABDOMEN: Calcified granulomas in the spleen.", "101401000119103")).isEmpty();
    }

    @Test
    void aMassLikeOpacityIsAnOpacityNotAMass() {
        String s = "Ill-defined mass-like opacity at the right hilum.";
        assertThat(has(s, "274533004", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "309529002")).isEmpty();
        assertThat(of(s, "4147007")).isEmpty();
    }
}
