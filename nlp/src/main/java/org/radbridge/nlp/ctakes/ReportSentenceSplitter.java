package org.radbridge.nlp.ctakes;

import org.apache.ctakes.typesystem.type.textspan.Segment;
import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.radbridge.nlp.Resources;

import java.util.Locale;
import java.util.Set;

/**
 * A cTAKES sentence annotator for radiology report text: {@link Sentence}s inside every {@link Segment}, by rule.
 * <ul>
 *   <li>'.', '!' or '?' followed by white space ends a sentence unless the next word starts in lower case, the word
 *       before is an abbreviation from {@code org/radbridge/nlp/sentences/abbreviations.tsv} ("e.g.", "Dr.") or a
 *       single capital letter (an initial), or it is the number of a list item at the start of a line ("1. "); a
 *       '?' after white space ("? PTX post line placement") opens a query and ends nothing;</li>
 *   <li>';' ends a sentence, as cTAKES' sentence model mostly decides: a site before it does not qualify a finding
 *       after it ("Cyst in the right breast; no suspicious mass.");</li>
 *   <li>a line break ends a sentence unless the next line continues it: the next line starts with a lower-case
 *       letter, or with a digit that is not a list number, and the line before does not end with '.', ':', ';', '!'
 *       or '?'. A blank line always ends one;</li>
 *   <li>in text whose line breaks were lost (joined by spaces, or by ',' as in MTSamples), a list item marker inside
 *       a line, a ',' that stands for a line break and a capitalised heading before ':' start a sentence: see
 *       {@link FlattenedBounds}.</li>
 * </ul>
 * Why not cTAKES' {@code SentenceDetector}: it cuts at every line break, so a report hard-wrapped at 80 columns
 * ("No pleural / effusion.") loses both the term "pleural effusion" and the scope of its negation; and its maximum
 * entropy model was the second most costly step of the lean pipeline. Sentences are trimmed of white space; lines of
 * white space make none.
 */
public final class ReportSentenceSplitter extends JCasAnnotator_ImplBase {

    private static final Set<String> ABBREVIATIONS = Set.copyOf(Resources.words("/org/radbridge/nlp/sentences/abbreviations.tsv"));

    @Override
    public void process(JCas jcas) {
        String text = jcas.getDocumentText();
        if (Handover.current() != null) {
            // the lean pipeline's one segment (cTAKES' SimpleSegmentAnnotator) is the whole report: not read back
            // through the index, whose iterator cost more than splitting a short report
            split(jcas, text, 0, text.length());
            return;
        }
        for (Segment segment : JCasUtil.select(jcas, Segment.class)) {
            split(jcas, text, segment.getBegin(), segment.getEnd());
        }
    }

    private static void split(JCas jcas, String text, int begin, int end) {
        int start = begin;
        int lastNumber = 0, lastLetter = 0; // the last list item seen (1-based), to tell "2." in a run of items from a value
        boolean commaLines = FlattenedBounds.joinsLinesWithCommas(text, begin, end);
        for (int i = begin; i < end; i++) {
            char c = text.charAt(i);
            int cutEnd = i, nextStart = i + 1; // the sentence before the cut ends at cutEnd, the next starts at nextStart
            int w;
            if (c == '\n' || c == '\r') {
                if (continuesOnNextLine(text, i, begin, end)) continue;
            } else if ((c == '.' || c == ')') && (i + 1 >= end || Character.isWhitespace(text.charAt(i + 1)))
                    && (w = FlattenedBounds.itemMarkerStart(text, i, begin)) >= 0
                    && FlattenedBounds.startsItemText(text, i + 1, end)) {
                int value = FlattenedBounds.itemValue(text, w, i);
                boolean letter = Character.isLetter(text.charAt(i - 1));
                int last = letter ? lastLetter : lastNumber;
                boolean item = (last > 0 && value == last + 1) || (value == 1
                        && FlattenedBounds.followsBoundary(text, w, start) && !FlattenedBounds.afterValueWord(text, w, begin));
                if (item) {
                    // an item marker starts the next sentence ("fracture 2. Effusion"): cut before it, not after
                    if (letter) lastLetter = value; else { lastNumber = value; lastLetter = 0; }
                    cutEnd = w;
                    nextStart = w;
                } else if (c == '.' && endsSentence(text, i, begin, end, start)) {
                    cutEnd = i + 1; // a value ("BI-RADS 2.") that ends its sentence
                } else {
                    continue;
                }
            } else if ((c == '!' || c == '?' || c == '.') && i + 1 < end && Character.isWhitespace(text.charAt(i + 1))) {
                // a '?' standing before a word ("? PTX post line placement", "REASON: ? pneumonia") opens the
                // requester's query (ConText's QUERY_PRE); only a '?' that closes a word ends a question
                if (c == '?' && (i == begin || Character.isWhitespace(text.charAt(i - 1)))) continue;
                if (!endsSentence(text, i, begin, end, start)) continue;
                cutEnd = i + 1;
            } else if (c == ';') {
                cutEnd = i + 1;
            } else if (c == ',') {
                if (!FlattenedBounds.isFlattenedBreak(text, i, begin, end)
                        && !(commaLines && FlattenedBounds.isCommaJoinedLine(text, i, end))) continue;
            } else if (c == ':') {
                int h = FlattenedBounds.headingStart(text, i, start, end);
                if (h < 0) continue;
                lastNumber = 0;
                lastLetter = 0;
                cutEnd = h;
                nextStart = h;
            } else {
                continue;
            }
            add(jcas, text, start, cutEnd);
            start = nextStart;
        }
        add(jcas, text, start, end);
    }

