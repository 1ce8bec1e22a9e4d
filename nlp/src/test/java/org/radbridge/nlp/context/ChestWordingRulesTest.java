package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11o: one test per class of chest radiograph wording fixed by a rule or data rows (normal-statement templates,
 * alternatives, the query mark, list words, cue, synonym, not-finding and section-title rows). The sentences are new
 * wording, not copied from an evaluation set.
 */
class ChestWordingRulesTest extends NlpMentionsTest {


    @Test
    void heartNormalTemplatesDenyCardiomegalyInManyWordings() {
        for (String s : List.of("The cardiac and mediastinal contours remain within normal limits.",
                "Cardiopericardial silhouette is otherwise unremarkable.", "Heart shadow appears normal in size.",
                "The heart/mediastinum: unremarkable.", "Cardiac shadow is high normal.", "Unremarkable cardiothymic silhouette.",
                "Cardiac size nl size.", "The CTR is not increased.")) {
            assertThat(of(s, "8186001")).as(s).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        }
        assertThat(only("Raised cardiothoracic ratio on this PA film.", "8186001").assertion()).isEqualTo(Assertion.PRESENT);
        // an enlarged heart is still read as cardiomegaly, and "borderline" stays possible
        assertThat(has("The cardiac silhouette is moderately enlarged.", "8186001", Assertion.PRESENT)).isTrue();
        assertThat(has("Borderline heart size.", "8186001", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void hedgedClauseAfterACommaIsNotPartOfTheNegatedList() {
        String s = "No pneumothorax, probable trace right effusion.";
        assertThat(only(s, "36118008").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, "60046008").assertion()).isEqualTo(Assertion.POSSIBLE);
        // a list that goes on ("or") keeps its negation over the hedged item
        String list = "No pneumothorax, questionable opacity, or effusion.";
        assertThat(only(list, "274533004").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(list, "60046008").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void twoFindingsNamedAsAlternativesAreBothPossible() {
        String s = "Streaky left basilar scarring or mild atelectasis.";
        assertThat(only(s, "12402003").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only(s, "46621007").assertion()).isEqualTo(Assertion.POSSIBLE);
        // a negated pair stays absent, whichever side the negation is on
        assertThat(of("Neither effusion or pneumothorax is identified.", "36118008"))
                .allMatch(m -> m.assertion() == Assertion.ABSENT);
        assertThat(only("Pneumothorax or effusion is not seen.", "60046008").assertion()).isEqualTo(Assertion.ABSENT);
        // a count is no alternative finding
        assertThat(has("Three or four calcified granulomas in the left lung.", "101401000119103", Assertion.PRESENT)).isTrue();
    }

    @Test
    void queryMarkAfterAStatedFindingHedgesItAndAloneAsksAQuestion() {
        assertThat(has("Patchy left lower zone shadowing and consolidation ?infection.", "233604007", Assertion.POSSIBLE)).isTrue();
        // the requester's question on its own is no finding
        assertThat(of("?pneumonia. Lungs are clear.", "233604007")).isEmpty();
    }

    @Test
    void mimicAsTheOtherArmOfADifferentialHedgesAndConsiderationsArePossible() {
        assertThat(only("Thin apical line, pneumothorax vs a skin fold.", "36118008").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Sarcoidosis and lymphoma are differential considerations.", "31541009").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Subtle basal opacity; the findings do not exclude early pneumonia.", "233604007").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // a modality as the subject is a disclaimer of its limits, no finding
        assertThat(of("Chest x-rays do not exclude small pulmonary emboli.", "59282003")).isEmpty();
    }

    @Test
    void chestVocabularyRowsFailureTensionCollapseDensityAndFreeAir() {
        assertThat(only("Enlarged heart, no overt heart failure.", "84114007").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Right pneumothorax with mediastinal shift, suspicious for tension.", "233645004").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(of("Tension band wire fixation of the patella.", "233645004")).isEmpty();
        assertThat(only("No lobar consolidation or collapse.", "46621007").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of("Old wedge deformity of L1 without vertebral collapse.", "46621007")).isEmpty();
        assertThat(has("Hazy airspace density at the right base.", "274533004", Assertion.PRESENT)).isTrue();
        assertThat(only("There is no subdiaphragmatic free air.", "RID4803").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Small left pleural infusion.", "60046008").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Saline infusion via the right arm line.", "60046008")).isEmpty();
        assertThat(has("Left basal pneumonai.", "233604007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void bareClinicalHeadingIsHistory() {
        String r = "CHEST PA CLINICAL: Known COPD, worse dyspnoea. FINDINGS: Lungs clear. No effusion.";
        assertThat(of(r, "13645005")).allMatch(m -> m.temporality() == FindingMention.Temporality.HISTORICAL);
        assertThat(has("Clinical details: cough. Report: Small right pleural effusion.", "60046008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void sideWordInsideCoordinatedModifiersKeepsEachFinding() {
        String s = "Bilateral hilar and left paratracheal adenopathy.";
        assertThat(has(s, "264508001", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "23794001", Assertion.PRESENT)).isTrue();
        assertThat(has("Right hilar and subcarinal lymphadenopathy.", "87500009", Assertion.PRESENT)).isTrue();
    }

    @Test
    void clauseAfterACommaWithItsOwnCueIsTodaysReadingNotHistory() {
        FindingMention m = only("In view of the history of cough, findings may represent early pneumonia.", "233604007");
        assertThat(m.assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        // a list of past conditions stays history
        assertThat(only("History of asthma, sinusitis and pneumonia.", "233604007").temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
    }

    @Test
    void dissectionOnAChestExamIsAorticDissection() {
        String r = "EXAM: CTA CHEST FINDINGS: Mildly dilated aortic root. No dissection. Lungs are clear.";
        assertThat(only(r, "308546005").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(has("Intimal dissection flap in the thoracic aorta.", "308546005", Assertion.PRESENT)).isTrue();
    }

    @Test
    void dilatedOrEctaticAortaIsDilatationButADilatedSignElsewhereStaysSiteOnly() {
        assertThat(has("The descending thoracic aorta is mildly ectatic.", "26660001", Assertion.PRESENT)).isTrue();
        assertThat(has("Dilated aortic arch, unchanged.", "26660001", Assertion.PRESENT)).isTrue();
        assertThat(of("Several dilated fluid-filled loops in the pelvis.", "26660001")).isEmpty();
    }

    @Test
    void aLobeMakesTheSentenceAChestOneAndFailureWordingsNameHeartFailure() {
        // the lobe in the first clause makes tuberculosis in the second one pulmonary
        assertThat(has("Left lower lobe thick-walled cavity; tuberculosis is a consideration.", "154283005", Assertion.POSSIBLE))
                .isTrue();
        // issue 11aq: bare "failure" on a chest film is congestive heart failure, a kind of heart failure
        assertThat(only("Clear lungs without evidence of failure.", "42343007").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void dictationMisspellingsApplyToNormalStatementsToo() {
        assertThat(only("Lungs clear. Cardiac size nromal.", "8186001").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Cardiomediastinal silhouete is within normal limits.", "8186001").assertion()).isEqualTo(Assertion.ABSENT);
    }
}
