package org.radbridge.research.cohort;

import java.util.List;

/**
 * A concept set as written in a cohort file (inline codes or an OHDSI ATLAS concept-set export), before it is
 * resolved against the vocabulary tables. Items follow ATLAS's semantics: includeDescendants through
 * CONCEPT_ANCESTOR, includeMapped through 'Maps to' (the source concepts mapped to the item), isExcluded removes.
 *
 * @param key  the cohort file's key this set belongs to, e.g. "modality" or "findings[0].concepts"
 * @param line line of the key in the cohort file, for errors
 */
public record ConceptSetSpec(String key, int line, List<Item> items) {
    /** One entry: a concept named by id, or by vocabulary and code. */
    public record Item(Integer conceptId, String vocabulary, String code, boolean includeDescendants, boolean includeMapped,
                       boolean excluded, int line) {
        public String describe() {
            return conceptId != null ? "concept_id " + conceptId : vocabulary + " " + code;
        }
    }
}
