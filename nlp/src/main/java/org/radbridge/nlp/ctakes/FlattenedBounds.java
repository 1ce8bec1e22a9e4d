package org.radbridge.nlp.ctakes;

import org.radbridge.nlp.Resources;

import java.util.Locale;
import java.util.Set;

/**
 * Sentence bounds that survive report text whose line breaks were lost: HL7 feeds and PACS exports that join the lines
 * with spaces ("IMPRESSION: 1. No fracture 2. Moderate effusion"), and the common MTSamples form that replaced each
 * break with ',' (",IMPRESSION: ,1. No fracture.,2. Small effusion."). Without these bounds a negation in one list item
 * scoped over the next. Every test looks at a few characters around one '.', ')', ',' or ':' that the
 * {@link ReportSentenceSplitter} scan already stops at, so the splitter stays linear.
 * <ul>
 *   <li>a list item marker ("1.", "2)", "(3)", "a.") followed by white space starts a sentence when it continues the
 *       last item's numbering, or is item 1 (or "a") right after a sentence start, ':' or ','; a number after a value
 *       word from {@code sentences/value-words.tsv} ("BI-RADS 2.", "grade 1.") is never an item;</li>
 *   <li>a ',' is a lost line break after a sentence end or heading (".,", ": ,", ", ,") and when no space follows it
 *       and a capital letter or a list number does (",IMPRESSION:", ",1. "), unless that is a vertebral level
 *       (",L5") — written prose puts a space after its commas; in a text that joins its lines with ',' (a section
 *       title right after a ','), also a ',' before a capital letter ("no pneumothorax, Left basilar opacity");</li>
 *   <li>a heading in capitals followed by ':' inside a line starts a sentence: the longest known section title
 *       ({@code sections/section-titles.tsv}) ending at the colon, else the last capitalised word (3+ letters).</li>
 * </ul>
 */
final class FlattenedBounds {

    private static final Set<String> VALUE_WORDS = Set.copyOf(Resources.words("/org/radbridge/nlp/sentences/value-words.tsv"));
    /** The known section titles, in upper case (as {@code Sections} reads them). */
    private static final Set<String> TITLES = Set.copyOf(Resources.tsv("/org/radbridge/nlp/sections/section-titles.tsv").stream()
            .map(f -> f[0].trim().toUpperCase(Locale.ROOT)).toList());
    private static final int MAX_HEADING = 60;

    private FlattenedBounds() {
    }

    /**
     * The start of the list item marker that ends with the '.' or ')' at {@code at} ("12.", "b)", "(3)"), or -1: one
     * or two digits or one lower-case letter, '(' only before a ')' marker, and white space, ',' or the text start
     * before it.
     */
    static int itemMarkerStart(String text, int at, int begin) {
        int w = at;
        while (w > begin && at - w < 2 && Character.isDigit(text.charAt(w - 1))) w--;
        if (w == at && w > begin && isLowerAscii(text.charAt(w - 1))) w--;
        if (w == at) return -1;
        if (w > begin && text.charAt(w - 1) == '(') {
            if (text.charAt(at) != ')') return -1;
            w--;
        }
        if (w > begin) {
            char before = text.charAt(w - 1);
            if (!Character.isWhitespace(before) && before != ',') return -1;
        }
        return w;
    }

    /** The item number of the marker [w, at): the number, or 1 for "a", 2 for "b" ... */
    static int itemValue(String text, int w, int at) {
        if (text.charAt(w) == '(') w++;
        if (isLowerAscii(text.charAt(w))) return text.charAt(w) - 'a' + 1;
        int v = 0;
        for (int i = w; i < at; i++) v = v * 10 + text.charAt(i) - '0';
        return v;
    }

    /** Item text follows the marker: after white space, a letter or digit. */
    static boolean startsItemText(String text, int from, int end) {
        int n = from;
        while (n < end && Character.isWhitespace(text.charAt(n))) n++;
        return n < end && n > from && Character.isLetterOrDigit(text.charAt(n));
    }

    /** {@code at} opens the sentence, or follows a ':', ',' or sentence end. */
    static boolean followsBoundary(String text, int at, int sentenceStart) {
        int p = at - 1;
        while (p >= sentenceStart && Character.isWhitespace(text.charAt(p))) p--;
        return p < sentenceStart || ":,;.!?".indexOf(text.charAt(p)) >= 0;
    }

    /** The word before {@code at} (a ':' after it ignored) is a value word: the number is a value ("BI-RADS 1."). */
    static boolean afterValueWord(String text, int at, int begin) {
        int p = at - 1;
        while (p >= begin && (Character.isWhitespace(text.charAt(p)) || text.charAt(p) == ':')) p--;
        int e = p + 1;
        while (p >= begin && !Character.isWhitespace(text.charAt(p)) && text.charAt(p) != ',') p--;
        return e > p + 1 && VALUE_WORDS.contains(text.substring(p + 1, e).toLowerCase(Locale.ROOT));
    }

