package org.radbridge.nlp.ctakes;

import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.fit.factory.AggregateBuilder;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;

import java.util.List;

/** The {@link ReportSentenceSplitter} alone behind cTAKES' segment annotator, for tests of where sentences end. */
final class SplitterEngine implements AutoCloseable {
    private final AnalysisEngine engine;
    private final JCas jcas;

    SplitterEngine() throws Exception {
        AggregateBuilder b = new AggregateBuilder();
        b.add(AnalysisEngineFactory.createEngineDescription(SimpleSegmentAnnotator.class));
        b.add(AnalysisEngineFactory.createEngineDescription(ReportSentenceSplitter.class));
        engine = b.createAggregate();
        jcas = engine.newJCas();
    }

    /** The sentences of {@code text}, as covered text, in order. */
    List<String> sentences(String text) throws Exception {
        jcas.reset();
        jcas.setDocumentText(text);
        engine.process(jcas);
        return JCasUtil.select(jcas, Sentence.class).stream().map(Sentence::getCoveredText).toList();
    }

    @Override
    public void close() {
        engine.destroy();
    }
}
