package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * British, Irish and Australian reports write "nil" for "no" ("Nil pneumothorax."): the findings it leads are absent.
 * "Nil by mouth" is a fasting order in the clinical details and negates nothing after it. New wording, not copied from
 * an evaluation set.
 */
class NilNegationTest extends NlpMentionsTest {

    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String LUNG_CONSOLIDATION = "95436008";

    @Test
    void nilLeadsAnAbsentFinding() {
        assertThat(has("Nil pneumothorax after the line insertion.", PNEUMOTHORAX, Assertion.ABSENT)).isTrue();
        assertThat(has("Nil pneumothorax after the line insertion.", PNEUMOTHORAX, Assertion.PRESENT)).isFalse();
        assertThat(has("Clear lungs, nil pleural fluid or consolidation.", LUNG_CONSOLIDATION, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Clear lungs, nil pleural fluid or consolidation.", PLEURAL_EFFUSION, Assertion.PRESENT))
                .isFalse();
    }

    @Test
    void aFindingAfterNilByMouthStaysPresent() {
        assertThat(has("Nil by mouth since midnight; small right pleural effusion.", PLEURAL_EFFUSION,
                Assertion.PRESENT)).isTrue();
        // a finding the report states beside a nil list stays present
        assertThat(has("Left basal consolidation. Nil effusion.", LUNG_CONSOLIDATION, Assertion.PRESENT)).isTrue();
        assertThat(has("Left basal consolidation. Nil effusion.", PLEURAL_EFFUSION, Assertion.ABSENT)).isTrue();
    }
}
