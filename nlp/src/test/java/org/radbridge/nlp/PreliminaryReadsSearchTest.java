package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cheap pre-search of {@link PreliminaryReads}: whole heading words only, so most reports skip the pattern. */
class PreliminaryReadsSearchTest {

    @Test
    void headingWordsCountOnlyAsWholeWords() {
        // "ed" and "er" are first words of preliminary headings and inside "enlarged", "there", "lower"
        assertThat(PreliminaryReads.firstHeadingWord("There is an enlarged heart; lower lobes clear.")).isEqualTo(-1);
        assertThat(PreliminaryReads.superseded("There is an enlarged heart; lower lobes clear. Final: unchanged.")).isNull();
        String text = "Indication: cough.\nER read: possible infiltrate.\nRadiologist final: lungs clear.";
        assertThat(PreliminaryReads.firstHeadingWord(text)).isEqualTo(text.indexOf("ER read"));
        int[] span = PreliminaryReads.superseded(text);
        assertThat(span).isNotNull();
        assertThat(text.substring(span[0], span[1])).startsWith("ER read").doesNotContain("Radiologist final");
    }
}
