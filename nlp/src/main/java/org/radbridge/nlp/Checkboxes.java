package org.radbridge.nlp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkbox options of structured report templates ("Pulmonary edema: [ ] Present [X] Absent", "Heart size: [X]
 * Normal [ ] Enlarged"). The dictionary would read every option's word, ticked or not ("Enlarged" at the heart is
 * cardiomegaly), so before the analysis an unticked option is blanked and the mark of a ticked one is blanked: the
 * line then reads as the plain template line "Pulmonary edema: Absent", which {@link TemplateLines} reads. Blanking
 * with spaces keeps every offset of the report.
 */
final class Checkboxes {
    private Checkboxes() {}

    /** A box: ticked (x, X, check marks, *) or empty; bracketed or the Unicode ballot boxes. */
    private static final Pattern BOX = Pattern.compile("\\[\\s*([xX✓✔*]?)\\s*]|\\(\\s*([xX]?)\\s*\\)(?=\\s*\\p{L})|([☐☑☒])");

    /** A parenthesised box, empty or ticked: "( )", "(x)". */
    private static final Pattern PAREN_BOX = Pattern.compile("\\(\\s*[xX]?\\s*\\)");

    /** Whether {@code text} has a box at all (cheap test before {@link #blank}). */
    static boolean any(String text) {
        return text.indexOf('[') >= 0 || text.indexOf('☐') >= 0 || text.indexOf('☑') >= 0 || text.indexOf('☒') >= 0
                || text.indexOf('(') >= 0;
    }

    /** {@code text} with unticked options and the marks of ticked ones blanked; the same text when it has no box. */
    static String blank(String text) {
        if (!any(text)) return text;
        Matcher m = BOX.matcher(text);
        StringBuilder out = null;
        while (m.find()) {
            // "( )" only counts as a box when another box of the same kind stands in the same line: "(x)" alone may
            // be text ("(x2)")
            if (m.group(2) != null && !twoParenBoxesInLine(text, m.start())) continue;
            if (out == null) out = new StringBuilder(text);
            boolean ticked = m.group(3) != null ? !m.group(3).equals("☐") : !(m.group(1) != null ? m.group(1) : m.group(2)).isEmpty();
            int end = ticked ? m.end() : optionEnd(text, m.end());
            for (int i = m.start(); i < end; i++) if (out.charAt(i) != '\n') out.setCharAt(i, ' ');
        }
        return out == null ? text : out.toString();
    }

    /**
     * Where an unticked option's words end: at the next box, the line's end or a '.', ';', ',', '|'. When a ':'
     * comes first, the words before it are the next label ("[ ] Enlarged Pulmonary edema:" on a flattened line):
     * the option is its first word only.
     */
    static int optionEnd(String text, int from) {
        int i = from, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == '.' || c == ';' || c == ',' || c == '|' || c == '[' || c == '☐' || c == '☑' || c == '☒'
                    || (c == '(' && i + 2 < n && text.charAt(i + 2) == ')')) break;
            if (c == ':') {
                int w = from;
                while (w < n && Character.isWhitespace(text.charAt(w))) w++;
                while (w < n && !Character.isWhitespace(text.charAt(w)) && text.charAt(w) != ':') w++;
                return w;
            }
            i++;
        }
        return i;
    }

    private static boolean twoParenBoxesInLine(String text, int at) {
        int s = text.lastIndexOf('\n', at) + 1, e = text.indexOf('\n', at);
        if (e < 0) e = text.length();
        Matcher m = PAREN_BOX.matcher(text).region(s, e);
        int count = 0;
        while (m.find()) count++;
        return count >= 2;
    }
}
