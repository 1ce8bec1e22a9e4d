package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-place look-up of {@link WordTable} finds what the plain substring, lower case and map look-up finds. */
class WordTableTest {

    private static <V> V plain(Map<String, V> map, String text, int from, int end) {
        return map.get(text.substring(from, end).toLowerCase(Locale.ROOT));
    }

    @Test
    void findsWordsInPlaceInAnyCase() {
        Map<String, Integer> map = Map.of("the", 1, "no", 2, "x-ray", 3, "kidney", 4, "é", 5);
        WordTable<Integer> table = new WordTable<>(map);
        assertThat(table.get("Beside THE spleen", 7, 10)).isEqualTo(1);
        assertThat(table.get("x-Ray today", 0, 5)).isEqualTo(3);
        // a prefix test at the word's start would pass "theatre" and "north": only the whole word is a key
        assertThat(table.get("theatre", 0, 7)).isNull();
        assertThat(table.get("North", 0, 5)).isNull();
        assertThat(table.get("th", 0, 2)).isNull();
        // the Kelvin sign lower-cases to an ASCII 'k': the plain path finds "kidney", so must the table
        assertThat(plain(map, "\u212Aidney", 0, 6)).isEqualTo(4);
        assertThat(table.get("\u212Aidney", 0, 6)).isEqualTo(4);
        assertThat(table.get("É", 0, 1)).as("a key outside ASCII").isEqualTo(5);
        assertThat(table.get("E", 0, 1)).isNull();
    }

    @Test
    void agreesWithThePlainLookUpOnTheRuleStepsMaps() {
        List<Map<String, ?>> maps = List.of(RadiologyNlp.NORMAL_BY_FIRST_WORD, RadiologyNlp.NOT_FINDINGS_BY_FIRST_WORD);
        Random random = new Random(11);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0\u212A\u0130é";
        for (Map<String, ?> raw : maps) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) raw;
            WordTable<Object> table = new WordTable<>(map);
            List<String> words = new ArrayList<>(map.keySet());
            int found = 0;
            for (int n = 0; n < 100_000; n++) {
                String w = words.get(random.nextInt(words.size()));
                StringBuilder sb = new StringBuilder();
                for (char c : w.toCharArray()) sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                switch (random.nextInt(4)) { // the key, or a near miss: one letter changed, added or dropped
                    case 1 -> sb.setCharAt(random.nextInt(sb.length()), letters.charAt(random.nextInt(letters.length())));
                    case 2 -> sb.insert(random.nextInt(sb.length() + 1), letters.charAt(random.nextInt(letters.length())));
                    case 3 -> { if (sb.length() > 1) sb.deleteCharAt(random.nextInt(sb.length())); }
                    default -> { }
                }
                String text = "(" + sb + ")";
                Object expected = plain(map, text, 1, text.length() - 1);
                assertThat(table.get(text, 1, text.length() - 1)).as(text).isSameAs(expected);
                if (expected != null) found++;
            }
            assertThat(found).isGreaterThan(25_000);
        }
    }

    @Test
    void holdsManyKeys() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 5000; i++) map.put("w" + i, i);
        WordTable<Integer> table = new WordTable<>(map);
        for (int i = 0; i < 5000; i++) assertThat(table.get("W" + i, 0, ("w" + i).length())).isEqualTo(i);
        assertThat(table.get("w5000", 0, 5)).isNull();
    }
}
