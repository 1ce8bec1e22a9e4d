package org.radbridge.nlp.ctakes;

import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.textspan.Sentence;

import java.util.ArrayList;
import java.util.List;

/**
 * What the lean pipeline's annotators hand one another directly during one analysis on this thread, instead of
 * through the CAS indexes: the sentences ({@link ReportSentenceSplitter} to {@link LookupTokenizer} and
 * {@link LeanPipeline}), the tokens ({@link LookupTokenizer} to {@link LeanTermAnnotator}) and the lookup's hits
 * ({@link ConceptMentionConsumer} to {@link LeanPipeline}).
 *
 * <p>Why: each of them is read once, by the next step, in the order it was made; adding every token to the CAS index
 * and reading the index back (uimaFIT's {@code indexCovered}, a new Java object per feature structure) cost more than
 * the dictionary lookup's own matching in a sampling profile. Without a handover (an annotator used alone in another
 * aggregate) every step reads and writes the CAS indexes as before.
 */
final class Handover {

    private static final ThreadLocal<Handover> CURRENT = new ThreadLocal<>();

    /** Sentences in text order (they do not overlap). */
    final List<Sentence> sentences = new ArrayList<>();
    /** Tokens in text order (they do not overlap): the order of the CAS's annotation index. */
    final List<BaseToken> tokens = new ArrayList<>();
    /** The lookup's hits, in the order the term consumer gets them. */
    final List<ConceptMentionConsumer.Hit> hits = new ArrayList<>();

    /** The handover of the analysis running on this thread, or null when the annotators work through the CAS. */
    static Handover current() {
        return CURRENT.get();
    }

    /** The annotators of this thread's next analyses hand over through {@code handover} (null: through the CAS). */
    static void use(Handover handover) {
        if (handover == null) CURRENT.remove(); else CURRENT.set(handover);
    }
}
