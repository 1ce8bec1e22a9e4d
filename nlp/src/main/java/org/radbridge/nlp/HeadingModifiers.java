package org.radbridge.nlp;

import org.radbridge.nlp.ctakes.Mention;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Findings in the line of a heading that names their structure (issue 11ch): under "Pleura:" a bare "thickening" is a
 * pleural thickening and under "Pericardium:" a bare "effusion" a pericardial one. Structured reports write the site
 * once, in the heading, and leave it out of the findings; the dictionary then sees no finding ("thickening") or the
 * wrong one (an "effusion" reads as pleural). The heading's modifier is put in front of each word or two of its line and
 * looked up as a term of the lexicon, as {@link CoordinatedHeads} puts a term's first word in front of listed heads.
 * Headings and modifiers are data ({@code sentences/heading-modifiers.tsv}).
 */
final class HeadingModifiers {

    private static final String RESOURCE = "/org/radbridge/nlp/sentences/heading-modifiers.tsv";

    /** Heading (lower case, single spaces) to the modifier its findings take. */
    private static final Map<String, String> MODIFIERS;

    /** A listed heading with its colon, at a line start or after a sentence end on the same line. */
    private static final Pattern HEADING;

    /** The next heading of the same line ("Pleura: no effusion. Heart: normal.") ends a heading's line. */
    private static final Pattern NEXT_HEADING = Pattern.compile("[.;]\\s+[A-Za-z][A-Za-z /-]{0,30}:");

    static {
        Map<String, String> modifiers = new LinkedHashMap<>();
        for (String[] f : Resources.tsv(RESOURCE)) {
            String heading = f[0].trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (!heading.equals("heading")) modifiers.put(heading, f[1].trim().toLowerCase(Locale.ROOT));
        }
        MODIFIERS = Map.copyOf(modifiers);
        String alternatives = modifiers.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()) // "pleural spaces" before "pleural space"
                .map(h -> Pattern.quote(h).replace(" ", "\\E\\s+\\Q"))
                .collect(Collectors.joining("|"));
        HEADING = Pattern.compile("(?:^|(?<=\\n)|(?<=[.;]\\s))[ \\t]*(" + alternatives + ")[ \\t]*:",
                Pattern.CASE_INSENSITIVE);
    }

    private HeadingModifiers() {
    }

    /**
     * Re-reads the words of headed lines: changes the concept of a finding whose words, after the heading's modifier,
     * name a term, and returns the mentions added where no finding stood at such words.
     *
     * @param findings finding mentions of the text, sorted by start, nested ones removed
     */
    static List<Mention> apply(String text, List<Mention> findings, Map<Mention, LexConcept> concept,
                               RadiologyLexicon lexicon) {
        List<Mention> added = new ArrayList<>();
        Matcher heading = headings(text);
        for (int from = 0; find(heading, text, from); from = heading.end()) {
            String modifier = MODIFIERS.get(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
            int end = lineEnd(text, heading.end());
            int p = heading.end();
            while (p < end) {
                int wordEnd = CoordinatedHeads.wordEnd(text, p);
                if (wordEnd == p) {
                    p++;
                    continue;
                }
                readAt(text, p, end, modifier, findings, concept, lexicon, added);
                p = wordEnd;
            }
        }
        return added;
    }

    /**
     * {@code heading.find(from)}, going on from {@code from} as {@code find()} goes on after a match, trying the pattern
     * only where a heading may start: the text's start, a line start, or after a sentence end and a whitespace
     * character (the pattern's own first test). {@code find()} tried all the headings' alternation at every character
     * of the report, a twentieth of the analysis in the 2026-12 profile. {@code heading} has transparent bounds (the
     * look-behinds see the text before the place) and no anchoring bounds ({@code ^} stays the text's start).
     */
    static boolean find(Matcher heading, String text, int from) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            if (i > 0 && text.charAt(i - 1) != '\n' && !(i > 1 && (text.charAt(i - 2) == '.' || text.charAt(i - 2) == ';')
                    && AsciiChars.regexSpace(text.charAt(i - 1)))) continue;
            if (heading.region(i, n).lookingAt()) return true;
        }
        return false;
    }

    /** A matcher of the headings for {@link #find}. */
    static Matcher headings(String text) {
        return HEADING.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** The longest words from {@code start} (up to two, within the line) that the modifier turns into a term. */
    private static void readAt(String text, int start, int lineEnd, String modifier, List<Mention> findings,
                               Map<Mention, LexConcept> concept, RadiologyLexicon lexicon, List<Mention> added) {
        int[] ends = CoordinatedHeads.headEnds(text, start);
        for (int w = ends.length - 1; w >= 0; w--) {
            int end = ends[w];
            if (end > lineEnd) continue;
            LexConcept headed = lexicon.findingByTerm(modifier + " " + text.substring(start, end)).orElse(null);
            if (headed == null) continue;
            Mention at = endingAt(text, findings, start, end);
            if (at != null) {
                concept.put(at, headed); // the heading names the site the words leave out
            } else if (!CoordinatedHeads.overlapsFinding(findings, start, end)
                    && !CoordinatedHeads.overlapsFinding(added, start, end)) {
                CoordinatedHeads.addFinding(text, start, end, headed, concept, added);
            }
            return;
        }
    }

    /**
     * The finding whose words end with the words at {@code start..end} ("small effusion" for "effusion"), if any, unless
     * it names a structure of its own with a listed modifier ("Pericardium: no pleural effusion" stays pleural).
     */
    private static Mention endingAt(String text, List<Mention> findings, int start, int end) {
        for (Mention f : findings) {
            if (f.start() > start || f.end() != end) continue;
            for (String word : text.substring(f.start(), start).toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                if (MODIFIERS.containsValue(word)) return null;
            }
            return f;
        }
        return null;
    }

    /** End of a heading's line: the line break, or the next heading on the same line. */
    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        int end = newline < 0 ? text.length() : newline;
        Matcher next = NEXT_HEADING.matcher(text).region(from, end);
        return next.find() ? next.start() + 1 : end;
    }
}
