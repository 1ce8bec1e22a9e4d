package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@link NotFindingSearch} per text, asked for window after window as the analysis asks it (overlapping windows,
 * ends inside words and inside phrases), must find in each window exactly what the whole alternation
 * {@link RadiologyNlp#NOT_FINDINGS} finds over that window with transparent bounds: its kept matches, found on the
 * whole text, must not leak a phrase that the window cuts.
 */
class NotFindingSearchTest {

    private static final String[] GLUE = {" ", "  ", "\n", ", ", ". ", "-", "_", "/", "(", ") ", "é", "3", "s", "x"};
    private static final String[] WORDS = {"no", "mass", "masses", "tube", "the", "of", "Stroke", "pe", "résumé", "12mm",
            "effusion"};

    private static TreeMap<Integer, Integer> wholeAlternation(String text, int from, int to) {
        TreeMap<Integer, Integer> found = new TreeMap<>();
        Matcher m = RadiologyNlp.NOT_FINDINGS.matcher(text).useTransparentBounds(true).region(from, to);
        while (m.find()) found.put(m.start(), m.end());
        return found;
    }

    @Test
    void eachWindowOfOneSearchFindsWhatTheWholeAlternationFindsThere() {
        List<String> phrases = new ArrayList<>();
        for (String[] row : Resources.tsv("/org/radbridge/nlp/triggers/not-findings.tsv")) phrases.add(row[0].trim());
        Random random = new Random(20261207L);
        int windows = 0, cut = 0;
        for (int t = 0; t < 2_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(12) + 1; part > 0; part--) {
                String piece = random.nextInt(3) == 0 ? WORDS[random.nextInt(WORDS.length)] : phrases.get(random.nextInt(phrases.size()));
                if (random.nextInt(5) == 0) piece = piece.replace(" ", "  ");
                if (random.nextInt(4) == 0) piece = piece.toUpperCase(Locale.ROOT);
                text.append(piece).append(GLUE[random.nextInt(GLUE.length)]);
            }
            String s = text.toString();
            NotFindingSearch search = new NotFindingSearch(s, RadiologyNlp.NOT_FINDINGS_TABLE);
            for (int w = 0; w < 8; w++) {
                int from = random.nextInt(s.length()), to = from + random.nextInt(s.length() - from + 1);
                TreeMap<Integer, Integer> expected = wholeAlternation(s, from, to);
                TreeMap<Integer, Integer> found = new TreeMap<>();
                search.search(from, to, found);
                assertThat(found).as("text [%s] window %d-%d", s, from, to).isEqualTo(expected);
                if (!wholeAlternation(s, from, s.length()).equals(expected)) cut++;
                windows++;
            }
        }
        assertThat(windows).isEqualTo(16_000);
        assertThat(cut).as("windows whose end cuts or drops a phrase of the whole text").isGreaterThan(500);
    }
}
