package org.radbridge.console;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The population at a glance, from the research view (OMOP: pseudonymised persons, no identifiers), so what the page
 * shows and downloads is what a researcher may see. Each query is one GROUP BY over an indexed OMOP table.
 */
public final class PopulationQueries {
    public static final List<String> CHARTS = List.of("modality-month", "age-sex", "top-procedures", "findings-year", "ct-dose");

    private final JdbcTemplate jdbc;
    private final SmallCells small;

    public PopulationQueries(DataSource ds, SmallCells small) {
        this.jdbc = new JdbcTemplate(ds);
        this.small = small;
    }

    public SmallCells smallCells() {
        return small;
    }

    public DataTable table(String name) {
        return switch (name) {
            case "modality-month" -> modalityPerMonth();
            case "age-sex" -> ageSex();
            case "top-procedures" -> topProcedures();
            case "findings-year" -> findingsByYear();
            case "ct-dose" -> ctDoseByProtocol();
            default -> throw new IllegalArgumentException("no chart " + name);
        };
    }

    /** Studies (procedure occurrences) per month of the study date and modality of their series. */
    DataTable modalityPerMonth() {
        List<List<Object>> rows = new ArrayList<>();
        // modalities of each study first (a hash aggregate), then months: a third of the time of count(DISTINCT) on 100,000 studies
        jdbc.query("SELECT to_char(date_trunc('month', po.procedure_date), 'YYYY-MM'), coalesce(m.concept_code, 'unknown'), count(*) "
                + "FROM (SELECT procedure_occurrence_id, modality_concept_id FROM omop.image_occurrence GROUP BY 1, 2) io "
                + "JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = io.procedure_occurrence_id "
                + "LEFT JOIN omop.concept m ON m.concept_id = io.modality_concept_id GROUP BY 1, 2 ORDER BY 1, 2", rs -> {
            rows.add(List.of(rs.getString(1), rs.getString(2), small.cell(rs.getLong(3))));
        });
        return new DataTable("modality-month", "Studies per modality per month", List.of("month", "modality", "studies"), rows);
    }

    /** Imaged persons by sex and ten-year age band at their first imaging. */
    DataTable ageSex() {
        List<List<Object>> rows = new ArrayList<>();
        jdbc.query("WITH first AS (SELECT person_id, min(procedure_date) AS first_date FROM omop.procedure_occurrence GROUP BY person_id) "
                + "SELECT least(90, (extract(year FROM f.first_date)::int - p.year_of_birth) / 10 * 10) AS band, "
                + "CASE p.gender_concept_id WHEN 8532 THEN 'female' WHEN 8507 THEN 'male' ELSE 'other/unknown' END AS sex, count(*) "
                + "FROM first f JOIN omop.person p ON p.person_id = f.person_id GROUP BY 1, 2 ORDER BY 1 DESC, 2", rs -> {
            int band = rs.getInt(1);
            rows.add(List.of(band >= 90 ? "90+" : band + "-" + (band + 9), rs.getString(2), small.cell(rs.getLong(3))));
        });
        return new DataTable("age-sex", "Imaged persons by age at first imaging and sex", List.of("age", "sex", "persons"), rows);
    }

    DataTable topProcedures() {
        List<List<Object>> rows = new ArrayList<>();
        jdbc.query("SELECT coalesce(c.vocabulary_id || ' ' || c.concept_code, 'unmapped'), coalesce(c.concept_name, 'no procedure concept'), count(*) "
                + "FROM omop.procedure_occurrence po LEFT JOIN omop.concept c ON c.concept_id = po.procedure_concept_id AND po.procedure_concept_id <> 0 "
                + "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 20", rs -> {
            rows.add(List.of(rs.getString(1), rs.getString(2), small.cell(rs.getLong(3))));
        });
        return new DataTable("top-procedures", "Top procedures", List.of("code", "procedure", "studies"), rows);
    }

