package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ConText tries a trigger only where its second word is the sentence's next word (issue 11by): a speed-up that must
 * not change which trigger is found, its category, or the gap-adverb pass.
 */
class TriggerSecondWordTest {

    private static ConText of(String rows) throws IOException {
        return ConText.fromStream(new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> phrases(ConText c, String sentence) {
        return c.sentence(sentence).triggers().stream().map(t -> t.phrase() + "@" + t.start() + "/" + t.category()).toList();
    }

    private static final String ROWS = String.join("\n",
            "was\tHIST_PRE",
            "was not seen\tNEG_POST",
            "was not identified\tNEG_POST",
            "was thought to reflect\tUNC_POST",
            "was probably\tUNC_POST",
            "was probably not seen\tNEG_POST",
            "routinely\tTRIGGER_GAP",
            "");

    @Test
    void theSecondWordPicksAmongThePhrasesOfOneFirstWord() throws IOException {
        ConText c = of(ROWS);
        assertThat(phrases(c, "Small nodule was not identified today"))
                .containsExactly("was not identified@13/NEG_POST");
        assertThat(phrases(c, "Small nodule was thought to reflect scarring"))
                .containsExactly("was thought to reflect@13/UNC_POST");
        // longest phrase first among those with the same second word
        assertThat(phrases(c, "Hilar fullness was probably not seen"))
                .containsExactly("was probably not seen@15/NEG_POST");
        assertThat(phrases(c, "Hilar fullness was probably vascular"))
                .containsExactly("was probably@15/UNC_POST");
    }

    @Test
    void aOneWordPhraseStillMatchesWhateverFollows() throws IOException {
        ConText c = of(ROWS);
        // "was" + a second word no phrase has, and "was" at the very end of the sentence
        assertThat(phrases(c, "Airspace disease was extensive")).containsExactly("was@17/HIST_PRE");
        assertThat(phrases(c, "The effusion was")).containsExactly("was@13/HIST_PRE");
        // a second word that only a longer phrase has, whose third word differs: the one-word phrase is found
        assertThat(phrases(c, "Consolidation was not large")).containsExactly("was@14/HIST_PRE");
    }

    @Test
    void aGapAdverbAfterTheFirstWordStillReachesTheLongerPhrase() throws IOException {
        // without a one-word "was" (an exact match of it would come first and end the search there)
        ConText c = of(ROWS.replace("was\tHIST_PRE\n", ""));
        // the next word is the gap adverb, which no phrase has as its second word: the gap pass finds the phrase
        assertThat(phrases(c, "A fracture was routinely not seen on radiographs"))
                .containsExactly("was not seen@11/NEG_POST"); // the phrase as listed, the adverb inside its span
    }

    @Test
    void theShippedTriggersStillMatchThemselves() {
        ConText c = ConText.fromClasspath();
        // every phrase, written alone in a sentence, is found from its first word on, as the whole phrase or a
        // longer phrase of the same first word (never a shorter one)
        int checked = 0;
        for (String[] f : org.radbridge.nlp.Resources.tsv(ConText.DEFAULT_RESOURCE)) {
            if (f.length < 2 || f[0].startsWith("#")) continue;
            String phrase = f[0].trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
            String cat = f[1].trim();
            // word lists and contracted forms are no triggers
            if (phrase.isEmpty() || !phrase.matches("[a-z0-9' ]+") || cat.equals("CONTRACTION")
                    || ConText.WORD_LISTS.contains(ConText.Category.valueOf(cat))) continue;
            // a clause opener is a trigger only where it opens its clause
            String before = cat.equals("HIST_OPENER") ? "zzz. " : "zzz ";
            List<ConText.Trigger> found = c.sentence(before + phrase + " zzz").triggers();
            assertThat(found).as(phrase).isNotEmpty();
            assertThat(found.get(0).start()).as(phrase).isEqualTo(before.length());
            assertThat(found.get(0).end()).as(phrase).isGreaterThanOrEqualTo(before.length() + phrase.length());
            checked++;
        }
        assertThat(checked).isGreaterThan(1_500);
    }
}
