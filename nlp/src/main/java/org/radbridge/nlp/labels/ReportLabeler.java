package org.radbridge.nlp.labels;

import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.NlpResult;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report-level labels in the CheXpert convention from the mentions of one report: per label 1 (positive), -1
 * (uncertain), 0 (negative) or null (not mentioned). Only current mentions about the patient count (no history or
 * indication text, no family history). A label takes 1 if any of its mentions is present, else -1 if one is possible,
 * else 0 if one is absent. "No Finding" is 1 only when no abnormal finding (a concept of domain Condition) is present
 * or possible, and null otherwise. Thread-safe (immutable).
 */
public final class ReportLabeler {

    private final RadiologyLexicon lexicon;
    private final LabelSet labels;

    public ReportLabeler(RadiologyLexicon lexicon, LabelSet labels) {
        this.lexicon = lexicon;
        this.labels = labels;
    }

    public LabelSet labelSet() {
        return labels;
    }

    /** Labels of the CheXpert set, in CheXpert column order. */
    public Map<String, Integer> labels(NlpResult report) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<FindingMention> counted = counted(report);
        for (String label : labels.labels()) {
            if (label.equals(LabelSet.NO_FINDING)) {
                out.put(label, noFinding(counted) ? 1 : null);
                continue;
            }
            Integer v = null;
            for (FindingMention m : counted) {
                LexConcept c = concept(m);
                if (c == null || labels.concepts(label).stream().noneMatch(g -> lexicon.isA(c, g))) continue;
                v = combine(v, m.assertion());
            }
            out.put(label, v);
        }
        return out;
    }

    /** Every finding mentioned (current, patient), keyed by its concept code, with the same rule per concept. */
    public Map<String, Integer> allFindings(NlpResult report) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<FindingMention> counted = counted(report);
        out.put(LabelSet.NO_FINDING, noFinding(counted) ? 1 : null);
        for (FindingMention m : counted) out.put(m.conceptCode(), combine(out.get(m.conceptCode()), m.assertion()));
        return out;
    }

    /**
     * Labels of a report with no text: every label blank, "No Finding" too (the CheXpert rule would call an empty
     * report normal, and a training loader would take a missing report for a normal study).
     */
    public Map<String, Integer> unread(boolean allFindings) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (allFindings) out.put(LabelSet.NO_FINDING, null);
        else for (String label : labels.labels()) out.put(label, null);
        return out;
    }

    private static List<FindingMention> counted(NlpResult report) {
        return report.mentions().stream()
                .filter(m -> m.subject() == FindingMention.Subject.PATIENT)
                .filter(m -> m.temporality() == FindingMention.Temporality.CURRENT)
                .toList();
    }

    private boolean noFinding(List<FindingMention> counted) {
        for (FindingMention m : counted) {
            if (m.assertion() == FindingMention.Assertion.ABSENT) continue;
            LexConcept c = concept(m);
            // a Condition, or a RadLex-only imaging observation; not devices, device-in-situ findings or procedures
            if (c == null || "Condition".equals(c.domainId())
                    || (c.snomedCode() == null && !c.anatomy() && !"Device".equals(c.domainId()))) return false;
        }
        return true;
    }

    private LexConcept concept(FindingMention m) {
        return (m.snomedCode() != null ? lexicon.bySnomed(m.snomedCode()) : lexicon.byRadlex(m.radlexId())).orElse(null);
    }

    /** Positive beats uncertain beats negative (the CheXpert labeler's aggregation). */
    static Integer combine(Integer current, FindingMention.Assertion a) {
        int v = switch (a) {
            case PRESENT -> 1;
            case POSSIBLE -> -1;
            case ABSENT -> 0;
        };
        if (current == null) return v;
        return rank(v) > rank(current) ? v : current;
    }

    private static int rank(int v) {
        return v == 1 ? 3 : v == -1 ? 2 : 1;
    }
}
