package org.radbridge.write.omop;

import org.radbridge.deid.ReportTextScrubber;
import org.radbridge.nlp.FindingMention;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * NOTE_NLP rows for the mentions of a report: one row per mention, every text field taken from the scrubbed
 * note text (offsets of the original text are mapped into it), so NOTE_NLP never holds what NOTE does not.
 */
public final class NoteNlpRows {
    private NoteNlpRows() {}

    static final int SNIPPET_MAX = 250;
    static final int LEXICAL_VARIANT_MAX = 250;

    /**
     * One row, without its ids.
     *
     * @param conceptId       standard concept of the finding (0 when the vocabulary lacks it)
     * @param sourceConceptId concept of the code as found: the RadLex concept where the finding has a RID, else the
     *                        SNOMED CT one (0 when the vocabulary lacks it)
     * @param termExists      Y when the patient has or had the finding (present, about the patient); OMOP's definition
     *                        makes negated, uncertain and family findings N
     * @param termTemporal    "present" or "past" (OMOP CDM NOTE_NLP convention)
     * @param termModifiers   "key=value" pairs, comma-separated
     */
    public record Row(int ordinal, String snippet, String offset, String lexicalVariant, int conceptId, int sourceConceptId,
                      String termExists, String termTemporal, String termModifiers) {}

    /** @param concepts resolved concepts keyed "SNOMED|code" / "RadLex|RID" (see {@link ConceptLookup}) */
    public static List<Row> build(List<FindingMention> mentions, ReportTextScrubber.Scrubbed note, Map<String, ConceptLookup.Concept> concepts) {
        List<Row> out = new ArrayList<>(mentions.size());
        String text = note.text();
        int ordinal = 0;
        for (FindingMention m : mentions) {
            int start = note.map(m.start());
            int end = Math.max(start, note.mapEnd(m.end()));
            int sStart = Math.min(start, note.map(m.sentenceStart()));
            int sEnd = Math.max(end, note.mapEnd(m.sentenceEnd()));
            ConceptLookup.Concept main = concepts.get(key(m));
            ConceptLookup.Concept radlex = m.radlexId() == null ? null : concepts.get("RadLex|" + m.radlexId());
            int conceptId = main != null ? main.conceptId() : radlex != null ? radlex.conceptId() : 0;
            int sourceId = radlex != null ? radlex.sourceConceptId() : main != null ? main.sourceConceptId() : 0;
            boolean exists = m.assertion() == FindingMention.Assertion.PRESENT && m.subject() == FindingMention.Subject.PATIENT;
            out.add(new Row(ordinal++, snippet(text, sStart, sEnd, start, end), String.valueOf(start),
                    cut(text.substring(start, end), LEXICAL_VARIANT_MAX), conceptId, sourceId, exists ? "Y" : "N",
                    m.temporality() == FindingMention.Temporality.HISTORICAL ? "past" : "present", modifiers(m)));
        }
        return out;
    }

    /** Vocabulary key of a mention's main concept: SNOMED CT, or RadLex for a RadLex-only concept. */
    public static String key(FindingMention m) {
        return m.snomedCode() != null ? "SNOMED|" + m.snomedCode() : "RadLex|" + m.radlexId();
    }

    static String modifiers(FindingMention m) {
        StringBuilder b = new StringBuilder();
        b.append("assertion=").append(m.assertion().code());
        b.append(",subject=").append(m.subject().code());
        b.append(",temporality=").append(m.temporality().code());
        if (m.chronicity() != null) b.append(",chronicity=").append(m.chronicity()); // "old rib fracture": on today's image
        if (m.laterality() != null) b.append(",laterality=").append(m.laterality());
        if (m.section() != null) b.append(",section=").append(m.section());
        if (!m.dimensionsMm().isEmpty()) {
            b.append(",size_mm=").append(m.dimensionsMm().stream().map(BigDecimal::toPlainString).collect(Collectors.joining("x")));
        }
        if (m.bodySiteSnomed() != null) b.append(",site=SNOMED:").append(m.bodySiteSnomed());
        if (m.radlexId() != null) b.append(",radlex=").append(m.radlexId());
        return b.toString();
    }

    /** The sentence around the mention, collapsed to one line; cut to a window around the mention when too long. */
    static String snippet(String text, int sStart, int sEnd, int start, int end) {
        String s = text.substring(sStart, sEnd);
        if (s.strip().length() <= SNIPPET_MAX) return s.strip().replaceAll("\\s+", " ");
        int mid = (start + end) / 2;
        int from = Math.max(sStart, Math.min(mid - SNIPPET_MAX / 2, sEnd - SNIPPET_MAX));
        int to = Math.min(sEnd, from + SNIPPET_MAX);
        return text.substring(from, to).replaceAll("\\s+", " ").strip();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