    /** The ten most mentioned findings of each year of the notes, mentions split into present (term_exists Y) and absent (N). */
    DataTable findingsByYear() {
        List<List<Object>> rows = new ArrayList<>();
        jdbc.query("WITH y AS (SELECT extract(year FROM n.note_date)::int AS year, nlp.note_nlp_concept_id AS concept_id, "
                + "count(*) FILTER (WHERE nlp.term_exists = 'Y') AS present, count(*) FILTER (WHERE nlp.term_exists = 'N') AS absent "
                + "FROM omop.note_nlp nlp JOIN omop.note n ON n.note_id = nlp.note_id WHERE nlp.note_nlp_concept_id <> 0 GROUP BY 1, 2), "
                + "r AS (SELECT y.*, row_number() OVER (PARTITION BY year ORDER BY present + absent DESC, concept_id) AS rank FROM y) "
                + "SELECT r.year, coalesce(c.concept_name, r.concept_id::text), r.present, r.absent FROM r "
                + "LEFT JOIN omop.concept c ON c.concept_id = r.concept_id WHERE r.rank <= 10 ORDER BY r.year DESC, r.rank", rs -> {
            rows.add(List.of(rs.getInt(1), rs.getString(2), small.cell(rs.getLong(3)), small.cell(rs.getLong(4))));
        });
        return new DataTable("findings-year", "Top findings by year (NLP mentions)", List.of("year", "finding", "present", "absent"), rows);
    }

    /**
     * CT dose per protocol (the study's procedure concept) and dose index, from what `radbridge qc` stored (research.qc_result:
     * CT_CTDIVOL_DRL* the study's highest CTDIvol, CT_DLP_DRL* its dose SR's DLP total; the same source as the recipe
     * ct-dose-by-protocol-scanner.sql). One value per study and index even when two rules checked it. A group smaller than
     * the small-cell threshold keeps only its masked count: its minimum and maximum would be single patients' doses.
     */
    DataTable ctDoseByProtocol() {
        List<List<Object>> rows = new ArrayList<>();
        jdbc.query("WITH d AS (SELECT DISTINCT ON (q.procedure_occurrence_id, 2) q.procedure_occurrence_id, "
                + "CASE WHEN q.rule_id LIKE 'CT\\_CTDIVOL\\_DRL%' THEN 'CTDIvol (mGy)' ELSE 'DLP (mGy.cm)' END AS dose_index, q.value_as_number AS v "
                + "FROM research.qc_result q WHERE (q.rule_id LIKE 'CT\\_CTDIVOL\\_DRL%' OR q.rule_id LIKE 'CT\\_DLP\\_DRL%') "
                + "AND q.value_as_number IS NOT NULL AND q.procedure_occurrence_id IS NOT NULL ORDER BY q.procedure_occurrence_id, 2, q.value_as_number DESC) "
                + "SELECT d.dose_index, coalesce(pc.concept_name, 'unmapped'), count(*), min(d.v), "
                + "percentile_cont(0.25) WITHIN GROUP (ORDER BY d.v), percentile_cont(0.5) WITHIN GROUP (ORDER BY d.v), "
                + "percentile_cont(0.75) WITHIN GROUP (ORDER BY d.v), max(d.v) "
                + "FROM d JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = d.procedure_occurrence_id "
                + "LEFT JOIN omop.concept pc ON pc.concept_id = po.procedure_concept_id AND po.procedure_concept_id <> 0 "
                + "GROUP BY 1, 2 ORDER BY 1, 2", rs -> {
            long n = rs.getLong(3);
            Object count = small.cell(n);
            List<Object> r = new ArrayList<>(List.of(rs.getString(1), rs.getString(2), count));
            for (int col = 4; col <= 8; col++) r.add(count instanceof DataTable.Suppressed ? null : round(rs.getDouble(col)));
            rows.add(java.util.Collections.unmodifiableList(r));
        });
        return new DataTable("ct-dose", "CT dose by protocol (from radbridge qc)",
                List.of("dose index", "protocol", "studies", "min", "q1", "median", "q3", "max"), rows);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
