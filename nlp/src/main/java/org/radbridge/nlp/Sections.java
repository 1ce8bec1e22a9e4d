package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Radiology section detection from the title list {@code org/radbridge/nlp/sections/section-titles.tsv}.
 * A section starts at a line that begins with a known title followed by ':' (text may follow on the same line), or a
 * line that is only a known title. Text before the first title is {@code other}; a report without any known title
 * is all {@code findings} (a bare sentence or a findings paragraph).
 *
 * <p>Headingless findings: many dictated reports give an indication, history, comparison or exam line and then the
 * findings with no FINDINGS title ("INDICATION: Cough.\nThe lungs are clear.\nIMPRESSION: ..."). When no findings title
 * follows such a section, its text ends with its first thought (a line ending in '.', ':', ';', '!' or '?', a line
 * followed by a blank line or by a line that starts with a capital letter or a digit; or, when an impression title
 * follows the history directly, a line of whole sentences after a line that does not run on) and the text after it
 * is findings;
 * a comparison ends with its first sentence even on the same line ("COMPARISON: None. The lungs are clear.").
 *
 * <p>Flattened reports: a known title followed by ':' inside a line starts a section too when it is written in upper
 * case or follows a sentence end ("INDICATION: Cough. FINDINGS: Clear lungs. IMPRESSION: Normal."). In such a report
 * a history / comparison / technique section without a later findings title ends with its first sentence; so does
 * one in a report that is a single line ("INDICATION: Cough. The lungs are clear.").
 */
public final class Sections {

    public static final String FINDINGS = "findings", IMPRESSION = "impression", HISTORY = "history",
            TECHNIQUE = "technique", COMPARISON = "comparison", OTHER = "other";

    private final Map<String, String> titles = new HashMap<>();