    /** The ',' at {@code at} stands for a lost line break (see the class comment). */
    static boolean isFlattenedBreak(String text, int at, int begin, int end) {
        int p = at - 1;
        while (p >= begin && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) p--;
        int n = at + 1;
        while (n < end && (text.charAt(n) == ' ' || text.charAt(n) == '\t')) n++;
        if (n < end && Character.isLowerCase(text.charAt(n))) return false; // a clause goes on
        if (p < begin || ".:;!?,".indexOf(text.charAt(p)) >= 0) return true;
        if (at + 1 >= end) return false;
        char next = text.charAt(at + 1);
        if (Character.isUpperCase(next)) {
            // ",L5" / ",T12": a vertebral level (or another letter-digit code) in a list written without spaces
            return !(at + 2 < end && Character.isDigit(text.charAt(at + 2)));
        }
        if (!Character.isDigit(next)) return false;
        int i = at + 1;
        while (i < end && i - at <= 2 && Character.isDigit(text.charAt(i))) i++;
        return i + 1 < end && (text.charAt(i) == '.' || text.charAt(i) == ')') && Character.isWhitespace(text.charAt(i + 1));
    }

    /** A ',' then up to four words and a ':' ("..., Impression: ...", "...,FINDINGS:"): a heading candidate after a comma. */
    private static final java.util.regex.Pattern COMMA_HEADING =
            java.util.regex.Pattern.compile(",[ \\t]*((?:[A-Za-z]+[ /&-]){0,3}[A-Za-z]+)[ \\t]*:");

    /**
     * Whether the text in [begin, end) joins its lines with ',' (the MTSamples form, and exports that write each line
     * as a list item): a known section title stands right after a ',' ("...no pneumothorax, Impression: ..."). Written
     * prose puts no heading after a comma. Issue 11aq: there a ',' before a capital letter is a lost line break too
     * ("No pneumothorax, Left retrocardiac opacity": the negation must not reach the next line's finding).
     */
    static boolean joinsLinesWithCommas(String text, int begin, int end) {
        java.util.regex.Matcher m = COMMA_HEADING.matcher(text).region(begin, end);
        while (m.find()) {
            if (TITLES.contains(m.group(1).toUpperCase(Locale.ROOT))) return true;
        }
        return false;
    }

    /**
     * In text that joins its lines with commas ({@link #joinsLinesWithCommas}): the ',' at {@code at} before white
     * space and a capital letter (a line's first word: "Left", "NG", not ",L5") is a lost line break.
     */
    static boolean isCommaJoinedLine(String text, int at, int end) {
        int n = at + 1;
        while (n < end && (text.charAt(n) == ' ' || text.charAt(n) == '\t')) n++;
        if (n >= end || !Character.isUpperCase(text.charAt(n))) return false;
        return !(n + 1 < end && Character.isDigit(text.charAt(n + 1)));
    }

    /**
     * Where the heading that ends with the ':' at {@code colon} starts, or -1 when it is no heading (see the class
     * comment): the colon is followed by white space, ',' or the end, and capitals, spaces, '/', '&' or '-' precede it.
     */
    static int headingStart(String text, int colon, int sentenceStart, int end) {
        if (colon + 1 < end && !Character.isWhitespace(text.charAt(colon + 1)) && text.charAt(colon + 1) != ',') return -1;
        int e = colon;
        while (e > sentenceStart && text.charAt(e - 1) == ' ') e--;
        int run = e;
        while (run > sentenceStart && e - run < MAX_HEADING && isHeadingChar(text.charAt(run - 1))) run--;
        while (run < e && !Character.isUpperCase(text.charAt(run))) run++;
        if (run >= e) return -1;
        if (run > sentenceStart && Character.isLetterOrDigit(text.charAt(run - 1))) {
            // the run began inside a word ("TTL/CT:" after digits): start at its next word
            while (run < e && text.charAt(run) != ' ') run++;
            while (run < e && text.charAt(run) == ' ') run++;
            if (run >= e) return -1;
        }
        int lastWord = -1;
        for (int s = run; s < e; s++) {
            if (s > run && text.charAt(s - 1) != ' ') continue;
            if (text.charAt(s) == ' ') continue;
            if (TITLES.contains(text.substring(s, e))) return s;
            lastWord = s;
        }
        if (lastWord < 0) return -1;
        int letters = 0;
        for (int i = lastWord; i < e; i++) if (Character.isUpperCase(text.charAt(i))) letters++;
        return letters >= 3 ? lastWord : -1;
    }

    private static boolean isHeadingChar(char c) {
        return Character.isUpperCase(c) || c == ' ' || c == '/' || c == '&' || c == '-';
    }

    private static boolean isLowerAscii(char c) {
        return c >= 'a' && c <= 'z';
    }
}
