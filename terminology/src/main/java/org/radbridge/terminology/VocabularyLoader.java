package org.radbridge.terminology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the terminology subsets into the OMOP vocabulary tables: CONCEPT, CONCEPT_SYNONYM,
 * CONCEPT_RELATIONSHIP ('Maps to' / 'Mapped from' to itself for standard concepts, as the OHDSI
 * vocabularies do), VOCABULARY, DOMAIN, CONCEPT_CLASS and the two RELATIONSHIP rows used.
 *
 * <p>Concepts the OHDSI vocabularies have keep their OHDSI id and are only added when missing (an
 * Athena import wins); the others get a site concept id of 2,000,000,000 or more, stable across
 * loads through radbridge.site_concept. When an Athena import holds the same vocabulary and code as
 * a site concept, the site concept becomes non-standard and 'Maps to' the Athena standard concept,
 * and {@link #load} returns the standard concept id, so that mappings resolve to it.
 */
public final class VocabularyLoader {
    private static final Logger log = LoggerFactory.getLogger(VocabularyLoader.class);
    public static final int FIRST_SITE_CONCEPT_ID = 2_000_000_000;
    /** OHDSI concept "English language", the language_concept_id the OHDSI Vocabulary-v5.0 load scripts give synonyms. */
    static final int ENGLISH = 4180186;

    /** Names and references of the vocabularies the subsets use; Athena's VOCABULARY rows win when imported. */
    private static final Map<String, String[]> VOCABULARIES = Map.ofEntries(
            Map.entry("SNOMED", new String[] {"Systematic Nomenclature of Medicine - Clinical Terms (IHTSDO)", "http://www.snomed.org/"}),
            Map.entry("LOINC", new String[] {"Logical Observation Identifiers Names and Codes (Regenstrief Institute)", "http://loinc.org/"}),
            Map.entry("UCUM", new String[] {"Unified Code for Units of Measure (Regenstrief Institute)", "https://ucum.org/"}),
            Map.entry("RadLex", new String[] {"RadLex (Radiological Society of North America)", "https://radlex.org/"}),
            Map.entry("RadLex Playbook", new String[] {"RadLex Playbook (Radiological Society of North America)", "https://playbook.radlex.org/"}),
            Map.entry("DICOM", new String[] {"DICOM Controlled Terminology (NEMA PS3.16)", "https://dicom.nema.org/medical/dicom/current/output/chtml/part16/"}),
            Map.entry("Gender", new String[] {"OMOP Gender", "OMOP generated"}),
            Map.entry("Type Concept", new String[] {"OMOP Type Concept", "OMOP generated"}),
            Map.entry("None", new String[] {"OMOP Standardized Vocabularies", "OMOP generated"}),
            Map.entry("CDM", new String[] {"OMOP Common DataModel", "https://github.com/OHDSI/CommonDataModel"}),
            Map.entry("Visit", new String[] {"OMOP Visit", "OMOP generated"}));

    private final DataSource dataSource;

    public VocabularyLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Loads every concept and returns the concept id each resolves to (its standard concept), keyed by vocabulary|code. */
    public Map<String, Integer> load(Terminology terminology) throws SQLException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Set<String> vocabularies = new LinkedHashSet<>();
            Set<String> domains = new LinkedHashSet<>();
            Set<String> classes = new LinkedHashSet<>();
            List<Integer> standard = new ArrayList<>();
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
                            + "standard_concept = EXCLUDED.standard_concept");
                 PreparedStatement dropSynonyms = c.prepareStatement("DELETE FROM omop.concept_synonym WHERE concept_id = ?");
                 PreparedStatement synonym = c.prepareStatement(
                    "INSERT INTO omop.concept_synonym (concept_id, concept_synonym_name, language_concept_id) VALUES (?, ?, ?)")) {
                for (TermConcept t : terminology.all()) {
                    int id;
                    PreparedStatement target;
                    boolean site_ = t.omopConceptId() == null;
                    if (!site_) {
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
                    if (site_) {
                        // the subset owns the synonyms of its site concepts; OHDSI concepts keep Athena's
                        dropSynonyms.setInt(1, id);
                        dropSynonyms.addBatch();
                        for (String s : t.synonyms()) {
                            synonym.setInt(1, id);
                            synonym.setString(2, truncate(s, 1000));
                            synonym.setInt(3, ENGLISH);
                            synonym.addBatch();
                        }
                    }
                    if (t.standard()) standard.add(id);
                    ids.put(t.key(), id);
                    vocabularies.add(t.vocabularyId());
                    domains.add(t.domainId());
                    classes.add(t.conceptClassId());
                }
                keep.executeBatch();
                upsert.executeBatch();
                dropSynonyms.executeBatch();
                synonym.executeBatch();
            }
            selfMaps(c, standard);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO omop.vocabulary (vocabulary_id, vocabulary_name, vocabulary_reference, vocabulary_version, vocabulary_concept_id) "
                            + "VALUES (?, ?, ?, 'RadBridge terminology subset', 0) ON CONFLICT (vocabulary_id) DO NOTHING")) {
                for (String v : vocabularies) {
                    String[] meta = VOCABULARIES.getOrDefault(v, new String[] {v, "RadBridge terminology subset"});
                    ps.setString(1, v);
                    ps.setString(2, meta[0]);
                    ps.setString(3, meta[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            insertNames(c, "INSERT INTO omop.domain (domain_id, domain_name, domain_concept_id) VALUES (?, ?, 0) ON CONFLICT (domain_id) DO NOTHING", domains);
            insertNames(c, "INSERT INTO omop.concept_class (concept_class_id, concept_class_name, concept_class_concept_id) VALUES (?, ?, 0) "
                    + "ON CONFLICT (concept_class_id) DO NOTHING", classes);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO omop.relationship (relationship_id, relationship_name, is_hierarchical, defines_ancestry, "
                        + "reverse_relationship_id, relationship_concept_id) VALUES "
                        + "('Maps to', 'Non-standard to Standard map (OMOP)', '0', '0', 'Mapped from', 0), "
                        + "('Mapped from', 'Standard to Non-standard map (OMOP)', '0', '0', 'Maps to', 0) ON CONFLICT (relationship_id) DO NOTHING");
            }
            int linked = linkSiteConcepts(c);
            Map<Integer, Integer> standardOf = standardTargets(c, new LinkedHashSet<>(ids.values()));
            ids.replaceAll((k, id) -> standardOf.getOrDefault(id, id));
            c.commit();
            log.info("Vocabulary: {} concepts loaded from terminology/ ({} site concepts mapped to Athena concepts)", ids.size(), linked);
        }
        return ids;
    }

    /** 'Maps to' and 'Mapped from' to itself for each standard concept, unless present. */
    private static void selfMaps(Connection c, List<Integer> standard) throws SQLException {
        if (standard.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.concept_relationship (concept_id_1, concept_id_2, relationship_id, valid_start_date, valid_end_date, invalid_reason) "
                        + "SELECT x, x, r, DATE '1970-01-01', DATE '2099-12-31', NULL FROM unnest(?::int[]) AS x, "
                        + "(VALUES ('Maps to'), ('Mapped from')) AS rel(r) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM omop.concept_relationship cr WHERE cr.concept_id_1 = x AND cr.relationship_id = r) "
                        // a site concept that already maps elsewhere (to an Athena concept) stays that way
                        + "AND NOT EXISTS (SELECT 1 FROM omop.concept_relationship cr WHERE cr.concept_id_1 = x AND cr.concept_id_2 <> x "
                        + "AND cr.relationship_id = 'Maps to' AND x >= " + FIRST_SITE_CONCEPT_ID + ")")) {
            Array arr = c.createArrayOf("integer", standard.toArray());
            ps.setArray(1, arr);
            ps.executeUpdate();
        }
    }

    /**
     * Site concepts whose vocabulary and code an Athena import also holds: the site concept becomes
     * non-standard and 'Maps to' the Athena concept's standard concept (its own 'Maps to', or itself
     * when standard). Returns how many site concepts were newly linked.
     */
    public int linkSiteConcepts() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = linkSiteConcepts(c);
            c.commit();
            return n;
        }
    }

    static int linkSiteConcepts(Connection c) throws SQLException {
        Map<Integer, Integer> links = new HashMap<>();
        // where Athena has a code twice (a re-issued concept), the valid, standard, newest concept wins
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT DISTINCT ON (site_id) site_id, target FROM ("
                             + " SELECT s.concept_id AS site_id, a.concept_id AS athena_id, a.invalid_reason, a.standard_concept,"
                             + "  coalesce((SELECT min(cr.concept_id_2) FROM omop.concept_relationship cr"
                             + "   WHERE cr.concept_id_1 = a.concept_id AND cr.relationship_id = 'Maps to' AND cr.invalid_reason IS NULL"
                             + "   AND cr.concept_id_2 < " + FIRST_SITE_CONCEPT_ID + "),"
                             + "   CASE WHEN a.standard_concept = 'S' THEN a.concept_id END) AS target"
                             + " FROM radbridge.site_concept s JOIN omop.concept a ON a.vocabulary_id = s.vocabulary_id"
                             + " AND a.concept_code = s.concept_code AND a.concept_id < " + FIRST_SITE_CONCEPT_ID + ") m"
                             + " WHERE target IS NOT NULL"
                             + " ORDER BY site_id, (invalid_reason IS NULL) DESC, (standard_concept = 'S') DESC NULLS LAST, athena_id DESC")) {
            while (rs.next()) links.put(rs.getInt(1), rs.getInt(2));
        }
        int added = 0;
        try (PreparedStatement dropOthers = c.prepareStatement(
                "DELETE FROM omop.concept_relationship WHERE relationship_id IN ('Maps to', 'Mapped from') AND "
                        + "((concept_id_1 = ? AND concept_id_2 <> ?) OR (concept_id_2 = ? AND concept_id_1 <> ?))");
             PreparedStatement exists = c.prepareStatement(
                "SELECT 1 FROM omop.concept_relationship WHERE concept_id_1 = ? AND concept_id_2 = ? AND relationship_id = 'Maps to'");
             PreparedStatement insert = c.prepareStatement(
                "INSERT INTO omop.concept_relationship (concept_id_1, concept_id_2, relationship_id, valid_start_date, valid_end_date, invalid_reason) "
                        + "VALUES (?, ?, ?, CURRENT_DATE, DATE '2099-12-31', NULL)");
             PreparedStatement nonStandard = c.prepareStatement("UPDATE omop.concept SET standard_concept = NULL WHERE concept_id = ?")) {
            for (Map.Entry<Integer, Integer> e : links.entrySet()) {
                int siteId = e.getKey();
                int target = e.getValue();
                // the site concept maps to the one target only: its self-map and any earlier target go
                dropOthers.setInt(1, siteId);
                dropOthers.setInt(2, target);
                dropOthers.setInt(3, siteId);
                dropOthers.setInt(4, target);
                dropOthers.executeUpdate();
                // every load rewrites the site concept's row as standard: a linked one goes back to non-standard
                nonStandard.setInt(1, siteId);
                nonStandard.executeUpdate();
                exists.setInt(1, siteId);
                exists.setInt(2, target);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) continue;
                }
                insert.setInt(1, siteId);
                insert.setInt(2, target);
                insert.setString(3, "Maps to");
                insert.executeUpdate();
                insert.setInt(1, target);
                insert.setInt(2, siteId);
                insert.setString(3, "Mapped from");
                insert.executeUpdate();
                added++;
            }
        }
        return added;
    }

    /** For each id with a valid 'Maps to' to another concept, that concept. */
    private static Map<Integer, Integer> standardTargets(Connection c, Set<Integer> ids) throws SQLException {
        Map<Integer, Integer> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT concept_id_1, min(concept_id_2) FROM omop.concept_relationship WHERE relationship_id = 'Maps to' "
                        + "AND invalid_reason IS NULL AND concept_id_1 <> concept_id_2 AND concept_id_1 = ANY(?::int[]) GROUP BY concept_id_1")) {
            ps.setArray(1, c.createArrayOf("integer", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), rs.getInt(2));
            }
        }
        return out;
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
