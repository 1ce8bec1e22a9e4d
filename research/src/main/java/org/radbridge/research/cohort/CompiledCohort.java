package org.radbridge.research.cohort;

import java.util.List;

/**
 * A cohort definition compiled against the vocabulary: {@code sql} returns one row per qualifying series (person_id,
 * procedure_occurrence_id, image_occurrence_id, study_date, age_at_study); {@code attritionSql} returns, per step
 * (0 = every imaging series in OMOP), the persons, studies and series left.
 */
public record CompiledCohort(CohortDefinition definition, String sql, String attritionSql, List<String> steps, String definitionSha256) {}
