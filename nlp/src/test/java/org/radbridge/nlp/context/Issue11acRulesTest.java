package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ac: one test per class of error fixed on blind set v13 (now a development set): false positives on
 * normal reports (a finding "not definitely seen", a screening programme in the exam title, a mammographic finding that
 * disperses after its site phrase), scope (a finding "not seen on the radiograph" of a CT, "is suggested by"), site
 * specificity (abbreviated abdominal exam titles, cerebral artery occlusion) and report vocabulary. The sentences are
 * new wording, not copied from an evaluation set.
 */
class Issue11acRulesTest extends NlpMentionsTest {

    @Test
    void aFindingNotDefinitelySeenIsAbsent() {
        String s = "CHEST PA\nThe previously described left apical nodule is not definitely identified today.";
        assertThat(of(s, "786838002")).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        assertThat(of("Small right effusion, not clearly visible on the lateral view.", "60046008"))
                .isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        // "not definitely excluded" still leaves the finding possible
        assertThat(has("Small right effusion not definitely excluded.", "60046008", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void aScreeningProgrammeNamedAfterItsDiseaseIsTheIndication() {
        assertThat(of("ULTRASOUND FOR AAA SCREENING\nAorta of normal calibre throughout.", "233985008")).isEmpty();
        assertThat(of("Chest radiograph for TB screening.\nLungs clear.", "56717001")).isEmpty();
        assertThat(of("Chest radiograph for TB screening.\nLungs clear.", "154283005")).isEmpty();
        // an aneurysm the report states is kept
        assertThat(has("Infrarenal AAA measuring 4.6 cm.", "233985008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aNegationAfterTheFindingsSitePhraseIsItsPredicate() {
        String s = "The focal asymmetry in the lower inner quadrant disperses on rolled views.";
        assertThat(of(s, "129789007")).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        // the same site phrase with a predicate that keeps the finding
        assertThat(has("The focal asymmetry in the lower inner quadrant persists on rolled views.", "129789007",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFindingNotSeenOnAnEarlierRadiographIsPresentToday() {
        String s = "CT CHEST\nSmall left apical pneumothorax, not visible on the radiograph from this morning.";
        assertThat(only(s, "36118008").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("CT CHEST\nSmall pericardial effusion, not previously seen.", "373945007").assertion())
                .isEqualTo(Assertion.PRESENT);
        // "not seen" about this study still denies
        assertThat(only("CT CHEST\nPneumothorax is not seen.", "36118008").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aFindingInferredFromASignIsPossible() {
        String s = "A small left effusion is suggested by a meniscus at the costophrenic angle.";
        assertThat(only(s, "60046008").assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void abbreviatedAbdominalExamTitlesMakeAnAbdominalExam() {
        assertThat(only("CT ABD/PELVIS WITH CONTRAST\nNo collection or abscess.", "75100008").assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("KUB\nNo abscess.", "75100008").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void anOccludedCerebralArterySegmentIsCerebralArteryOcclusion() {
        assertThat(only("Occlusion of the proximal right MCA.", "20059004").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("Abrupt cutoff of the right M2 segment, consistent with occlusion.", "20059004",
                Assertion.PRESENT)).isTrue();
        // an occlusion elsewhere stays the general arterial occlusion
        assertThat(of("Occlusion of the left superficial femoral artery.", "20059004")).isEmpty();
    }

    @Test
    void reportVocabularyOfPeritonealFluidVesselsAndLines() {
        assertThat(only("Small amount of perisplenic fluid.", "389026000").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Extensive aortoiliac atherosclerosis.", "81817003").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Calcified RCA and LAD calcification.", "53741008")).isNotEmpty()
                .allMatch(m -> m.assertion() == Assertion.PRESENT);
        assertThat(only("LIJ catheter tip projects over the brachiocephalic vein.", "52124006").assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Scattered periventricular hypodensities, probably microangiopathic.", "22811006").assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void theHeartNamedWithTheMediastinumOrLungsInANormalStatementIsNoCardiomegaly() {
        assertThat(only("The heart and mediastinal contour is unremarkable.", "8186001").assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Heart and lungs are unremarkable.", "8186001").assertion()).isEqualTo(Assertion.ABSENT);
        // an enlarged heart named with normal lungs stays present
        assertThat(has("Heart enlarged; lungs are normal.", "8186001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void noRestrictedDiffusionDeniesAnAcuteInfarct() {
        assertThat(only("MRI BRAIN\nNo foci of reduced diffusion. Normal flow voids.", "432504007").assertion())
                .isEqualTo(Assertion.ABSENT);
        // a focus of restricted diffusion alone is not named as an infarct by this row
        assertThat(of("MRI BRAIN\nSmall focus of restricted diffusion in the right caudate.", "432504007"))
                .noneMatch(m -> m.assertion() == Assertion.ABSENT);
    }
}
