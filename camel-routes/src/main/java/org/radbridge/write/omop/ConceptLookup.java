package org.radbridge.write.omop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Concept ids from the OMOP vocabulary tables for codes found in reports: the concept of the code itself (the
 * source concept) and the standard concept it 'Maps to' (itself when it is standard), with the standard concept's
 * domain, which decides the OMOP table of a finding. A code with no valid standard concept (a RadLex-only finding,
 * RadLex being no OHDSI standard vocabulary) resolves to standard concept 0: the CDM keeps non-standard concepts
 * out of the standard fields and in *_source_concept_id; its domain is then its own.
 */
public final class ConceptLookup {
    private ConceptLookup() {}

    /** A resolved code. */
    public record Concept(int sourceConceptId, int conceptId, String domainId) {}

    /** Keys are "VOCABULARY|code" (e.g. "SNOMED|36118008"); codes the vocabulary lacks are absent from the result. */
    public static Map<String, Concept> resolve(Connection c, Collection<String> keys) throws SQLException {
        Map<String, Concept> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        List<String> vocabularies = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (String k : keys) {
            int bar = k.indexOf('|');
            vocabularies.add(k.substring(0, bar));
            codes.add(k.substring(bar + 1));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT c.vocabulary_id, c.concept_code, c.concept_id, "
                        + "coalesce(t.concept_id, CASE WHEN c.standard_concept = 'S' AND c.invalid_reason IS NULL THEN c.concept_id ELSE 0 END), "
                        + "coalesce(t.domain_id, c.domain_id) "
                        + "FROM unnest(?::text[], ?::text[]) AS k(v, code) "
                        + "JOIN omop.concept c ON c.vocabulary_id = k.v AND c.concept_code = k.code "
                        + "LEFT JOIN LATERAL (SELECT t.concept_id, t.domain_id FROM omop.concept_relationship cr "
                        + "  JOIN omop.concept t ON t.concept_id = cr.concept_id_2 "
                        + "  WHERE cr.concept_id_1 = c.concept_id AND cr.relationship_id = 'Maps to' AND cr.invalid_reason IS NULL "
                        + "  AND t.standard_concept = 'S' AND t.invalid_reason IS NULL "
                        + "  ORDER BY (cr.concept_id_2 = c.concept_id), cr.concept_id_2 LIMIT 1) t ON true "
                        + "ORDER BY c.concept_id")) {
            ps.setArray(1, c.createArrayOf("text", vocabularies.toArray()));
            ps.setArray(2, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getString(1) + "|" + rs.getString(2), new Concept(rs.getInt(3), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return out;
    }
}
