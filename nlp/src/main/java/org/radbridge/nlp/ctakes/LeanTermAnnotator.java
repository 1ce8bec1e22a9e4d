package org.radbridge.nlp.ctakes;

import org.apache.ctakes.core.util.collection.CollectionMap;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.ctakes.core.util.collection.HashSetMap;
import org.apache.ctakes.dictionary.lookup2.ae.AbstractJCasTermAnnotator;
import org.apache.ctakes.dictionary.lookup2.ae.DefaultJCasTermAnnotator;
import org.apache.ctakes.dictionary.lookup2.concept.Concept;
import org.apache.ctakes.dictionary.lookup2.concept.ConceptFactory;
import org.apache.ctakes.dictionary.lookup2.dictionary.RareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.term.RareWordTerm;
import org.apache.ctakes.dictionary.lookup2.textspan.DefaultTextSpan;
import org.apache.ctakes.dictionary.lookup2.textspan.TextSpan;
import org.apache.ctakes.dictionary.lookup2.util.DictionarySpec;
import org.apache.ctakes.dictionary.lookup2.util.FastLookupToken;
import org.apache.uima.UimaContext;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * cTAKES' fast dictionary lookup ({@link DefaultJCasTermAnnotator}: the same rare-word dictionary, the same term
 * matching, concept factories and term consumer from the same descriptor) with two of its per-report costs cut, the
 * terms it finds unchanged:
 * <ul>
 *   <li>inside the lean pipeline ({@link Handover}) the lookup windows are the handed-over sentences and their tokens
 *       come straight from {@link LookupTokenizer} in text order, instead of from uimaFIT's {@code indexCovered} over
 *       the CAS index (a new Java object per token with UIMA's JCas cache off); alone, cTAKES' own window handling
 *       runs;</li>
 *   <li>a rare word's terms are read once per annotator ({@link RareWordHits}), each term's tokens split from its text
 *       then, not at every candidate match: {@link RareWordTerm#getTokens()} cuts a new array of substrings at each
 *       call, the largest self cost of the lookup in a sampling profile. The term lists live as long as the
 *       dictionary, so the cache holds at most one array per rare word looked up.</li>
 * </ul>
 * Not thread-safe (the terms cache), as no UIMA annotator instance is: one per pipeline, one pipeline per thread.
 */
public final class LeanTermAnnotator extends DefaultJCasTermAnnotator {

    private static final Logger LOG = LoggerFactory.getLogger(LeanTermAnnotator.class);

    private RareWordHits hits;
    private DictionarySpec spec;

    @Override
    public void initialize(UimaContext context) throws ResourceInitializationException {
        super.initialize(context);
        spec = dictionarySpec(this);
        hits = new RareWordHits(_minimumLookupSpan);
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        Handover handover = Handover.current();
        if (handover == null) {
            super.process(jcas);
            return;
        }
        // the steps of AbstractJCasTermAnnotator.process, over the one window of handed-over tokens
        Map<RareWordDictionary, CollectionMap<TextSpan, Long, ? extends Collection<Long>>> dictionaryTerms =
                new HashMap<>(getDictionaries().size());
        for (RareWordDictionary dictionary : getDictionaries()) dictionaryTerms.put(dictionary, new HashSetMap<>());
        try {
            for (List<BaseToken> window : sentenceWindows(handover)) processWindow(jcas, window, dictionaryTerms);
        } catch (ArrayIndexOutOfBoundsException e) {
            LOG.warn("dictionary lookup stopped early: {}", e.getMessage()); // as cTAKES does (a JCas cache fault)
        }
        Collection<Long> cuis = new HashSet<>();
        CollectionMap<Long, Concept, ? extends Collection<Concept>> concepts = new HashSetMap<>();
        for (Map.Entry<RareWordDictionary, CollectionMap<TextSpan, Long, ? extends Collection<Long>>> e : dictionaryTerms.entrySet()) {
            cuis.clear();
            // the union of the spans' ids, as from getAllCollections() but without its set of the id sets (the order
            // of this set reaches nothing: the factories map each id to its concept)
            for (Map.Entry<TextSpan, ? extends Collection<Long>> span : e.getValue()) cuis.addAll(span.getValue());
            concepts.clear();
            for (ConceptFactory factory : spec.getPairedConceptFactories(e.getKey().getName())) {
                concepts.placeMap(factory.createConcepts(cuis));
            }
            spec.getConsumer().consumeHits(jcas, e.getKey(), e.getValue(), concepts);
        }
    }

    /**
     * The handed-over tokens cut at the sentences' bounds: one lookup window per sentence. A term matched across a
     * sentence break ("segment 4b" + blank line + "hypodensity") is dropped later as outside every sentence, and while
     * it lived it covered the shorter term inside the first sentence, so that one was lost too; cTAKES' own lookup
     * through the CAS does not match across the break. Tokens outside every sentence are looked up nowhere, as their
     * hits would be dropped. No sentences handed over: the whole report is the one window.
     */
    static List<List<BaseToken>> sentenceWindows(Handover handover) {
        if (handover.sentences.isEmpty()) return List.of(handover.tokens);
        List<List<BaseToken>> windows = new ArrayList<>(handover.sentences.size());
        List<BaseToken> tokens = handover.tokens;
        int t = 0;
        for (Sentence sentence : handover.sentences) {
            while (t < tokens.size() && tokens.get(t).getBegin() < sentence.getBegin()) t++;
            int first = t;
            while (t < tokens.size() && tokens.get(t).getEnd() <= sentence.getEnd()) t++;
            if (t > first) windows.add(tokens.subList(first, t));
        }
        return windows;
    }

    /** {@link DefaultJCasTermAnnotator#findTerms}, step for step, on each rare word's terms read once. */
    @Override
    public void findTerms(RareWordDictionary dictionary, List<FastLookupToken> allTokens, List<Integer> lookupTokenIndices,
                          CollectionMap<TextSpan, Long, ? extends Collection<Long>> termsFromDictionary) {
        for (Integer lookupTokenIndex : lookupTokenIndices) {
            FastLookupToken lookupToken = allTokens.get(lookupTokenIndex);
            placeMatches(hits.textHits(dictionary, lookupToken), allTokens, lookupTokenIndex, termsFromDictionary);
            placeMatches(hits.variantHits(dictionary, lookupToken), allTokens, lookupTokenIndex, termsFromDictionary);
        }
    }

    private static void placeMatches(RareWordHits.Hit[] hits, List<FastLookupToken> allTokens, int lookupTokenIndex,
                                     CollectionMap<TextSpan, Long, ? extends Collection<Long>> termsFromDictionary) {
        for (RareWordHits.Hit hit : hits) {
            if (hit.tokenCount() == 1) {
                termsFromDictionary.placeValue(allTokens.get(lookupTokenIndex).getTextSpan(), hit.cui());
                continue;
            }
            int first = lookupTokenIndex - hit.rareWordIndex();
            if (first < 0 || first + hit.tokenCount() > allTokens.size()) continue; // beyond the window
            int last = first + hit.tokenCount() - 1;
            if (matches(hit.tokens(), allTokens, first, last)) {
                termsFromDictionary.placeValue(new DefaultTextSpan(allTokens.get(first).getStart(),
                        allTokens.get(last).getEnd()), hit.cui());
            }
        }
    }

    /** {@link DefaultJCasTermAnnotator#isTermMatch} on the term's tokens: each token's text or variant equals them. */
    private static boolean matches(String[] termTokens, List<FastLookupToken> allTokens, int first, int last) {
        int t = 0;
        for (int i = first; i <= last; i++, t++) {
            FastLookupToken token = allTokens.get(i);
            if (!termTokens[t].equals(token.getText()) && !termTokens[t].equals(token.getVariant())) return false;
        }
        return true;
    }

    /**
     * The parsed lookup descriptor cTAKES keeps in a private field (it offers no getter for the concept factories and
     * consumer of a pair); read once at start-up, so a cTAKES version without it fails here, loudly.
     */
    private static DictionarySpec dictionarySpec(AbstractJCasTermAnnotator annotator) throws ResourceInitializationException {
        try {
            Field f = AbstractJCasTermAnnotator.class.getDeclaredField("_dictionarySpec");
            f.setAccessible(true);
            DictionarySpec spec = (DictionarySpec) f.get(annotator);
            if (spec == null) throw new IllegalStateException("no dictionary descriptor parsed");
            return spec;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ResourceInitializationException(new IllegalStateException("cTAKES' AbstractJCasTermAnnotator has "
                    + "no _dictionarySpec: check the cTAKES version against LeanTermAnnotator", e));
        }
    }
}
