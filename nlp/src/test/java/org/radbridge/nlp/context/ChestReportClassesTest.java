package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11h: one test per class of chest radiograph wording fixed by data (cue, normal-statement, section-title,
 * synonym and refinement rows); the sentences are new wording, not copied from an evaluation set.
 */
class ChestReportClassesTest extends NlpMentionsTest {

    private static boolean presentToday(String text, String code) {
        return of(text, code).stream().anyMatch(m -> m.assertion() == FindingMention.Assertion.PRESENT
                && m.temporality() == FindingMention.Temporality.CURRENT);
    }

    @Test
    void modalityLimitDisclaimerAndClippedRequestWordsAreNoFinding() {
        assertThat(of("Radiographs are insensitive for small pulmonary emboli; see CT if needed.", "59282003")).isEmpty();
        assertThat(of("Plain films are not sensitive for subtle rib fractures.", "33737001")).isEmpty();
        assertThat(presentToday("XR chest: eval pneumonia.\nThe lungs are clear.", "233604007")).isFalse();
        assertThat(presentToday("Portable chest. F/u left effusion. The left effusion has resolved.", "60046008")).isFalse();
        // a later study named as the time of an observation is no request
        assertThat(presentToday("On follow-up imaging the right upper lobe mass has enlarged.", "309529002")).isTrue();
        assertThat(presentToday("Follow-up radiograph demonstrates persistent right lower lobe pneumonia.", "233604007")).isTrue();
    }

    @Test
    void invertedNoLongerSeenNegatesTheFindingAfterIt() {
        assertThat(only("No longer visualized is the small right pleural effusion.", "60046008").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("The right pleural effusion is no longer seen.", "60046008").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void organHeadingVerdictsUpperNormalAndShorthandDenyCardiomegaly() {
        for (String s : List.of("HEART: normal in size.", "Heart: Not enlarged.", "Heart size at the upper limits of normal.",
                "Cardiomediastinal silhouette is grossly unremarkable.", "Heart size nl, lungs clear.")) {
            // "Heart: Not enlarged." is also "enlarged" at the heading's site, denied as well
            assertThat(of(s, "8186001")).as(s).isNotEmpty()
                    .allMatch(m -> m.assertion() == FindingMention.Assertion.ABSENT);
        }
    }

    @Test
    void organSubHeadingsAreFindingsAndEndTheIndication() {
        String r = "Clinical history: 70 y.o. M dyspnea, r/o effusion. Lungs: Mild bibasilar atelectasis. Pleura: Small left "
                + "effusion. Heart: Top normal size. Bones: Degenerative spine.";
        FindingMention atx = only(r, "46621007");
        assertThat(atx.section()).isEqualTo("findings");
        assertThat(atx.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(presentToday(r, "60046008")).isTrue();
        String lines = "INDICATION: ventilated.\nTUBES AND LINES: The feeding tube tip is in the stomach.\nLUNGS: No pneumothorax.";
        assertThat(only(lines, "36118008").section()).isEqualTo("findings");
    }

    @Test
    void dictationAbbreviationsForEffusionAndAtelectasis() {
        String s = "Small L eff with LLL atx, no ptx.";
        assertThat(only(s, "60046008").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only(s, "46621007").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Lungs clear, no effs.", "60046008").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void noSignsOfTensionDeniesTensionPneumothoraxOnly() {
        String s = "Small left apical pneumothorax without evidence of tension.";
        assertThat(only(s, "36118008").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only(s, "233645004").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void specificConceptsForTubesNodesAndNodules() {
        assertThat(of("A Dobhoff tube ends in the proximal jejunum.", "25062003")).hasSize(1);
        assertThat(only("Subcarinal adenopathy up to 2 cm.", "52324001").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Enlarged paratracheal lymph nodes.", "23794001").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void organSubHeadingGivesTheSiteOfAFindingWithoutOne() {
        String r = "FINDINGS:\nMediastinum: Several enlarged lymph nodes, the largest 14 mm.\nLungs: Clear.";
        assertThat(of(r, "52324001")).hasSize(1);
        assertThat(only("MEDIASTINUM: no adenopathy.\nPLEURA: no effusion.", "52324001").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
        // a site in the clause itself still wins over the heading
        assertThat(of("Mediastinum: Normal. Axillary lymphadenopathy on the right.", "127189005")).hasSize(1);
        assertThat(only("Heart and mediastinum: normal size and contour.", "8186001").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void partSolidNoduleIsALungNoduleAndCarcinomaANeoplasm() {
        var lex = nlp.lexicon();
        assertThat(lex.isA(lex.byRadlex("RID50152").orElseThrow(), lex.bySnomed("786838002").orElseThrow())).isTrue();
        assertThat(lex.isA(lex.bySnomed("1187425009").orElseThrow(), lex.bySnomed("108369006").orElseThrow())).isTrue();
        assertThat(lex.isA(lex.bySnomed("108369006").orElseThrow(), lex.bySnomed("1187425009").orElseThrow())).isFalse();
    }

    @Test
    void hedgedPartialCauseOfAnAppearanceHedgesIt() {
        assertThat(only("The enlarged heart could be partly due to low lung volumes.", "8186001").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        // an asserted partial cause leaves the appearance present
        assertThat(only("Cardiomegaly, probably accentuated by the supine technique.", "8186001").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Cardiomegaly may be partly due to the portable AP projection.", "8186001").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Cardiomegaly with small bilateral effusions.", "8186001").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void shortRequestHeadingsAndHistoryShorthandAreHistory() {
        String r = "Reason: dyspnea, ?CHF. Lungs are clear. No pleural effusion.";
        assertThat(presentToday(r, "42343007")).isFalse();
        // the one-line report's findings after the request sentence are today's
        assertThat(only(r, "60046008").temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(only("Tachypnea, hx COPD. No acute process.", "13645005").temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(presentToday("Clinical question: pneumothorax after biopsy?\nNo pneumothorax.", "36118008")).isFalse();
    }

    @Test
    void questionMarkOpeningAWordIsAQuery() {
        assertThat(of("Cough, fever ?pneumonia. The lungs are clear.", "233604007")).isEmpty();
        assertThat(of("Dyspnea. ?PE. No acute findings.", "59282003")).isEmpty();
        // a question mark closing a word or inside a measurement is no query cue
        assertThat(presentToday("Left lower lobe pneumonia? Left lower lobe pneumonia.", "233604007")).isTrue();
        assertThat(presentToday("Right upper lobe nodule measuring 8?mm.", "786838002")).isTrue();
    }
}
