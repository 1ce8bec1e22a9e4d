package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeadingModifiers#find} tries the headings only where one may start, and must find the very matches, one
 * after the other, that {@code find()} of the whole pattern finds: texts built at random from the headings, words,
 * colons and every kind of separator a heading may or may not follow.
 */
class HeadingModifiersTest {

    private static final String[] PIECES = {"Pleura", "PLEURA", "pleural  space", "Pericardium", "pleurae", "heart", "no effusion",
            ":", " :", "\t:", ".", ";", ". ", "; ", ".\t", ".\n", "\n", "\r\n", " ", "  ", "\t", "\f", "x", "é", "1."};

    private static List<String> whole(String text) {
        List<String> found = new ArrayList<>();
        Matcher plain = HeadingModifiers.headings(text).pattern().matcher(text); // the whole text, default bounds
        while (plain.find()) found.add(plain.start() + "-" + plain.end() + " " + plain.group(1));
        return found;
    }

    private static List<String> byStarts(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = HeadingModifiers.headings(text);
        for (int from = 0; HeadingModifiers.find(m, text, from); from = m.end()) {
            found.add(m.start() + "-" + m.end() + " " + m.group(1));
        }
        return found;
    }

    @Test
    void findsWhatFindOfTheWholePatternFinds() {
        Random random = new Random(20261207L);
        int withHeadings = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(14) + 1; part > 0; part--) text.append(PIECES[random.nextInt(PIECES.length)]);
            String s = text.toString();
            List<String> expected = whole(s);
            assertThat(byStarts(s)).as("text [%s]", s).isEqualTo(expected);
            if (!expected.isEmpty()) withHeadings++;
        }
        assertThat(withHeadings).as("texts with headings").isGreaterThan(1_000);
    }
}
