package org.radbridge.nlp;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.radbridge.nlp.ctakes.Mention;

/**
 * The anatomic site a sentence states for one finding: written right before it ("lumbar spine tuberculosis") or reached
 * from it over linking words only ("tuberculosis of the lumbar spine"; the words are data, {@code sites/site-links.tsv}).
 * A site elsewhere in the sentence ("right lower lobe consolidation and small effusion") is not the finding's own.
 */
final class StatedSite {
    private static final Set<String> LINKS = Set.copyOf(Resources.words("/org/radbridge/nlp/sites/site-links.tsv"));
    private static final Set<String> ORDINAL_WORDS = Set.copyOf(Resources.words("/org/radbridge/nlp/sites/site-link-ordinals.tsv"));
    private static final Set<String> COUNT_JOINS = Set.copyOf(Resources.words("/org/radbridge/nlp/sentences/coordinators.tsv"));
    /** A numeral ordinal: 1st, 2nd, 3rd, 10th, 12th (the numeral is not a word list). */
    private static final java.util.regex.Pattern ORDINAL = java.util.regex.Pattern.compile("[0-9]{1,2}(st|nd|rd|th)");

    private StatedSite() {}

    /** Characters between a finding and a site reached over linking words ("of the left"): a short noun phrase. */
    private static final int REACH = 40;

    /** The nearest anatomy mention the text ties to the finding, or null. */
    static Mention of(String text, Mention finding, List<Mention> anatomy) {
        int start = finding.start(), end = finding.end();
        Mention best = null;
        int bestDist = Integer.MAX_VALUE;
        for (Mention a : anatomy) {
            int as = a.start(), ae = a.end();
            int dist;
            boolean tied;
            if (ae <= start) { // before the finding: only blanks or a hyphen between
                dist = start - ae;
                tied = dist < bestDist && blanksOnly(text, ae, start);
            } else if (as >= end) {
                dist = as - end;
                tied = dist <= REACH && dist < bestDist && linksOnly(text, end, as);
            } else {
                continue; // overlapping: part of the finding's own words
            }
            // at the same distance the longer name is the more specific site ("tibial plateau" over its "tibial")
            if (!tied && best != null && dist == bestDist && a.end() - a.start() > best.end() - best.start())
                tied = ae <= start ? blanksOnly(text, ae, start) : linksOnly(text, end, as);
            if (tied) {
                bestDist = dist;
                best = a;
            }
        }
        return best;
    }

    private static boolean blanksOnly(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '-') return false;
        }
        return true;
    }

    private static boolean linksOnly(String text, int from, int to) {
        int i = from;
        boolean afterOrdinal = false;
        while (i < to) {
            if (Character.isWhitespace(text.charAt(i))) { i++; continue; }
            int j = i;
            while (j < to && !Character.isWhitespace(text.charAt(j))) j++;
            String word = text.substring(i, j).toLowerCase(Locale.ROOT);
            // a count of the sites ("of the left 8th, 9th and 10th ribs", "of the third and fourth toes"): the
            // ordinals, their commas, and a coordinator right after an ordinal (issue 11cr)
            String bare = word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
            boolean ordinal = ORDINAL.matcher(bare).matches() || ORDINAL_WORDS.contains(bare);
            boolean countJoin = afterOrdinal && COUNT_JOINS.contains(word);
            if (!ordinal && !countJoin && !LINKS.contains(word)) return false;
            afterOrdinal = ordinal;
            i = j;
        }
        return true;
    }
}
