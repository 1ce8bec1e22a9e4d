package org.radbridge.nlp.ctakes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.RadiologyNlp;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSentenceSplitterTest {

    private static SplitterEngine splitter;

    @BeforeAll
    static void setUp() throws Exception {
        splitter = new SplitterEngine();
    }

    @AfterAll
    static void tearDown() {
        splitter.close();
    }

    private static List<String> sentences(String text) throws Exception {
        return splitter.sentences(text);
    }

    @Test
    void joinsHardWrappedLinesAndCutsWhereAThoughtEnds() throws Exception {
        assertThat(sentences("FINDINGS:\nNo pleural\neffusion or pneumothorax. Heart size\n  normal.\n\nIMPRESSION:\nNormal"))
                .containsExactly("FINDINGS:", "No pleural\neffusion or pneumothorax.", "Heart size\n  normal.",
                        "IMPRESSION:", "Normal");
        assertThat(sentences("No cardiomegaly\nSmall left effusion\r\nmeasuring\r\n12 mm"))
                .containsExactly("No cardiomegaly", "Small left effusion\r\nmeasuring\r\n12 mm");
    }

    @Test
    void keepsListNumbersAbbreviationsAndInitialsInsideTheSentence() throws Exception {
        assertThat(sentences("1. Moderate effusion.\n2. No pneumothorax.\n3) Small nodule, e.g. granuloma. Dr. J. Smith reviewed."))
                .containsExactly("1. Moderate effusion.", "2. No pneumothorax.", "3) Small nodule, e.g. granuloma.",
                        "Dr. J. Smith reviewed.");
        assertThat(sentences("Measures 3.2 cm. Stable since 2019. unchanged. Effusion? Yes! Cyst in the breast; no mass."))
                .containsExactly("Measures 3.2 cm.", "Stable since 2019. unchanged.", "Effusion?", "Yes!",
                        "Cyst in the breast;", "no mass.");
        assertThat(sentences("  \n\n ")).isEmpty();
    }

    /** cTAKES' own sentence model cuts at every line break: the wrapped term and its negation were lost. */
    @Test
    void aHardWrappedNegatedFindingIsFoundAndNegated() {
        try (RadiologyNlp nlp = new RadiologyNlp()) {
            List<FindingMention> m = nlp.analyze("w", "FINDINGS: There is no pleural\neffusion. The heart is\nenlarged.")
                    .mentions();
            assertThat(m).extracting(FindingMention::text, FindingMention::assertion)
                    .contains(org.assertj.core.groups.Tuple.tuple("pleural\neffusion", FindingMention.Assertion.ABSENT));
        }
    }
}
