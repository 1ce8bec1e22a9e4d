package org.radbridge.nlp.eval;

import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores (concept, assertion) pairs of one text against the expected pairs, the way the issue-11 check does: an output
 * concept counts for an expected one when it is that concept or a descendant known to the terminology (a lung nodule
 * for "nodule"). Keeps micro counts and counts per finding (expected concept for TP/FN, output concept for FP).
 */
public final class FindingScorer {

    private final RadiologyLexicon lexicon;
    private int tp, fp, fn;
    private final Map<String, int[]> byFinding = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();

    public FindingScorer(RadiologyLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Pairs "code:assertion" of the mentions (patient, any temporality except where the caller filtered). */
    public static Set<String> pairs(Collection<FindingMention> mentions) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (FindingMention m : mentions) out.add(m.conceptCode() + ":" + m.assertion().code());
        return out;
    }

    public void score(String id, String text, Set<String> got, Set<String> expected) {
        for (String g : got) {
            boolean ok = expected.stream().anyMatch(e -> matches(g, e));
            if (ok) continue; // counted once per expected pair below
            fp++;
            count(code(g))[1]++;
            errors.add(id + " FP " + g + "  | " + text);
        }
        for (String e : expected) {
            boolean ok = got.stream().anyMatch(g -> matches(g, e));
            if (ok) { tp++; count(code(e))[0]++; }
            else { fn++; count(code(e))[2]++; errors.add(id + " FN " + e + "  | " + text); }
        }
    }

    private int[] count(String code) {
        return byFinding.computeIfAbsent(code, k -> new int[3]);
    }

    private static String code(String pair) {
        return pair.substring(0, pair.lastIndexOf(':'));
    }

    /** Output pair g satisfies expected pair e: same assertion, and g's concept is e's or a descendant of it. */
    public boolean matches(String g, String e) {
        String ga = g.substring(g.lastIndexOf(':') + 1), ea = e.substring(e.lastIndexOf(':') + 1);
        if (!ga.equals(ea)) return false;
        String gc = code(g), ec = code(e);
        if (gc.equals(ec)) return true;
        LexConcept gl = concept(gc), el = concept(ec);
        return gl != null && el != null && lexicon.isA(gl, el);
    }

    private LexConcept concept(String code) {
        return (code.startsWith("RID") ? lexicon.byRadlex(code) : lexicon.bySnomed(code)).orElse(null);
    }

    public double precision() { return tp / (double) Math.max(1, tp + fp); }
    public double recall() { return tp / (double) Math.max(1, tp + fn); }
    public double f1() { double p = precision(), r = recall(); return p + r == 0 ? 0 : 2 * p * r / (p + r); }

    /** Mean F1 over findings with at least one expected or output pair. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int[] c : byFinding.values()) {
            double p = c[0] / (double) Math.max(1, c[0] + c[1]), r = c[0] / (double) Math.max(1, c[0] + c[2]);
            sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    public String report(String title) {
        return report(title, true);
    }

    /** The figures, and the error rows only when {@code withErrors} (blind readers must not see other sets' rows). */
    public String report(String title, boolean withErrors) {
        return report(title, withErrors, true);
    }

    /**
     * As {@link #report(String, boolean)}, the per-finding table only when {@code withTable}: a split that stays blind
     * (MTSamples, ROCO) shows its micro figures alone, since which findings it misses is what its error rows would tell.
     */
    public String report(String title, boolean withErrors, boolean withTable) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%s: TP %d FP %d FN %d, micro P %.3f R %.3f F1 %.3f, macro F1 %.3f (%d findings)%n",
                title, tp, fp, fn, precision(), recall(), f1(), macroF1(), byFinding.size()));
        if (!withTable) return sb.toString();
        sb.append(String.format("  %-18s %-34s %4s %4s %4s %6s %6s %6s%n", "code", "finding", "TP", "FP", "FN", "P", "R", "F1"));
        byFinding.forEach((code, c) -> {
            double p = c[0] / (double) Math.max(1, c[0] + c[1]), r = c[0] / (double) Math.max(1, c[0] + c[2]);
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            LexConcept l = concept(code);
            String name = l == null ? "?" : l.display();
            sb.append(String.format(java.util.Locale.ROOT, "  %-18s %-34.34s %4d %4d %4d %6.3f %6.3f %6.3f%n", code, name, c[0], c[1], c[2], p, r, f));
        });
        if (withErrors) for (String e : errors) sb.append("  ").append(e).append('\n');
        return sb.toString();
    }
}
