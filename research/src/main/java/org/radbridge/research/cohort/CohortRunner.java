package org.radbridge.research.cohort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.radbridge.research.governance.AuditLog;
import org.radbridge.research.governance.SmallCells;
import org.radbridge.research.manifest.LabelSet;
import org.radbridge.research.manifest.ManifestRow;
import org.radbridge.research.manifest.ManifestWriter;
import org.radbridge.research.manifest.SeriesFacts;
import org.radbridge.research.manifest.WeakLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a compiled cohort: attrition counts, omop.cohort + omop.cohort_definition (OHDSI convention: one cohort row per
 * person and qualifying study date), the manifest with weak labels, cohort.json, and the audit row, all in one
 * transaction (the files are written before it commits; a failure leaves no database trace).
 */
public final class CohortRunner {
    private static final Logger log = LoggerFactory.getLogger(CohortRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** OMOP domain concept "Person" (DOMAIN.domain_concept_id 56): the subjects of the cohort are persons. */
    static final int SUBJECT_PERSON = 56;

    public record Options(Path outDir, String name, boolean aggregate, int minCell, LabelSet labelSet, String actor) {}

    public record Step(String label, long persons, long studies, long series) {}

    public record Result(int cohortDefinitionId, List<Step> attrition, long persons, long studies, long series, int cohortRows,
                         List<ManifestRow> rows, long auditId) {}

    private CohortRunner() {}

    public static Result run(Connection c, CompiledCohort cohort, Options o, PrintStream out, PrintStream err) throws SQLException, IOException {
        String name = o.name() != null ? o.name() : cohort.definition().name();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<Step> attrition = attrition(c, cohort);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS pg_temp.cohort_series");
                st.execute("CREATE TEMP TABLE cohort_series ON COMMIT DROP AS " + cohort.sql());
            }
            Step last = attrition.get(attrition.size() - 1);
            Result result;
            if (o.aggregate()) {
                result = aggregate(c, cohort, o, name, attrition, last, out);
            } else {
                printAttrition(out, name, attrition, null);
                result = full(c, cohort, o, name, attrition, last, out, err);
            }
            c.commit();
            return result;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static List<Step> attrition(Connection c, CompiledCohort cohort) throws SQLException {
        List<Step> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(cohort.attritionSql())) {
            while (rs.next()) out.add(new Step(cohort.steps().get(rs.getInt(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
        return out;
    }

    private static Result full(Connection c, CompiledCohort cohort, Options o, String name, List<Step> attrition, Step last, PrintStream out,
                               PrintStream err) throws SQLException, IOException {
        List<ManifestRow> rows = manifestRows(c, o.labelSet(), err);
        int definitionId = cohortDefinitionId(c, name);
        int cohortRows = writeCohort(c, definitionId, name, cohort);
        Path dir = o.outDir();
        ManifestWriter.write(dir, o.labelSet() == null ? List.of() : o.labelSet().labels(), rows);
        long auditId = AuditLog.record(c, new AuditLog.Entry("cohort-run", o.actor(), name, cohort.definitionSha256(), last.persons(), last.studies(),
                last.series(), (long) rows.size(), dir.toAbsolutePath().toString(), Map.of("cohort_definition_id", definitionId, "cohort_rows", cohortRows,
                "label_set", o.labelSet() == null ? "" : o.labelSet().name())));
        writeCohortJson(dir, cohort, name, definitionId, attrition, o, auditId, rows.size());
        if (rows.isEmpty()) {
            out.println("The cohort matches nobody: wrote an empty manifest (header only) to " + dir.toAbsolutePath());
        } else {
            out.println("Wrote " + rows.size() + " series (" + last.studies() + " studies, " + last.persons() + " persons) to "
                    + dir.toAbsolutePath() + " (manifest.csv, manifest.jsonl, cohort.json); omop.cohort definition " + definitionId
                    + " holds " + cohortRows + " rows");
        }
        log.info("Cohort '{}' run: {} persons, {} studies, {} series (audit {})", name, last.persons(), last.studies(), last.series(), auditId);
        return new Result(definitionId, attrition, last.persons(), last.studies(), last.series(), cohortRows, rows, auditId);
    }

    /** Counts only, small cells suppressed: the attrition, then persons by sex and 10-year age band at the first qualifying study. */
    private static Result aggregate(Connection c, CompiledCohort cohort, Options o, String name, List<Step> attrition, Step last, PrintStream out)
            throws SQLException, IOException {
        SmallCells cells = new SmallCells(o.minCell());
        StringBuilder csv = new StringBuilder("table,stratum,persons,studies,series\n");
        for (int i = 0; i < attrition.size(); i++) {
            Step s = attrition.get(i);
            csv.append("attrition,").append(quote(i + " " + s.label())).append(',').append(cells.cell(s.persons())).append(',')
                    .append(cells.cell(s.studies())).append(',').append(cells.cell(s.series())).append('\n');
        }
        String strata = "SELECT coalesce(g.concept_code, 'unknown') AS sex, (f.age_at_study / 10) * 10 AS band, count(*) FROM "
                + "(SELECT DISTINCT ON (person_id) person_id, age_at_study FROM cohort_series ORDER BY person_id, study_date) f "
                + "JOIN omop.person p ON p.person_id = f.person_id LEFT JOIN omop.concept g ON g.concept_id = p.gender_concept_id AND p.gender_concept_id <> 0 "
                + "GROUP BY 1, 2 ORDER BY 1, 2";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(strata)) {
            while (rs.next()) {
                csv.append("persons_by_sex_age,").append(rs.getString(1)).append(' ').append(rs.getInt(2)).append('-').append(rs.getInt(2) + 9)
                        .append(',').append(cells.cell(rs.getLong(3))).append(",,\n");
            }
        }
        String text = csv.toString();
        String where = "stdout";
        if (o.outDir() != null) {
            Files.createDirectories(o.outDir());
            Path f = o.outDir().resolve("aggregate.csv");
            Files.writeString(f, text + "# " + cells.notice() + "\n", StandardCharsets.UTF_8);
            where = f.toAbsolutePath().toString();
            out.println("Wrote the aggregate counts of cohort '" + name + "' to " + where);
        } else {
            out.print(text);
        }
        out.println(cells.notice());
        long auditId = AuditLog.record(c, new AuditLog.Entry("aggregate", o.actor(), name, cohort.definitionSha256(), last.persons(), last.studies(),
                last.series(), null, where, Map.of("min_cell", o.minCell(), "suppressed_cells", cells.suppressedCells())));
        return new Result(0, attrition, last.persons(), last.studies(), last.series(), 0, List.of(), auditId);
    }

    static void printAttrition(PrintStream out, String name, List<Step> attrition, SmallCells cells) {
        int w = Math.max(20, attrition.stream().mapToInt(s -> s.label().length()).max().orElse(20));
        out.println("Cohort '" + name + "': attrition");
        out.printf("%-4s %-" + w + "s %10s %10s %10s%n", "step", "criterion", "persons", "studies", "series");
        for (int i = 0; i < attrition.size(); i++) {
            Step s = attrition.get(i);
            out.printf("%-4d %-" + w + "s %10s %10s %10s%n", i, s.label(), n(cells, s.persons()), n(cells, s.studies()), n(cells, s.series()));
        }
    }

    private static String n(SmallCells cells, long v) {
        return cells == null ? String.valueOf(v) : cells.cell(v);
    }

    private static List<ManifestRow> manifestRows(Connection c, LabelSet labelSet, PrintStream err) throws SQLException {
        Optional<Map<Integer, SeriesFacts.Facts>> facts = SeriesFacts.read(c, "cohort_series");
        if (facts.isEmpty()) err.println("Slice thickness, pixel spacing, manufacturer and model left blank: this database role may not read staging");
        Map<Integer, WeakLabels.StudyLabels> labels = labelSet == null ? Map.of() : WeakLabels.compute(c, "cohort_series", labelSet);
        String sql = """
                SELECT coalesce(p.person_source_value, cs.person_id::text), io.image_study_uid, io.image_series_uid, mc.concept_code, sc.concept_name,
                       cs.study_date, cs.age_at_study, coalesce(gc.concept_code, p.gender_source_value), io.wadors_uri, cs.procedure_occurrence_id,
                       cs.image_occurrence_id, dev.devices
                FROM cohort_series cs
                JOIN omop.image_occurrence io ON io.image_occurrence_id = cs.image_occurrence_id
                JOIN omop.person p ON p.person_id = cs.person_id
                LEFT JOIN omop.concept mc ON mc.concept_id = io.modality_concept_id AND io.modality_concept_id <> 0
                LEFT JOIN omop.concept sc ON sc.concept_id = io.anatomic_site_concept_id AND io.anatomic_site_concept_id <> 0
                LEFT JOIN omop.concept gc ON gc.concept_id = p.gender_concept_id AND p.gender_concept_id <> 0 AND gc.vocabulary_id = 'Gender'
                LEFT JOIN LATERAL (SELECT array_agg(DISTINCT de.device_source_value) AS devices FROM omop.device_exposure de
                                   WHERE de.person_id = cs.person_id AND de.device_exposure_start_date = cs.study_date) dev ON true
                ORDER BY 1, cs.study_date, 2, 3""";
        List<ManifestRow> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                WeakLabels.StudyLabels sl = labels.get(rs.getInt(10));
                int ageAtStudy = rs.getInt(7);
                Integer age = rs.wasNull() ? null : ageAtStudy;
                int imageId = rs.getInt(11);
                SeriesFacts.Facts f = facts.map(m -> m.get(imageId)).orElse(null);
                if (f == null) f = deviceOnly(rs.getArray(12));
                rows.add(new ManifestRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), age, rs.getString(8), f, rs.getString(9),
                        labelSet == null ? null : labelSet.name(), sl == null ? null : String.join("; ", sl.nlpSystems()),
                        sl == null ? Map.of() : sl.values()));
            }
        }
        return rows;
    }

