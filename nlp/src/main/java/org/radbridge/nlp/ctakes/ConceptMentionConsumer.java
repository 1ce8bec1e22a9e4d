package org.radbridge.nlp.ctakes;

import org.apache.ctakes.core.util.collection.CollectionMap;
import org.apache.ctakes.dictionary.lookup2.concept.Concept;
import org.apache.ctakes.dictionary.lookup2.consumer.TermConsumer;
import org.apache.ctakes.dictionary.lookup2.dictionary.RareWordDictionary;
import org.apache.ctakes.dictionary.lookup2.textspan.TextSpan;
import org.apache.ctakes.dictionary.lookup2.util.CuiCodeUtil;
import org.apache.ctakes.typesystem.type.constants.CONST;
import org.apache.ctakes.typesystem.type.refsem.UmlsConcept;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.uima.UimaContext;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The fast lookup's term consumer for RadBridge's lean pipeline (named in the lookup descriptor, cTAKES' extension
 * point for this): one {@link IdentifiedAnnotation} per text span the lookup found, carrying a {@link UmlsConcept}
 * (CUI-style dictionary id, TUI, preferred text) for every concept of the span.
 *
 * <p>Why not cTAKES' {@code DefaultTermConsumer}: it sorts the hits into one annotation per semantic group and
 * subclass, resolving every TUI code through an enum scan and creating concepts per code name, which made up 15% of the
 * whole report analysis; RadBridge reads only the span and the dictionary ids ({@link LeanPipeline}), so the spans
 * and concepts it gets are the same either way.
 */
public final class ConceptMentionConsumer implements TermConsumer {

    private final String codingScheme;

    /** The concepts (dictionary id, preferred text or null) the lookup found on one text span. */
    record Hit(int begin, int end, List<String[]> concepts) {
    }

    /** The constructor cTAKES' descriptor parser calls; property {@code codingScheme} names the concepts' scheme. */
    public ConceptMentionConsumer(UimaContext context, Properties properties) {
        this.codingScheme = properties.getProperty("codingScheme", "RADBRIDGE");
    }

    @Override
    public void consumeHits(JCas jcas, RareWordDictionary dictionary,
                            CollectionMap<TextSpan, Long, ? extends Collection<Long>> textSpanCuis,
                            CollectionMap<Long, Concept, ? extends Collection<Concept>> cuiConcepts) {
        consumeTypeIdHits(jcas, codingScheme, CONST.NE_TYPE_ID_UNKNOWN, textSpanCuis, cuiConcepts);
    }

    @Override
    public void consumeTypeIdHits(JCas jcas, String scheme, int cTakesSemantic,
                                  CollectionMap<TextSpan, Long, ? extends Collection<Long>> textSpanCuis,
                                  CollectionMap<Long, Concept, ? extends Collection<Concept>> cuiConcepts) {
        // when LeanPipeline runs the analysis on this thread the hits go straight to its list: it only reads spans
        // and ids back, and making an annotation, an array and a concept per hit in the CAS and reading them back
        // through the index took a tenth of the analysis
        Handover handover = Handover.current();
        if (handover != null) {
            collect(handover.hits, textSpanCuis, cuiConcepts);
            return;
        }
        List<UmlsConcept> concepts = new ArrayList<>();
        for (Map.Entry<TextSpan, ? extends Collection<Long>> spanCuis : textSpanCuis) {
            concepts.clear();
            for (Long cuiCode : spanCuis.getValue()) {
                Collection<Concept> known = cuiConcepts.getCollection(cuiCode);
                if (known == null || known.isEmpty()) {
                    concepts.add(concept(jcas, scheme, CuiCodeUtil.getInstance().getAsCui(cuiCode), null, null));
                    continue;
                }
                for (Concept c : known) {
                    Collection<String> tuis = c.getCodes(Concept.TUI);
                    String tui = tuis == null || tuis.isEmpty() ? null : tuis.iterator().next();
                    concepts.add(concept(jcas, scheme, c.getCui(), tui, c.getPreferredText()));
                }
            }
            FSArray array = new FSArray(jcas, concepts.size());
            for (int i = 0; i < concepts.size(); i++) array.set(i, concepts.get(i));
            IdentifiedAnnotation mention = new IdentifiedAnnotation(jcas, spanCuis.getKey().getStart(), spanCuis.getKey().getEnd());
            mention.setTypeID(cTakesSemantic);
            mention.setDiscoveryTechnique(CONST.NE_DISCOVERY_TECH_DICT_LOOKUP);
            mention.setOntologyConceptArr(array);
            mention.addToIndexes();
        }
    }

    /** The same concepts, in the same order, as the annotations below would carry. */
    private static void collect(List<Hit> sink, CollectionMap<TextSpan, Long, ? extends Collection<Long>> textSpanCuis,
                                CollectionMap<Long, Concept, ? extends Collection<Concept>> cuiConcepts) {
        for (Map.Entry<TextSpan, ? extends Collection<Long>> spanCuis : textSpanCuis) {
            List<String[]> concepts = new ArrayList<>();
            for (Long cuiCode : spanCuis.getValue()) {
                Collection<Concept> known = cuiConcepts.getCollection(cuiCode);
                if (known == null || known.isEmpty()) {
                    concepts.add(new String[]{CuiCodeUtil.getInstance().getAsCui(cuiCode), null});
                    continue;
                }
                for (Concept c : known) concepts.add(new String[]{c.getCui(), c.getPreferredText()});
            }
            sink.add(new Hit(spanCuis.getKey().getStart(), spanCuis.getKey().getEnd(), concepts));
        }
    }

    private static UmlsConcept concept(JCas jcas, String scheme, String cui, String tui, String preferredText) {
        UmlsConcept c = new UmlsConcept(jcas);
        c.setCodingScheme(scheme);
        c.setCui(cui);
        c.setTui(tui);
        c.setPreferredText(preferredText);
        return c;
    }
}
