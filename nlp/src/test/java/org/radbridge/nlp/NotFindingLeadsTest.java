package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NotFindingLeads} turns a word away only where none of its phrases matches: at every word start of random texts
 * built from the phrases (cut, re-cased, spaces doubled or turned into other whitespace, glued to punctuation), a phrase
 * pattern that matches has passed the pre-test, and many words that match nothing are turned away.
 */
class NotFindingLeadsTest {

    private static final String[] GLUE = {" ", "  ", "\n", "\t", ", ", ". ", "-", "/", "(", ") ", "é", "3", "s", "x", ""};

    @Test
    void aPhraseThatMatchesPassesThePreTest() {
        List<String> phrases = new ArrayList<>();
        for (String[] row : Resources.tsv("/org/radbridge/nlp/triggers/not-findings.tsv")) phrases.add(row[0].trim());
        Random random = new Random(20261207L);
        int matched = 0, turnedAway = 0, failedAfterPassing = 0;
        for (int t = 0; t < 5_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(10) + 1; part > 0; part--) {
                String piece = phrases.get(random.nextInt(phrases.size()));
                if (random.nextInt(4) == 0) piece = piece.substring(0, random.nextInt(piece.length()) + 1);
                if (random.nextInt(5) == 0) piece = piece.replace(" ", random.nextBoolean() ? "  " : "\n");
                if (random.nextInt(4) == 0) piece = piece.toUpperCase(Locale.ROOT);
                text.append(piece).append(GLUE[random.nextInt(GLUE.length)]);
            }
            String s = text.toString();
            for (int i = 0; i < s.length(); i++) {
                if (!Character.isLetterOrDigit(s.charAt(i)) || i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) continue;
                int end = i;
                while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) end++;
                NotFindingLeads leads = RadiologyNlp.NOT_FINDINGS_TABLE.get(s, i, end);
                if (leads == null) continue;
                Pattern p = leads.pattern();
                Matcher m = p.matcher(s).useTransparentBounds(true).region(i, s.length());
                boolean matches = m.lookingAt();
                boolean passes = leads.mayMatch(s, end);
                if (matches) {
                    assertThat(passes).as("text [%s] at %d", s, i).isTrue();
                    matched++;
                } else if (!passes) {
                    turnedAway++;
                } else {
                    failedAfterPassing++;
                }
            }
        }
        assertThat(matched).isGreaterThan(5_000);
        assertThat(turnedAway).as("words turned away").isGreaterThan(5_000);
        assertThat(failedAfterPassing).as("words tried in vain").isGreaterThan(0);
    }
}
