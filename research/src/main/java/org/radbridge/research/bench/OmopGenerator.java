package org.radbridge.research.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills schema omop with generated, deterministic research data in bulk SQL (generate_series, PostgreSQL's hashint4 as
 * the random source): persons, one PROCEDURE_OCCURRENCE per study, 1 to 5 IMAGE_OCCURRENCE series per study, a NOTE for
 * 80% of studies linked through note_event_id, NOTE_NLP mentions of four findings (present / possible / absent, some
 * about family members or the past, which labels must ignore), and for CT chest studies with a nodule a size
 * MEASUREMENT linked to every series through IMAGE_FEATURE. Concept ids come from the loaded vocabulary (the
 * terminology subsets), so cohort files resolve their codes as on real data. Ids start above {@code idBase} so the
 * rows never collide with projected ones in a shared test database.
 *
 * <p>Tests must not trust this class for expected answers: they read the rows back and compute the answer themselves.
 */
public final class OmopGenerator {
    public record Size(int persons, int studies, int seed) {}

    /** The finding concepts the generator mentions, in order (SNOMED CT codes). */
    public static final String[] FINDINGS = {"36118008", "60046008", "8186001", "786838002"};

    private OmopGenerator() {}

    public static Map<String, Integer> concepts(Connection c) throws SQLException {
        String[][] wanted = {
                {"CT", "DICOM", "CT"}, {"CR", "DICOM", "CR"}, {"MR", "DICOM", "MR"}, {"MG", "DICOM", "MG"}, {"US", "DICOM", "US"},
                {"chest", "SNOMED", "816094009"}, {"abdomen", "SNOMED", "818981001"}, {"breast", "SNOMED", "76752008"},
                {"p_ct_chest", "LOINC", "29252-4"}, {"p_ct_abd", "LOINC", "36813-4"}, {"p_cr_chest", "LOINC", "36643-5"},
                {"p_mr_abd", "LOINC", "24557-1"}, {"p_mg", "LOINC", "24606-6"}, {"p_us_abd", "LOINC", "24558-9"},
                {"M", "Gender", "M"}, {"F", "Gender", "F"}, {"long_axis", "SNOMED", "103339001"},
                {"f1", "SNOMED", FINDINGS[0]}, {"f2", "SNOMED", FINDINGS[1]}, {"f3", "SNOMED", FINDINGS[2]}, {"f4", "SNOMED", FINDINGS[3]}};
        Map<String, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT min(concept_id) FROM omop.concept WHERE vocabulary_id = ? AND concept_code = ?")) {
            for (String[] w : wanted) {
                ps.setString(1, w[1]);
                ps.setString(2, w[2]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int id = rs.getInt(1);
                    if (rs.wasNull()) throw new SQLException("vocabulary lacks " + w[1] + " " + w[2] + ": load the terminology first");
                    out.put(w[0], id);
                }
            }
        }
        return out;
    }

    /** Generates the rows; returns the number of IMAGE_OCCURRENCE rows written. */
    public static long generate(Connection c, Size size, int idBase) throws SQLException {
        Map<String, Integer> k = concepts(c);
        int seed = size.seed();
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp.gen_study");
            st.execute(("""
                    CREATE TEMP TABLE gen_study AS
                    SELECT s, %1$d + s AS study_id,
                           %1$d + 1 + abs(hashint4(s * 7 + %2$d)) %% %3$d AS person_id,
                           abs(hashint4(s * 13 + %2$d)) %% 100 AS r_mod,
                           abs(hashint4(s * 17 + %2$d)) %% 100 AS r_site,
                           DATE '2010-01-01' + abs(hashint4(s * 19 + %2$d)) %% 5475 AS d,
                           1 + abs(hashint4(s * 23 + %2$d)) %% 5 AS n_series,
                           abs(hashint4(s * 29 + %2$d)) %% 100 AS r_note
                    FROM generate_series(1, %4$d) s""").formatted(idBase, seed, size.persons(), size.studies()));
            st.execute("""
                    ALTER TABLE gen_study ADD COLUMN modality int, ADD COLUMN site int, ADD COLUMN proc int;
                    UPDATE gen_study SET
                      modality = CASE WHEN r_mod < 40 THEN %1$d WHEN r_mod < 65 THEN %2$d WHEN r_mod < 80 THEN %3$d WHEN r_mod < 90 THEN %4$d ELSE %5$d END,
                      site = CASE WHEN r_mod < 40 AND r_site < 50 THEN %6$d WHEN r_mod < 40 THEN %7$d WHEN r_mod < 65 THEN %6$d
                                  WHEN r_mod < 80 THEN %7$d WHEN r_mod < 90 THEN %8$d ELSE %7$d END,
                      proc = CASE WHEN r_mod < 40 AND r_site < 50 THEN %9$d WHEN r_mod < 40 THEN %10$d WHEN r_mod < 65 THEN %11$d
                                  WHEN r_mod < 80 THEN %12$d WHEN r_mod < 90 THEN %13$d ELSE %14$d END""".formatted(
                    k.get("CT"), k.get("CR"), k.get("MR"), k.get("MG"), k.get("US"), k.get("chest"), k.get("abdomen"), k.get("breast"),
                    k.get("p_ct_chest"), k.get("p_ct_abd"), k.get("p_cr_chest"), k.get("p_mr_abd"), k.get("p_mg"), k.get("p_us_abd")));
            st.execute("""
                    INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, month_of_birth, race_concept_id, ethnicity_concept_id,
                                             person_source_value, gender_source_value)
                    SELECT %1$d + p, CASE WHEN h %% 20 = 0 THEN 0 WHEN h %% 2 = 0 THEN %2$d ELSE %3$d END, 1930 + h %% 70,
                           CASE WHEN h %% 7 = 0 THEN NULL ELSE 1 + h %% 12 END, 0, 0, md5('person' || p || '-' || %4$d),
                           CASE WHEN h %% 20 = 0 THEN 'O' WHEN h %% 2 = 0 THEN 'M' ELSE 'F' END
                    FROM (SELECT p, abs(hashint4(p * 31 + %4$d)) AS h FROM generate_series(1, %5$d) p) x""".formatted(
                    idBase, k.get("M"), k.get("F"), seed, size.persons()));
            st.execute("""
                    INSERT INTO omop.procedure_occurrence (procedure_occurrence_id, person_id, procedure_concept_id, procedure_date, procedure_type_concept_id,
                                                           procedure_source_concept_id)
                    SELECT study_id, person_id, proc, d, 32817, 0 FROM gen_study""");
            st.execute("""
                    INSERT INTO omop.image_occurrence (image_occurrence_id, person_id, procedure_occurrence_id, anatomic_site_concept_id, wadors_uri,
                                                       image_occurrence_date, image_study_uid, image_series_uid, modality_concept_id)
                    SELECT %1$d + (s - 1) * 5 + n, person_id, study_id, site,
                           CASE WHEN s %% 2 = 0 THEN 'http://127.0.0.1:8080/dicomweb/studies/2.25.' || study_id || '/series/2.25.' || study_id || '.' || n END,
                           d, '2.25.' || study_id, '2.25.' || study_id || '.' || n, modality
                    FROM gen_study CROSS JOIN generate_series(1, 5) n WHERE n <= n_series""".formatted(idBase));
            st.execute("""
                    INSERT INTO omop.note (note_id, person_id, note_date, note_type_concept_id, note_class_concept_id, note_title, note_text,
                                           encoding_concept_id, language_concept_id, note_event_id, note_event_field_concept_id)
                    SELECT study_id, person_id, d, 32817, 0, 'Radiology report', 'generated report', 0, 0, study_id, 1147082
                    FROM gen_study WHERE r_note < 80""");
            // per note and finding: 15% present, 5% possible, 25% absent, else not mentioned; 3% an extra mention that
            // labels must ignore (family history, or a past finding)
            st.execute("""
                    INSERT INTO omop.note_nlp (note_nlp_id, note_id, section_concept_id, lexical_variant, note_nlp_concept_id, note_nlp_source_concept_id,
                                               nlp_system, nlp_date, term_exists, term_temporal, term_modifiers)
                    SELECT note_id * 10 + f * 2 + extra, note_id, 0, 'finding', concept, 0, 'radbridge-nlp generated', d,
                           CASE WHEN a = 'present' AND extra = 0 THEN 'Y' ELSE 'N' END,
                           CASE WHEN extra = 1 AND r %% 2 = 1 THEN 'past' ELSE 'present' END,
                           'assertion=' || a || ',subject=' || CASE WHEN extra = 1 AND r %% 2 = 0 THEN 'family' ELSE 'patient' END
                             || ',temporality=' || CASE WHEN extra = 1 AND r %% 2 = 1 THEN 'historical' ELSE 'current' END
                    FROM (
                      SELECT g.study_id AS note_id, g.d, f, (ARRAY[%1$d, %2$d, %3$d, %4$d])[f] AS concept, 0 AS extra, r,
                             CASE WHEN r < 15 THEN 'present' WHEN r < 20 THEN 'possible' WHEN r < 45 THEN 'absent' END AS a
                      FROM gen_study g CROSS JOIN generate_series(1, 4) f
                      CROSS JOIN LATERAL (SELECT abs(hashint4(g.s * 37 + f * 101 + %5$d)) %% 100 AS r) x
                      WHERE g.r_note < 80
                      UNION ALL
                      SELECT g.study_id, g.d, f, (ARRAY[%1$d, %2$d, %3$d, %4$d])[f], 1, r, 'present'
                      FROM gen_study g CROSS JOIN generate_series(1, 4) f
                      CROSS JOIN LATERAL (SELECT abs(hashint4(g.s * 41 + f * 103 + %5$d)) %% 100 AS r) x
                      WHERE g.r_note < 80 AND r < 3
                    ) m WHERE a IS NOT NULL""".formatted(k.get("f1"), k.get("f2"), k.get("f3"), k.get("f4"), seed));
            // nodule sizes (2 to 21 mm) for CT chest studies whose report says a nodule is present
            st.execute("""
                    INSERT INTO omop.measurement (measurement_id, person_id, measurement_concept_id, measurement_date, measurement_type_concept_id,
                                                  value_as_number, unit_concept_id, measurement_source_value, unit_source_value)
                    SELECT g.study_id, g.person_id, %1$d, g.d, 32817, 2 + abs(hashint4(g.s * 43 + %2$d)) %% 20, 0, 'Nodule long axis', 'mm'
                    FROM gen_study g JOIN omop.note_nlp n ON n.note_id = g.study_id AND n.note_nlp_id = g.study_id * 10 + 8
                    WHERE g.proc = %3$d AND n.term_modifiers LIKE 'assertion=present,%%'""".formatted(k.get("long_axis"), seed, k.get("p_ct_chest")));
            st.execute("""
                    INSERT INTO omop.image_feature (image_feature_id, person_id, image_occurrence_id, image_feature_event_field_concept_id,
                                                    image_feature_event_id, image_feature_concept_id, image_feature_type_concept_id,
                                                    image_finding_concept_id, image_finding_id, alg_system)
                    SELECT io.image_occurrence_id, m.person_id, io.image_occurrence_id, 1147138, m.measurement_id, %1$d, 32817, %1$d, m.measurement_id,
                           'radbridge-nlp generated'
                    FROM omop.measurement m JOIN omop.image_occurrence io ON io.procedure_occurrence_id = m.measurement_id
                    WHERE m.measurement_id > %2$d AND m.measurement_id <= %2$d + %3$d""".formatted(k.get("f4"), idBase, size.studies()));
            long series;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM omop.image_occurrence WHERE image_occurrence_id > " + idBase)) {
                rs.next();
                series = rs.getLong(1);
            }
            st.execute("DROP TABLE gen_study");
            // what autovacuum does after a bulk load, here at once: planner statistics and the visibility map (index-only scans)
            if (c.getAutoCommit()) {
                st.execute("VACUUM ANALYZE omop.person, omop.procedure_occurrence, omop.image_occurrence, omop.note, omop.note_nlp, omop.measurement, omop.image_feature");
            } else {
                st.execute("ANALYZE omop.person, omop.procedure_occurrence, omop.image_occurrence, omop.note, omop.note_nlp, omop.measurement, omop.image_feature");
            }
            return series;
        }
    }
}
