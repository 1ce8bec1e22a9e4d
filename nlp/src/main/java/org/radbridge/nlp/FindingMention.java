package org.radbridge.nlp;

import java.math.BigDecimal;
import java.util.List;

/**
 * One finding mention of a report, as printed by {@code radbridge nlp} and as the report projections (FHIR
 * Observation, OMOP NOTE_NLP) will read it.
 *
 * @param reportId      report file name or id
 * @param start         begin offset in the analysed text (the report body, after a header block was removed)
 * @param end           end offset (exclusive)
 * @param text          covered text
 * @param snomedCode    SNOMED CT concept id, or null for a RadLex-only concept
 * @param display       preferred name
 * @param radlexId      RadLex RID, or null
 * @param assertion     present / absent / possible
 * @param temporality   current / historical
 * @param subject       patient / family
 * @param section       findings / impression / history / technique / comparison / other
 * @param laterality    left / right / bilateral, or null
 * @param dimensionsMm  measured dimensions in millimetres as written ("3.2 x 1.5 cm" gives [32, 15]); empty if none
 * @param bodySiteSnomed SNOMED CT code of the nearest anatomic site in the same clause, or null
 * @param bodySiteDisplay its name, or null
 * @param sentenceStart start of the sentence holding the mention (for snippets)
 * @param sentenceEnd   end of that sentence
 * @param chronicity    "chronic" for a finding on today's image described as old / healed / chronic / sequela (OMOP
 *                      term_modifiers, FHIR Observation component), else null
 */
public record FindingMention(String reportId, int start, int end, String text,
                             String snomedCode, String display, String radlexId,
                             Assertion assertion, Temporality temporality, Subject subject,
                             String section, String laterality, List<BigDecimal> dimensionsMm,
                             String bodySiteSnomed, String bodySiteDisplay,
                             int sentenceStart, int sentenceEnd, String chronicity) {

    /** A mention without a chronicity modifier (the form used before issue 11). */
    public FindingMention(String reportId, int start, int end, String text, String snomedCode, String display,
                          String radlexId, Assertion assertion, Temporality temporality, Subject subject, String section,
                          String laterality, List<BigDecimal> dimensionsMm, String bodySiteSnomed,
                          String bodySiteDisplay, int sentenceStart, int sentenceEnd) {
        this(reportId, start, end, text, snomedCode, display, radlexId, assertion, temporality, subject, section,
                laterality, dimensionsMm, bodySiteSnomed, bodySiteDisplay, sentenceStart, sentenceEnd, null);
    }

    public enum Assertion { PRESENT, ABSENT, POSSIBLE;
        public String code() { return name().toLowerCase(java.util.Locale.ROOT); } }

    public enum Temporality { CURRENT, HISTORICAL;
        public String code() { return name().toLowerCase(java.util.Locale.ROOT); } }

    public enum Subject { PATIENT, FAMILY;
        public String code() { return name().toLowerCase(java.util.Locale.ROOT); } }

    /** The JSON {@code measurement}: the largest dimension in mm, or null when nothing was measured. */
    public BigDecimal measurementMm() {
        return dimensionsMm.isEmpty() ? null : dimensionsMm.stream().max(BigDecimal::compareTo).orElseThrow();
    }

    /** Code system of {@link #conceptCode()}: SNOMED CT, or RadLex for a RadLex-only concept. */
    public String conceptSystem() {
        return snomedCode != null ? "http://snomed.info/sct" : "http://radlex.org";
    }

    public String conceptCode() {
        return snomedCode != null ? snomedCode : radlexId;
    }
}
