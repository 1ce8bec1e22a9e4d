package org.radbridge.research.cohort;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles a {@link CohortDefinition} into one SQL statement on schema omop. Codes are resolved to concept ids here
 * (an unknown code is an error naming its line); descendants and 'Maps to' are expanded by the statement itself through
 * CONCEPT_ANCESTOR and CONCEPT_RELATIONSHIP, as OHDSI ATLAS does, so the SQL stays correct after a vocabulary update.
 * Every literal in the SQL is a resolved integer, a date or a validated rule id: no text from the file reaches it.
 *
 * <p>The statement is a chain of CTEs at series grain (s1, s2 ...), one per criterion in a fixed order, so that the
 * attrition table counts what each criterion left.
 */
public final class CohortCompiler {
    /** The CDM Field concept measurement.measurement_id, which IMAGE_FEATURE names for a MEASUREMENT event (MI-CDM; mappings/cdm_field.csv). */
    static final int MEASUREMENT_FIELD = 1147138;

    private final ConceptResolver resolver;
    private final List<String> conceptSetCtes = new ArrayList<>();
    private final List<String> helperCtes = new ArrayList<>();
    private final List<String> stepCtes = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();
    private boolean studyNoteNeeded;
    private String file;

    private CohortCompiler(ConceptResolver resolver) {
        this.resolver = resolver;
    }

    public static CompiledCohort compile(CohortDefinition d, ConceptResolver resolver) throws CohortDefinitionException, SQLException {
        return new CohortCompiler(resolver).run(d);
    }

