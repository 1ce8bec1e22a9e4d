package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11cl: "patient with X" names the background only where it opens its clause (ConText category
 * HIST_OPENER); inside a clause, whatever adjective stands before "patient", X is a finding of today's image. The
 * radiologist's first-person suspicion ("we suspect X") hedges X as "X is suspected" does. The wording is new, not
 * copied from an evaluation set.
 */
class Issue11clRulesTest extends NlpMentionsTest {

    private static final String COPD = "13645005";
    private static final String EMPHYSEMA = "87433001";
    private static final String LUNG_OPACITY = "274533004";

    @Test
    void patientWithOpeningItsClauseIsTheBackground() {
        assertThat(of("Patient with emphysema, now more breathless. Lungs are clear.", EMPHYSEMA))
                .isNotEmpty().allMatch(m -> m.temporality() == FindingMention.Temporality.HISTORICAL);
        assertThat(of("CHEST PA. Clinical details: patient with COPD and fever. The lungs are clear.", COPD))
                .isNotEmpty().allMatch(m -> m.temporality() == FindingMention.Temporality.HISTORICAL);
    }

    @Test
    void theClauseOpenerIsAHistoryTriggerOnlyAtItsClausesStart() {
        ConText c = ConText.fromClasspath();
        assertThat(c.sentence("Indication: patient with fever and cough").triggers())
                .anyMatch(t -> t.phrase().equals("patient with") && t.category() == ConText.Category.HIST_PRE);
        assertThat(c.sentence("- Patient with fever and cough").triggers())
                .anyMatch(t -> t.phrase().equals("patient with") && t.category() == ConText.Category.HIST_PRE);
        assertThat(c.sentence("Opacity seen in an immobile patient with fever").triggers())
                .noneMatch(t -> t.phrase().equals("patient with"));
    }

    @Test
    void patientWithInsideAClauseKeepsTodaysFinding() {
        // an adjective between the determiner and "patient" no longer hides the finding behind a history cue
        assertThat(has("Aspiration should be considered in this bedridden patient with left basilar opacity.",
                LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("Infection is favoured in this frail elderly patient with patchy right basal opacity.",
                LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("Findings are concerning in the ventilated patient with new left lung opacity.",
                LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        // control: the determiner right before "patient" (issue 11ci's pseudo-trigger) keeps the finding too
        assertThat(has("Aspiration should be considered in this patient with left basilar opacity.",
                LUNG_OPACITY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void firstPersonSuspicionHedgesTheFinding() {
        String effusion = "60046008";
        assertThat(has("We suspect a small right pleural effusion behind the heart shadow.", effusion, Assertion.POSSIBLE))
                .isTrue();
        assertThat(has("We suspect a small right pleural effusion behind the heart shadow.", effusion, Assertion.PRESENT))
                .isFalse();
        assertThat(has("On the lateral view I suspect early left lower lobe opacity.", LUNG_OPACITY, Assertion.POSSIBLE))
                .isTrue();
        assertThat(has("I would suspect a small pleural effusion on the left.", effusion, Assertion.POSSIBLE)).isTrue();
        // controls: the same finding seen, and the passive form already hedged
        assertThat(has("We see a small right pleural effusion behind the heart shadow.", effusion, Assertion.PRESENT))
                .isTrue();
        assertThat(has("A small right pleural effusion is suspected behind the heart shadow.", effusion, Assertion.POSSIBLE))
                .isTrue();
    }
}
