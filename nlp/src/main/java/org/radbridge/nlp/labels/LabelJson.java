package org.radbridge.nlp.labels;

import org.radbridge.nlp.NlpResult;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.Map;

/**
 * The JSON line of {@code radbridge nlp --labels}: {@code {"report":"r1","label_set":"chexpert","labels":{"No Finding":null,
 * "Enlarged Cardiomediastinum":null,"Cardiomegaly":1,...}}} with every CheXpert label in CheXpert order (null = not
 * mentioned); with {@code --label-set all}, {@code "labels"} holds "No Finding" and one entry per SNOMED CT code (RadLex
 * RID for a RadLex-only concept) mentioned in the report, and {@code "names"} the code's display name.
 */
public final class LabelJson {
    private LabelJson() {}

    public static String line(NlpResult r, ReportLabeler labeler, boolean allFindings, RadiologyLexicon lexicon) {
        return line(r.reportId(), allFindings ? "all" : labeler.labelSet().name(),
                allFindings ? labeler.allFindings(r) : labeler.labels(r), allFindings, lexicon);
    }

    /** The line of labels already worked out ({@link ReportLabeler#unread}: an empty report). */
    public static String line(String reportId, String labelSetName, Map<String, Integer> labels, boolean allFindings,
                              RadiologyLexicon lexicon) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"report\":").append(str(reportId)).append(",\"label_set\":")
                .append(str(labelSetName)).append(",\"labels\":{");
        boolean first = true;
        for (Map.Entry<String, Integer> e : labels.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(str(e.getKey())).append(':').append(e.getValue() == null ? "null" : e.getValue().toString());
        }
        sb.append('}');
        if (allFindings) {
            sb.append(",\"names\":{");
            first = true;
            for (String code : labels.keySet()) {
                if (code.equals(LabelSet.NO_FINDING)) continue;
                String name = lexicon.byConceptCode(code)
                        .map(c -> c.display()).orElse(code);
                if (!first) sb.append(',');
                first = false;
                sb.append(str(code)).append(':').append(str(name));
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static String str(String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
