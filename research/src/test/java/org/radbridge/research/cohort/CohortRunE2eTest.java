package org.radbridge.research.cohort;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.research.ResearchDatabase;
import org.radbridge.research.bench.OmopGenerator;
import org.radbridge.research.manifest.LabelSet;
import org.radbridge.research.manifest.ManifestRow;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cohorts on generated OMOP rows in a real PostgreSQL; every expected answer is computed here in Java from the raw
 * rows, not with the compiler's SQL.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortRunE2eTest {
    private static final Path EXAMPLES = ResearchDatabase.HOME.resolve("sql/cohorts/examples");
    private ResearchDatabase db;
    private Map<Integer, int[]> persons;          // id -> gender, yob, mob (0 = unknown)
    private Map<Integer, Object[]> studies;       // id -> person, concept, date
    private List<Object[]> series;                // id, study, modality, site, series uid
    private Map<String, Integer> concepts;
    private Map<Integer, List<String[]>> mentions; // study -> [concept, modifiers, temporal]
    private Map<Integer, Double> noduleMm;        // study -> largest nodule measurement
    private LabelSet labels;

    @BeforeAll
    void start() throws Exception {
        db = ResearchDatabase.start(new OmopGenerator.Size(400, 3000, 7));
        labels = LabelSet.load("test", Path.of("src/test/resources/test-labels.csv"));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            concepts = OmopGenerator.concepts(c);
            persons = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT person_id, gender_concept_id, year_of_birth, coalesce(month_of_birth, 0) FROM omop.person")) {
                while (rs.next()) persons.put(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)});
            }
            studies = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT procedure_occurrence_id, person_id, procedure_concept_id, procedure_date FROM omop.procedure_occurrence")) {
                while (rs.next()) studies.put(rs.getInt(1), new Object[] {rs.getInt(2), rs.getInt(3), rs.getObject(4, LocalDate.class)});
            }
            series = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT image_occurrence_id, procedure_occurrence_id, modality_concept_id, anatomic_site_concept_id, image_series_uid FROM omop.image_occurrence")) {
                while (rs.next()) series.add(new Object[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5)});
            }
            mentions = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT n.note_event_id, x.note_nlp_concept_id, x.term_modifiers, x.term_temporal FROM omop.note n "
                    + "LEFT JOIN omop.note_nlp x ON x.note_id = n.note_id")) {
                while (rs.next()) {
                    List<String[]> l = mentions.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>());
                    if (rs.getString(3) != null) l.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            noduleMm = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT io.procedure_occurrence_id, m.value_as_number FROM omop.image_feature f "
                    + "JOIN omop.measurement m ON m.measurement_id = f.image_feature_event_id JOIN omop.image_occurrence io ON io.image_occurrence_id = f.image_occurrence_id "
                    + "WHERE f.image_finding_concept_id = " + concepts.get("f4"))) {
                while (rs.next()) noduleMm.merge(rs.getInt(1), rs.getDouble(2), Math::max);
            }
        }
        assertThat(series).hasSizeGreaterThan(5000);
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
    }

    private int age(int person, LocalDate d) {
        int[] p = persons.get(person);
        return d.getYear() - p[1] - (p[2] != 0 && d.getMonthValue() < p[2] ? 1 : 0);
    }

    private CohortRunner.Result run(Connection c, Path file, Path out, String actor) throws Exception {
        CompiledCohort cc = CohortCompiler.compile(CohortDefinitionParser.parse(file), new JdbcConceptResolver(c));
        return CohortRunner.run(c, cc, new CohortRunner.Options(out, null, false, 11, labels, actor), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void chestCtOver50MatchesAnIndependentCount(@TempDir Path out) throws Exception {
        Set<String> expected = new TreeSet<>();
        Set<Integer> expectedStudies = new HashSet<>();
        Set<Integer> expectedPersons = new HashSet<>();
        for (Object[] s : series) {
            Object[] st = studies.get((Integer) s[1]);
            LocalDate d = (LocalDate) st[2];
            if ((int) s[2] == concepts.get("CT") && (int) s[3] == concepts.get("chest") && age((int) st[0], d) >= 50
                    && !d.isBefore(LocalDate.of(2012, 1, 1)) && !d.isAfter(LocalDate.of(2016, 12, 31))) {
                expected.add((String) s[4]);
                expectedStudies.add((Integer) s[1]);
                expectedPersons.add((Integer) st[0]);
            }
        }
        assertThat(expected).hasSizeGreaterThan(20);
        try (Connection c = db.dataSource().getConnection()) {
            CohortRunner.Result r = run(c, EXAMPLES.resolve("chest-ct-over-50.yaml"), out, "os:test");
            assertThat((Set<String>) r.rows().stream().map(ManifestRow::seriesUid).collect(Collectors.toCollection(TreeSet::new))).isEqualTo(expected);
            assertThat(r.studies()).isEqualTo(expectedStudies.size());
            assertThat(r.persons()).isEqualTo(expectedPersons.size());
            // attrition: never grows, ends at the cohort
            for (int i = 1; i < r.attrition().size(); i++) {
                assertThat(r.attrition().get(i).series()).isLessThanOrEqualTo(r.attrition().get(i - 1).series());
            }
            assertThat(r.attrition().get(0).series()).isEqualTo(series.size());
            // OHDSI tables: one cohort row per person and study date
            long personDates = expectedStudies.stream().map(s -> studies.get(s)[0] + "|" + studies.get(s)[2]).distinct().count();
            assertThat(count(c, "SELECT count(*) FROM omop.cohort WHERE cohort_definition_id = " + r.cohortDefinitionId())).isEqualTo(personDates);
            assertThat(count(c, "SELECT count(*) FROM omop.cohort_definition WHERE cohort_definition_name = 'chest-ct-over-50'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM radbridge.research_audit WHERE audit_id = " + r.auditId()
                    + " AND action = 'cohort-run' AND actor LIKE 'os:test%' AND series = " + expected.size() + " AND definition_sha256 IS NOT NULL")).isEqualTo(1);
            // a second run replaces the cohort's rows instead of adding to them
            CohortRunner.Result again = run(c, EXAMPLES.resolve("chest-ct-over-50.yaml"), out, "os:test");
            assertThat(again.cohortDefinitionId()).isEqualTo(r.cohortDefinitionId());
            assertThat(count(c, "SELECT count(*) FROM omop.cohort WHERE cohort_definition_id = " + r.cohortDefinitionId())).isEqualTo(personDates);
            assertThat(count(c, "SELECT count(*) FROM radbridge.research_audit WHERE action = 'cohort-run'")).isGreaterThanOrEqualTo(2);

            // every row's labels against the mentions of its study
            Map<String, Integer> studyOfSeries = new HashMap<>();
            for (Object[] s : series) studyOfSeries.put((String) s[4], (Integer) s[1]);
            Map<String, Integer> labelConcept = Map.of("Pneumothorax", concepts.get("f1"), "Pleural Effusion", concepts.get("f2"),
                    "Cardiomegaly", concepts.get("f3"), "Lung Lesion", concepts.get("f4"));
            int checked = 0;
            for (ManifestRow row : r.rows()) {
                int study = studyOfSeries.get(row.seriesUid());
                List<String[]> ms = mentions.get(study);
                if (ms == null) {
                    assertThat(row.labels()).as(row.seriesUid()).isEmpty();
                    continue;
                }
                boolean abnormal = false;
                for (Map.Entry<String, Integer> l : labelConcept.entrySet()) {
                    Set<String> as = new HashSet<>();
                    for (String[] m : ms) {
                        if (Integer.parseInt(m[0]) == l.getValue() && m[1].contains("subject=patient") && !"past".equals(m[2])) {
                            as.add(m[1].substring("assertion=".length(), m[1].indexOf(',')));
                        }
                    }
                    Integer want = as.contains("present") ? Integer.valueOf(1) : as.contains("possible") ? Integer.valueOf(-1) : as.contains("absent") ? Integer.valueOf(0) : null;
                    assertThat(row.labels().get(l.getKey())).as(row.seriesUid() + " " + l.getKey()).isEqualTo(want);
                    if (want != null && want != 0) abnormal = true;
                }
                assertThat(row.labels().get("No Finding")).isEqualTo(abnormal ? null : 1);
                assertThat(row.labelSet()).isEqualTo("test");
                if (!ms.isEmpty()) assertThat(row.nlpVersion()).isEqualTo("radbridge-nlp generated");
                checked++;
            }
            assertThat(checked).isGreaterThan(10);
        }
        List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(csv).hasSize(expected.size() + 1);
        assertThat(csv.get(0)).startsWith("person_key,study_uid,series_uid,modality,body_site,study_date,age_at_study,sex").contains("label:Pneumothorax");
        assertThat(Files.readAllLines(out.resolve("manifest.jsonl"))).hasSize(expected.size());
        assertThat(Files.readString(out.resolve("cohort.json"))).contains("\"definition_sha256\"", "\"attrition\"");
    }

    @Test
    void noduleWithFollowUpMatchesAnIndependentAnswer(@TempDir Path out) throws Exception {
        Map<Integer, List<Integer>> qualifying = new HashMap<>(); // person -> studies
        for (Map.Entry<Integer, Object[]> s : studies.entrySet()) {
            boolean ct = series.stream().anyMatch(x -> (int) x[1] == s.getKey() && (int) x[2] == concepts.get("CT"));
            if (ct && (int) s.getValue()[1] == concepts.get("p_ct_chest") && noduleMm.getOrDefault(s.getKey(), 0.0) >= 6) {
                qualifying.computeIfAbsent((Integer) s.getValue()[0], k -> new ArrayList<>()).add(s.getKey());
            }
        }
        Set<Integer> expected = new HashSet<>();
        for (List<Integer> l : qualifying.values()) {
            l.sort(Comparator.comparing((Integer s) -> (LocalDate) studies.get(s)[2]).thenComparing(s -> s));
            LocalDate first = (LocalDate) studies.get(l.get(0))[2];
            boolean followed = l.stream().map(s -> (LocalDate) studies.get(s)[2])
                    .anyMatch(d -> !d.isBefore(first.plusDays(90)) && !d.isAfter(first.plusMonths(24)));
            if (followed) expected.add(l.get(0));
        }
        assertThat(expected).isNotEmpty();
        try (Connection c = db.dataSource().getConnection()) {
            CohortRunner.Result r = run(c, EXAMPLES.resolve("nodule-serial.yaml"), out, "os:test");
            Set<String> wantSeries = series.stream().filter(x -> expected.contains((Integer) x[1]) && (int) x[2] == concepts.get("CT"))
                    .map(x -> (String) x[4]).collect(Collectors.toCollection(TreeSet::new));
            assertThat((Set<String>) r.rows().stream().map(ManifestRow::seriesUid).collect(Collectors.toCollection(TreeSet::new))).isEqualTo(wantSeries);
            assertThat(r.studies()).isEqualTo(expected.size());
        }
    }

    @Test
    void findingPresentAndAtlasSetsMatchIndependentCounts(@TempDir Path out) throws Exception {
        Set<Integer> wantStudies = new HashSet<>();
        for (Object[] s : series) {
            int m = (int) s[2];
            if ((m == concepts.get("CT") || m == concepts.get("CR")) && (int) s[3] == concepts.get("chest")) {
                List<String[]> ms = mentions.getOrDefault((Integer) s[1], List.of());
                if (ms.stream().anyMatch(x -> Integer.parseInt(x[0]) == concepts.get("f1") && x[1].startsWith("assertion=present,subject=patient")
                        && !"past".equals(x[2]))) wantStudies.add((Integer) s[1]);
            }
        }
        try (Connection c = db.dataSource().getConnection()) {
            CohortRunner.Result r = run(c, EXAMPLES.resolve("pneumothorax-prevalence.yaml"), out.resolve("a"), "os:test");
            assertThat(r.studies()).isEqualTo(wantStudies.size());
            CohortRunner.Result atlas = run(c, EXAMPLES.resolve("chest-ct-atlas.yaml"), out.resolve("b"), "os:test");
            long want = series.stream().filter(s -> (int) s[2] == concepts.get("CT") && (int) s[3] == concepts.get("chest")
                    && age((int) studies.get((Integer) s[1])[0], (LocalDate) studies.get((Integer) s[1])[2]) >= 50).count();
            assertThat(atlas.series()).isEqualTo(want);
        }
    }

    @Test
    void emptyCohortWritesAnEmptyManifestAndSaysSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nobody.yaml");
        Files.writeString(f, "modality: [CT]\nage: {min: 149}\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Connection c = db.dataSource().getConnection()) {
            CompiledCohort cc = CohortCompiler.compile(CohortDefinitionParser.parse(f), new JdbcConceptResolver(c));
            CohortRunner.Result r = CohortRunner.run(c, cc, new CohortRunner.Options(dir.resolve("out"), null, false, 11, labels, "os:test"),
                    new PrintStream(buf, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
            assertThat(r.rows()).isEmpty();
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("matches nobody");
        assertThat(Files.readAllLines(dir.resolve("out/manifest.csv"))).hasSize(1);
        assertThat(Files.size(dir.resolve("out/manifest.jsonl"))).isZero();
    }

    @Test
    void unknownCodeWritesNothing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: bad\nmodality: [CT]\nbody_site:\n  codes: [\"123456789\"]\n");
        try (Connection c = db.dataSource().getConnection()) {
            long audits = count(c, "SELECT count(*) FROM radbridge.research_audit");
            assertThatThrownBy(() -> CohortCompiler.compile(CohortDefinitionParser.parse(f), new JdbcConceptResolver(c)))
                    .isInstanceOf(CohortDefinitionException.class).hasMessageContaining("bad.yaml:4: body_site: no concept matches SNOMED code '123456789'");
            assertThat(count(c, "SELECT count(*) FROM radbridge.research_audit")).isEqualTo(audits);
            assertThat(count(c, "SELECT count(*) FROM omop.cohort_definition WHERE cohort_definition_name = 'bad'")).isZero();
        }
    }

    @Test
    void aggregateSuppressesSmallCells(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Connection c = db.dataSource().getConnection()) {
            CompiledCohort cc = CohortCompiler.compile(CohortDefinitionParser.parse(EXAMPLES.resolve("nodule-serial.yaml")), new JdbcConceptResolver(c));
            CohortRunner.run(c, cc, new CohortRunner.Options(null, null, true, 1000, null, "os:test"), new PrintStream(buf, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream()));
            assertThat(count(c, "SELECT count(*) FROM radbridge.research_audit WHERE action = 'aggregate'")).isGreaterThanOrEqualTo(1);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("<1000", "suppressed");
        // no count from 1 to 999 is printed
        assertThat(text.lines().filter(l -> l.startsWith("attrition") || l.startsWith("persons_by"))
                .flatMap(l -> java.util.Arrays.stream(l.split(","))).filter(v -> v.matches("\\d+")).mapToLong(Long::parseLong)
                .filter(v -> v > 0 && v < 1000)).isEmpty();
    }

    @Test
    void omopReaderRunsCohortsButCannotReadStaging(@TempDir Path dir) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alice') THEN CREATE ROLE alice LOGIN PASSWORD 'alice' IN ROLE omop_reader; END IF; END $$");
            // the scanner of every screening mammogram, as DeviceExposureWriter records it
            st.execute("INSERT INTO omop.device_exposure (device_exposure_id, person_id, device_concept_id, device_exposure_start_date, device_type_concept_id, "
                    + "device_source_value) SELECT 900000 + row_number() OVER (), person_id, 0, procedure_date, 32817, 'HOLOGIC^SELENIA DIMENSIONS' "
                    + "FROM (SELECT DISTINCT person_id, procedure_date FROM omop.procedure_occurrence WHERE procedure_concept_id = " + concepts.get("p_mg") + ") x");
        }
        try (Connection alice = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres", "alice", "alice")) {
            CohortRunner.Result r = run(alice, EXAMPLES.resolve("screening-mammograms.yaml"), dir, "os:alice");
            assertThat(r.auditId()).isPositive();
            assertThat(count(alice, "SELECT count(*) FROM omop.cohort WHERE cohort_definition_id = " + r.cohortDefinitionId())).isPositive();
            // no staging for alice: no slice thickness; manufacturer and model from OMOP's DEVICE_EXPOSURE
            assertThat(r.rows()).isNotEmpty().allSatisfy(row -> {
                assertThat(row.facts().sliceThicknessMm()).isNull();
                assertThat(row.facts().manufacturer()).isEqualTo("HOLOGIC");
                assertThat(row.facts().model()).isEqualTo("SELENIA DIMENSIONS");
            });
            assertThatThrownBy(() -> count(alice, "SELECT count(*) FROM radbridge.study")).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> count(alice, "SELECT count(*) FROM radbridge.research_audit")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> count(alice, "SELECT staging_ref FROM radbridge.qc_result")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> count(alice, "SELECT count(*) FROM radbridge.qc_result")).isInstanceOf(SQLException.class);
            assertThat(count(alice, "SELECT count(rule_id) FROM research.qc_result")).isGreaterThanOrEqualTo(0);
        }
    }

    /** ATLAS semantics on a vocabulary with a hierarchy and a mapping, added for this test and removed after it. */
    @Test
    void atlasDescendantsMappedAndExclusions(@TempDir Path dir) throws Exception {
        int chest = concepts.get("chest");
        int abdomen = concepts.get("abdomen");
        int breast = concepts.get("breast");
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            // pretend abdomen is a descendant of chest and breast a source concept that 'Maps to' chest
            st.execute("INSERT INTO omop.concept_ancestor VALUES (" + chest + ", " + chest + ", 0, 0), (" + chest + ", " + abdomen + ", 1, 1)");
            st.execute("INSERT INTO omop.concept_relationship (concept_id_1, concept_id_2, relationship_id, valid_start_date, valid_end_date) "
                    + "VALUES (" + breast + ", " + chest + ", 'Maps to', DATE '1970-01-01', DATE '2099-12-31')");
            try {
                Map<String, Set<Integer>> want = Map.of(
                        "desc", Set.of(chest, abdomen),
                        "desc_excl", Set.of(chest),
                        "mapped", Set.of(chest, breast),
                        "plain", Set.of(chest));
                Map<String, String> items = Map.of(
                        "desc", "{\"concept\":{\"CONCEPT_ID\":" + chest + "},\"includeDescendants\":true}",
                        "desc_excl", "{\"concept\":{\"CONCEPT_ID\":" + chest + "},\"includeDescendants\":true},"
                                + "{\"concept\":{\"CONCEPT_ID\":" + abdomen + "},\"isExcluded\":true}",
                        "mapped", "{\"concept\":{\"CONCEPT_ID\":" + chest + "},\"includeMapped\":true}",
                        "plain", "{\"concept\":{\"CONCEPT_ID\":" + chest + "}}");
                for (String k : want.keySet()) {
                    Files.writeString(dir.resolve(k + ".json"), "{\"items\":[" + items.get(k) + "]}");
                    Path f = dir.resolve(k + ".yaml");
                    Files.writeString(f, "name: atlas-" + k + "\nbody_site: {atlas: " + k + ".json}\n");
                    long expected = series.stream().filter(x -> want.get(k).contains((Integer) x[3])).count();
                    CohortRunner.Result r = run(c, f, dir.resolve("out-" + k), "os:test");
                    assertThat(r.series()).as(k).isEqualTo(expected).isPositive();
                }
            } finally {
                st.execute("DELETE FROM omop.concept_ancestor WHERE ancestor_concept_id = " + chest);
                st.execute("DELETE FROM omop.concept_relationship WHERE concept_id_1 = " + breast + " AND concept_id_2 = " + chest);
            }
        }
    }

    @Test
    void commandLine(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String labelsFile = Path.of("src/test/resources/test-labels.csv").toAbsolutePath().toString();
        int rc = CohortCommand.run(new String[] {"run", EXAMPLES.resolve("screening-mammograms.yaml").toString(), "--out", dir.resolve("m").toString(),
                "--labels", labelsFile, "--name", "mammo-cli"}, ResearchDatabase.HOME, dir, () -> db.dataSource().getConnection(), null, o, e);
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Cohort 'mammo-cli': attrition", "modality MG", "sex F", "Wrote ");
        assertThat(dir.resolve("m/manifest.csv")).exists();
        out.reset();
        rc = CohortCommand.run(new String[] {"run", EXAMPLES.resolve("screening-mammograms.yaml").toString(), "--sql"}, ResearchDatabase.HOME, dir,
                () -> db.dataSource().getConnection(), null, o, e);
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("WITH ").contains("omop.image_occurrence").endsWith(";\n");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "modality: [CT]\nage: {min: 60, max: 40}\n");
        err.reset();
        rc = CohortCommand.run(new String[] {"run", bad.toString(), "--out", dir.resolve("never").toString()}, ResearchDatabase.HOME, dir,
                () -> db.dataSource().getConnection(), null, o, e);
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(bad + ":2: age.max: impossible range", "Nothing was written");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
