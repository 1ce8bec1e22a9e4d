package org.radbridge.terminology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts the terminology subsets into the OMOP vocabulary tables. Concepts the OHDSI vocabularies
 * have keep their OHDSI id and are only added when missing (an Athena import wins); the others
 * get a site concept id of 2,000,000,000 or more, stable across loads through radbridge.site_concept.
 */
public final class VocabularyLoader {
    private static final Logger log = LoggerFactory.getLogger(VocabularyLoader.class);

    private final DataSource dataSource;

    public VocabularyLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Loads every concept and returns the concept id of each, keyed by vocabulary|code. */
    public Map<String, Integer> load(Terminology terminology) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Set<String> vocabularies = new HashSet<>();
            Set<String> domains = new HashSet<>();
            Set<String> classes = new HashSet<>();
            try (PreparedStatement site = c.prepareStatement(
                    "INSERT INTO radbridge.site_concept (vocabulary_id, concept_code) VALUES (?, ?) "
                            + "ON CONFLICT (vocabulary_id, concept_code) DO UPDATE SET concept_code = EXCLUDED.concept_code "
                            + "RETURNING concept_id");
                 PreparedStatement keep = c.prepareStatement(
                    "INSERT INTO omop.concept (concept_id, concept_name, domain_id, vocabulary_id, concept_class_id, "
                            + "standard_concept, concept_code, valid_start_date, valid_end_date, invalid_reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, DATE '1970-01-01', DATE '2099-12-31', NULL) ON CONFLICT (concept_id) DO NOTHING");
                 PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO omop.concept (concept_id, concept_name, domain_id, vocabulary_id, concept_class_id, "
                            + "standard_concept, concept_code, valid_start_date, valid_end_date, invalid_reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, DATE '1970-01-01', DATE '2099-12-31', NULL) ON CONFLICT (concept_id) DO UPDATE SET "
                            + "concept_name = EXCLUDED.concept_name, domain_id = EXCLUDED.domain_id, concept_class_id = EXCLUDED.concept_class_id, "
                            + "standard_concept = EXCLUDED.standard_concept")) {
                for (TermConcept t : terminology.all()) {
                    int id;
                    PreparedStatement target;
                    if (t.omopConceptId() != null) {
                        id = t.omopConceptId();
                        target = keep;
                    } else {
                        site.setString(1, t.vocabularyId());
                        site.setString(2, t.code());
                        try (ResultSet rs = site.executeQuery()) {
                            rs.next();
                            id = rs.getInt(1);
                        }
                        target = upsert;
                    }
                    target.setInt(1, id);
                    target.setString(2, truncate(t.name(), 255));
                    target.setString(3, t.domainId());
                    target.setString(4, t.vocabularyId());
                    target.setString(5, t.conceptClassId());
                    target.setString(6, t.standardConcept().isEmpty() ? null : t.standardConcept());
                    target.setString(7, t.code());
                    target.addBatch();
                    ids.put(t.key(), id);
                    vocabularies.add(t.vocabularyId());
                    domains.add(t.domainId());
                    classes.add(t.conceptClassId());
                }
                keep.executeBatch();
                upsert.executeBatch();
            }
            insertNames(c, "INSERT INTO omop.vocabulary (vocabulary_id, vocabulary_name, vocabulary_reference, vocabulary_version, vocabulary_concept_id) "
                    + "VALUES (?, ?, 'RadBridge terminology subset', NULL, 0) ON CONFLICT (vocabulary_id) DO NOTHING", vocabularies);
            insertNames(c, "INSERT INTO omop.domain (domain_id, domain_name, domain_concept_id) VALUES (?, ?, 0) ON CONFLICT (domain_id) DO NOTHING", domains);
            insertNames(c, "INSERT INTO omop.concept_class (concept_class_id, concept_class_name, concept_class_concept_id) VALUES (?, ?, 0) "
                    + "ON CONFLICT (concept_class_id) DO NOTHING", classes);
            c.commit();
        }
        log.info("Vocabulary: {} concepts loaded from terminology/", ids.size());
        return ids;
    }

    private static void insertNames(Connection c, String sql, Set<String> names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String n : names) {
                ps.setString(1, n);
                ps.setString(2, n);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
