package org.radbridge.research.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.radbridge.research.cohort.CohortCompiler;
import org.radbridge.research.cohort.CohortDefinitionParser;
import org.radbridge.research.cohort.CompiledCohort;
import org.radbridge.research.cohort.JdbcConceptResolver;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code radbridge bench sql [--series N] [--runs R]}: generates an OMOP of at least N IMAGE_OCCURRENCE rows (1,000,000 by
 * default) in a throwaway embedded PostgreSQL, then times the seeds' chest-CT cohort (sql/cohorts/examples/chest-ct-over-50.yaml)
 * compiled by RadBridge, with RadBridge's indexes and again, in the same run, with the indexes that help it dropped.
 * Checks the cohort's series, studies and persons against a plain hand-written SQL count first.
 */
public final class SqlBench {
    /** Non-key indexes the chest-CT cohort's plan can use (V4 imaging indexes and the V13 cohort indexes). */
    static final List<String> HELPING_INDEXES = List.of(
            "omop.rb_image_occurrence_cohort_idx", "omop.rb_procedure_date_idx", "omop.rb_person_cohort_idx",
            "omop.idx_image_occurrence_procedure_occurrence_id", "omop.idx_image_occurrence_person_id", "omop.idx_procedure_person_id_1",
            "omop.idx_procedure_concept_id_1", "omop.idx_person_id");

    private SqlBench() {}

