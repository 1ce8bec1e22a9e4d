package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ak: one test per class of chest radiograph / chest CT error fixed on set v15 (now a development
 * set) and on chest findings below F1 0.75 on v12-v15: lobe abbreviations and ground-glass nodules, devices pulled
 * out, structured "none" lines, hedges of a differential and of the projection, film disclaimers, normal pulmonary
 * vascularity, emboli and aneurysms on chest reports, not-findings (mitral annulus, mass-like, sutures) and report
 * vocabulary. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11akRulesTest extends NlpMentionsTest {

    private static final String LUNG_NODULE = "786838002";

    @Test
    void lobeAbbreviationsAreLungSites() {
        assertThat(has("Stable 4 mm nodule along the RUL fissure.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
        assertThat(has("A 7 mm nodule at the RLL base is new.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
        assertThat(has("Small LLL nodule, unchanged.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
        // the general Nodule is not reported beside the lung nodule
        assertThat(of("Stable 4 mm nodule along the RUL fissure.", "27925004")).isEmpty();
    }

    @Test
    void aGroundGlassNoduleIsOneNodule() {
        String s = "Persistent ground-glass nodule of 11 mm in the left upper lobe.";
        assertThat(has(s, LUNG_NODULE, Assertion.PRESENT)).isTrue();
        assertThat(of(s, "RID28531")).isEmpty();
        // the bare hyphenated pattern is still a ground-glass opacity
        assertThat(only("Lungs: no ground-glass or consolidation.", "RID28531").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aLineOrTubePulledOutIsGone() {
        assertThat(only("The left subclavian line has been pulled out.", "52124006").assertion()).isEqualTo(Assertion.ABSENT);
        // pulled back is repositioned, still there
        assertThat(only("The endotracheal tube was pulled back by 2 cm.", "419991009").assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void findingsEssentiallyClearedAreAbsent() {
        assertThat(only("The interstitial pulmonary oedema has essentially cleared.", "19242006").assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void shorthandWithoutAndStructuredNoneLinesNegate() {
        assertThat(only("Both lungs clear w/o focal consolidation.", "95436008").assertion()).isEqualTo(Assertion.ABSENT);
        String ct = "CT THORAX\nFINDINGS: Hilar and mediastinal nodes: none enlarged.";
        assertThat(of(ct, "30746006")).noneMatch(m -> m.assertion() == Assertion.PRESENT);
        // 'none of' speaks about the nodules' change, not their absence
        // issue 11bj: plural nodules are Multiple lung nodules (445249002, a kind of the lung nodule)
        // (issue 11bk: the plural "nodules" is Multiple lung nodules, a kind of Lung nodule)
        assertThat(of("CT CHEST\nFINDINGS: None of the lung nodules has grown.", "445249002"))
                .isNotEmpty().allMatch(m -> m.assertion() == Assertion.PRESENT);
    }

    @Test
    void aFavouredArmAndANamedAlternativeArePossible() {
        String s = "Right basal airspace change, infection favoured over aspiration.";
        assertThat(only(s, "233604007").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only(s, "68052005").assertion()).isEqualTo(Assertion.POSSIBLE);
        String alt = "Peripheral consolidation may be infective; eosinophilic pneumonia is an alternative.";
        assertThat(of(alt, "233604007")).isNotEmpty().allMatch(m -> m.assertion() == Assertion.POSSIBLE);
    }

    @Test
    void aSizeJudgedOnAnApFilmIsHedgedByTheConcession() {
        assertThat(only("Cardiac silhouette is enlarged, although this is an AP film.", "8186001").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // the effusion stated after the concession stays present
        String both = "The heart is enlarged, although this is an AP view. Small right pleural effusion.";
        assertThat(only(both, "60046008").assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void whatASupineFilmMayMissIsADisclaimer() {
        assertThat(of("An anterior pneumothorax can be difficult to detect on a supine radiograph.", "36118008")).isEmpty();
        assertThat(of("Small effusions may be difficult to see on portable films.", "60046008")).isEmpty();
    }

    @Test
    void aHedgedCauseWithRelateTo() {
        String s = "Prominence of the aortic knob might relate to unfolding.";
        assertThat(of(s, "15690004")).noneMatch(m -> m.assertion() == Assertion.PRESENT);
    }

    @Test
    void normalPulmonaryVascularityDeniesCongestion() {
        assertThat(only("Pulmonary vascularity appears normal.", "196115007").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Lungs clear with normal pulmonary vascularity.", "196115007").assertion())
                .isEqualTo(Assertion.ABSENT);
        // increased vascularity is still congestion
        assertThat(has("Increased pulmonary vascularity in the upper zones.", "196115007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void embolusAndAneurysmOnAChestReportArePulmonaryAndThoracicAortic() {
        String ctpa = "CT PULMONARY ANGIOGRAM\nFINDINGS: No filling defect. No embolus. No aneurysm.";
        assertThat(only(ctpa, "59282003").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(ctpa, "433068007").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(ctpa, "55584005")).isEmpty();
        assertThat(only("Acute subsegmental emboli in the lingula.", "59282003").assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void mitralAnnulusMassLikeAndSuturesAreNoFindings() {
        assertThat(of("Moderate mitral annular calcification.", "18115005")).isEmpty();
        assertThat(of("Heavily calcified mitral annulus.", "18115005")).isEmpty();
        String masslike = "Masslike consolidation of the left lower lobe.";
        assertThat(has(masslike, "95436008", Assertion.PRESENT)).isTrue();
        assertThat(of(masslike, "309529002")).isEmpty();
        assertThat(of(masslike, "4147007")).isEmpty();
        assertThat(of("Surgical sutures at the right lung apex from wedge resection.", "27065002")).isEmpty();
    }

    @Test
    void aGlobularHeartAloneIsNotCardiomegaly() {
        assertThat(of("Globular heart contour; a pericardial effusion should be considered.", "8186001")).isEmpty();
        assertThat(has("Enlarged, globular heart.", "8186001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void chestReportVocabulary() {
        String nicu = "NICU BABYGRAM\nFINDINGS: UVC tip at the level of the diaphragm. Lungs clear.";
        assertThat(only(nicu, "52124006").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Left lower lobe PNA.", "233604007").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("Diffuse ground glass, pneumocystis should be considered.", "233604007", Assertion.POSSIBLE))
                .isTrue();
        assertThat(has("Smooth interstitial thickening at both bases.", "274533004", Assertion.PRESENT)).isTrue();
        assertThat(has("Loculated pleural collection along the left lateral chest wall.", "60046008", Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void aQueryMarkBeforeAWordOpensAQuestionNotASentenceEnd() {
        assertThat(of("? Pneumothorax after the pleural biopsy.", "36118008")).isEmpty();
        // a finding the sentence states keeps the query as its hedge
        assertThat(only("Left basal opacity ? Aspiration.", "68052005").assertion()).isEqualTo(Assertion.POSSIBLE);
        // a question closed by '?' still ends its sentence: the next one is read on its own
        assertThat(has("Any change? Small right pleural effusion.", "60046008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void telegraphicHeartAndCalcificationAbbreviations() {
        assertThat(only("Hrt size nl.", "8186001").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Enlarged hrt, small effusions.", "8186001").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("Dense aortic knob calcs.", "81817003", Assertion.PRESENT)).isTrue();
        // HRT on its own (hormone therapy in a history line) is no term
        assertThat(nlp.analyze("t", "Clinical: on HRT, breast pain.").mentions()).isEmpty();
    }

    @Test
    void sequelaeAndSpreadOfChestDisease() {
        assertThat(only("Apical scarring, probably post-tuberculous.", "154283005").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Reticular thickening suspicious for lymphangitic carcinomatosis.", "94391008").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        String granuloma = "CHEST 2 VIEWS\nFINDINGS: Calcified granulomatous change at the right base.";
        assertThat(only(granuloma, "101401000119103").assertion()).isEqualTo(Assertion.PRESENT);
    }
}