    /**
     * Manufacturer and model from OMOP's DEVICE_EXPOSURE ("MANUFACTURER^MODEL", one row per scanner of the person on the
     * study date) when staging is out of reach; left blank when that day had more than one scanner.
     */
    static SeriesFacts.Facts deviceOnly(java.sql.Array devices) throws SQLException {
        if (devices == null) return null;
        Object[] d = (Object[]) devices.getArray();
        if (d.length != 1 || d[0] == null) return null;
        String[] p = d[0].toString().split("\\^", 2);
        return new SeriesFacts.Facts(null, null, null, p[0].isEmpty() ? null : p[0], p.length > 1 && !p[1].isEmpty() ? p[1] : null);
    }

    /** The id of the cohort definition with this name, or a new one; the table is locked so two runs cannot take the same id. */
    static int cohortDefinitionId(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE omop.cohort_definition IN SHARE ROW EXCLUSIVE MODE");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT min(cohort_definition_id) FROM omop.cohort_definition WHERE cohort_definition_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int id = rs.getInt(1);
                if (!rs.wasNull()) return id;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(cohort_definition_id), 0) + 1 FROM omop.cohort_definition")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int writeCohort(Connection c, int id, String name, CompiledCohort cohort) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM omop.cohort WHERE cohort_definition_id = ?");
             PreparedStatement delDef = c.prepareStatement("DELETE FROM omop.cohort_definition WHERE cohort_definition_id = ?")) {
            del.setInt(1, id);
            del.executeUpdate();
            delDef.setInt(1, id);
            delDef.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.cohort_definition (cohort_definition_id, cohort_definition_name, cohort_definition_description, "
                        + "definition_type_concept_id, cohort_definition_syntax, subject_concept_id, cohort_initiation_date) VALUES (?,?,?,0,?,?,?)")) {
            ps.setInt(1, id);
            ps.setString(2, name);
            ps.setString(3, cohort.definition().description());
            ps.setString(4, cohort.sql());
            ps.setInt(5, SUBJECT_PERSON);
            ps.setDate(6, Date.valueOf(LocalDate.now()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.cohort (cohort_definition_id, subject_id, cohort_start_date, cohort_end_date) "
                        + "SELECT DISTINCT ?, person_id, study_date, study_date FROM cohort_series")) {
            ps.setInt(1, id);
            return ps.executeUpdate();
        }
    }

    private static void writeCohortJson(Path dir, CompiledCohort cohort, String name, int id, List<Step> attrition, Options o, long auditId,
                                        int rows) throws IOException {
        ObjectNode j = JSON.createObjectNode();
        j.put("name", name);
        j.put("cohort_definition_id", id);
        j.put("definition_file", cohort.definition().file());
        j.put("definition_sha256", cohort.definitionSha256());
        j.put("definition", cohort.definition().sourceText());
        j.put("sql", cohort.sql());
        j.put("ran_at", Instant.now().toString());
        j.put("ran_by", o.actor());
        j.put("audit_id", auditId);
        Step last = attrition.get(attrition.size() - 1);
        ObjectNode counts = j.putObject("counts");
        counts.put("persons", last.persons());
        counts.put("studies", last.studies());
        counts.put("series", last.series());
        counts.put("manifest_rows", rows);
        ArrayNode a = j.putArray("attrition");
        for (int i = 0; i < attrition.size(); i++) {
            Step s = attrition.get(i);
            a.addObject().put("step", i).put("criterion", s.label()).put("persons", s.persons()).put("studies", s.studies()).put("series", s.series());
        }
        if (o.labelSet() != null) j.putObject("labels").put("set", o.labelSet().name()).put("file", o.labelSet().source())
                .put("convention", "CheXpert: 1 present, 0 absent, -1 uncertain, blank not mentioned");
        Files.writeString(dir.resolve("cohort.json"), JSON.writeValueAsString(j) + "\n", StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

}
