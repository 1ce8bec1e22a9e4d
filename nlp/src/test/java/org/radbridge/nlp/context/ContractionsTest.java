package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contracted negations read as the words their rows give (CONTRACTION / BARE_CONTRACTION rows of the trigger file). */
class ContractionsTest {

    private static Contractions of(Set<String> bare) {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("haven't", "have not");
        forms.put("can't", "cannot");
        forms.put("won't", "will not");
        return new Contractions(forms, bare);
    }

    private static List<String> words(Contractions c, String lower) {
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < lower.length(); ) {
            int j = lower.indexOf(' ', i);
            if (j < 0) j = lower.length();
            c.addToken(lower, i, j, tokens);
            i = j + 1;
        }
        return tokens.stream().map(t -> c.word(lower, t) + "@" + t[0] + "-" + t[1]).toList();
    }

    @Test
    void aFormOfTwoWordsIsTwoTokensTheSecondCoveringTheNt() {
        Contractions c = of(Set.of("havent"));
        assertThat(words(c, "we haven't found it")).containsExactly("we@0-2", "have@3-7", "not@7-10", "found@11-16",
                "it@17-19");
        assertThat(words(c, "we havent found")).containsExactly("we@0-2", "have@3-7", "not@7-9", "found@10-15");
    }

    @Test
    void aFormOfOneWordIsOneTokenAndUnlistedFormsStayWords() {
        Contractions c = of(Set.of());
        assertThat(words(c, "can't exclude")).containsExactly("cannot@0-5", "exclude@6-13");
        // "cant" is no bare form here, "shouldn't" no form at all: both are read as written
        assertThat(words(c, "cant shouldn't")).containsExactly("cant@0-4", "shouldn't@5-14");
        assertThat(c.uncontracted("won't be seen")).isEqualTo("will not be seen");
    }

    @Test
    void aBareFormNeedsItsContractionRow() {
        assertThatThrownBy(() -> of(Set.of("didnt"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Contractions(Map.of("cannot", "can not"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
