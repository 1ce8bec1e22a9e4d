package org.radbridge.write.omop;

import org.radbridge.mappings.MappingTarget;
import org.radbridge.terminology.VocabularyLoader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What the study rows carry beyond their own columns, set right after OmopStudyWriter has written them (in its
 * transaction): the study's VISIT_OCCURRENCE, the source concept of the procedure code and the image's WADO-RS
 * address. Kept apart from the row writers so that their column lists stay theirs.
 */
final class StudyLinks {
    private StudyLinks() {}

    /**
     * Links the procedure to its visit and sets procedure_source_concept_id: the concept of the code the
     * procedure mapping gave the study description (an OHDSI concept where the vocabulary holds the code,
     * the subset's site concept otherwise); 0 when the description is unmapped.
     */
    static void procedure(Connection c, int procedureId, int visitId, MappingTarget target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE omop.procedure_occurrence SET visit_occurrence_id = ?, procedure_source_concept_id = coalesce(("
                        + "SELECT concept_id FROM omop.concept WHERE vocabulary_id = ? AND concept_code = ? "
                        + "ORDER BY (invalid_reason IS NULL) DESC, (concept_id < " + VocabularyLoader.FIRST_SITE_CONCEPT_ID + ") DESC, concept_id LIMIT 1), "
                        + "?) WHERE procedure_occurrence_id = ?")) {
            ps.setInt(1, visitId);
            ps.setString(2, target == null || target.code() == null ? "" : target.vocabularyId());
            ps.setString(3, target == null || target.code() == null ? "" : target.code());
            ps.setInt(4, target == null || target.conceptId() == null ? 0 : target.conceptId());
            ps.setInt(5, procedureId);
            ps.executeUpdate();
        }
    }

    static void image(Connection c, int imageId, int visitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE omop.image_occurrence SET visit_occurrence_id = ? WHERE image_occurrence_id = ?")) {
            ps.setInt(1, visitId);
            ps.setInt(2, imageId);
            ps.executeUpdate();
        }
    }


    /**
     * Widens the person's observation period to the dates of all their image rows: a series date (0008,0021) can
     * lie outside the span of the study dates the period is built from, and every imaging event must fall inside.
     */
    static void observationPeriodCoversImages(Connection c, int personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE omop.observation_period o SET observation_period_start_date = least(o.observation_period_start_date, i.first), "
                        + "observation_period_end_date = greatest(o.observation_period_end_date, i.last) "
                        + "FROM (SELECT min(image_occurrence_date) AS first, max(image_occurrence_date) AS last FROM omop.image_occurrence "
                        + "WHERE person_id = ?) i WHERE o.person_id = ? AND i.first IS NOT NULL "
                        + "AND (i.first < o.observation_period_start_date OR i.last > o.observation_period_end_date)")) {
            ps.setInt(1, personId);
            ps.setInt(2, personId);
            ps.executeUpdate();
        }
    }
}
