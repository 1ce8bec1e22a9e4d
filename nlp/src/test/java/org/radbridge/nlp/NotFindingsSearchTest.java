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
 * The not-findings phrases are searched only at word starts, and there only the phrases of that word
 * ({@link RadiologyNlp#notFindings}); that must find exactly what the whole alternation {@link RadiologyNlp#NOT_FINDINGS}
 * finds over the same region with transparent bounds. Texts are built at random from the phrases themselves, in
 * changed case, glued to words that share their first letters, to accented letters, digits, hyphens and underscores,
 * and searched over windows that start and end inside words.
 */
class NotFindingsSearchTest {

    private static final String[] GLUE = {" ", "  ", "\n", ", ", ". ", "-", "_", "/", "(", ") ", "é", "Ä", "3", "s", "es", "x"};
    private static final String[] WORDS = {"no", "acute", "mass", "masses", "tube", "the", "of", "Stroke", "volumes", "pe", "É",
            "résumé", "1", "12mm", "re-", "effusion"};

    private static TreeMap<Integer, Integer> wholeAlternation(String text, int from, int to) {
        TreeMap<Integer, Integer> found = new TreeMap<>();
        Matcher m = RadiologyNlp.NOT_FINDINGS.matcher(text).useTransparentBounds(true).region(from, to);
        while (m.find()) found.put(m.start(), m.end());
        return found;
    }

    private static TreeMap<Integer, Integer> byFirstWord(String text, int from, int to) {
        TreeMap<Integer, Integer> found = new TreeMap<>();
        RadiologyNlp.notFindings(text, from, to, found);
        return found;
    }

    private static String recase(String s, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> s.toUpperCase(Locale.ROOT);
            case 1 -> s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            default -> s;
        };
    }

    @Test
    void wordStartSearchFindsWhatTheWholeAlternationFinds() {
        assertThat(RadiologyNlp.NOT_FINDINGS_BY_FIRST_WORD).as("phrases indexed by first word").isNotNull();
        List<String> phrases = new ArrayList<>();
        for (String[] row : Resources.tsv("/org/radbridge/nlp/triggers/not-findings.tsv")) phrases.add(row[0].trim());
        assertThat(phrases).hasSizeGreaterThan(20);
        Random random = new Random(20261206L);
        int texts = 0, withMatches = 0;
        for (int t = 0; t < 5_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(12) + 1; part > 0; part--) {
                String piece = random.nextInt(3) == 0 ? WORDS[random.nextInt(WORDS.length)] : phrases.get(random.nextInt(phrases.size()));
                if (random.nextInt(5) == 0) piece = piece.replace(" ", random.nextBoolean() ? "  " : "\n");
                text.append(recase(piece, random)).append(GLUE[random.nextInt(GLUE.length)]);
            }
            String s = text.toString();
            int from = random.nextInt(s.length()), to = from + random.nextInt(s.length() - from + 1);
            TreeMap<Integer, Integer> expected = wholeAlternation(s, from, to);
            assertThat(byFirstWord(s, from, to)).as("text [%s] region %d-%d", s, from, to).isEqualTo(expected);
            assertThat(byFirstWord(s, 0, s.length())).as("text [%s]", s).isEqualTo(wholeAlternation(s, 0, s.length()));
            texts++;
            if (!expected.isEmpty()) withMatches++;
        }
        assertThat(texts).isEqualTo(5_000);
        assertThat(withMatches).as("texts whose region holds a phrase").isGreaterThan(500);
    }
}