    public static int run(String[] args, Path home, PrintStream out, PrintStream err) throws Exception {
        long series = 1_000_000;
        int runs = 5;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--series" -> series = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> {
                    err.println("usage: radbridge bench sql [--series N] [--runs R]");
                    return 2;
                }
            }
        }
        Path cohortFile = home.resolve("sql/cohorts/examples/chest-ct-over-50.yaml");
        Path dir = Files.createTempDirectory("radbridge-bench-sql");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            DataSource ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).schemas("radbridge", "omop").locations("classpath:db/radbridge").load().migrate();
            new VocabularyLoader(ds).load(Terminology.load(home.resolve("terminology/codesystems")));
            try (Connection c = ds.getConnection()) {
                // 3 series per study on average, 3.3 studies per person
                int studies = (int) Math.ceil(series / 3.0 * 1.02);
                int persons = Math.max(1, studies * 3 / 10);
                err.println("Generating OMOP rows: " + persons + " persons, " + studies + " studies ...");
                long t0 = System.nanoTime();
                long rows = OmopGenerator.generate(c, new OmopGenerator.Size(persons, studies, 42), 0);
                err.printf("Generated %,d IMAGE_OCCURRENCE rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

                CompiledCohort cohort = CohortCompiler.compile(CohortDefinitionParser.parse(cohortFile), new JdbcConceptResolver(c));
                long[] plain = plainCount(c);
                long[] got = cohortCount(c, cohort);
                boolean correct = Arrays.equals(plain, got);
                out.printf("bench sql: %,d IMAGE_OCCURRENCE rows, %,d studies, %,d persons; cohort %s%n", rows, studies, persons, cohortFile.getFileName());
                out.printf("correctness: cohort %,d series / %,d studies / %,d persons; plain SQL %,d / %,d / %,d: %s%n",
                        got[0], got[1], got[2], plain[0], plain[1], plain[2], correct ? "same" : "DIFFERENT");
                double with = time(c, cohort, runs);
                String planWith = plan(c, cohort);
                long[] workWith = work(c, cohort);
                double withSerial = serial(c, cohort, runs);
                dropIndexes(c);
                double without = time(c, cohort, runs);
                long[] workWithout = work(c, cohort);
                double withoutSerial = serial(c, cohort, runs);
                long[] again = cohortCount(c, cohort);
                out.printf("with RadBridge's indexes:   median %.3f s over %d runs%n", with, runs);
                out.printf("helping indexes dropped:    median %.3f s over %d runs (%s)%n", without, runs, String.join(", ", HELPING_INDEXES));
                out.printf("ratio (without / with): %.2f; target with indexes <= 1 s: %s%n", without / with, with <= 1.0 ? "met" : "NOT met");
                out.printf("one backend each (max_parallel_workers_per_gather = 0): with indexes %.3f s, without %.3f s, ratio %.2f%n",
                        withSerial, withoutSerial, withoutSerial / withSerial);
                out.printf("work (EXPLAIN ANALYZE BUFFERS, one run): with indexes %,d buffers touched, server execution %.3f s; without %,d buffers, %.3f s%n",
                        workWith[0], workWith[1] / 1000.0, workWithout[0], workWithout[1] / 1000.0);
                out.println("scans with indexes: " + planWith + "; without: " + plan(c, cohort));
                out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
                if (!correct || !Arrays.equals(again, got)) {
                    out.println("bench sql: the cohort's count differs from the plain SQL count");
                    return 1;
                }
            }
        } finally {
            deleteTree(dir);
        }
        return 0;
    }

    /** The chest-CT question written by hand: CT series, chest, 50 or older at the study, studies 2012 to 2016. */
    static long[] plainCount(Connection c) throws SQLException {
        String sql = """
                SELECT count(*), count(DISTINCT io.procedure_occurrence_id), count(DISTINCT io.person_id)
                FROM omop.image_occurrence io
                JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = io.procedure_occurrence_id
                JOIN omop.person p ON p.person_id = io.person_id
                WHERE io.modality_concept_id = (SELECT concept_id FROM omop.concept WHERE vocabulary_id = 'DICOM' AND concept_code = 'CT')
                  AND io.anatomic_site_concept_id = (SELECT concept_id FROM omop.concept WHERE vocabulary_id = 'SNOMED' AND concept_code = '816094009')
                  AND po.procedure_date BETWEEN DATE '2012-01-01' AND DATE '2016-12-31'
                  AND make_date(p.year_of_birth, coalesce(p.month_of_birth, 1), 1) <= (date_trunc('month', po.procedure_date) - INTERVAL '50 years')""";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    static long[] cohortCount(Connection c, CompiledCohort cohort) throws SQLException {
        long n = 0;
        Set<Integer> studies = new HashSet<>();
        Set<Integer> persons = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(cohort.sql())) {
            while (rs.next()) {
                n++;
                persons.add(rs.getInt(1));
                studies.add(rs.getInt(2));
            }
        }
        return new long[] {n, studies.size(), persons.size()};
    }

    /** Median wall-clock seconds of the cohort statement, rows fetched, after one untimed warm-up run. */
    static double time(Connection c, CompiledCohort cohort, int runs) throws SQLException {
        cohortCount(c, cohort);
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            cohortCount(c, cohort);
            t.add((System.nanoTime() - t0) / 1e9);
        }
        t.sort(Double::compare);
        return t.get(t.size() / 2);
    }

    /** The same timing with parallel query off, so that both plans get one backend's share of a busy machine. */
    static double serial(Connection c, CompiledCohort cohort, int runs) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET max_parallel_workers_per_gather = 0");
            try {
                return time(c, cohort, runs);
            } finally {
                st.execute("RESET max_parallel_workers_per_gather");
            }
        }
    }

    /** Shared buffers (8 kB pages) the statement touched and its server-side execution time in ms: the work, less the machine's load. */
    static long[] work(Connection c, CompiledCohort cohort) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + cohort.sql())) {
            rs.next();
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1)).get(0);
            com.fasterxml.jackson.databind.JsonNode plan = root.get("Plan");
            long buffers = plan.path("Shared Hit Blocks").asLong() + plan.path("Shared Read Blocks").asLong();
            return new long[] {buffers, Math.round(root.path("Execution Time").asDouble())};
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable EXPLAIN output", e);
        }
    }

    /** The scan nodes of the statement's plan, to show which indexes it used. */
    static String plan(Connection c, CompiledCohort cohort) throws SQLException {
        List<String> scans = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + cohort.sql())) {
            while (rs.next()) {
                String l = rs.getString(1).trim().replaceFirst("^->\\s*", "");
                if (l.contains(" Scan ")) scans.add(l.replaceAll("\\s*\\(cost=.*", ""));
            }
        }
        return String.join("; ", scans);
    }

    private static void dropIndexes(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String idx : HELPING_INDEXES) st.execute("DROP INDEX IF EXISTS " + idx);
            st.execute("ANALYZE omop.person, omop.procedure_occurrence, omop.image_occurrence");
        }
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return p[0] + " " + p[1] + " " + p[2] + " (1, 5, 15 min)";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp directory left behind is harmless
        }
    }
}
