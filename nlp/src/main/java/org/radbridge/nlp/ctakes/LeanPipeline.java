package org.radbridge.nlp.ctakes;

import org.apache.ctakes.core.ae.SentenceDetector;
import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.core.ae.TokenizerAnnotatorPTB;
import org.apache.ctakes.core.config.ConfigParameterConstants;
import org.apache.ctakes.dictionary.lookup2.ae.DefaultJCasTermAnnotator;
import org.apache.ctakes.dictionary.lookup2.ae.JCasTermAnnotator;
import org.apache.ctakes.dictionary.lookup2.concept.BsvConceptFactory;
import org.apache.ctakes.dictionary.lookup2.consumer.DefaultTermConsumer;
import org.apache.ctakes.dictionary.lookup2.dictionary.BsvRareWordDictionary;
import org.apache.ctakes.necontexts.ContextAnnotator;
import org.apache.ctakes.necontexts.negation.NegationContextAnalyzer;
import org.apache.ctakes.necontexts.negation.NegationContextHitConsumer;
import org.apache.ctakes.necontexts.status.StatusContextAnalyzer;
import org.apache.ctakes.necontexts.status.StatusContextHitConsumer;
import org.apache.ctakes.typesystem.type.refsem.OntologyConcept;
import org.apache.ctakes.typesystem.type.refsem.UmlsConcept;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textspan.Segment;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.UIMAFramework;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.FeatureStructure;
import org.apache.uima.fit.factory.AggregateBuilder;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.apache.uima.resource.Resource;
import org.apache.uima.resource.ResourceInitializationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The cTAKES "lean" pipeline, assembled in Java with uimaFIT (no piper files, no XML descriptors on the classpath):
 * <ol>
 *   <li>{@link SimpleSegmentAnnotator}: one segment over the whole report (no section detection yet);</li>
 *   <li>{@link SentenceDetector}: OpenNLP sentence model from {@code ctakes-core-models} (with context) or
 *       {@link ReportSentenceSplitter}: sentences by rule, hard-wrapped lines joined (without);</li>
 *   <li>{@link TokenizerAnnotatorPTB}: Penn-Treebank tokens (with context) or {@link LookupTokenizer}: tokens cut like the
 *       dictionary terms (without);</li>
 *   <li>{@link DefaultJCasTermAnnotator}: fast dictionary lookup over a BSV dictionary
 *       ({@link BsvRareWordDictionary} + {@link BsvConceptFactory}); lines {@code ID|TUI|text|preferred text}.
 *       No lexical variants: plurals and spelling variants must be listed as their own lines. Without context it runs
 *       as {@link LeanTermAnnotator} (the same lookup, fed the tokens directly: see {@link Handover});</li>
 *   <li>{@link ContextAnnotator} with the negation analyzer, scope order {@code LEFT} (a cue after the finding,
 *       as in "Cardiomegaly without edema", does not negate it);</li>
 *   <li>{@link ContextAnnotator} with the status analyzer, scope order {@code LEFT}: history (1), family
 *       history (2), probable (3).</li>
 * </ol>
 * On top of cTAKES, a small radiology hedge rule marks a mention uncertain (and not negated) when its sentence has
 * before it "cannot exclude", "cannot rule out", "not excluded", "may represent", "suspicious / concerning for",
 * "concern for", "evaluate for", "rule out", "r/o", "questionable", "differential includes", or after it
 * "cannot be excluded / ruled out", "is not excluded", "is likely / possible / suspected": cTAKES' status analyzer
 * only knows "possible / possibly / probable / likely" to the left, and its negation analyzer reads "cannot exclude X"
 * and "rule out X" as negations of X. The left cue is searched in the sentence up to the mention, from the last ';'.
 *
 * <p><b>Not thread-safe.</b> The UIMA engine and its CAS are reused across calls: create one instance per thread
 * (for example a {@code ThreadLocal} or a pool) and {@link #close()} it when done. Construction takes about a second
 * and reads the whole dictionary into memory; construction is serialised internally because cTAKES keeps the
 * ID-prefix table of {@code CuiCodeUtil} in an unsynchronised JVM-wide singleton.
 */
public final class LeanPipeline implements AutoCloseable {

    /** Segment id given to the single whole-report segment. */
    public static final String SEGMENT_ID = "SIMPLE_SEGMENT";

    private static final Object CONSTRUCTION_LOCK = new Object();

    /** cTAKES status codes set in {@code IdentifiedAnnotation.uncertainty} by {@link StatusContextHitConsumer}. */
    private static final int STATUS_HISTORY = 1;
    private static final int STATUS_FAMILY_HISTORY = 2;
    private static final int STATUS_PROBABLE = 3;

    /** Radiology hedges that cTAKES does not know, matched in the sentence text left of the mention. */
    private static final Pattern HEDGE_BEFORE = Pattern.compile(
            "\\b(?:can ?not|can't|could not|unable to)\\s+(?:be\\s+)?(?:entirely\\s+|completely\\s+|definitely\\s+)?"
                    + "(?:exclude|excluded|rule out|ruled out)\\b"
                    + "|\\bnot\\s+(?:be\\s+)?(?:entirely\\s+|completely\\s+)?(?:excluded|ruled out)\\b"
                    + "|\\b(?:may|might|could)\\s+(?:represent|reflect|be due to|indicate)\\b"
                    + "|\\b(?:suspicious|concerning|worrisome|suggestive)\\s+(?:for|of)\\b"
                    + "|\\b(?:concern|evaluate|evaluation|assess|assessment)\\s+for\\b|\\bquestion of\\b"
                    + "|\\brule out\\b|\\br/o\\b|\\bquestionable\\b|\\bdifferential (?:diagnosis )?includes\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * Hedges that follow the finding they qualify, matched in the sentence text right of the mention: an exclusion
     * phrase at most six words on ("Pneumonia in the left base cannot be excluded", "Effusion is not excluded"), or a
     * bare predicate ending the clause ("Pneumonia is suspected."; not "Opacity is likely atelectasis").
     */
    private static final Pattern HEDGE_AFTER = Pattern.compile(
            "^[\\s,]*(?:[\\w-]+\\s+){0,6}?"
                    + "(?:can ?not|cannot|can't|could not|is not|are not|not)\\s+(?:be\\s+)?(?:entirely\\s+|completely\\s+)?"
                    + "(?:excluded|ruled out)\\b"
                    + "|^\\s*(?:is|are)\\s+(?:likely|possible|probable|suspected|questioned|favored)\\s*(?:[.,;:]|$)",
            Pattern.CASE_INSENSITIVE);

    private final AnalysisEngine engine;
    private final JCas jcas;
    private final boolean withContext;
    private boolean closed;

    /**
     * Builds the pipeline around a BSV dictionary file.
     *
     * @param bsvDictionary file with lines {@code ID|TUI|text|preferred text}; blank lines and lines starting with
     *                      {@code #} or {@code //} are skipped; matching is case-insensitive. cTAKES reads it in the
     *                      platform charset: keep it ASCII or run the JVM with UTF-8 as its default charset
     * @throws IllegalArgumentException if the file does not exist
     * @throws IllegalStateException    if cTAKES cannot be initialised
     */
    public LeanPipeline(Path bsvDictionary) {
        this(bsvDictionary, true);
    }

    /**
     * @param bsvDictionary see {@link #LeanPipeline(Path)}
     * @param withContext   false leaves out the two cTAKES {@link ContextAnnotator}s and the radiology hedge rule (all
     *                      mentions then come out present, current, of the patient) and cuts tokens with
     *                      {@link LookupTokenizer}, splits sentences with {@link ReportSentenceSplitter} and annotates
     *                      hits with {@link ConceptMentionConsumer} instead of the PTB tokenizer, sentence model and
     *                      term consumer the context analyzers were built on;
     *                      RadiologyNlp decides assertion with its own rules and runs without them, which is several
     *                      times faster and avoids the annotators' quadratic cost on very long texts
     */
    public LeanPipeline(Path bsvDictionary, boolean withContext) {
        Objects.requireNonNull(bsvDictionary, "bsvDictionary");
        if (!Files.isRegularFile(bsvDictionary)) {
            throw new IllegalArgumentException("BSV dictionary not found: " + bsvDictionary);
        }
        this.withContext = withContext;
        synchronized (CONSTRUCTION_LOCK) {
            Path tmp = null;
            try {
                tmp = Files.createTempDirectory("radbridge-ctakes-");
                Path lookupXml = tmp.resolve("lookup.xml");
                Files.writeString(lookupXml, lookupDescriptor(bsvDictionary.toAbsolutePath(),
                        withContext ? DefaultTermConsumer.class : ConceptMentionConsumer.class), StandardCharsets.UTF_8);
                this.engine = build(lookupXml, withContext);
                this.jcas = engine.newJCas();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the cTAKES dictionary descriptor", e);
            } catch (ResourceInitializationException e) {
                throw new IllegalStateException("cannot initialise the cTAKES pipeline: " + e.getMessage(), e);
            } finally {
                deleteQuietly(tmp); // dictionary and descriptor are fully read during initialisation
            }
        }
    }

    /**
     * Runs the pipeline over one report.
     *
     * @param text report text (null or blank gives an empty list)
     * @return mentions ordered by start offset, then end offset, then concept id
     */
    public List<Mention> process(String text) {
        return analyze(text).mentions();
    }

    /** Sentence span (begin inclusive, end exclusive) found by the cTAKES sentence detector. */
    public record Span(int begin, int end) {
    }

    /** Mentions plus the sentence spans of one report. */
    public record Analysis(List<Mention> mentions, List<Span> sentences) {
    }

    /**
     * Runs the pipeline over one report and returns the mentions together with the sentence spans.
     *
     * @param text report text (null or blank gives an empty result)
     */
    public Analysis analyze(String text) {
        if (closed) {
            throw new IllegalStateException("pipeline closed");
        }
        if (text == null || text.isBlank()) {
            return new Analysis(List.of(), List.of());
        }
        jcas.reset();
        jcas.setDocumentText(text);
        // without context the sentences, tokens and the lookup's hits go from step to step directly, not through the
        // CAS indexes (see Handover)
        Handover handover = withContext ? null : new Handover();
        Handover.use(handover);
        try {
            engine.process(jcas);
        } catch (AnalysisEngineProcessException e) {
            throw new IllegalStateException("cTAKES failed on a report: " + e.getMessage(), e);
        } finally {
            Handover.use(null);
        }
        List<Mention> out = new ArrayList<>();
        List<Span> sentences = new ArrayList<>();
        List<Sentence> sentenceList = handover != null ? handover.sentences
                : new ArrayList<>(JCasUtil.select(jcas, Sentence.class));
        for (Sentence sentence : sentenceList) sentences.add(new Span(sentence.getBegin(), sentence.getEnd()));
        if (handover != null) {
            mentions(text, handover.hits, sentenceList, out);
            out.sort(Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end)
                    .thenComparing(Mention::conceptId, Comparator.nullsFirst(Comparator.naturalOrder())));
            return new Analysis(dedupe(out), sentences);
        }
        // one pass over both indexes (sorted by begin); a term across a sentence end (the lookup window is the segment
        // when there is no context) is left out, as sentence windows would not have found it
        int s = 0;
        for (IdentifiedAnnotation ia : JCasUtil.select(jcas, IdentifiedAnnotation.class)) {
            while (s < sentenceList.size() && sentenceList.get(s).getEnd() < ia.getEnd()) s++;
            if (s == sentenceList.size()) break;
            Sentence sentence = sentenceList.get(s);
            if (sentence.getBegin() > ia.getBegin()) continue;
            FSArray concepts = ia.getOntologyConceptArr();
            if (concepts == null || concepts.size() == 0) {
                continue;
            }
            boolean hedged = false, negated = false, family = false, historical = false;
            if (withContext) {
                int status = ia.getUncertainty();
                hedged = status == STATUS_PROBABLE
                        || HEDGE_BEFORE.matcher(leftClause(text, sentence.getBegin(), ia.getBegin())).find()
                        || HEDGE_AFTER.matcher(text.substring(ia.getEnd(), sentence.getEnd())).find();
                negated = ia.getPolarity() < 0 && !hedged;
                family = status == STATUS_FAMILY_HISTORY;
                historical = status == STATUS_HISTORY;
            }
            for (int i = 0; i < concepts.size(); i++) {
                FeatureStructure fs = concepts.get(i);
                if (!(fs instanceof OntologyConcept oc)) {
                    continue;
                }
                String id = oc instanceof UmlsConcept uc && uc.getCui() != null ? uc.getCui() : oc.getCode();
                String preferred = oc instanceof UmlsConcept uc && uc.getPreferredText() != null
                        ? uc.getPreferredText() : "";
                out.add(new Mention(ia.getBegin(), ia.getEnd(), ia.getCoveredText(), id, preferred,
                        negated, hedged, historical, family));
            }
        }
        out.sort(Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end)
                .thenComparing(Mention::conceptId, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Analysis(dedupe(out), sentences);
    }

    /**
     * The mentions of the lookup's hits, as the loop over the CAS annotations above reads them: in the annotation
     * index's order (begin, then longest first), a hit across a sentence end left out.
     */
    private static void mentions(String text, List<ConceptMentionConsumer.Hit> hits, List<Sentence> sentenceList,
                                 List<Mention> out) {
        hits.sort(Comparator.comparingInt(ConceptMentionConsumer.Hit::begin)
                .thenComparing(Comparator.comparingInt(ConceptMentionConsumer.Hit::end).reversed()));
        int s = 0;
        for (ConceptMentionConsumer.Hit h : hits) {
            while (s < sentenceList.size() && sentenceList.get(s).getEnd() < h.end()) s++;
            if (s == sentenceList.size()) break;
            if (sentenceList.get(s).getBegin() > h.begin() || h.concepts().isEmpty()) continue;
            String covered = text.substring(h.begin(), h.end());
            for (String[] c : h.concepts()) {
                out.add(new Mention(h.begin(), h.end(), covered, c[0], c[1] != null ? c[1] : "", false, false, false, false));
            }
        }
    }

    /** Releases the UIMA engine. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.destroy();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Shortest term the lean pipeline's lookup reports, in characters (the dictionary's shortest terms are two letters). */
    static final int MINIMUM_SPAN = 2;

    private static AnalysisEngine build(Path lookupXml, boolean withContext) throws ResourceInitializationException {
        AggregateBuilder b = new AggregateBuilder();
        b.add(AnalysisEngineFactory.createEngineDescription(SimpleSegmentAnnotator.class,
                SimpleSegmentAnnotator.PARAM_SEGMENT_ID, SEGMENT_ID));
        b.add(AnalysisEngineFactory.createEngineDescription(withContext ? SentenceDetector.class : ReportSentenceSplitter.class));
        b.add(AnalysisEngineFactory.createEngineDescription(withContext ? TokenizerAnnotatorPTB.class : LookupTokenizer.class));
        // without context the lookup window is the whole segment, not each sentence: a term cannot run over a '.' or
        // ';' token anyway, and uimaFIT's indexing of the tokens per sentence took 15% of the analysis
        b.add(AnalysisEngineFactory.createEngineDescription(withContext ? DefaultJCasTermAnnotator.class : LeanTermAnnotator.class,
                ConfigParameterConstants.PARAM_LOOKUP_XML, lookupXml.toString(),
                JCasTermAnnotator.PARAM_WINDOW_ANNOT_KEY, (withContext ? Sentence.class : Segment.class).getName(),
                // cTAKES' default minimum span (3 characters) silently drops the dictionary's two-letter abbreviations
                // ("PE", "TB", "fx", "OA"); radiology dictates them all the time (issue 11af). The comparison pipeline
                // with context keeps cTAKES' default.
                JCasTermAnnotator.PARAM_MIN_SPAN_KEY, withContext ? JCasTermAnnotator.DEFAULT_MINIMUM_SPAN : MINIMUM_SPAN));
        if (!withContext) {
            // without UIMA's JCas cache: clearing its hash map at every CAS reset took 9% of the analysis of a short
            // report in a sampling profile; nothing here relies on one Java object per feature structure (UIMA 2
            // feature structures compare by address)
            Properties tuning = new Properties();
            tuning.setProperty(UIMAFramework.JCAS_CACHE_ENABLED, "false");
            // nor a process trace built from the engines' timing statistics after every report: nothing reads it
            tuning.setProperty(UIMAFramework.PROCESS_TRACE_ENABLED, "false");
            return UIMAFramework.produceAnalysisEngine(b.createAggregateDescription(),
                    Map.of(Resource.PARAM_PERFORMANCE_TUNING_SETTINGS, tuning));
        }
        addContextAnnotators(b);
        return b.createAggregate();
    }

    /**
     * cTAKES' negation and status (history, family history, probable) context annotators, scope order {@code LEFT};
     * public so that the benchmark's full pipeline runs the very same context step.
     */
    public static void addContextAnnotators(AggregateBuilder b) throws ResourceInitializationException {
        b.add(AnalysisEngineFactory.createEngineDescription(ContextAnnotator.class,
                ContextAnnotator.SCOPE_ORDER_PARAM, "LEFT",
                ContextAnnotator.CONTEXT_ANALYZER_CLASS_PARAM, NegationContextAnalyzer.class.getName(),
                ContextAnnotator.CONTEXT_HIT_CONSUMER_CLASS_PARAM, NegationContextHitConsumer.class.getName()));
        b.add(AnalysisEngineFactory.createEngineDescription(ContextAnnotator.class,
                ContextAnnotator.SCOPE_ORDER_PARAM, "LEFT",
                ContextAnnotator.CONTEXT_ANALYZER_CLASS_PARAM, StatusContextAnalyzer.class.getName(),
                ContextAnnotator.CONTEXT_HIT_CONSUMER_CLASS_PARAM, StatusContextHitConsumer.class.getName()));
    }

    /**
     * The fast-lookup descriptor (normally an XML file on the classpath), pointing at one BSV file; public so that a
     * benchmark peer can run the very same dictionary lookup.
     */
    public static String lookupDescriptor(Path bsv) {
        return lookupDescriptor(bsv, DefaultTermConsumer.class);
    }

    /** The descriptor with another term consumer (the class that turns the lookup's hits into annotations). */
    static String lookupDescriptor(Path bsv, Class<?> termConsumer) {
        String path = xmlEscape(bsv.toString());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <lookupSpecification>
                  <dictionaries>
                    <dictionary>
                      <name>radbridgeTerms</name>
                      <implementationName>%s</implementationName>
                      <properties>
                        <property key="bsvPath" value="%s"/>
                      </properties>
                    </dictionary>
                  </dictionaries>
                  <conceptFactories>
                    <conceptFactory>
                      <name>radbridgeConcepts</name>
                      <implementationName>%s</implementationName>
                      <properties>
                        <property key="bsvPath" value="%s"/>
                      </properties>
                    </conceptFactory>
                  </conceptFactories>
                  <dictionaryConceptPairs>
                    <dictionaryConceptPair>
                      <name>radbridgeTerms</name>
                      <dictionaryName>radbridgeTerms</dictionaryName>
                      <conceptFactoryName>radbridgeConcepts</conceptFactoryName>
                    </dictionaryConceptPair>
                  </dictionaryConceptPairs>
                  <rareWordConsumer>
                    <name>Term Consumer</name>
                    <implementationName>%s</implementationName>
                    <properties>
                      <property key="codingScheme" value="RADBRIDGE"/>
                    </properties>
                  </rareWordConsumer>
                </lookupSpecification>
                """.formatted(BsvRareWordDictionary.class.getName(), path,
                BsvConceptFactory.class.getName(), path, termConsumer.getName());
    }

    /** Sentence text left of a mention, from the last ';' (a clause boundary the sentence detector keeps). */
    private static String leftClause(String text, int sentenceBegin, int mentionBegin) {
        int from = text.lastIndexOf(';', mentionBegin - 1);
        return text.substring(Math.max(from + 1, sentenceBegin), mentionBegin);
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Mention> dedupe(List<Mention> sorted) {
        List<Mention> out = new ArrayList<>(sorted.size());
        Mention prev = null;
        for (Mention m : sorted) {
            if (!m.equals(prev)) {
                out.add(m);
            }
            prev = m;
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
