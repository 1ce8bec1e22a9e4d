package org.radbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.radbridge.research.cohort.CohortCompiler;
import org.radbridge.research.cohort.CohortDefinition;
import org.radbridge.research.cohort.CohortDefinitionException;
import org.radbridge.research.cohort.CohortDefinitionParser;
import org.radbridge.research.cohort.CohortRunner;
import org.radbridge.research.cohort.CompiledCohort;
import org.radbridge.research.cohort.JdbcConceptResolver;
import org.radbridge.research.governance.AuditLog;
import org.radbridge.research.manifest.LabelSet;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cohort runs as research's toolkit records them (radbridge.research_audit, cohort.json and manifest.csv in the run's
 * folder), and running a saved definition exactly as {@code radbridge cohort run FILE} does (CohortRunner: omop.cohort,
 * the manifest, cohort.json and the audit row in one transaction).
 */
public final class CohortRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int PAGE = 50;

    public record Run(long auditId, String at, String action, String actor, String name, String sha256, Long persons, Long studies,
                      Long series, Long rows, String output, String cohortDefinitionId) {
        public String shortSha() {
            return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
        }

        public boolean manifestRun() {
            return action.equals("cohort-run");
        }
    }

    public record Step(int step, String criterion, long persons, long studies, long series) {}

    /** What the run's folder still holds: its attrition, and whether manifest.csv is this run's (a later run of the same name replaces it). */
    public record RunFiles(List<Step> attrition, boolean manifestHere, String problem) {}

    /** A saved definition: id is "folder/file" as listed, never a path taken from the request. */
    public record Definition(String id, Path file, String name, String description, String problem) {}

    public record Outcome(long auditId, String text) {}

    private final DataSource ds;
    private final JdbcTemplate jdbc;
    private final Path home;
    private final Path dataDir;
    private final Path savedDir;

    public CohortRuns(DataSource ds, Path home, Path dataDir, Path savedDir) {
        this.ds = ds;
        this.jdbc = new JdbcTemplate(ds);
        this.home = home;
        this.dataDir = dataDir;
        this.savedDir = savedDir;
    }

    /** The configured folder of saved definitions: RADBRIDGE_COHORT_DEFINITIONS, else DATA/cohort-definitions. */
    public static Path savedDir(Path dataDir) {
        String v = System.getProperty("radbridge.cohort-definitions", System.getenv("RADBRIDGE_COHORT_DEFINITIONS"));
        return v == null || v.isBlank() ? dataDir.resolve("cohort-definitions") : Path.of(v);
    }

    public Path examplesDir() {
        return home.resolve("sql/cohorts/examples");
    }

    public Path savedDir() {
        return savedDir;
    }

    public List<Run> list(int page) {
        return jdbc.query("SELECT audit_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', action, actor, name, definition_sha256, "
                + "persons, studies, series, rows_written, output, details->>'cohort_definition_id' FROM radbridge.research_audit "
                + "WHERE action IN ('cohort-run', 'aggregate') ORDER BY at DESC, audit_id DESC LIMIT ? OFFSET ?", (rs, i) -> new Run(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7, Long.class),
                (Long) rs.getObject(8, Long.class), (Long) rs.getObject(9, Long.class), (Long) rs.getObject(10, Long.class), rs.getString(11),
                rs.getString(12)), PAGE + 1, page * PAGE);
    }

    public Optional<Run> run(long auditId) {
        return jdbc.query("SELECT audit_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', action, actor, name, definition_sha256, "
                + "persons, studies, series, rows_written, output, details->>'cohort_definition_id' FROM radbridge.research_audit "
                + "WHERE audit_id = ? AND action IN ('cohort-run', 'aggregate')", (rs, i) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7, Long.class), (Long) rs.getObject(8, Long.class),
                (Long) rs.getObject(9, Long.class), (Long) rs.getObject(10, Long.class), rs.getString(11), rs.getString(12)), auditId)
                .stream().findFirst();
    }

    /** The attrition of cohort.json in the run's folder, if that file is still this run's (its audit_id). */
    public RunFiles files(Run run) {
        if (!run.manifestRun() || run.output() == null) return new RunFiles(List.of(), false, "an aggregate run writes counts only, no manifest");
        Path json = Path.of(run.output()).resolve("cohort.json");
        if (!Files.isRegularFile(json)) return new RunFiles(List.of(), false, "its folder " + run.output() + " holds no cohort.json (moved or on another machine)");
        try {
            JsonNode j = JSON.readTree(json.toFile());
            if (j.path("audit_id").asLong(-1) != run.auditId()) {
                return new RunFiles(List.of(), false, "a later run (audit " + j.path("audit_id").asText() + ") wrote its folder again; open that run for its files");
            }
            List<Step> steps = new ArrayList<>();
            for (JsonNode s : j.path("attrition")) {
                steps.add(new Step(s.path("step").asInt(), s.path("criterion").asText(), s.path("persons").asLong(), s.path("studies").asLong(),
                        s.path("series").asLong()));
            }
            return new RunFiles(steps, Files.isRegularFile(manifest(run)), null);
        } catch (IOException e) {
            return new RunFiles(List.of(), false, "cohort.json could not be read: " + e.getMessage());
        }
    }

    public Path manifest(Run run) {
        return Path.of(run.output()).resolve("manifest.csv");
    }

    public List<Definition> definitions() {
        List<Definition> out = new ArrayList<>();
        list("examples", examplesDir(), out);
        list("saved", savedDir, out);
        return out;
    }

    private static void list(String folder, Path dir, List<Definition> out) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
                try {
                    CohortDefinition d = CohortDefinitionParser.parse(f);
                    out.add(new Definition(folder + "/" + f.getFileName(), f, d.name(), d.description(), null));
                } catch (CohortDefinitionException e) {
                    out.add(new Definition(folder + "/" + f.getFileName(), f, f.getFileName().toString(), null, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the listed definition with this id as `radbridge cohort run` would; the actor is the console user's token name. */
    public Outcome runDefinition(String id, String tokenName) throws Exception {
        return runDefinition(id, tokenName, step -> { });
    }

    /** The saved definition {@code id}, parsed: a definition with a problem throws its file:line error here. */
    public CohortDefinition parse(String id) throws Exception {
        Definition def = definitions().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saved definition " + id));
        return CohortDefinitionParser.parse(def.file());
    }

    /** As {@link #runDefinition(String, String)}, telling {@code steps} when the cohort is compiled (1) and selected (2). */
    public Outcome runDefinition(String id, String tokenName, CohortRunQueue.Steps steps) throws Exception {
        CohortDefinition definition = parse(id);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (Connection c = ds.getConnection(); PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
             PrintStream runnerOut = new PrintStream(CohortRunQueue.firstOutput(text, steps), true, StandardCharsets.UTF_8)) {
            CompiledCohort compiled = CohortCompiler.compile(definition, new JdbcConceptResolver(c));
            steps.reached(1);
            LabelSet labels = null;
            Path lf = home.resolve("terminology/label-sets/" + definition.labelSet() + ".csv");
            if (definition.labelSet() != null && Files.exists(lf)) labels = LabelSet.load(definition.labelSet(), lf);
            else out.println("Label set " + lf + " not found: the manifest has no label columns");
            Path outDir = dataDir.resolve("cohorts").resolve(definition.name().replaceAll("[^A-Za-z0-9_.-]", "_"));
            CohortRunner.Result r = CohortRunner.run(c, compiled, new CohortRunner.Options(outDir, null, false, 0, labels,
                    AuditLog.actor(c, tokenName)), runnerOut, runnerOut);
            return new Outcome(r.auditId(), text.toString(StandardCharsets.UTF_8).trim());
        }
    }
}
