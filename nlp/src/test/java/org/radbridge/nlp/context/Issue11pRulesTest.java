package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11p: one test per convention or class of wording fixed by data rows (reported-as concepts, cue,
 * synonym, statement and site rows). The sentences are new wording, not copied from an evaluation set.
 */
class Issue11pRulesTest extends NlpMentionsTest {

    private static final String ETT_PRESENT = "419991009";
    private static final String ETT_DEVICE = "26412008";

    private static boolean has(String text, String code, Assertion assertion) {
        return of(text, code).stream().anyMatch(m -> m.assertion() == assertion
                && m.temporality() == FindingMention.Temporality.CURRENT);
    }

    @Test
    void endotrachealTubeMentionsAreTheFindingThatTheTubeIsPresent() {
        for (String s : List.of("The endotracheal tube tip projects 3.5 cm above the carina.", "ETT in satisfactory position.",
                "ET tube terminates at the level of the clavicular heads.", "Endotracheal tubes are seen in both films.")) {
            assertThat(has(s, ETT_PRESENT, Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, ETT_DEVICE)).as(s).isEmpty();
        }
    }

    @Test
    void removedOrExtubatedMeansTheEndotrachealTubeIsAbsentNow() {
        for (String s : List.of("ET tube removed since yesterday's film.", "The patient has been extubated.",
                "Endotracheal tube was removed.", "Previously seen ETT is no longer present.")) {
            assertThat(of(s, ETT_PRESENT)).as(s).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        }
    }

    @Test
    void aTracheostomyIsNotAnEndotrachealTube() {
        for (String s : List.of("Tracheostomy tube in the midline, unchanged.", "Trach tube tip well above the carina.",
                "Status post tracheostomy.")) {
            assertThat(of(s, ETT_PRESENT)).as(s).isEmpty();
            assertThat(of(s, ETT_DEVICE)).as(s).isEmpty();
        }
    }
}
