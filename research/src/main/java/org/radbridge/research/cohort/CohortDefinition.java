package org.radbridge.research.cohort;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed cohort definition (see sql/cohorts/README.md for the file format). Criteria are applied in the order
 * the README lists them; every present criterion is one attrition step.
 */
public record CohortDefinition(
        String name,
        String description,
        String file,
        String sourceText,
        ConceptSetSpec modality,
        ConceptSetSpec bodySite,
        ConceptSetSpec procedure,
        Range age,
        List<String> sexes,
        int sexLine,
        LocalDate dateFrom,
        LocalDate dateTo,
        List<Finding> findings,
        List<MeasurementCriterion> measurements,
        List<String> excludeQcRules,
        Occurrence occurrence,
        FollowUp followUp,
        String labelSet) {

    public enum Occurrence { FIRST, ALL }

    /** What the reports of a study say about a finding (NOTE_NLP mentions about the patient, aggregated per study). */
    public enum FindingStatus {
        PRESENT, ABSENT, UNCERTAIN, NOT_PRESENT;

        public String code() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Inclusive bounds; either may be null. */
    public record Range(Double min, Double max) {}

    public record Finding(ConceptSetSpec concepts, FindingStatus status, int line) {}

    /** A finding's measured size from the report (MEASUREMENT linked through IMAGE_FEATURE), in mm, inclusive bounds. */
    public record MeasurementCriterion(ConceptSetSpec finding, Range mm, int line) {}

    /** A second qualifying study of the same person, after the study and at most {@code withinMonths} later. */
    public record FollowUp(int withinMonths, int minDays) {}
}
