package org.radbridge.nlp.ctakes;

import org.apache.ctakes.dictionary.lookup2.dictionary.RareWordTermMapCreator;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.syntax.NumToken;
import org.apache.ctakes.typesystem.type.syntax.PunctuationToken;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LookupTokenizerTest {

    private static AnalysisEngine tokenizer;
    private static JCas jcas;

    @BeforeAll
    static void setUp() throws Exception {
        tokenizer = AnalysisEngineFactory.createEngine(LookupTokenizer.class);
        jcas = tokenizer.newJCas();
    }

    @AfterAll
    static void tearDown() {
        tokenizer.destroy();
    }

    /** Tokenizes {@code text} as one sentence. */
    private static List<BaseToken> tokens(String text) throws Exception {
        jcas.reset();
        jcas.setDocumentText(text);
        new Sentence(jcas, 0, text.length()).addToIndexes();
        tokenizer.process(jcas);
        return new ArrayList<>(JCasUtil.select(jcas, BaseToken.class));
    }

    private static List<String> texts(String text) throws Exception {
        return tokens(text).stream().map(BaseToken::getCoveredText).toList();
    }

    @Test
    void cutsWordsPunctuationAndNumbers() throws Exception {
        assertThat(texts("Ground-glass opacity, 3.2 x 1.5 cm; T2/FLAIR hyperintensity."))
                .containsExactly("Ground", "-", "glass", "opacity", ",", "3.2", "x", "1.5", "cm", ";", "T2", "/", "FLAIR",
                        "hyperintensity", ".");
        List<BaseToken> t = tokens("3.2 x 1.5 cm.");
        assertThat(t.get(0)).isInstanceOf(NumToken.class);
        assertThat(t.get(1)).isNotInstanceOf(NumToken.class);
        assertThat(t.get(t.size() - 1)).isInstanceOf(PunctuationToken.class);
        assertThat(t).extracting(BaseToken::getTokenNumber).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void keepsTheLookupsPrefixesAndSuffixesInsideTheWord() throws Exception {
        assertThat(LookupTokenizer.prefixes()).contains("non-", "x-");
        assertThat(LookupTokenizer.suffixes()).contains("-wise");
        assertThat(texts("Non-displaced fracture, x-ray, step-wise change, ray-x-ray"))
                .containsExactly("Non-displaced", "fracture", ",", "x-ray", ",", "step-wise", "change", ",", "ray", "-",
                        "x-ray");
    }

    @Test
    void tokensOfEveryDictionaryTermAreTheLookupsOwn(@TempDir Path tmp) throws Exception {
        Path bsv = RadiologyLexicon.fromClasspath().writeBsv(tmp.resolve("radiology.bsv"));
        int terms = 0;
        for (String line : Files.readAllLines(bsv)) {
            String[] f = line.split("\\|");
            if (line.startsWith("//") || line.startsWith("#") || f.length < 3) continue;
            String term = f[2].toLowerCase(Locale.ROOT);
            if (term.matches(".*\\d\\.\\d.*")) continue; // cTAKES cuts "3.2" into "3" ".2"; no term has one today
            String expected = new RareWordTermMapCreator.CuiTerm("C0000001", term).getTerm();
            assertThat(String.join(" ", texts(term))).as("tokens of dictionary term '%s'", term).isEqualTo(expected);
            terms++;
        }
        assertThat(terms).isGreaterThan(900);
    }

    @Test
    void withAHandoverTheTokensGoStraightToItAndNotIntoTheIndex() throws Exception {
        String text = "Non-displaced fx of the 5th metacarpal. Soft tissue swelling, 1.5 cm; patient's hand.";
        List<String> throughIndex = texts(text);
        int firstEnd = text.indexOf(". ") + 1;
        jcas.reset();
        jcas.setDocumentText(text);
        Handover handover = new Handover();
        handover.sentences.add(new Sentence(jcas, 0, firstEnd));
        handover.sentences.add(new Sentence(jcas, firstEnd + 1, text.length()));
        Handover.use(handover);
        try {
            tokenizer.process(jcas);
        } finally {
            Handover.use(null);
        }
        assertThat(JCasUtil.select(jcas, BaseToken.class)).isEmpty();
        assertThat(handover.tokens).extracting(BaseToken::getCoveredText).isEqualTo(throughIndex);
        assertThat(handover.tokens).extracting(BaseToken::getTokenNumber)
                .isEqualTo(java.util.stream.IntStream.range(0, throughIndex.size()).boxed().toList());
        for (int i = 1; i < handover.tokens.size(); i++) {
            assertThat(handover.tokens.get(i).getBegin()).as("text order").isGreaterThan(handover.tokens.get(i - 1).getBegin());
        }
        assertThat(Handover.current()).isNull();
    }
}
