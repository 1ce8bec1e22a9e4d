package org.radbridge.nlp;

import org.radbridge.nlp.context.ConText;
import org.radbridge.nlp.ctakes.Mention;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Two findings named as alternatives ("bibasilar atelectasis or scarring", "atelectasis/consolidation"): the report
 * does not say which it is, so a stated (present) pair becomes possible. Only next findings of one sentence joined by a
 * word of {@code sentences/alternatives.tsv}, with at most {@link #MAX_WORDS_AFTER} modifier words before the second
 * ("atelectasis or focal scarring"); a pair that is denied or a question stays as its cues made it.
 */
final class Alternatives {

    private static final Set<String> JOINERS = Set.copyOf(Resources.words("/org/radbridge/nlp/sentences/alternatives.tsv"));
    private static final int MAX_WORDS_AFTER = 2;

    private Alternatives() {
    }

    /**
     * Hedges, in place, the results of findings (sorted by start, one sentence) that are alternatives of each other, and
     * of a stated finding whose alternative is a phrase with no label of its own ({@code unlabelledAt} true at its
     * start: "peribronchial thickening, viral infection or reactive airway disease").
     */
    static void hedge(String text, List<Mention> findings, List<ConText.Result> results,
                      java.util.function.IntPredicate unlabelledAt, int sentenceEnd) {
        hedge(text, findings, results);
        for (int i = 0; i < findings.size(); i++) {
            Mention a = findings.get(i);
            ConText.Result ra = results.get(i);
            if (!stated(ra) || ra.assertion() != ConText.Assertion.PRESENT) continue;
            int limit = i + 1 < findings.size() ? findings.get(i + 1).start() : sentenceEnd;
            int after = alternativeStart(text, a.end(), limit);
            if (after >= 0 && unlabelledAt.test(after)) results.set(i, ra.asHedge());
        }
    }

    /** Where the alternative after a joining word (and at most a few modifier words) starts, or -1. */
    private static int alternativeStart(String text, int from, int limit) {
        int i = from;
        while (i < limit && Character.isWhitespace(text.charAt(i))) i++;
        int w = i;
        while (w < limit && !Character.isWhitespace(text.charAt(w))) w++;
        if (w >= limit || !JOINERS.contains(text.substring(i, w).toLowerCase(Locale.ROOT))) return -1;
        while (w < limit && Character.isWhitespace(text.charAt(w))) w++;
        return w < limit ? w : -1;
    }

    /** Hedges, in place, the results of findings (sorted by start, one sentence) that are alternatives of each other. */
    static void hedge(String text, List<Mention> findings, List<ConText.Result> results) {
        for (int i = 0; i + 1 < findings.size(); i++) {
            Mention a = findings.get(i), b = findings.get(i + 1);
            if (b.start() < a.end() || !joined(text, a.end(), b.start())) continue;
            ConText.Result ra = results.get(i), rb = results.get(i + 1);
            if (!stated(ra) || !stated(rb)) continue;
            if (ra.assertion() != ConText.Assertion.PRESENT && rb.assertion() != ConText.Assertion.PRESENT) continue;
            results.set(i, ra.asHedge());
            results.set(i + 1, rb.asHedge());
        }
    }

    private static boolean stated(ConText.Result r) {
        return r.assertion() != ConText.Assertion.ABSENT && !r.hypothetical() && !r.query();
    }

    /** Between the two findings: blanks, the joining word, then at most a few modifier words. */
    private static boolean joined(String text, int from, int to) {
        String between = text.substring(from, to).toLowerCase(Locale.ROOT).trim();
        if (between.isEmpty() || between.length() > 40) return false;
        if (JOINERS.contains(between)) return true; // "atelectasis/consolidation"
        String[] words = between.split("\\s+");
        if (!JOINERS.contains(words[0]) || words.length - 1 > MAX_WORDS_AFTER) return false;
        for (int w = 1; w < words.length; w++) {
            if (!words[w].chars().allMatch(Character::isLetter)) return false;
        }
        return true;
    }
}