    private static void add(JCas jcas, String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) from++;
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
        if (from >= to) return;
        Sentence sentence = new Sentence(jcas, from, to);
        // in the lean pipeline the sentences go straight to the tokenizer and the pipeline (made in text order, as
        // the index would give them back); alone, into the CAS index
        Handover handover = Handover.current();
        if (handover != null) handover.sentences.add(sentence); else sentence.addToIndexes();
    }

    /** The line break at {@code eol} is a wrap inside a sentence. */
    private static boolean continuesOnNextLine(String text, int eol, int begin, int end) {
        int p = eol - 1;
        while (p >= begin && (text.charAt(p) == ' ' || text.charAt(p) == '\t' || text.charAt(p) == '\r')) p--;
        if (p < begin || ".:;!?".indexOf(text.charAt(p)) >= 0) return false;
        int n = text.charAt(eol) == '\r' && eol + 1 < end && text.charAt(eol + 1) == '\n' ? eol + 2 : eol + 1;
        while (n < end && (text.charAt(n) == ' ' || text.charAt(n) == '\t')) n++;
        if (n >= end) return false;
        char next = text.charAt(n);
        if (Character.isLowerCase(next)) return true;
        return Character.isDigit(next) && !isListNumber(text, n, end);
    }

    /** The '.', '!' or '?' at {@code at}, followed by white space, ends a sentence. */
    private static boolean endsSentence(String text, int at, int begin, int end, int sentenceStart) {
        int n = at + 1;
        while (n < end && (text.charAt(n) == ' ' || text.charAt(n) == '\t')) n++;
        if (n < end && Character.isLowerCase(text.charAt(n))) return false;
        if (text.charAt(at) != '.') return true;
        int w = at;
        while (w > begin && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') w--;
        String word = text.substring(w, at);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) return false;
        if (ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT))) return false;
        return !(isAllDigits(word) && (startsLine(text, w, begin) || opens(text, w, sentenceStart)));
    }

    /** A list number: up to two digits, then '.' or ')', then white space. */
    private static boolean isListNumber(String text, int at, int end) {
        int i = at;
        while (i < end && i - at < 2 && Character.isDigit(text.charAt(i))) i++;
        return i < end - 1 && (text.charAt(i) == '.' || text.charAt(i) == ')') && Character.isWhitespace(text.charAt(i + 1));
    }

    private static boolean isAllDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return true;
    }

    /** Only white space or ',' (a flattened line break) lies between the sentence start and {@code at}. */
    private static boolean opens(String text, int at, int sentenceStart) {
        for (int p = sentenceStart; p < at; p++) {
            char ch = text.charAt(p);
            if (!Character.isWhitespace(ch) && ch != ',') return false;
        }
        return true;
    }

    private static boolean startsLine(String text, int at, int begin) {
        int p = at - 1;
        while (p >= begin && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) p--;
        return p < begin || text.charAt(p) == '\n' || text.charAt(p) == '\r';
    }

}
