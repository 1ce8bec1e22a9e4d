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
 * Modifiers coordinated over one head noun: "no pleural or pericardial effusion" names a pleural effusion too, "no
 * mediastinal, hilar, or axillary lymphadenopathy" three findings. The dictionary sees only the last modifier with the
 * head ("pericardial effusion"); each earlier modifier, put in front of the same head, is looked up as a term of the
 * lexicon and becomes a mention of its own at the modifier's words, so the sentence's cues (here "no") govern it as
 * they govern the written finding. The coordinating words are data ({@code sentences/coordinators.tsv}).
 */
final class CoordinatedModifiers {

    private static final Set<String> COORDINATORS = Set.copyOf(Resources.words("/org/radbridge/nlp/sentences/coordinators.tsv"));
    /**
     * The same words, looked up in place: {@link #unnamedLast} reads every word of the report, and cutting out and
     * lower-casing each one for the set cost more than the rest of that search (2026-12 profile).
     */
    private static final WordTable<Boolean> COORDINATOR_TABLE = new WordTable<>(
            COORDINATORS.stream().collect(java.util.stream.Collectors.toMap(w -> w, w -> Boolean.TRUE)));
    /** At most this many modifiers are read before the coordinator ("a, b, c, or d"). */
    private static final int MAX_MODIFIERS = 5;

    /** One-word laterality phrases (triggers/laterality.tsv): "left", "right", "bilateral" ... */
    private static final Set<String> SIDE_WORDS = new java.util.HashSet<>();

    static {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/laterality.tsv")) {
            String w = f[0].trim().toLowerCase(Locale.ROOT);
            if (w.indexOf(' ') < 0) SIDE_WORDS.add(w);
        }
    }

    private CoordinatedModifiers() {
    }

    /**
     * The mentions the coordinated modifiers add, each with its concept put into {@code concept}.
     *
     * @param findings finding mentions of the text, sorted by start, nested ones removed
     */
    static List<Mention> expand(String text, List<Mention> findings, Map<Mention, LexConcept> concept,
                                RadiologyLexicon lexicon) {
        List<Mention> added = new ArrayList<>();
        for (int index = 0; index < findings.size(); index++) {
            Mention m = findings.get(index);
            String written = m.text();
            int space = firstSpace(written);
            if (space < 0) continue; // a one-word term has no modifier to share its head
            String head = written.substring(space).trim();
            int p = skipSpaceBack(text, m.start());
            int coordStart = wordStartBack(text, p);
            // "hilar and right paratracheal lymphadenopathy": a side word of the last modifier stands before the term
            if (coordStart < p && SIDE_WORDS.contains(text.substring(coordStart, p).toLowerCase(Locale.ROOT))) {
                p = skipSpaceBack(text, coordStart);
                coordStart = wordStartBack(text, p);
            }
            if (coordStart == p || !COORDINATORS.contains(text.substring(coordStart, p).toLowerCase(Locale.ROOT))) continue;
            p = skipSpaceBack(text, coordStart);
            if (p > 0 && text.charAt(p - 1) == ',') p = skipSpaceBack(text, p - 1); // "hilar, or axillary"
            for (int n = 0; n < MAX_MODIFIERS; n++) {
                int ws = wordStartBack(text, p);
                if (ws == p) break;
                String modifier = text.substring(ws, p);
                if (!overlapsFinding(findings, index, ws, p)) {
                    // "bilateral hilar and ...": the side word with the modifier may name a more specific finding
                    int sideEnd = skipSpaceBack(text, ws), sideStart = wordStartBack(text, sideEnd);
                    String side = text.substring(sideStart, sideEnd).toLowerCase(Locale.ROOT);
                    LexConcept sided = sideStart < sideEnd && SIDE_WORDS.contains(side)
                            ? lexicon.findingByTerm(side + " " + modifier + " " + head).orElse(null) : null;
                    LexConcept c = sided != null ? sided : lexicon.findingByTerm(modifier + " " + head).orElse(null);
                    if (c != null) {
                        CoordinatedHeads.addFinding(text, sided != null ? sideStart : ws, p, c, concept, added);
                    }
                }
                int q = skipSpaceBack(text, ws);
                if (q == 0 || text.charAt(q - 1) != ',') break; // the list starts here
                p = skipSpaceBack(text, q - 1);
            }
        }
        added.addAll(unnamedLast(text, findings, concept, lexicon, added));
        return added;
    }

    /**
     * Issue 11ch: "oesophageal and gastric varices": the last modifier with the head names no term ("gastric varices"),
     * so no mention leads the loop above, yet the modifier before the coordinator with the same head is a term
     * ("oesophageal varices") and so a finding of its own. Only where nothing is read at the last modifier and head.
     */
    private static List<Mention> unnamedLast(String text, List<Mention> findings, Map<Mention, LexConcept> concept,
                                             RadiologyLexicon lexicon, List<Mention> alreadyAdded) {
        List<Mention> added = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int cs = from;
            while (cs < text.length() && !Character.isLetter(text.charAt(cs))) cs++;
            int ce = CoordinatedHeads.wordEnd(text, cs);
            if (ce == cs) break;
            from = ce;
            if (COORDINATOR_TABLE.get(text, cs, ce) == null) continue;
            int p = skipSpaceBack(text, cs);
            int ws = wordStartBack(text, p);
            int last = CoordinatedHeads.skipSpace(text, ce);
            int lastEnd = CoordinatedHeads.wordEnd(text, last);
            int head = CoordinatedHeads.skipSpace(text, lastEnd);
            if (ws == p || p == cs || lastEnd == last || head == lastEnd) continue; // a word, a space, a word, a space
            if (CoordinatedHeads.overlapsFinding(alreadyAdded, ws, p)) continue;
            int[] ends = CoordinatedHeads.headEnds(text, head);
            for (int w = ends.length - 1; w >= 0; w--) {
                if (CoordinatedHeads.overlapsFinding(findings, ws, ends[w])) continue; // read already
                LexConcept c = lexicon.findingByTerm(text.substring(ws, p) + " " + text.substring(head, ends[w])).orElse(null);
                if (c == null) continue;
                CoordinatedHeads.addFinding(text, ws, p, c, concept, added);
                break;
            }
        }
        return added;
    }

    /** Whether a finding before {@code index} (sorted by start) covers part of [start, end): the few just before it. */
    private static boolean overlapsFinding(List<Mention> findings, int index, int start, int end) {
        for (int k = index - 1; k >= 0 && k >= index - 50; k--) {
            Mention f = findings.get(k);
            if (f.start() < end && start < f.end()) return true;
        }
        return false;
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private static int skipSpaceBack(String text, int p) {
        while (p > 0 && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '\t')) p--;
        return p;
    }

    /** Start of the word ending at {@code end} (letters, digits, '-' and '/'); {@code end} when there is none. */
    private static int wordStartBack(String text, int end) {
        int s = end;
        while (s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '-' || text.charAt(s - 1) == '/')) s--;
        return s;
    }
}