    public Sections() {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sections/section-titles.tsv")) {
            titles.put(f[0].trim().toUpperCase(Locale.ROOT), f[1].trim());
        }
    }

    /**
     * Whether {@code words} (a piece of a sentence) contain a history title as a word run of up to three words, with or
     * without its colon ("hx renal failure", "clinical details cough"): a sentence that a history title without colon
     * opens, as dictated lower-case reports write them, is the requester's text (issue 11cj).
     */
    public boolean namesHistoryTitle(String words) {
        String[] w = words.toUpperCase(Locale.ROOT).split("[^A-Z]+");
        for (int i = 0; i < w.length; i++) {
            StringBuilder run = new StringBuilder();
            for (int j = i; j < Math.min(w.length, i + 3); j++) {
                if (w[j].isEmpty()) break;
                if (j > i) run.append(' ');
                run.append(w[j]);
                if (HISTORY.equals(titles.get(run.toString()))) return true;
            }
        }
        return false;
    }

    /** Section boundaries of one text: a sorted list of (start offset, section name). */
    public record Section(int start, int contentStart, String name) {
    }

    /**
     * Finds the title lines, {@code ^[ \t]*([A-Za-z][A-Za-z0-9 /&()'-]{0,60}?)[ \t]*(:|$)} in regular-expression terms;
     * scanned by hand because that pattern, tried on every line, cost as much as all other rules together.
     */
    public List<Section> split(String text) {
        return withHeadlessFindings(text, titles(text));
    }

    /** The sections the title lines start, without the headingless-findings rule (see {@link #split(String)}). */
    List<Section> titles(String text) {
        List<Section> out = new ArrayList<>();
        for (int line = 0; line < text.length(); ) {
            int eol = lineEnd(text, line);
            int i = line;
            while (i < eol && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
            int titleStart = i;
            if (i < eol && isAsciiLetter(text.charAt(i))) {
                while (i < eol && isTitleChar(text.charAt(i))) i++;
                int titleEnd = i;
                while (titleEnd > titleStart && text.charAt(titleEnd - 1) == ' ') titleEnd--;
                while (i < eol && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
                boolean colon = i < eol && text.charAt(i) == ':';
                if ((colon || i == eol) && titleEnd - titleStart <= 61) {
                    String raw = text.substring(titleStart, titleEnd).trim();
                    String title = raw.toUpperCase(Locale.ROOT);
                    String name = titles.get(title);
                    // a bare title line must be upper case
                    if (name != null && (colon || raw.equals(title))) out.add(new Section(line, colon ? i + 1 : i, name));
                }
            }
            inlineTitles(text, line, eol, out);
            line = eol < text.length() ? nextLine(text, eol) : text.length();
        }
        out.sort(java.util.Comparator.comparingInt(Section::start));
        if (out.isEmpty()) {
            out.add(new Section(0, 0, FINDINGS));
        } else if (out.get(0).start() > 0) {
            out.add(0, new Section(0, 0, OTHER));
        }
        return out;
    }

    /**
     * A title inside a line, as reports flattened to one line have them ("INDICATION: Cough. FINDINGS: Clear lungs.
     * IMPRESSION: Normal."): a known title followed by ':' that is written in upper case, or that follows the end of a
     * sentence ('.', '!', '?', ';') or another title's colon. The title at the start of the line is found by {@link #titles(String)} itself.
     */
    private void inlineTitles(String text, int line, int eol, List<Section> out) {
        for (int colon = text.indexOf(':', line + 1); colon >= 0 && colon < eol; colon = text.indexOf(':', colon + 1)) {
            int end = colon;
            while (end > line && text.charAt(end - 1) == ' ') end--;
            int run = end;
            while (run > line && isTitleChar(text.charAt(run - 1)) && end - run < 61) run--;
            // the longest known title ending at the colon that starts at a word
            for (int s = run; s < end; s++) {
                if (text.charAt(s) == ' ' || (s > line && text.charAt(s - 1) != ' ' && s != run)) continue;
                String raw = text.substring(s, end);
                String title = raw.toUpperCase(Locale.ROOT);
                String name = titles.get(title);
                if (name == null) continue;
                int before = s;
                while (before > line && text.charAt(before - 1) == ' ') before--;
                if (before == line) break; // the line-start title, already found
                // ... or that directly follows another title's colon ("Findings: Liver: No focal lesion.": the organ
                // sub-heading of a report flattened to one line, issue 11bc)
                boolean afterTitle = text.charAt(before - 1) == ':';
                boolean sentenceEnd = afterTitle || ".!?;".indexOf(text.charAt(before - 1)) >= 0;
                if (raw.equals(title) || (sentenceEnd && Character.isUpperCase(raw.charAt(0)))) {
                    // a sub-heading right after a title's colon stays in that title's section ("Impression: Liver:"
                    // is still the impression); it only names the organ its text is about
                    String in = afterTitle && !out.isEmpty() ? out.get(out.size() - 1).name() : name;
                    out.add(new Section(s, colon + 1, in));
                }
                break;
            }
        }
    }

    /**
     * After the last history / comparison / technique section that no findings section follows, the lines after its
     * first thought are findings (see the class comment).
     */
    private static List<Section> withHeadlessFindings(String text, List<Section> sections) {
        int last = -1;
        for (int i = sections.size() - 1; i >= 0; i--) {
            String name = sections.get(i).name();
            if (FINDINGS.equals(name)) return sections;
            if (HISTORY.equals(name) || COMPARISON.equals(name) || TECHNIQUE.equals(name)) { last = i; break; }
        }
        if (last < 0) return sections;
        Section s = sections.get(last);
        int limit = last + 1 < sections.size() ? sections.get(last + 1).start() : text.length();
        int line = s.contentStart();
        // "COMPARISON: None. The lungs are clear." on one line: a comparison names earlier studies in one sentence.
        // In a report flattened to one line (the section's title stands inside a line, or the next title follows on the
        // same line: "CXR. Indication: preop. Heart nl. Lungs clear. IMP: Negative.") the line breaks that end a
        // history's first thought are gone, so its first sentence is the thought there too.
        // A report that is one line altogether ("INDICATION: Cough. Lungs clear.") is flattened too.
        boolean flattened = !startsLine(text, s.start()) || limit < lineEnd(text, line) || oneLine(text);
        if (COMPARISON.equals(s.name()) || flattened) {
            int eol = Math.min(limit, lineEnd(text, line));
            for (int i = line; i + 2 < eol; i++) {
                if (text.charAt(i) == '.' && Character.isWhitespace(text.charAt(i + 1)) && !text.substring(line, i).isBlank()) {
                    int j = i + 1;
                    while (j < eol && Character.isWhitespace(text.charAt(j))) j++;
                    if (j < eol && Character.isUpperCase(text.charAt(j))) {
                        List<Section> out = new ArrayList<>(sections);
                        out.add(last + 1, new Section(j, j, FINDINGS));
                        return out;
                    }
                }
            }
        }
        // an impression right after the history with no findings title between: a next line of whole sentences after a
        // history line that does not run on (a comma, "and") holds the findings, whatever their case
        // ("IND: hypoxia, r/o CHF\nno edema. heart size nl.\nIMP: ...")
        boolean impressionNext = last + 1 < sections.size() && IMPRESSION.equals(sections.get(last + 1).name());
        boolean seenText = false;
        while (line < limit) {
            int eol = lineEnd(text, line);
            boolean blank = text.substring(line, eol).isBlank();
            if (!blank) seenText = true;
            if (eol >= limit) return sections;
            int next = nextLine(text, eol);
            if (seenText && (blank || endsThought(text, line, eol) || startsThought(text, next, limit)
                    || (impressionNext && !continues(text, line, eol) && holdsSentence(text, next, limit)))) {
                while (next < limit && text.substring(next, Math.min(limit, lineEnd(text, next))).isBlank()) {
                    next = nextLine(text, lineEnd(text, next));
                }
                if (next >= limit) return sections;
                List<Section> out = new ArrayList<>(sections);
                out.add(last + 1, new Section(next, next, FINDINGS));
                return out;
            }
            line = next;
        }
        return sections;
    }

    /** The line runs on into the next: it ends with a comma, a slash, a hyphen or a joining word ("cough and"). */
    private static boolean continues(String text, int line, int eol) {
        String t = text.substring(line, eol).strip().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) return false;
        char last = t.charAt(t.length() - 1);
        if (last == ',' || last == '/' || last == '-' || last == '&') return true;
        int sp = t.lastIndexOf(' ');
        return RUN_ON_WORDS.contains(t.substring(sp + 1));
    }

    private static final java.util.Set<String> RUN_ON_WORDS =
            java.util.Set.of("and", "or", "with", "of", "for", "to", "in", "on", "at", "the", "a", "an", "by", "from");

    /** The line (within the section) holds a whole sentence: it ends with a full stop or has one inside ("no edema. heart"). */
    private static boolean holdsSentence(String text, int line, int limit) {
        String t = text.substring(line, Math.min(limit, lineEnd(text, line))).strip();
        return t.endsWith(".") || t.contains(". ");
    }

    /** No line break between the first and the last non-blank character. */
    private static boolean oneLine(String text) {
        String t = text.strip();
        return lineEnd(t, 0) == t.length();
    }

    private static boolean startsLine(String text, int offset) {
        int i = offset;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) i--;
        return i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
    }

    private static boolean endsThought(String text, int line, int eol) {
        int p = eol - 1;
        while (p >= line && Character.isWhitespace(text.charAt(p))) p--;
        return p >= line && ".:;!?".indexOf(text.charAt(p)) >= 0;
    }

    /** The line at {@code from} is blank or starts with a capital letter or a digit. */
    private static boolean startsThought(String text, int from, int limit) {
        int i = from;
        while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        if (i >= limit) return true;
        char c = text.charAt(i);
        return c == '\n' || c == '\r' || Character.isUpperCase(c) || Character.isDigit(c);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** [A-Za-z0-9 /&()'-] */
    private static boolean isTitleChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || " /&()'-".indexOf(c) >= 0;
    }

    /** Offset of the line terminator ending the line at {@code from} (\n, \r\n, \r, \u0085, \u2028, \u2029). */
    private static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') return i;
        }
        return text.length();
    }

    private static int nextLine(String text, int eol) {
        return text.charAt(eol) == '\r' && eol + 1 < text.length() && text.charAt(eol + 1) == '\n' ? eol + 2 : eol + 1;
    }

    /** The section an offset lies in (null before the first), given the result of {@link #split(String)}. */
    public static Section sectionAt(List<Section> sections, int offset) {
        int lo = 0, hi = sections.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sections.get(mid).start() <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found < 0 ? null : sections.get(found);
    }

    /** Section name at an offset, given the result of {@link #split(String)}. */
    public static String at(List<Section> sections, int offset) {
        int lo = 0, hi = sections.size() - 1, found = -1;
        while (lo <= hi) { // last section with start <= offset
            int mid = (lo + hi) >>> 1;
            if (sections.get(mid).start() <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found < 0 ? OTHER : sections.get(found).name();
    }
}
