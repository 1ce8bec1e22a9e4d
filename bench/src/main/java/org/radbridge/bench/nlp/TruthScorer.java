package org.radbridge.bench.nlp;

import org.radbridge.bench.generate.SyntheticReports;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores NLP output against the generator's truth, report by report, on distinct (concept, assertion) pairs.
 * A truth term names its concept through the terminology's synonyms (the same lookup a reader of the terminology
 * would do); an output concept matches a truth concept when it is that concept or its site-specific refinement
 * ({@link RadiologyLexicon#isA}). Truth terms with no concept in the terminology are misses, listed by frequency.
 */
public final class TruthScorer {

    public record Score(int truePositives, int falsePositives, int falseNegatives, int outsideTerminology,
                        Map<String, Integer> missedTerms, Map<String, Integer> wrongOutputs) {
        public double precision() {
            return truePositives / (double) Math.max(1, truePositives + falsePositives);
        }

        /** Over every truth pair, including terms the terminology has no code for. */
        public double recall() {
            return truePositives / (double) Math.max(1, truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public String describe() {
            return String.format(Locale.ROOT,
                    "generator truth: TP %d FP %d FN %d (of which %d truth pairs have no code in the terminology) "
                            + "precision %.3f recall %.3f F1 %.3f%n  missed (term/assertion): %s%n  wrong outputs: %s",
                    truePositives, falsePositives, falseNegatives, outsideTerminology, precision(), recall(), f1(),
                    top(missedTerms), top(wrongOutputs));
        }

        private static String top(Map<String, Integer> m) {
            StringBuilder sb = new StringBuilder();
            m.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                    .forEach(e -> sb.append(e.getKey()).append(' ').append(e.getValue()).append(", "));
            return sb.toString();
        }
    }

    private final RadiologyLexicon lexicon;
    private final Map<String, LexConcept> byTerm = new HashMap<>();
    private int tp, fp, fn, outside;
    private final Map<String, Integer> missed = new TreeMap<>();
    private final Map<String, Integer> wrong = new TreeMap<>();

    public TruthScorer(RadiologyLexicon lexicon) {
        this.lexicon = lexicon;
        for (LexConcept c : lexicon.concepts()) {
            if (c.anatomy()) continue;
            for (String t : lexicon.terms(c)) byTerm.putIfAbsent(t, c);
        }
    }

    private record Pair(LexConcept concept, String assertion) {
    }

    private final Map<String, String> examples = new TreeMap<>();

    /** One example sentence per wrong output (for looking into errors). */
    public Map<String, String> wrongOutputExamples() {
        return examples;
    }

    public void add(SyntheticReports.Report report, List<FindingMention> mentions) {
        add(report, mentions, null);
    }

    /** @param text the analysed text (for example sentences), or null */
    public void add(SyntheticReports.Report report, List<FindingMention> mentions, String text) {
        Set<String> seenTruth = new LinkedHashSet<>();
        List<Pair> truth = new ArrayList<>();
        List<String> truthOutside = new ArrayList<>();
        for (SyntheticReports.Truth t : report.truth()) {
            String key = t.term().toLowerCase(Locale.ROOT) + "/" + t.assertion();
            if (!seenTruth.add(key)) continue;
            LexConcept c = byTerm.get(t.term().toLowerCase(Locale.ROOT));
            if (c == null) {
                truthOutside.add(key);
            } else {
                truth.add(new Pair(c, t.assertion()));
            }
        }
        Map<String, Pair> got = new HashMap<>();
        Map<String, String> snippets = new HashMap<>();
        for (FindingMention m : mentions) {
            LexConcept c = m.snomedCode() != null ? lexicon.bySnomed(m.snomedCode()).orElse(null)
                    : lexicon.byRadlex(m.radlexId()).orElse(null);
            if (c == null) continue;
            String assertion = m.assertion().name().toLowerCase(Locale.ROOT);
            got.putIfAbsent(c.dictionaryId() + "/" + assertion, new Pair(c, assertion));
            if (text != null) snippets.putIfAbsent(c.dictionaryId() + "/" + assertion,
                    text.substring(m.sentenceStart(), m.sentenceEnd()).replace('\n', ' '));
        }
        List<Pair> unmatched = new ArrayList<>(got.values());
        for (Pair t : truth) {
            Pair hit = null;
            for (Pair g : unmatched) {
                if (g.assertion().equals(t.assertion()) && lexicon.isA(g.concept(), t.concept())) {
                    hit = g;
                    break;
                }
            }
            if (hit != null) {
                unmatched.remove(hit);
                tp++;
            } else {
                fn++;
                missed.merge(t.concept().display() + "/" + t.assertion(), 1, Integer::sum);
            }
        }
        for (String k : truthOutside) {
            fn++;
            outside++;
            missed.merge("[no code] " + k, 1, Integer::sum);
        }
        for (Pair g : unmatched) {
            fp++;
            wrong.merge(g.concept().display() + "/" + g.assertion(), 1, Integer::sum);
            String sn = snippets.get(g.concept().dictionaryId() + "/" + g.assertion());
            if (sn != null) examples.putIfAbsent(g.concept().display() + "/" + g.assertion(), sn + "  <- truth " + truth.stream().map(t -> t.concept().display() + "/" + t.assertion()).toList());
        }
    }

    public Score score() {
        return new Score(tp, fp, fn, outside, Map.copyOf(missed), Map.copyOf(wrong));
    }
}
