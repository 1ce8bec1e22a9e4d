package org.radbridge.nlp.ctakes;

import org.apache.ctakes.dictionary.lookup2.dictionary.BsvRareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.dictionary.MemRareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.dictionary.RareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.term.RareWordTerm;
import org.apache.ctakes.dictionary.lookup2.util.FastLookupToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionary terms of a rare word as the lookup reads them at each token: each term's tokens, rare word index,
 * token count and id, the terms shorter than the minimum span left out, in the dictionary's order. Made once per
 * rare word (per dictionary list) and kept, instead of asking each term for its text length, and looking its split
 * tokens up in a map, at every token of every report (2026-12 profile: the loop over the hits and that map were a
 * twentieth of the analysis; the common rare words have dozens of terms). The terms and the order they are read in
 * are those of {@link RareWordDictionary#getRareWordHits(FastLookupToken)}; for cTAKES' in-memory dictionaries (BSV
 * and in-memory) that is the text's terms, then the variant's, each list the dictionary keeps, so each list is read
 * once. Not thread-safe (its cache), as the annotator that holds it is not.
 */
final class RareWordHits {

    /** One term of a rare word, as the lookup matches it ({@code tokenCount} as the term gives it, as cTAKES reads it). */
    record Hit(String[] tokens, int rareWordIndex, int tokenCount, Long cui) {
    }

    private static final Hit[] NONE = new Hit[0];

    private final int minimumSpan;
    /** By the dictionary's own list of a rare word's terms (lists it keeps for its lifetime). */
    private final Map<Collection<RareWordTerm>, Hit[]> byList = new IdentityHashMap<>();

    /** @param minimumSpan terms whose text is shorter are not looked up (cTAKES' {@code minimumSpan}) */
    RareWordHits(int minimumSpan) {
        this.minimumSpan = minimumSpan;
    }

    /**
     * The first part of what {@code dictionary.getRareWordHits(token)} gives, in its order: the terms of the token's
     * text (for a dictionary other than cTAKES' in-memory ones, all its terms).
     */
    Hit[] textHits(RareWordDictionary dictionary, FastLookupToken token) {
        if (!splits(dictionary)) return compile(dictionary.getRareWordHits(token));
        return cached(dictionary.getRareWordHits(token.getText()));
    }

    /** The rest, after {@link #textHits}: the terms of the token's variant, if any. */
    Hit[] variantHits(RareWordDictionary dictionary, FastLookupToken token) {
        if (!splits(dictionary) || token.getVariant() == null) return NONE;
        return cached(dictionary.getRareWordHits(token.getVariant()));
    }

    /** A dictionary whose hits for a token are its lists for the text and for the variant, one after the other. */
    private static boolean splits(RareWordDictionary dictionary) {
        return dictionary instanceof BsvRareWordDictionary || dictionary instanceof MemRareWordDictionary;
    }

    private Hit[] cached(Collection<RareWordTerm> terms) {
        if (terms == null || terms.isEmpty()) return NONE;
        Hit[] hits = byList.get(terms);
        if (hits == null) {
            hits = compile(terms);
            byList.put(terms, hits);
        }
        return hits;
    }

    private Hit[] compile(Collection<RareWordTerm> terms) {
        if (terms == null || terms.isEmpty()) return NONE;
        List<Hit> hits = new ArrayList<>(terms.size());
        for (RareWordTerm t : terms) {
            if (t.getText().length() < minimumSpan) continue;
            hits.add(new Hit(t.getTokens(), t.getRareWordIndex(), t.getTokenCount(), t.getCuiCode()));
        }
        return hits.toArray(NONE);
    }
}
