package org.radbridge.nlp;

import java.util.HashSet;
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
    private static final Set<String> LINKS = new HashSet<>();

    static {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/site-links.tsv")) {
            if (!f[0].equals("word")) LINKS.add(f[0].trim().toLowerCase(Locale.ROOT));
        }
    }

    private StatedSite() {}

    /** The nearest anatomy mention the text ties to the finding at [start, end), or null. */
    static Mention of(String text, Mention finding, List<Mention> anatomy) {
        int start = finding.start(), end = finding.end();
        Mention best = null;
        int bestDist = Integer.MAX_VALUE;
        for (Mention a : anatomy) {
            int as = a.start(), ae = a.end();
            boolean tied;
            int dist;
            if (ae <= start) { // before the finding: only blanks or a hyphen between
                dist = start - ae;
                tied = text.substring(ae, start).matches("[\\s-]*");
            } else if (as >= end) {
                dist = as - end;
                tied = linksOnly(text.substring(end, as));
            } else {
                continue; // overlapping: part of the finding's own words
            }
            if (tied && dist < bestDist) {
                bestDist = dist;
                best = a;
            }
        }
        return best;
    }

    private static boolean linksOnly(String between) {
        String s = between.trim();
        if (s.isEmpty()) return true;
        for (String w : s.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!LINKS.contains(w)) return false;
        }
        return true;
    }
}
