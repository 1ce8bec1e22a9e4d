package org.radbridge.terminology;

/**
 * One concept of a code-system subset. {@code omopConceptId} is the OHDSI concept id where the
 * OHDSI vocabularies have the code; null means a site concept id is assigned on load.
 */
public record TermConcept(
        String vocabularyId,
        String code,
        String name,
        String domainId,
        String conceptClassId,
        String standardConcept,
        Integer omopConceptId,
        String source) {

    public String key() {
        return vocabularyId + "|" + code;
    }
}
