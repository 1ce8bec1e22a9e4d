package org.radbridge.nlp.terms;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RadiologyLexicon#normalise} gives what its one-line form gave, on texts of every kind of space and '|'. */
class NormaliseTest {

    private static final String[] PIECES = {"Pleural", "effusion", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "|", "\u00A0",
            "\u2003", "É", "İ", "a", "-", "\u0001"};

    @Test
    void sameAsReplaceTrimCollapseLowerCase() {
        Random random = new Random(20261207L);
        for (int t = 0; t < 50_000; t++) {
            StringBuilder s = new StringBuilder();
            for (int part = random.nextInt(8); part > 0; part--) s.append(PIECES[random.nextInt(PIECES.length)]);
            String text = s.toString();
            String expected = text.replace('|', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            assertThat(RadiologyLexicon.normalise(text)).as("[%s]", text).isEqualTo(expected);
        }
    }
}
