package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "new" ends other cues' scopes ("old rib fractures, new opacity"), but right after a negation, or as a list item's
 * qualifier after "or", it is part of what is denied: follow-up chest reports say "there is no new X" all the time, and
 * reading X as present put false findings on normal reports (session 28).
 */
class NegatedNewFindingsTest extends NlpMentionsTest {

    @Test
    void aNegationRightBeforeNewDeniesTheFinding() {
        assertThat(only("FINDINGS: There is no new airspace opacity.", "274533004").assertion().name()).isEqualTo("ABSENT");
        assertThat(only("FINDINGS: Postoperative appearance without new consolidation.", "95436008").assertion().name()).isEqualTo("ABSENT");
        assertThat(only("FINDINGS: The left chest tube has been removed with no new pneumothorax.", "36118008").assertion().name())
                .isEqualTo("ABSENT");
    }

    @Test
    void newAfterOrInANegatedListIsDeniedToo() {
        assertThat(only("FINDINGS: No focal consolidation or new pleural effusion.", "60046008").assertion().name()).isEqualTo("ABSENT");
    }

    @Test
    void newStillOpensAPresentFindingAfterAnotherClause() {
        assertThat(only("FINDINGS: No pleural effusion, new patchy opacity in the left base.", "274533004").assertion().name())
                .isEqualTo("PRESENT");
        assertThat(only("FINDINGS: Resolved pneumothorax and new small pleural effusion on the left.", "60046008").assertion().name())
                .isEqualTo("PRESENT");
    }
}
