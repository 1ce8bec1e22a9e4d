package org.radbridge.nlp.ctakes;

import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.core.config.ConfigParameterConstants;
import org.apache.ctakes.dictionary.lookup2.ae.DefaultJCasTermAnnotator;
import org.apache.ctakes.dictionary.lookup2.ae.JCasTermAnnotator;
import org.apache.ctakes.typesystem.type.refsem.UmlsConcept;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textspan.Segment;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AggregateBuilder;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LeanTermAnnotator} finds the very terms cTAKES' own {@link DefaultJCasTermAnnotator} finds: the lean pipeline
 * (tokens handed over, term tokens split once) against the same steps run through the CAS indexes with cTAKES' class.
 */
class LeanTermAnnotatorTest {

    @TempDir
    static Path tmp;

    private static List<String> terms;
    private static LeanPipeline lean;
    private static AnalysisEngine reference;
    private static AnalysisEngine leanAlone;

    @BeforeAll
    static void setUp() throws Exception {
        Path bsv = RadiologyLexicon.fromClasspath().writeBsv(tmp.resolve("radiology.bsv"));
        terms = new ArrayList<>();
        for (String line : Files.readAllLines(bsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\\|");
            if (f.length >= 3 && !line.startsWith("#")) terms.add(f[2]);
        }
        Path lookupXml = tmp.resolve("lookup.xml");
        Files.writeString(lookupXml, LeanPipeline.lookupDescriptor(bsv.toAbsolutePath(), ConceptMentionConsumer.class));
        lean = new LeanPipeline(bsv, false);
        reference = throughTheCas(DefaultJCasTermAnnotator.class, lookupXml);
        leanAlone = throughTheCas(LeanTermAnnotator.class, lookupXml);
    }

    @AfterAll
    static void tearDown() {
        if (lean != null) lean.close();
        if (reference != null) reference.destroy();
        if (leanAlone != null) leanAlone.destroy();
    }

    /** The lean pipeline's steps in one aggregate, every step writing to and reading from the CAS indexes. */
    private static AnalysisEngine throughTheCas(Class<? extends DefaultJCasTermAnnotator> lookup, Path lookupXml) throws Exception {
        AggregateBuilder b = new AggregateBuilder();
        b.add(AnalysisEngineFactory.createEngineDescription(SimpleSegmentAnnotator.class));
        b.add(AnalysisEngineFactory.createEngineDescription(ReportSentenceSplitter.class));
        b.add(AnalysisEngineFactory.createEngineDescription(LookupTokenizer.class));
        b.add(AnalysisEngineFactory.createEngineDescription(lookup,
                ConfigParameterConstants.PARAM_LOOKUP_XML, lookupXml.toString(),
                JCasTermAnnotator.PARAM_WINDOW_ANNOT_KEY, Segment.class.getName(),
                JCasTermAnnotator.PARAM_MIN_SPAN_KEY, LeanPipeline.MINIMUM_SPAN));
        return b.createAggregate();
    }

    /** "begin-end id" of every term inside a sentence, as the CAS holds them after {@code engine} ran. */
    private static Set<String> found(AnalysisEngine engine, String text) throws Exception {
        JCas jcas = engine.newJCas();
        jcas.setDocumentText(text);
        engine.process(jcas);
        List<Sentence> sentences = new ArrayList<>(JCasUtil.select(jcas, Sentence.class));
        Set<String> out = new TreeSet<>();
        for (IdentifiedAnnotation a : JCasUtil.select(jcas, IdentifiedAnnotation.class)) {
            if (sentences.stream().noneMatch(s -> s.getBegin() <= a.getBegin() && a.getEnd() <= s.getEnd())) continue;
            for (int i = 0; i < a.getOntologyConceptArr().size(); i++) {
                out.add(a.getBegin() + "-" + a.getEnd() + " " + ((UmlsConcept) a.getOntologyConceptArr().get(i)).getCui());
            }
        }
        return out;
    }

    private static Set<String> foundByLean(String text) {
        Set<String> out = new TreeSet<>();
        for (Mention m : lean.process(text)) out.add(m.start() + "-" + m.end() + " " + m.conceptId());
        return out;
    }

    @Test
    void sameTermsAsCtakesOwnLookupOnHandWrittenReports() throws Exception {
        String[] reports = {
                "Chest two views. Streaky left basilar atelectasis; no pleural effusion or pneumothorax.\n"
                        + "Heart size upper normal. Old healed fracture of a right posterior rib.",
                "CT ABDOMEN: Non-displaced fracture of the L2 transverse process. Simple renal cyst, 2.1 cm.\n"
                        + "IMPRESSION: 1. Small hiatal hernia 2. ground-glass opacity in the lingula",
                "Ground glass opacities, bilateral; T2/FLAIR hyperintense white matter lesions. X-ray of the "
                        + "wrist: no fx. Mild cardiomegaly with pulmonary vascular congestion and interstitial edema."
        };
        int total = 0;
        for (String r : reports) {
            Set<String> expected = found(reference, r);
            assertThat(foundByLean(r)).as(r).isEqualTo(expected);
            assertThat(found(leanAlone, r)).as(r).isEqualTo(expected);
            total += expected.size();
        }
        assertThat(total).as("terms found in the hand-written reports").isGreaterThan(15);
    }

    /**
     * Texts strung together from the dictionary's own terms (in capitals or not, glued by spaces, commas, line breaks,
     * hyphens and sentence ends) put many multi-word terms, overlapping and cut, in front of the lookup.
     */
    @Test
    void sameTermsAsCtakesOwnLookupOnTextsMadeOfDictionaryTerms() throws Exception {
        Random rnd = new Random(20261207L);
        String[] glue = {" ", " ", " ", ", ", "\n", ". ", " - ", " and ", "; ", "\n\n"};
        long multiWord = 0, total = 0;
        for (int t = 0; t < 300; t++) {
            StringBuilder sb = new StringBuilder();
            int n = 2 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                String term = terms.get(rnd.nextInt(terms.size()));
                if (rnd.nextInt(4) == 0) term = term.toUpperCase(Locale.ROOT);
                else if (rnd.nextInt(3) == 0) term = Character.toUpperCase(term.charAt(0)) + term.substring(1);
                if (rnd.nextInt(6) == 0 && term.indexOf(' ') > 0) term = term.substring(term.indexOf(' ') + 1); // cut
                sb.append(term).append(glue[rnd.nextInt(glue.length)]);
            }
            String text = sb.toString();
            Set<String> expected = found(reference, text);
            assertThat(foundByLean(text)).as(text).isEqualTo(expected);
            total += expected.size();
            for (String hit : expected) {
                String[] span = hit.substring(0, hit.indexOf(' ')).split("-");
                if (text.substring(Integer.parseInt(span[0]), Integer.parseInt(span[1])).contains(" ")) multiWord++;
            }
        }
        assertThat(total).isGreaterThan(600);
        assertThat(multiWord).as("multi-word terms among them").isGreaterThan(150);
    }

    /**
     * A multi-word term whose words run across a sentence break ("segment 7" ending one line, "hypodensities" opening the
     * next paragraph) is no term; the shorter term inside the first sentence stays, as cTAKES' own lookup finds it.
     */
    @Test
    void noTermAcrossASentenceBreakAndTheShorterTermBeforeItStays() throws Exception {
        String text = "Comparison liver segment 7\n\nHypodensities are not seen elsewhere.";
        Set<String> expected = found(reference, text);
        assertThat(foundByLean(text)).isEqualTo(expected);
        int start = text.indexOf("segment 7");
        assertThat(foundByLean(text)).anyMatch(hit -> hit.startsWith(start + "-" + (start + "segment 7".length()) + " "));
        // inside one sentence the longer term is found
        String joined = "Segment 7 hypodensities are seen.";
        assertThat(foundByLean(joined)).isEqualTo(found(reference, joined)).anyMatch(hit -> hit.startsWith("0-23 "));
    }
}
