package org.radbridge.bench.ctakes;

import org.apache.ctakes.chunker.ae.Chunker;
import org.apache.ctakes.chunker.ae.adjuster.ChunkAdjuster;
import org.apache.ctakes.core.ae.SentenceDetector;
import org.apache.ctakes.core.ae.SimpleSegmentAnnotator;
import org.apache.ctakes.core.ae.TokenizerAnnotatorPTB;
import org.apache.ctakes.core.config.ConfigParameterConstants;
import org.apache.ctakes.dictionary.lookup2.ae.DefaultJCasTermAnnotator;
import org.apache.ctakes.postagger.POSTagger;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.AggregateBuilder;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.radbridge.nlp.ctakes.LeanPipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cTAKES default-style clinical pipeline, in the order of the cTAKES default pipeline: segment, OpenNLP sentences,
 * PTB tokens, OpenNLP part-of-speech tagger (mayo-pos model), OpenNLP chunker with the two chunk adjusters (NP NP,
 * NP PP NP), the fast dictionary lookup (with RadBridge's dictionary: the lookup RadiologyNlp runs), the ClearNLP
 * dependency parser and the ClearTK assertion engines (polarity, uncertainty, history, subject), then cTAKES'
 * NegEx-style negation and status ContextAnnotators. Not in it: the UMLS dictionary (licence), the context-dependent
 * tokenizer, semantic role labelling and the generic/conditional assertion engines. About 650 MB of heap per
 * instance (parser and ClearTK models). Not thread-safe: one per thread.
 */
public final class FullPipeline implements AutoCloseable {

    private final AnalysisEngine engine;
    private final JCas jcas;

    public FullPipeline(Path bsvDictionary, Path workDir, boolean withAssertion) throws IOException, ResourceInitializationException {
        Path lookupXml = Files.createTempFile(workDir, "lookup-", ".xml");
        Files.writeString(lookupXml, LeanPipeline.lookupDescriptor(bsvDictionary.toAbsolutePath()), StandardCharsets.UTF_8);
        AggregateBuilder b = new AggregateBuilder();
        b.add(AnalysisEngineFactory.createEngineDescription(SimpleSegmentAnnotator.class,
                SimpleSegmentAnnotator.PARAM_SEGMENT_ID, LeanPipeline.SEGMENT_ID));
        b.add(AnalysisEngineFactory.createEngineDescription(SentenceDetector.class));
        b.add(AnalysisEngineFactory.createEngineDescription(TokenizerAnnotatorPTB.class));
        b.add(POSTagger.createAnnotatorDescription());
        b.add(Chunker.createAnnotatorDescription());
        b.add(ChunkAdjuster.createAnnotatorDescription(new String[]{"NP", "NP"}, 1));
        b.add(ChunkAdjuster.createAnnotatorDescription(new String[]{"NP", "PP", "NP"}, 2));
        b.add(AnalysisEngineFactory.createEngineDescription(DefaultJCasTermAnnotator.class,
                ConfigParameterConstants.PARAM_LOOKUP_XML, lookupXml.toString()));
        if (withAssertion) {
            b.add(org.apache.ctakes.dependency.parser.ae.ClearNLPDependencyParserAE.createAnnotatorDescription());
            b.add(org.apache.ctakes.assertion.medfacts.cleartk.PolarityCleartkAnalysisEngine.createAnnotatorDescription());
            b.add(org.apache.ctakes.assertion.medfacts.cleartk.UncertaintyCleartkAnalysisEngine.createAnnotatorDescription());
            b.add(org.apache.ctakes.assertion.medfacts.cleartk.HistoryCleartkAnalysisEngine.createAnnotatorDescription());
            b.add(org.apache.ctakes.assertion.medfacts.cleartk.SubjectCleartkAnalysisEngine.createAnnotatorDescription());
        }
        LeanPipeline.addContextAnnotators(b);
        this.engine = b.createAggregate();
        this.jcas = engine.newJCas();
    }

    /** Processes one report; returns the number of concept mentions (so the work cannot be optimised away). */
    public int process(String text) throws AnalysisEngineProcessException {
        jcas.reset();
        jcas.setDocumentText(text);
        engine.process(jcas);
        return JCasUtil.select(jcas, IdentifiedAnnotation.class).size();
    }

    @Override
    public void close() {
        engine.destroy();
    }
}
