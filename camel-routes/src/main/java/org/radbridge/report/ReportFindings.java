package org.radbridge.report;

import org.radbridge.nlp.FindingMention;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct findings of a report: its mentions about the patient now, grouped by concept and side, so that
 * "4 mm nodule in the right upper lobe" in the findings and again in the impression make one finding. A finding is
 * present if any of its mentions says so, else possible if any does, else absent. Mentions about the family or the
 * past stay in NOTE_NLP (with their modifiers) but make no finding of this examination.
 */
public final class ReportFindings {
    private ReportFindings() {}

    /**
     * One distinct finding.
     *
     * @param key          stable key within the report: concept code and side ("36118008:left", "27925004:-")
     * @param mentions     the mentions it was built from, in text order
     * @param dimensionsMm the measured dimensions of the mention with the largest measurement (empty if none)
     */
    public record Finding(String key, String conceptSystem, String conceptCode, String display, String radlexId,
                          FindingMention.Assertion assertion, String laterality, String bodySiteSnomed, String bodySiteDisplay,
                          List<BigDecimal> dimensionsMm, List<FindingMention> mentions) {
        public boolean present() {
            return assertion == FindingMention.Assertion.PRESENT;
        }
    }

    /** True when a mention speaks of the patient at the time of the examination. */
    public static boolean aboutThisExamination(FindingMention m) {
        return m.subject() == FindingMention.Subject.PATIENT && m.temporality() == FindingMention.Temporality.CURRENT;
    }

    public static List<Finding> of(List<FindingMention> mentions) {
        Map<String, List<FindingMention>> byKey = new LinkedHashMap<>();
        for (FindingMention m : mentions) {
            if (!aboutThisExamination(m) || m.conceptCode() == null) continue;
            byKey.computeIfAbsent(m.conceptCode() + ":" + (m.laterality() == null ? "-" : m.laterality()), k -> new ArrayList<>()).add(m);
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<FindingMention>> e : byKey.entrySet()) {
            List<FindingMention> ms = e.getValue();
            FindingMention first = ms.get(0);
            FindingMention.Assertion assertion = FindingMention.Assertion.ABSENT;
            FindingMention measured = null;
            FindingMention sited = null;
            for (FindingMention m : ms) {
                if (m.assertion() == FindingMention.Assertion.PRESENT) assertion = FindingMention.Assertion.PRESENT;
                else if (m.assertion() == FindingMention.Assertion.POSSIBLE && assertion != FindingMention.Assertion.PRESENT) {
                    assertion = FindingMention.Assertion.POSSIBLE;
                }
                if (m.assertion() != FindingMention.Assertion.ABSENT && m.measurementMm() != null
                        && (measured == null || m.measurementMm().compareTo(measured.measurementMm()) > 0)) measured = m;
                if (sited == null && m.bodySiteSnomed() != null) sited = m;
            }
            out.add(new Finding(e.getKey(), first.conceptSystem(), first.conceptCode(), first.display(), first.radlexId(), assertion,
                    first.laterality(), sited == null ? null : sited.bodySiteSnomed(), sited == null ? null : sited.bodySiteDisplay(),
                    measured == null ? List.of() : measured.dimensionsMm(), List.copyOf(ms)));
        }
        return out;
    }
}