    private CompiledCohort run(CohortDefinition d) throws CohortDefinitionException, SQLException {
        file = d.file();
        steps.add("imaging series in OMOP");
        if (d.modality() != null) {
            String cs = conceptSet(d.modality());
            step("modality " + describe(d.modality()), "modality_concept_id IN (SELECT concept_id FROM " + cs + ")");
        }
        if (d.bodySite() != null) {
            String cs = conceptSet(d.bodySite());
            step("body site " + describe(d.bodySite()), "anatomic_site_concept_id IN (SELECT concept_id FROM " + cs + ")");
        }
        if (d.procedure() != null) {
            String cs = conceptSet(d.procedure());
            step("procedure " + describe(d.procedure()), "procedure_concept_id IN (SELECT concept_id FROM " + cs + ")");
        }
        if (d.age() != null) {
            List<String> c = new ArrayList<>();
            if (d.age().min() != null) c.add("age_at_study >= " + num(d.age().min()));
            if (d.age().max() != null) c.add("age_at_study <= " + num(d.age().max()));
            step("age at study " + range(d.age().min(), d.age().max(), " years"), String.join(" AND ", c));
        }
        if (!d.sexes().isEmpty()) {
            Set<Integer> ids = new LinkedHashSet<>();
            for (String s : d.sexes()) {
                List<Integer> found = resolver.byCode("Gender", s);
                if (found.isEmpty()) throw new CohortDefinitionException(file, d.sexLine(), "sex", "no concept matches Gender " + s
                        + " (the OMOP Gender vocabulary is not loaded)");
                ids.addAll(found);
            }
            step("sex " + String.join(", ", d.sexes()), "gender_concept_id IN (" + ints(ids) + ")");
        }
        if (d.dateFrom() != null || d.dateTo() != null) {
            List<String> c = new ArrayList<>();
            if (d.dateFrom() != null) c.add("study_date >= DATE '" + d.dateFrom() + "'");
            if (d.dateTo() != null) c.add("study_date <= DATE '" + d.dateTo() + "'");
            step("study date " + (d.dateFrom() == null ? "…" : d.dateFrom()) + " to " + (d.dateTo() == null ? "…" : d.dateTo()), String.join(" AND ", c));
        }
        int f = 0;
        for (CohortDefinition.Finding finding : d.findings()) {
            String cs = conceptSet(finding.concepts());
            studyNoteNeeded = true;
            String name = "finding_" + (++f);
            helperCtes.add(name + " AS (\n  SELECT procedure_occurrence_id, " + StudyNotes.AGGREGATE_STATUS_SQL + " AS status\n"
                    + "  FROM (SELECT sn.procedure_occurrence_id, " + StudyNotes.ASSERTION_SQL + " AS a\n"
                    + "        FROM study_note sn JOIN omop.note_nlp nlp ON nlp.note_id = sn.note_id\n"
                    + "        WHERE nlp.note_nlp_concept_id IN (SELECT concept_id FROM " + cs + ")\n"
                    + "          AND " + StudyNotes.ABOUT_PATIENT_NOW_SQL + ") m\n"
                    + "  GROUP BY procedure_occurrence_id)");
            String label = "finding " + describe(finding.concepts()) + " " + finding.status().code();
            switch (finding.status()) {
                case PRESENT, ABSENT, UNCERTAIN -> step(label, "procedure_occurrence_id IN (SELECT procedure_occurrence_id FROM " + name
                        + " WHERE status = '" + finding.status().code() + "')");
                case NOT_PRESENT -> step(label + " (study has a report)", "procedure_occurrence_id IN (SELECT procedure_occurrence_id FROM study_note)"
                        + " AND procedure_occurrence_id NOT IN (SELECT procedure_occurrence_id FROM " + name + " WHERE status = 'present')");
            }
        }
        for (CohortDefinition.MeasurementCriterion m : d.measurements()) {
            String cs = conceptSet(m.finding());
            List<String> having = new ArrayList<>();
            if (m.mm().min() != null) having.add("max(m.value_as_number) >= " + num(m.mm().min()));
            if (m.mm().max() != null) having.add("max(m.value_as_number) <= " + num(m.mm().max()));
            step("measured " + describe(m.finding()) + " largest dimension " + range(m.mm().min(), m.mm().max(), " mm"),
                    "procedure_occurrence_id IN (SELECT io2.procedure_occurrence_id FROM omop.image_feature f\n"
                            + "      JOIN omop.measurement m ON m.measurement_id = f.image_feature_event_id\n"
                            + "      JOIN omop.image_occurrence io2 ON io2.image_occurrence_id = f.image_occurrence_id\n"
                            + "      WHERE f.image_feature_event_field_concept_id = " + MEASUREMENT_FIELD + " AND m.unit_source_value = 'mm'\n"
                            + "        AND f.image_finding_concept_id IN (SELECT concept_id FROM " + cs + ")\n"
                            + "      GROUP BY io2.procedure_occurrence_id, f.image_finding_id HAVING " + String.join(" AND ", having) + ")");
        }
        if (!d.excludeQcRules().isEmpty()) {
            String rules = d.excludeQcRules().stream().map(r -> "'" + r + "'").collect(Collectors.joining(", "));
            step("no failed QC rule " + String.join(", ", d.excludeQcRules()),
                    "procedure_occurrence_id NOT IN (SELECT q.procedure_occurrence_id FROM research.qc_result q WHERE q.status = 'fail'"
                            + " AND q.procedure_occurrence_id IS NOT NULL AND q.rule_id IN (" + rules + "))");
        }
        String qualifying = last();
        if (d.occurrence() == CohortDefinition.Occurrence.FIRST) {
            step("first qualifying study per person", "procedure_occurrence_id IN (SELECT DISTINCT ON (person_id) procedure_occurrence_id FROM "
                    + qualifying + " ORDER BY person_id, study_date, procedure_occurrence_id)");
        }
        if (d.followUp() != null) {
            String prev = last();
            String name = "s" + (stepCtes.size() + 1);
            stepCtes.add(name + " AS (SELECT * FROM " + prev + " x WHERE EXISTS (SELECT 1 FROM " + qualifying + " fu WHERE fu.person_id = x.person_id\n"
                    + "    AND fu.study_date >= x.study_date + " + d.followUp().minDays() + " AND fu.study_date <= x.study_date + INTERVAL '"
                    + d.followUp().withinMonths() + " months'))");
            steps.add("follow-up qualifying study " + d.followUp().minDays() + " day(s) to " + d.followUp().withinMonths() + " months later");
        }

        String with = with();
        String sql = with + "\nSELECT person_id, procedure_occurrence_id, image_occurrence_id, study_date, age_at_study FROM " + last();
        StringBuilder attrition = new StringBuilder(with).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) attrition.append("UNION ALL\n");
            attrition.append("SELECT ").append(i).append(" AS step, count(DISTINCT person_id) AS persons, count(DISTINCT procedure_occurrence_id) AS studies, ")
                    .append("count(*) AS series FROM ").append(i == 0 ? "base" : "s" + i).append('\n');
        }
        attrition.append("ORDER BY step");
        return new CompiledCohort(d, sql, attrition.toString(), List.copyOf(steps), org.radbridge.research.governance.Sha256.hex(d.sourceText()));
    }

    private String with() {
        List<String> ctes = new ArrayList<>(conceptSetCtes);
        if (studyNoteNeeded) ctes.add("study_note AS (\n" + indent(StudyNotes.STUDY_NOTE_SQL) + ")");
        ctes.addAll(helperCtes);
        ctes.add("""
                base AS (
                  SELECT io.image_occurrence_id, io.person_id, io.procedure_occurrence_id, io.modality_concept_id, io.anatomic_site_concept_id,
                         po.procedure_concept_id, po.procedure_date AS study_date, p.gender_concept_id,
                         extract(year FROM po.procedure_date)::int - p.year_of_birth
                           - CASE WHEN p.month_of_birth IS NOT NULL AND extract(month FROM po.procedure_date)::int < p.month_of_birth THEN 1 ELSE 0 END AS age_at_study
                  FROM omop.image_occurrence io
                  JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = io.procedure_occurrence_id
                  JOIN omop.person p ON p.person_id = io.person_id)""");
        ctes.addAll(stepCtes);
        return "WITH " + String.join(",\n", ctes);
    }

    private void step(String label, String condition) {
        String name = "s" + (stepCtes.size() + 1);
        stepCtes.add(name + " AS (SELECT * FROM " + last() + " WHERE " + condition + ")");
        steps.add(label);
    }

    private String last() {
        return stepCtes.isEmpty() ? "base" : "s" + stepCtes.size();
    }

    /** Resolves a concept set and adds its CTE; returns the CTE's name. */
    private String conceptSet(ConceptSetSpec spec) throws CohortDefinitionException, SQLException {
        Set<Integer> incl = new LinkedHashSet<>(), inclDesc = new LinkedHashSet<>(), mapped = new LinkedHashSet<>(), mappedDesc = new LinkedHashSet<>();
        Set<Integer> excl = new LinkedHashSet<>(), exclDesc = new LinkedHashSet<>();
        for (ConceptSetSpec.Item item : spec.items()) {
            List<Integer> ids = resolve(spec, item);
            (item.excluded() ? excl : incl).addAll(ids);
            if (item.includeDescendants()) (item.excluded() ? exclDesc : inclDesc).addAll(ids);
            if (item.includeMapped() && !item.excluded()) {
                mapped.addAll(ids);
                if (item.includeDescendants()) mappedDesc.addAll(ids);
            }
        }
        String name = "cs_" + (conceptSetCtes.size() + 1);
        StringBuilder b = new StringBuilder(name).append(" (concept_id) AS (\n  -- ").append(spec.key()).append(" (line ").append(spec.line()).append(")\n");
        List<String> parts = new ArrayList<>();
        parts.add("SELECT concept_id FROM omop.concept WHERE concept_id IN (" + ints(incl) + ")");
        // a code that is not standard counts through the standard concept it maps to, which is what clinical rows hold
        parts.add("SELECT cr.concept_id_2 FROM omop.concept_relationship cr WHERE cr.concept_id_1 IN (" + ints(incl)
                + ") AND cr.relationship_id = 'Maps to' AND cr.invalid_reason IS NULL");
        if (!inclDesc.isEmpty()) parts.add("SELECT ca.descendant_concept_id FROM omop.concept_ancestor ca WHERE ca.ancestor_concept_id IN (" + ints(inclDesc) + ")");
        if (!mapped.isEmpty()) {
            String targets = ints(mapped) + (mappedDesc.isEmpty() ? ""
                    : ") OR cr.concept_id_2 IN (SELECT ca.descendant_concept_id FROM omop.concept_ancestor ca WHERE ca.ancestor_concept_id IN (" + ints(mappedDesc) + ")");
            parts.add("SELECT cr.concept_id_1 FROM omop.concept_relationship cr WHERE cr.relationship_id = 'Maps to' AND cr.invalid_reason IS NULL AND (cr.concept_id_2 IN ("
                    + targets + "))");
        }
        b.append("  ").append(String.join("\n  UNION ", parts));
        if (!excl.isEmpty()) {
            b.append("\n  EXCEPT SELECT concept_id FROM omop.concept WHERE concept_id IN (").append(ints(excl)).append(")");
            if (!exclDesc.isEmpty()) {
                b.append("\n  EXCEPT SELECT ca.descendant_concept_id FROM omop.concept_ancestor ca WHERE ca.ancestor_concept_id IN (").append(ints(exclDesc)).append(")");
            }
        }
        b.append(")");
        conceptSetCtes.add(b.toString());
        return name;
    }

    private List<Integer> resolve(ConceptSetSpec spec, ConceptSetSpec.Item item) throws CohortDefinitionException, SQLException {
        if (item.conceptId() != null) {
            if (resolver.exists(item.conceptId())) return List.of(item.conceptId());
            if (item.vocabulary() != null && item.code() != null) {
                List<Integer> byCode = resolver.byCode(item.vocabulary(), item.code());
                if (!byCode.isEmpty()) return byCode;
            }
            throw new CohortDefinitionException(file, item.line(), spec.key(), "no concept matches concept_id " + item.conceptId());
        }
        List<Integer> ids = resolver.byCode(item.vocabulary(), item.code());
        if (ids.isEmpty()) {
            throw new CohortDefinitionException(file, item.line(), spec.key(), "no concept matches " + item.vocabulary() + " code '" + item.code() + "'");
        }
        return ids;
    }

    private static String describe(ConceptSetSpec spec) {
        String s = spec.items().stream().map(i -> (i.excluded() ? "not " : "") + (i.code() != null ? i.code() : String.valueOf(i.conceptId()))
                + (i.includeDescendants() ? "+" : "")).collect(Collectors.joining(", "));
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String range(Double min, Double max, String unit) {
        if (min != null && max != null) return num(min) + "–" + num(max) + unit;
        return min != null ? "≥ " + num(min) + unit : "≤ " + num(max) + unit;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String ints(Set<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String indent(String s) {
        return s.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
    }

}
