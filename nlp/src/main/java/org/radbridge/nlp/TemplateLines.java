package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structured template lines, "<finding label>: <value>" ("Pneumothorax: None.", "Pleural effusion: Small left.",
 * "Consolidation: Not identified."), as reporting templates (RSNA RadReport style) print them. The sentence triggers
 * cannot read them: the ':' ends every trigger's scope and "None" after a finding is no trigger, so the label alone
 * read as a present finding. Here the value's first words decide the label's assertion
 * ({@code triggers/template-values.tsv}, data); a value no row matches leaves the triggers' reading.
 */
final class TemplateLines {
    /** The assertion a template value gives, or the label is nothing (an unticked checkbox line: no value at all). */
    enum Reading { ABSENT, PRESENT, POSSIBLE, NOTHING }

    private record Row(Pattern phrase, Reading reading) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    static {
        List<String[]> rows = new ArrayList<>(Resources.tsv("/org/radbridge/nlp/triggers/template-values.tsv"));
        rows.removeIf(f -> f[0].equals("value"));
        // the longest phrase first: "none seen" before "none", "not excluded" before "not ..."
        rows.sort(Comparator.comparingInt((String[] f) -> f[0].trim().length()).reversed());
        for (String[] f : rows) {
            String regex = Pattern.quote(f[0].trim().toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q");
            ROWS.add(new Row(Pattern.compile(regex + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE),
                    Reading.valueOf(f[1].trim().toUpperCase(Locale.ROOT))));
        }
    }

    /** Words a label may have before its finding ("Right pleural effusion:", "Acute rib fracture:"). */
    private static final int MAX_LABEL_WORDS_BEFORE = 3;

    private TemplateLines() {}

    /**
     * The reading of the finding at {@code start..end} when it is the label of a template line, else null. The
     * finding is a label when a ':' follows it (only spaces between) and at most a few words stand between it and the
     * line's or sentence's start (or the previous ':', as in "FINDINGS: Pneumothorax: None"). {@code boxed} is the
     * text before the checkboxes were blanked: a label whose value is empty there had only unticked options.
     */
    static Reading reading(String text, String boxed, int start, int end) {
        int colon = afterBlanks(text, end);
        if (colon >= text.length() || !separator(text, end, colon)) {
            // a list of labels sharing one value ("Pneumothorax, effusion, consolidation: not seen"): the ':' after the
            // last label answers for each (issue 11bl)
            colon = listedLabelsColon(text, end);
            if (colon < 0) return null;
        }
        if (!labelStart(text, start)) return null;
        int v = valueStart(text, colon);
        int valueEnd = valueEnd(text, v);
        // a dash or a question mark may also join two statements: only a denying or hedging answer makes it a template
        boolean dash = text.charAt(colon) != ':' && text.charAt(colon) != '=';
        if (text.substring(v, valueEnd).isBlank()) {
            if (dash) return null;
            // "Pleural effusion: [ ] Right [ ] Left": nothing ticked, nothing said; a label with its value on the next
            // line ("Pneumothorax:\nSmall left apical.") is left to the triggers
            return boxed != text && !boxed.substring(colon, valueEnd).equals(text.substring(colon, valueEnd)) ? Reading.NOTHING : null;
        }
        Answer a = answer(text, v, valueEnd);
        if (a == null) return null;
        // a dash also joins two statements ("Mild cardiomegaly - no effusion", "No fracture - small joint
        // effusion"): it is a template line only when the answer words are the whole value and deny or hedge
        if (dash && (a.reading() == Reading.PRESENT || !onlyPunctuation(text, a.end(), valueEnd))) return null;
        return a.reading();
    }

    /**
     * The value of the template line whose label is the finding at {@code start..end}, as {start, end} of the text, when
     * the label has a ':' and a value on its line that no row of template-values.tsv answers; else null. Such a value is
     * a statement of its own ("Edema: interstitial edema has cleared."), which may name the label's finding itself.
     */
    static int[] unansweredValue(String text, int start, int end) {
        int colon = afterBlanks(text, end);
        if (colon >= text.length() || text.charAt(colon) != ':' || !labelStart(text, start)) return null;
        int v = valueStart(text, colon);
        int valueEnd = valueEnd(text, v);
        if (text.substring(v, valueEnd).isBlank() || answer(text, v, valueEnd) != null) return null;
        return new int[]{v, valueEnd};
    }

    /**
     * The reading of a value that starts at {@code v} (up to the end of its line or sentence): the longest row it starts
     * with, else null. Used for the answer of a question ({@link QuestionAnswers}).
     */
    static Reading valueReading(String text, int v) {
        Answer a = answer(text, v, valueEnd(text, v));
        return a == null ? null : a.reading();
    }

