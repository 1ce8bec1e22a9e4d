package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Laterality of a finding from the words around it ({@code org/radbridge/nlp/triggers/laterality.tsv}).
 * First the clause before the finding (back to ',', ';', ':', '.', "and", "or", "with", "without", "but", at most 8
 * words), nearest word first; "left and right" / "right and left" count as bilateral. If nothing is found there, the
 * words after it (up to '.', ';', the next finding or the clause word leading into it, at most 8 words; a comma ends
 * it unless a laterality word follows); both sides there ("left greater than right") give bilateral.
 */
public final class Laterality {

    private final Map<String, String> words = new LinkedHashMap<>();
    private final Pattern pattern;
    /** The words laterality phrases start with, by their first letter (lower case; ASCII letters only). */
    private final List<List<String>> firstWordsByLetter = new ArrayList<>();
    /** Clause words after a finding; a comma there may still lead a side phrase ("effusion, right more than left"). */
    private static final Pattern CLAUSE_WORD = Pattern.compile("\\b(?:and|or|with|without|but|however)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Where the clause before a finding starts: punctuation or a clause word (one word list, {@link #CLAUSE_WORD}). */
    private static final Pattern BACK_BOUNDARY = Pattern.compile("[,;:.]|" + CLAUSE_WORD.pattern(),
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOTH_SIDES_AROUND = Pattern.compile("\\b(?:left|right)\\s+and\\s+(?:left|right)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOTH = Pattern.compile("\\b(?:left|right)\\s+and\\s+(?:left|right)\\s*$",
            Pattern.CASE_INSENSITIVE);

    public Laterality() {
        List<String> keys = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/laterality.tsv")) {
            String k = f[0].trim().toLowerCase(Locale.ROOT);
            words.put(k, f[1].trim());
            keys.add(k);
        }
        keys.sort((a, b) -> b.length() - a.length());
        StringBuilder sb = new StringBuilder("(?<![\\w-])(?:");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append('|');
            sb.append(Pattern.quote(keys.get(i)).replace(" ", "\\E\\s+\\Q"));
        }
        sb.append(")(?![\\w-])");
        pattern = Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
        for (int c = 0; c < 26; c++) firstWordsByLetter.add(new ArrayList<>());
        for (String k : keys) {
            String first = k.split(" ")[0];
            char c = first.charAt(0);
            if (c < 'a' || c > 'z') throw new IllegalStateException("laterality phrase must start with a letter: " + k);
            if (!firstWordsByLetter.get(c - 'a').contains(first)) firstWordsByLetter.get(c - 'a').add(first);
        }
    }

    /**
     * Whether [from, to) has a word a laterality phrase starts with: a cheap test per clause before {@link #find}, which
     * runs several patterns per finding.
     */
    public boolean mayName(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c < 'a' || c > 'z') continue;
            if (i > from && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_' || text.charAt(i - 1) == '-')) continue;
            for (String w : firstWordsByLetter.get(c - 'a')) {
                if (i + w.length() <= to && text.regionMatches(true, i, w, 0, w.length())) return true;
            }
        }
        return false;
    }

    /**
     * @param text        the text
     * @param scopeStart  start of the finding's sentence / clause segment
     * @param scopeEnd    end of it
     * @param start       finding start
     * @param end         finding end
     * @param nextFinding start of the next finding in the segment, or scopeEnd
     * @return left, right, bilateral or null
     */
    /**
     * The side the words of [from, to) name as a whole, clause words and commas notwithstanding ("Bilateral hilar
     * prominence, ": bilateral; "left and right": bilateral), or null: the side of a sign that a query after it reads
     * ("..., ?lymphadenopathy", issue 11cj).
     */
    public String within(String text, int from, int to) {
        return sideNamed(text.substring(from, to));
    }

    /** The side all side words of {@code text} name together (left and right: bilateral), or null for none. */
    private String sideNamed(String text) {
        boolean left = false, right = false, bilateral = false;
        Matcher a = pattern.matcher(text);
        while (a.find()) {
            switch (words.get(a.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "))) {
                case "left" -> left = true;
                case "right" -> right = true;
                default -> bilateral = true;
            }
        }
        if (bilateral || (left && right)) return "bilateral";
        return left ? "left" : right ? "right" : null;
    }

    public String find(String text, int scopeStart, int scopeEnd, int start, int end, int nextFinding) {
        // before
        String before = text.substring(scopeStart, start);
        int cut = 0;
        Matcher b = BACK_BOUNDARY.matcher(before);
        while (b.find()) cut = b.end();
        String clause = lastWords(before.substring(cut), 8);
        String found = null;
        Matcher m = pattern.matcher(clause);
        int lastEnd = -1;
        while (m.find()) {
            found = words.get(m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
            lastEnd = m.end();
        }
        if (found != null) {
            if (BOTH.matcher(before.substring(0, Math.max(0, before.length() - clause.length() + lastEnd))).find()) {
                return "bilateral";
            }
            return found;
        }
        // after
        int stop = Math.min(scopeEnd, Math.max(end, nextFinding));
        String after = text.substring(end, stop);
        int hard = indexOfAny(after, ".;");
        if (hard >= 0) after = after.substring(0, hard);
        int comma = after.indexOf(',');
        while (comma >= 0) {
            Matcher n = pattern.matcher(after.substring(comma + 1));
            if (n.lookingAt() || after.substring(comma + 1).stripLeading().length() != after.substring(comma + 1).length()
                    && pattern.matcher(after.substring(comma + 1).stripLeading()).lookingAt()) {
                comma = after.indexOf(',', comma + 1);
                continue;
            }
            after = after.substring(0, comma);
            break;
        }
        if (nextFinding > end && nextFinding < scopeEnd) after = beforeNextFindingsClause(after);
        return sideNamed(firstWords(after, 8));
    }

    /**
     * The words after a finding up to the clause that leads into the next finding: in "cardiomegaly with a small left
     * effusion" or "consolidation in the right lower lobe and left effusion", the side before the next finding is that
     * finding's own. "Left and right" is one side phrase, not a clause boundary.
     */
    private static String beforeNextFindingsClause(String after) {
        Matcher b = CLAUSE_WORD.matcher(after);
        while (b.find()) {
            if (insideBothSides(after, b.start())) continue;
            return after.substring(0, b.start());
        }
        return after;
    }

    private static boolean insideBothSides(String after, int andAt) {
        Matcher m = BOTH_SIDES_AROUND.matcher(after);
        while (m.find()) if (m.start() <= andAt && andAt < m.end()) return true;
        return false;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    private static String lastWords(String s, int n) {
        int count = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i)) && i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1))) {
                if (++count >= n) return s.substring(i + 1);
            }
        }
        return s;
    }

    private static String firstWords(String s, int n) {
        int count = 0;
        for (int i = 1; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) && !Character.isWhitespace(s.charAt(i - 1))) {
                if (++count > n) return s.substring(0, i);
            }
        }
        return s;
    }
}
