package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, session 35: a finding said to occur, or to be missed, in general is a disclaimer about the finding, not a
 * finding of the report (GENERIC_POST rows of context-triggers.tsv), while the same finding stated on today's image
 * stays present.
 */
class Issue11czRulesTest extends NlpMentionsTest {

    private static final String FRACTURE = "125605004";
    private static final String PNEUMOTHORAX = "36118008";

    @Test
    void aFindingThatCanOccurOrBeMissedIsNoFindingOfTheReport() {
        assertThat(of("Normal elbow radiographs. Occult fractures can occur; review in fracture clinic if pain persists.",
                FRACTURE)).isEmpty();
        assertThat(of("Small undisplaced fractures may be missed on radiographs.", FRACTURE)).isEmpty();
        assertThat(of("Pneumothorax may occur after the biopsy; a film is advised if breathless.", PNEUMOTHORAX))
                .isEmpty();
    }

    @Test
    void theFindingOnTodaysImageIsStillReported() {
        assertThat(of("Fracture of the fifth metacarpal neck. Occult scaphoid fractures can occur.", FRACTURE))
                .singleElement().satisfies(m -> {
                    assertThat(m.assertion()).isEqualTo(Assertion.PRESENT);
                    assertThat(m.text()).isEqualTo("Fracture");
                });
        assertThat(only("Small right apical pneumothorax after the biopsy.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No fracture is seen.", FRACTURE).assertion()).isEqualTo(Assertion.ABSENT);
    }
}