    /** The reading of the row a value starts with, and where the row's words end in the text. */
    private record Answer(Reading reading, int end) {
    }

    /** The longest row the value {@code text[v, valueEnd)} starts with, else null. */
    private static Answer answer(String text, int v, int valueEnd) {
        for (Row r : ROWS) {
            Matcher m = r.phrase().matcher(text).region(v, valueEnd);
            if (m.lookingAt()) return new Answer(r.reading(), m.end());
        }
        return null;
    }

    /** Where the label's separator may stand: after the blanks (spaces, tabs) that follow the label's end. */
    private static int afterBlanks(String text, int end) {
        int i = end;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i;
    }

    /** Where a value starts: after its separator and the blanks of the same line. */
    private static int valueStart(String text, int separator) {
        int v = separator + 1;
        while (v < text.length() && Character.isWhitespace(text.charAt(v)) && text.charAt(v) != '\n') v++;
        return v;
    }

    /** The end of a value starting at {@code v}: its line's or sentence's end ('\n', '.' or ';'), or the text's. */
    private static int valueEnd(String text, int v) {
        int n = text.length(), end = v;
        while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '.' && text.charAt(end) != ';') end++;
        return end;
    }

    /**
     * Whether the character at {@code at} separates a template label from its value: a ':' ("Hydronephrosis: None") or
     * '=' ("Effusion = none"), a '?' right after the label ("Pneumothorax? No": issue 11bl),
     * or a dash with a blank on both sides ("Hydronephrosis - absent", "Free fluid — none"), as dictation templates
     * print them (issue 11az); a hyphen inside a word ("well-defined") or right after the label is no separator. En
     * dashes arrive as '-' ({@link TypographicForms}).
     */
    private static boolean separator(String text, int labelEnd, int at) {
        char c = text.charAt(at);
        // "Effusion = none" (issue 11bl: typed templates), "Pneumonia? No." (a question the report answers)
        if (c == ':' || c == '=') return true;
        if (c == '?') return at == labelEnd && at + 1 < text.length() && text.charAt(at + 1) == ' ';
        if (c != '-' && c != '\u2014') return false;
        return at > labelEnd && at + 1 < text.length() && (text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '\t');
    }

    /** Words a list of labels may have after the first one ("effusion, pneumothorax and consolidation:"). */
    private static final int MAX_LISTED_LABEL_WORDS = 8;

    /**
     * The ':' or '=' that ends a list of labels after the label ending at {@code end}, else -1: only words, blanks and the
     * list marks ',' '/' '&' stand between, with a list mark or a continuation word right after the label, and at most a
     * few words.
     */
    private static int listedLabelsColon(String text, int end) {
        int n = text.length(), i = end, words = 0;
        while (i < n && text.charAt(i) == ' ') i++;
        if (i >= n || !(text.charAt(i) == ',' || text.charAt(i) == '/' || text.charAt(i) == '&'
                || startsWithWord(text, i, LABEL_CONTINUATIONS))) return -1;
        boolean inWord = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '=') return words > 0 ? i : -1;
            boolean letter = Character.isLetter(c) || c == '-' || c == '\'';
            if (letter && !inWord && ++words > MAX_LISTED_LABEL_WORDS) return -1;
            inWord = letter;
            if (!letter && c != ' ' && c != ',' && c != '/' && c != '&') return -1;
        }
        return -1;
    }

    /**
     * Words that carry a label on to its ':' after the finding: a list ("effusion and pneumothorax:") or the view or place
     * the label is asked about ("Pneumothorax on the expiratory view: none").
     */
    private static final List<String> LABEL_CONTINUATIONS = List.of("and ", "or ", "on ", "in ", "at ", "within ");

    private static boolean startsWithWord(String text, int at, List<String> words) {
        for (String w : words) if (text.regionMatches(true, at, w, 0, w.length())) return true;
        return false;
    }

    private static boolean onlyPunctuation(String text, int from, int to) {
        for (int i = from; i < to; i++) if (Character.isLetterOrDigit(text.charAt(i))) return false;
        return true;
    }

    /** Whether only a few words (no digits, no ':') stand between a line / sentence / ':' start and {@code start}. */
    private static boolean labelStart(String text, int start) {
        int words = 0;
        boolean inWord = false;
        for (int i = start - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '.' || c == ';' || c == ':') return true;
            if (Character.isDigit(c)) return false;
            boolean letter = Character.isLetter(c) || c == '-' || c == '\'';
            if (letter && !inWord && ++words > MAX_LABEL_WORDS_BEFORE) return false;
            inWord = letter;
        }
        return true;
    }
}
