package org.radbridge.nlp.ctakes;

import org.apache.ctakes.dictionary.lookup2.dictionary.RareWordTermMapCreator;
import org.apache.ctakes.typesystem.type.syntax.BaseToken;
import org.apache.ctakes.typesystem.type.syntax.NumToken;
import org.apache.ctakes.typesystem.type.syntax.PunctuationToken;
import org.apache.ctakes.typesystem.type.syntax.WordToken;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Set;

/**
 * A cTAKES token annotator that cuts the text of every {@link Sentence} by the rules the fast dictionary lookup uses
 * to cut its dictionary terms ({@link RareWordTermMapCreator}): a token is a run of letters and digits; every other
 * non-space character is a token of its own, except a hyphen after one of cTAKES' prefixes ("non-", "post-") or
 * before one of its suffixes ("-wise"), which stays inside the word, and an apostrophe before a final "s", which
 * starts the token "'s". Numbers with a decimal point ("3.2") are one {@link NumToken}.
 *
 * <p>Why not the PTB tokenizer: the dictionary lookup matches tokens by their text, so tokens cut like the dictionary
 * terms are what it needs; the PTB tokenizer keeps "ground-glass" or "T2/FLAIR" whole, which the dictionary's
 * "ground - glass" and "t2 / flair" never match, and it is the slowest step of the lean pipeline (about 40% of its CPU
 * time on 0.5 KB reports). No {@code NewlineToken}s are made: the lookup skips them.
 */
public final class LookupTokenizer extends JCasAnnotator_ImplBase {

    private static final Set<String> PREFIXES = lookupWordList("PREFIXES");
    private static final Set<String> SUFFIXES = lookupWordList("SUFFIXES");

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        int number = 0;
        Handover handover = Handover.current();
        for (Sentence sentence : handover != null ? handover.sentences : JCasUtil.select(jcas, Sentence.class)) {
            number = tokenize(jcas, text, sentence.getBegin(), sentence.getEnd(), number, handover);
        }
    }

    /** Prefixes (with their trailing '-') or suffixes (with their leading '-') the lookup keeps inside a word. */
    static Set<String> prefixes() {
        return PREFIXES;
    }

    static Set<String> suffixes() {
        return SUFFIXES;
    }

    private static int tokenize(JCas jcas, String text, int begin, int end, int number, Handover handover) {
        int i = begin;
        while (i < end) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                if (c == '\'' && i + 2 <= end && text.charAt(i + 1) == 's' && (i + 2 == end || boundary(text.charAt(i + 2)))) {
                    add(jcas, new WordToken(jcas, i, i + 2), number++, handover);
                    i += 2;
                } else {
                    add(jcas, new PunctuationToken(jcas, i, i + 1), number++, handover);
                    i++;
                }
                continue;
            }
            int start = i;
            boolean digits = true;
            while (i < end) {
                char d = text.charAt(i);
                if (Character.isLetterOrDigit(d)) {
                    digits &= Character.isDigit(d);
                    i++;
                } else if (d == '-' && (isPrefix(text, start, i) || isSuffix(text, i + 1, end))) {
                    digits = false;
                    i++;
                } else if (d == '.' && digits && i + 1 < end && Character.isDigit(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            add(jcas, digits ? new NumToken(jcas, start, i) : new WordToken(jcas, start, i), number++, handover);
        }
        return number;
    }

    private static boolean boundary(char c) {
        return !Character.isLetterOrDigit(c);
    }

    /** The token goes to the lean pipeline's dictionary lookup directly (made in text order), or into the CAS index. */
    private static void add(JCas jcas, BaseToken token, int number, Handover handover) {
        token.setTokenNumber(number);
        if (handover != null) handover.tokens.add(token); else token.addToIndexes(jcas);
    }

    /** The letters and digits since the last hyphen, plus '-', is one of the lookup's prefixes. */
    private static boolean isPrefix(String text, int wordStart, int hyphen) {
        int from = hyphen;
        while (from > wordStart && Character.isLetterOrDigit(text.charAt(from - 1))) from--;
        // the dictionary side tests the whole word so far ("x-" but not "ray-x-"): only a prefix at the word start
        return from == wordStart && PREFIXES.contains(text.substring(from, hyphen + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** The letters and digits after the hyphen, with a leading '-', are one of the lookup's suffixes. */
    private static boolean isSuffix(String text, int after, int end) {
        int to = after;
        while (to < end && Character.isLetterOrDigit(text.charAt(to))) to++;
        return to > after && SUFFIXES.contains("-" + text.substring(after, to).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The affix lists of cTAKES' dictionary term tokenizer, read from the class itself so that the text is cut exactly
     * as the terms were; they are not public API, so a cTAKES version without them fails loudly here rather than
     * matching fewer terms in silence.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> lookupWordList(String field) {
        try {
            Field f = RareWordTermMapCreator.class.getDeclaredField(field);
            f.setAccessible(true);
            return Set.copyOf((Collection<String>) f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cTAKES' RareWordTermMapCreator has no " + field + " list: check the "
                    + "cTAKES version against LookupTokenizer", e);
        }
    }
}
