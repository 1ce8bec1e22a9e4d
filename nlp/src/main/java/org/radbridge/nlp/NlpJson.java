package org.radbridge.nlp;

import java.math.BigDecimal;

/**
 * The JSON-lines form of a mention (ARCHITECTURE.md, "nlp output"), one object per line:
 * <pre>
 * {"report":"r1","start":12,"end":24,"text":"pneumothorax",
 *  "concept":{"system":"http://snomed.info/sct","code":"36118008","display":"Pneumothorax"},
 *  "radlex":null,"assertion":"present","temporality":"current","subject":"patient","section":"findings",
 *  "laterality":"left","measurement":{"value":32,"unit":"mm"},"dimensions":[32,15]}
 * </pre>
 * {@code measurement} is the largest dimension in mm (null when none); {@code dimensions} lists every dimension as
 * written, in mm ([] when none) — a key added to the ARCHITECTURE format; {@code "chronicity":"chronic"} is added only
 * for a finding on today's image described as old, healed, chronic or a sequela. A concept with no SNOMED CT code in
 * the terminology subset is given with system {@code http://radlex.org} and its RID as code.
 * With {@link #reportLine(NlpResult)} a command may also print a report-level line
 * {@code {"report":..,"type":"report","birads":..,"lungrads":..,"mentions":n}}.
 */
public final class NlpJson {
    private NlpJson() {}

    public static String mention(FindingMention m) {
        StringBuilder sb = new StringBuilder(320);
        sb.append("{\"report\":").append(str(m.reportId()))
                .append(",\"start\":").append(m.start())
                .append(",\"end\":").append(m.end())
                .append(",\"text\":").append(str(m.text()))
                .append(",\"concept\":{\"system\":").append(str(m.conceptSystem()))
                .append(",\"code\":").append(str(m.conceptCode()))
                .append(",\"display\":").append(str(m.display())).append('}')
                .append(",\"radlex\":").append(str(m.radlexId()))
                .append(",\"assertion\":").append(str(m.assertion().code()))
                .append(",\"temporality\":").append(str(m.temporality().code()))
                .append(",\"subject\":").append(str(m.subject().code()))
                .append(",\"section\":").append(str(m.section()))
                .append(",\"laterality\":").append(str(m.laterality()))
                .append(",\"measurement\":");
        BigDecimal mm = m.measurementMm();
        if (mm == null) sb.append("null");
        else sb.append("{\"value\":").append(mm.toPlainString()).append(",\"unit\":\"mm\"}");
        sb.append(",\"dimensions\":[");
        for (int i = 0; i < m.dimensionsMm().size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(m.dimensionsMm().get(i).toPlainString());
        }
        sb.append(']');
        if (m.chronicity() != null) sb.append(",\"chronicity\":").append(str(m.chronicity()));
        return sb.append('}').toString();
    }

    public static String reportLine(NlpResult r) {
        return "{\"report\":" + str(r.reportId()) + ",\"type\":\"report\",\"birads\":" + str(r.biRads())
                + ",\"lungrads\":" + str(r.lungRads()) + ",\"mentions\":" + r.mentions().size() + "}";
    }

    static String str(String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
