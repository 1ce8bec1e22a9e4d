package org.radbridge.nlp.ctakes;

import org.apache.ctakes.core.util.collection.ArrayListMap;
import org.apache.ctakes.core.util.collection.CollectionMap;
import org.apache.ctakes.dictionary.lookup2.dictionary.MemRareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.dictionary.RareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.term.RareWordTerm;
import org.apache.ctakes.dictionary.lookup2.util.FastLookupToken;
import org.apache.ctakes.typesystem.type.syntax.WordToken;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RareWordHits} gives the terms cTAKES' dictionary gives for a token, in its order (the text's, then the
 * variant's), less those shorter than the minimum span, each with its tokens split as cTAKES splits them; a rare
 * word's terms are read once.
 */
class RareWordHitsTest {

    private static final int MINIMUM_SPAN = 3;

    private static MemRareWordDictionary dictionary() {
        CollectionMap<String, RareWordTerm, ? extends Collection<RareWordTerm>> terms = new ArrayListMap<>();
        terms.placeValue("effusions", new RareWordTerm("effusions", 1L, "effusions", 0, 1));
        terms.placeValue("effusions", new RareWordTerm("pleural effusions", 2L, "effusions", 1, 2));
        terms.placeValue("effusion", new RareWordTerm("small pleural effusion", 3L, "effusion", 2, 3));
        terms.placeValue("effusion", new RareWordTerm("effusion", 4L, "effusion", 0, 1));
        terms.placeValue("ef", new RareWordTerm("ef", 5L, "ef", 0, 1)); // shorter than the minimum span
        terms.placeValue("ef", new RareWordTerm("ef fraction", 6L, "ef", 0, 2));
        return new MemRareWordDictionary("test", terms);
    }

    private static FastLookupToken token(String text, String canonical) throws Exception {
        JCas jcas = JCasFactory.createJCas();
        jcas.setDocumentText(text);
        WordToken t = new WordToken(jcas, 0, text.length());
        if (canonical != null) t.setCanonicalForm(canonical);
        return new FastLookupToken(t);
    }

    /** What the lookup reads of cTAKES' own hits: id, rare word index, token count and tokens of each kept term. */
    private static List<String> expected(RareWordDictionary d, FastLookupToken token) {
        List<String> out = new ArrayList<>();
        for (RareWordTerm t : d.getRareWordHits(token)) {
            if (t.getText().length() < MINIMUM_SPAN) continue;
            out.add(t.getCuiCode() + " " + t.getRareWordIndex() + " " + t.getTokenCount() + " " + String.join("|", t.getTokens()));
        }
        return out;
    }

    private static List<String> read(RareWordHits.Hit[]... parts) {
        List<String> out = new ArrayList<>();
        for (RareWordHits.Hit[] part : parts) {
            for (RareWordHits.Hit h : part) {
                out.add(h.cui() + " " + h.rareWordIndex() + " " + h.tokenCount() + " " + String.join("|", h.tokens()));
            }
        }
        return out;
    }

    @Test
    void theDictionarysTermsForATokenInItsOrderLessTheShortOnes() throws Exception {
        MemRareWordDictionary d = dictionary();
        RareWordHits hits = new RareWordHits(MINIMUM_SPAN);
        for (FastLookupToken t : List.of(token("Effusions", "effusion"), token("effusions", null), token("EF", null),
                token("EF", "effusion"), token("nothing", null), token("nothing", "effusions"))) {
            assertThat(read(hits.textHits(d, t), hits.variantHits(d, t)))
                    .as("%s / %s", t.getText(), t.getVariant()).isEqualTo(expected(d, t));
        }
        FastLookupToken both = token("Effusions", "effusion");
        assertThat(read(hits.textHits(d, both), hits.variantHits(d, both))).containsExactly(
                "1 0 1 effusions", "2 1 2 pleural|effusions", "3 2 3 small|pleural|effusion", "4 0 1 effusion");
        assertThat(hits.textHits(d, both)).as("read once").isSameAs(hits.textHits(d, token("effusions", null)));
    }

    @Test
    void anotherDictionaryIsReadThroughItsOwnTokenLookup() throws Exception {
        MemRareWordDictionary mem = dictionary();
        RareWordDictionary other = new RareWordDictionary() {
            @Override
            public String getName() {
                return "other";
            }

            @Override
            public Collection<RareWordTerm> getRareWordHits(FastLookupToken token) {
                List<RareWordTerm> reversed = new ArrayList<>(mem.getRareWordHits(token));
                java.util.Collections.reverse(reversed);
                return reversed;
            }

            @Override
            public Collection<RareWordTerm> getRareWordHits(String rareWord) {
                return mem.getRareWordHits(rareWord);
            }
        };
        RareWordHits hits = new RareWordHits(MINIMUM_SPAN);
        FastLookupToken t = token("Effusions", "effusion");
        assertThat(read(hits.textHits(other, t), hits.variantHits(other, t))).isEqualTo(expected(other, t))
                .startsWith("4 0 1 effusion");
    }
}
