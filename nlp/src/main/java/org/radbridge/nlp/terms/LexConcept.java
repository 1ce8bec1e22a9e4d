package org.radbridge.nlp.terms;

/**
 * One dictionary concept.
 *
 * @param dictionaryId internal cTAKES dictionary ID ({@code C0000001} ...), stable only within one lexicon build
 * @param snomedCode   SNOMED CT concept id, or null for a RadLex-only concept
 * @param radlexId     RadLex RID, or null when no RID is linked
 * @param display      preferred name
 * @param domainId     OMOP domain of the row (Condition, Observation, Spec Anatomic Site)
 * @param anatomy      an anatomic site rather than a finding
 */
public record LexConcept(String dictionaryId, String snomedCode, String radlexId, String display, String domainId,
                         boolean anatomy) {

    /** The bare code that names the concept: its SNOMED CT code, or its RID for a RadLex-only concept. */
    public String conceptCode() {
        return snomedCode != null ? snomedCode : radlexId;
    }
}
