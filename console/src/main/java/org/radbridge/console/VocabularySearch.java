package org.radbridge.console;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Set;

/** Target codes for a mapping row, searched in the vocabulary tables loaded into OMOP (terminology subsets, Athena). */
public final class VocabularySearch {
    public record Concept(long conceptId, String vocabulary, String code, String name, String domain, String standard) {}

    private final JdbcTemplate jdbc;

    public VocabularySearch(DataSource ds) {
        this.jdbc = new JdbcTemplate(ds);
    }

    /** Concepts of the given vocabularies whose code is the text or whose name contains it; exact codes first. */
    public List<Concept> search(Set<String> vocabularies, String text, int limit) {
        if (text == null || text.isBlank() || vocabularies.isEmpty()) return List.of();
        String t = text.trim();
        String like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query("SELECT concept_id, vocabulary_id, concept_code, concept_name, domain_id, coalesce(standard_concept, '') "
                        + "FROM omop.concept WHERE vocabulary_id = ANY(?) AND invalid_reason IS NULL "
                        + "AND (concept_code = ? OR concept_name ILIKE ?) "
                        + "ORDER BY (concept_code = ?) DESC, length(concept_name), concept_name LIMIT ?",
                (rs, i) -> new Concept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                vocabularies.toArray(new String[0]), t, like, t, limit);
    }
}
