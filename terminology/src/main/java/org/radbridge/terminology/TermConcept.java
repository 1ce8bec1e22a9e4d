package org.radbridge.terminology;

import java.util.List;

/**
 * One concept of a code-system subset. {@code omopConceptId} is the OHDSI concept id where the
 * OHDSI vocabularies have the code (verified against the source named in the row); null means a
 * site concept id is assigned on load. {@code synonyms} go to CONCEPT_SYNONYM and the NLP dictionary.
 */
public record TermConcept(
        String vocabularyId,
        String code,
        String name,
        String domainId,
        String conceptClassId,
        String standardConcept,
        Integer omopConceptId,
        String source,
        List<String> synonyms) {

    public TermConcept {
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
    }

    public TermConcept(String vocabularyId, String code, String name, String domainId, String conceptClassId,
                       String standardConcept, Integer omopConceptId, String source) {
        this(vocabularyId, code, name, domainId, conceptClassId, standardConcept, omopConceptId, source, List.of());
    }

    public String key() {
        return vocabularyId + "|" + code;
    }

    public boolean standard() {
        return "S".equals(standardConcept);
    }
}
