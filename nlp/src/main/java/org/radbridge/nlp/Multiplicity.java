package org.radbridge.nlp;

import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * "Innumerable small pulmonary nodules" is Multiple lung nodules, not one lung nodule: a finding with a count word in
 * its own words or in the few words before it becomes the concept for several of it (data:
 * {@code org/radbridge/nlp/sites/multiplicity.tsv}).
 */
final class Multiplicity {

    /** How many words before the mention a count word may stand ("innumerable small scattered nodules"). */
    private static final int WORDS_BEFORE = 3;

    private record Rule(LexConcept specific, Set<String> words) {
    }

    private final Map<String, Rule> byFinding = new HashMap<>();

    Multiplicity(RadiologyLexicon lexicon) {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/multiplicity.tsv")) {
            if (f[0].equals("finding_vocabulary") || f.length < 5) continue;
            LexConcept finding = concept(lexicon, f[0], f[1]);
            LexConcept specific = concept(lexicon, f[2], f[3]);
            if (finding == null || specific == null) {
                throw new IllegalStateException("multiplicity.tsv: unknown concept in " + String.join(" ", f));
            }
            // several rows of one finding add their words (a later issue's block at the end of the file)
            Rule rule = byFinding.computeIfAbsent(finding.dictionaryId(), k -> new Rule(specific, new HashSet<>()));
            if (!rule.specific().equals(specific)) {
                throw new IllegalStateException("multiplicity.tsv: two concepts for several of " + f[0] + " " + f[1]);
            }
            for (String w : f[4].split(",")) if (!w.isBlank()) rule.words().add(w.trim().toLowerCase(Locale.ROOT));
        }
    }

    private static LexConcept concept(RadiologyLexicon lexicon, String vocabulary, String code) {
        return ("RadLex".equals(vocabulary) ? lexicon.byRadlex(code) : lexicon.bySnomed(code)).orElse(null);
    }

    /**
     * The concept for several of {@code c} when a count word stands in the mention [start, end) or in the
     * {@value #WORDS_BEFORE} words before it within [segStart, start); else {@code c}.
     */
    LexConcept apply(LexConcept c, String text, int segStart, int start, int end) {
        Rule rule = c == null ? null : byFinding.get(c.dictionaryId());
        if (rule == null) return c;
        for (String w : text.substring(start, end).toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (rule.words().contains(w)) return rule.specific();
        }
        int i = start, words = 0;
        while (words < WORDS_BEFORE) {
            while (i > segStart && !Character.isLetter(text.charAt(i - 1))) {
                char ch = text.charAt(i - 1);
                if (ch == ',' || ch == ';' || ch == ':' || ch == '.' || ch == '(') return c; // another clause or list item
                i--;
            }
            if (i <= segStart) return c;
            int wordEnd = i;
            while (i > segStart && (Character.isLetter(text.charAt(i - 1)) || text.charAt(i - 1) == '-')) i--;
            words++;
            if (rule.words().contains(text.substring(i, wordEnd).toLowerCase(Locale.ROOT))) return rule.specific();
        }
        return c;
    }
}
