package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-two-letters-and-length pre-test of {@link WordKeys}: it never turns away a word that is a key. */
class WordKeysTest {

    private static final Set<String> KEYS = Set.of("the", "no", "heart", "x", "ct", "mri");

    @Test
    void turnsAwayOnlyWordsThatAreNoKey() {
        WordKeys keys = new WordKeys(KEYS);
        // a substring test would pass "other" (holds "the") and "nothing" (starts with "no")
        assertThat(keys.mayBeKey("other", 0, 5)).isFalse();
        assertThat(keys.mayBeKey("Lungs: THE heart", 7, 10)).as("in capitals, inside the text").isTrue();
        assertThat(keys.mayBeKey("X", 0, 1)).isTrue();
        assertThat(keys.mayBeKey("y", 0, 1)).isFalse();
        assertThat(keys.mayBeKey("Ct", 0, 2)).isTrue();
        assertThat(keys.mayBeKey("Ca", 0, 2)).isFalse();
        // "nothing", "not", "then", "nod" begin like a key but are longer: turned away; "thx" passes (a key of its
        // first letters and length) and the look-up turns it away
        assertThat(keys.mayBeKey("nothing", 0, 7)).isFalse();
        assertThat(keys.mayBeKey("not", 0, 3)).isFalse();
        assertThat(keys.mayBeKey("Then", 0, 4)).isFalse();
        assertThat(keys.mayBeKey("nod", 0, 3)).isFalse();
        assertThat(keys.mayBeKey("thx", 0, 3)).isTrue();
        assertThat(keys.mayBeKey("HEARTS", 0, 6)).isFalse();
        assertThat(keys.mayBeKey("xheart", 1, 6)).isTrue();
        // the lower case of a letter outside ASCII may be an ASCII one (Kelvin sign): such words are looked up
        assertThat(keys.mayBeKey("\u212Aelvin", 0, 6)).isTrue();
        assertThat(new WordKeys(List.of("é")).mayBeKey("ab", 0, 2)).as("a key outside ASCII: no pre-test").isTrue();
        // a letter outside ASCII later in the word ('\u0130' lower-cases to two characters): looked up
        assertThat(keys.mayBeKey("th\u0130", 0, 3)).isTrue();
        // keys of 63 characters and more share one length
        String longKey = "ab".repeat(40);
        WordKeys longKeys = new WordKeys(List.of(longKey));
        assertThat(longKeys.mayBeKey(longKey, 0, longKey.length())).isTrue();
        assertThat(longKeys.mayBeKey("ab", 0, 2)).isFalse();
    }

    @Test
    void everyWordThatIsAKeyPasses() {
        WordKeys keys = new WordKeys(KEYS);
        String letters = "thenoarxcmiTHENOARXCMIé\u212A\u0130";
        Random random = new Random(11L);
        int passedKeys = 0, turnedAway = 0;
        for (int t = 0; t < 200_000; t++) {
            StringBuilder w = new StringBuilder();
            for (int k = random.nextInt(5) + 1; k > 0; k--) w.append(letters.charAt(random.nextInt(letters.length())));
            String word = w.toString();
            boolean pass = keys.mayBeKey(word, 0, word.length());
            if (KEYS.contains(word.toLowerCase(Locale.ROOT))) {
                assertThat(pass).as(word).isTrue();
                passedKeys++;
            } else if (!pass) {
                turnedAway++;
            }
        }
        assertThat(passedKeys).isGreaterThan(100);
        assertThat(turnedAway).isGreaterThan(100_000);
    }
}
