package org.radbridge.nlp;

import org.radbridge.nlp.ctakes.Mention;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One modifier shared by coordinated head nouns, the mirror of {@link CoordinatedModifiers}: "pleural thickening and
 * calcification" names a pleural calcification, "no suspicious pulmonary mass or nodule" a pulmonary nodule, "pleural
 * thickening and fluid" pleural fluid (issue 11aq). The dictionary sees the second head alone (a general calcification,
 * a nodule) or not at all ("fluid"); the first term's modifier, put in front of the second head, is looked up as a term
 * of the lexicon. A mention already at the head's words takes that concept only when it is a kind of the concept the
 * head had (Calcification of pleura is a kind of Calcification), so a head that names something else keeps its own
 * reading; where no finding stands at those words, the looked-up term becomes a mention of its own. The joining words
 * are data ({@code sentences/coordinators.tsv}, plus {@code sentences/head-joins.tsv}).
 */
final class CoordinatedHeads {

    private static final Set<String> JOINS;

    static {
        Set<String> joins = new java.util.HashSet<>(Resources.words("/org/radbridge/nlp/sentences/coordinators.tsv"));
        joins.addAll(Resources.words("/org/radbridge/nlp/sentences/head-joins.tsv"));
        JOINS = Set.copyOf(joins);
    }

    /** The second head is read as at most this many words ("calcification", "soft tissue mass"). */
    private static final int MAX_HEAD_WORDS = 2;

    private CoordinatedHeads() {
    }

    /**
     * Re-reads the second heads of coordinated findings: changes their concept in {@code concept} where the shared
     * modifier names a kind of it, and returns the mentions added where no finding stood at the head's words.
     *
     * @param findings finding mentions of the text, sorted by start, nested ones removed
     */
    static List<Mention> apply(String text, List<Mention> findings, Map<Mention, LexConcept> concept,
                               RadiologyLexicon lexicon) {
        List<Mention> added = new ArrayList<>();
        for (Mention m : findings) {
            String written = m.text();
            int space = firstSpace(written);
            if (space < 0) continue; // a one-word term has no modifier to share
            String modifier = written.substring(0, space).toLowerCase(Locale.ROOT);
            for (int headStart : listHeads(text, m.end())) {
                int[] ends = headEnds(text, headStart);
                for (int w = ends.length - 1; w >= 0; w--) {
                    int headEnd = ends[w];
                    LexConcept shared = lexicon.findingByTerm(modifier + " " + text.substring(headStart, headEnd)).orElse(null);
                    if (shared == null) continue;
                    Mention at = findingAt(findings, headStart, headEnd);
                    if (at != null) {
                        LexConcept own = concept.get(at);
                        if (own != null && own != shared && lexicon.isA(shared, own)) concept.put(at, shared);
                    } else if (!overlapsFinding(findings, headStart, headEnd)) {
                        addFinding(text, headStart, headEnd, shared, concept, added);
                    }
                    break;
                }
            }
        }
        return added;
    }

    /** A list shares the modifier with at most this many heads after the first term. */
    private static final int MAX_LIST_HEADS = 4;

    /**
     * Starts of the heads coordinated after a term ending at {@code from}: the head after a joining word, and, issue
     * 11cd, every head of a comma list that a joining word closes ("no pleural effusion, thickening or plaque" shares
     * "pleural" with both). Heads reached over a bare comma count only when a joining word follows later in the list,
     * so a comma that ends one statement ("pleural effusion, calcification of the aorta") shares nothing.
     */
    private static List<Integer> listHeads(String text, int from) {
        List<Integer> heads = new ArrayList<>();
        int kept = 0;
        int p = from;
        while (heads.size() < MAX_LIST_HEADS) {
            int q = skipSpace(text, p);
            boolean joined = false;
            if (q < text.length() && text.charAt(q) == ',') {
                q = skipSpace(text, q + 1);
                int e = wordEnd(text, q);
                if (e > q && JOINS.contains(text.substring(q, e).toLowerCase(Locale.ROOT))) {
                    joined = true;
                    q = skipSpace(text, e);
                }
            } else {
                int e = wordEnd(text, q);
                if (e == q || !JOINS.contains(text.substring(q, e).toLowerCase(Locale.ROOT))) break;
                joined = true;
                q = skipSpace(text, e);
            }
            int headEnd = wordEnd(text, q);
            if (headEnd == q) break;
            heads.add(q);
            if (joined) kept = heads.size();
            p = headEnd;
        }
        return heads.subList(0, kept);
    }

    /** Ends of the first one, two ... {@link #MAX_HEAD_WORDS} words from {@code start} (fewer at a stop). */
    static int[] headEnds(String text, int start) {
        List<Integer> ends = new ArrayList<>();
        int p = start;
        for (int w = 0; w < MAX_HEAD_WORDS; w++) {
            int e = wordEnd(text, p);
            if (e == p) break;
            ends.add(e);
            int next = skipSpace(text, e);
            if (next == e) break; // punctuation ends the head
            p = next;
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Reads the words {@code text[start, end)} as a finding of {@code c} that the dictionary did not see there (a plain
     * mention: the assertion comes later, from the context): puts it in {@code concept} and {@code added}. Shared by
     * the readings that build a term from words apart ({@link CoordinatedModifiers}, {@link HeadingModifiers}).
     */
    static void addFinding(String text, int start, int end, LexConcept c, Map<Mention, LexConcept> concept,
                           List<Mention> added) {
        Mention m = new Mention(start, end, text.substring(start, end), c.dictionaryId(), c.display(),
                false, false, false, false);
        concept.put(m, c);
        added.add(m);
    }

    static Mention findingAt(List<Mention> findings, int start, int end) {
        for (Mention f : findings) if (f.start() == start && f.end() == end) return f;
        return null;
    }

    static boolean overlapsFinding(List<Mention> findings, int start, int end) {
        for (Mention f : findings) if (f.start() < end && start < f.end()) return true;
        return false;
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    static int skipSpace(String text, int p) {
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) p++;
        return p;
    }

    /** End of the word starting at {@code start} (letters, digits, '-' and '/'); {@code start} when there is none. */
    static int wordEnd(String text, int start) {
        int e = start;
        while (e < text.length() && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '-' || text.charAt(e) == '/')) e++;
        return e;
    }
}
