package org.radbridge.research.recipes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.research.ResearchDatabase;
import org.radbridge.research.bench.OmopGenerator;
import org.radbridge.research.governance.SmallCells;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each recipe of sql/recipes on generated OMOP rows, against an answer computed here from the raw rows. */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecipesE2eTest {
    private static final Path DIR = ResearchDatabase.HOME.resolve("sql/recipes");
    private ResearchDatabase db;
    private Map<String, Integer> k;
    private final Map<Integer, int[]> persons = new HashMap<>();   // gender, yob, mob
    private final Map<Integer, String> personKey = new HashMap<>();
    private final Map<Integer, Object[]> studies = new HashMap<>(); // person, concept, date
    private final List<Object[]> series = new ArrayList<>();        // id, study, modality, site, uid, date
    private final Map<Integer, List<String[]>> mentions = new HashMap<>();
    private final Map<Integer, Double> nodule = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        db = ResearchDatabase.start(new OmopGenerator.Size(300, 2500, 11));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            k = OmopGenerator.concepts(c);
            try (ResultSet rs = st.executeQuery("SELECT person_id, gender_concept_id, year_of_birth, coalesce(month_of_birth, 0), person_source_value FROM omop.person")) {
                while (rs.next()) {
                    persons.put(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4)});
                    personKey.put(rs.getInt(1), rs.getString(5));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT procedure_occurrence_id, person_id, procedure_concept_id, procedure_date FROM omop.procedure_occurrence")) {
                while (rs.next()) studies.put(rs.getInt(1), new Object[] {rs.getInt(2), rs.getInt(3), rs.getObject(4, LocalDate.class)});
            }
            try (ResultSet rs = st.executeQuery("SELECT image_occurrence_id, procedure_occurrence_id, modality_concept_id, anatomic_site_concept_id, image_series_uid, image_occurrence_date FROM omop.image_occurrence")) {
                while (rs.next()) series.add(new Object[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getObject(6, LocalDate.class)});
            }
            try (ResultSet rs = st.executeQuery("SELECT n.note_event_id, x.note_nlp_concept_id, x.term_modifiers, x.term_temporal FROM omop.note n LEFT JOIN omop.note_nlp x ON x.note_id = n.note_id")) {
                while (rs.next()) {
                    List<String[]> l = mentions.computeIfAbsent(rs.getInt(1), key -> new ArrayList<>());
                    if (rs.getString(3) != null) l.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT io.procedure_occurrence_id, m.value_as_number FROM omop.image_feature f JOIN omop.measurement m ON m.measurement_id = f.image_feature_event_id "
                    + "JOIN omop.image_occurrence io ON io.image_occurrence_id = f.image_occurrence_id WHERE f.image_finding_concept_id = " + k.get("f4"))) {
                while (rs.next()) nodule.merge(rs.getInt(1), rs.getDouble(2), Math::max);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
    }

    private RecipeRunner.Table run(String name, SmallCells cells) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return RecipeRunner.run(c, Recipe.load(DIR.resolve(name + ".sql")), cells);
        }
    }

    private int age(int person, LocalDate d) {
        int[] p = persons.get(person);
        return d.getYear() - p[1] - (p[2] != 0 && d.getMonthValue() < p[2] ? 1 : 0);
    }

    private static int col(RecipeRunner.Table t, String name) {
        int i = t.columns().indexOf(name);
        assertThat(i).as(name).isNotNegative();
        return i;
    }

    @Test
    void chestCtOver50() throws Exception {
        Set<String> want = new TreeSet<>();
        for (Object[] s : series) {
            Object[] st = studies.get((Integer) s[1]);
            LocalDate d = (LocalDate) st[2];
            if ((int) s[2] == k.get("CT") && (int) s[3] == k.get("chest") && age((int) st[0], d) >= 50 && d.getYear() >= 2012 && d.getYear() <= 2016) {
                want.add((String) s[4]);
            }
        }
        RecipeRunner.Table t = run("chest-ct-over-50-five-years", null);
        Set<String> got = new TreeSet<>();
        for (List<String> r : t.rows()) got.add(r.get(col(t, "series_uid")));
        assertThat(got).isEqualTo(want).isNotEmpty();
    }

    @Test
    void prevalenceByYearSexAge() throws Exception {
        Map<String, int[]> want = new TreeMap<>();
        for (Map.Entry<Integer, List<String[]>> e : mentions.entrySet()) {
            Object[] st = studies.get(e.getKey());
            int person = (int) st[0];
            LocalDate d = (LocalDate) st[2];
            int g = persons.get(person)[0];
            String sex = g == 8507 ? "M" : g == 8532 ? "F" : "unknown";
            int band = Math.floorDiv(age(person, d), 10) * 10;
            boolean positive = e.getValue().stream().anyMatch(m -> Integer.parseInt(m[0]) == k.get("f1") && m[1].startsWith("assertion=present,subject=patient")
                    && !"past".equals(m[2]));
            int[] n = want.computeIfAbsent(d.getYear() + "|" + sex + "|" + band + "-" + (band + 9), key -> new int[2]);
            n[0]++;
            if (positive) n[1]++;
        }
        RecipeRunner.Table t = run("prevalence-by-year-sex-age", null);
        Map<String, int[]> got = new TreeMap<>();
        for (List<String> r : t.rows()) {
            got.put(r.get(col(t, "year")) + "|" + r.get(col(t, "sex")) + "|" + r.get(col(t, "age_band")),
                    new int[] {Integer.parseInt(r.get(col(t, "reported_studies"))), Integer.parseInt(r.get(col(t, "positive_studies")))});
            BigDecimal pct = new BigDecimal(r.get(col(t, "prevalence_pct")));
            int[] n = got.get(r.get(col(t, "year")) + "|" + r.get(col(t, "sex")) + "|" + r.get(col(t, "age_band")));
            assertThat(pct.doubleValue()).isCloseTo(100.0 * n[1] / n[0], org.assertj.core.data.Offset.offset(0.051));
        }
        assertThat(got.keySet()).isEqualTo(want.keySet());
        for (String key : want.keySet()) assertThat(got.get(key)).as(key).containsExactly(want.get(key));

        // suppressed: no count from 1 to 10, and the prevalence of such a row is blank
        RecipeRunner.Table s = run("prevalence-by-year-sex-age", new SmallCells(11));
        for (List<String> r : s.rows()) {
            for (String c : List.of("reported_studies", "positive_studies")) {
                String v = r.get(col(s, c));
                if (v.matches("\\d+")) assertThat(Long.parseLong(v) == 0 || Long.parseLong(v) >= 11).as(v).isTrue();
                else assertThat(v).isEqualTo("<11");
            }
            if (r.get(col(s, "reported_studies")).startsWith("<") || r.get(col(s, "positive_studies")).startsWith("<")) {
                assertThat(r.get(col(s, "prevalence_pct"))).isEmpty();
            }
        }
        assertThat(s.rows().stream().anyMatch(r -> r.contains("<11"))).isTrue();
    }

    @Test
    void noduleGrowthAcrossSerialStudies() throws Exception {
        Map<Integer, List<Integer>> byPerson = new HashMap<>();
        for (Integer study : nodule.keySet()) byPerson.computeIfAbsent((Integer) studies.get(study)[0], x -> new ArrayList<>()).add(study);
        List<String> want = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byPerson.entrySet()) {
            List<Integer> l = e.getValue();
            l.sort(Comparator.comparing((Integer s) -> (LocalDate) studies.get(s)[2]).thenComparing(s -> s));
            for (int i = 0; i < l.size(); i++) {
                LocalDate d = (LocalDate) studies.get(l.get(i))[2];
                String prev = i == 0 ? "" : String.valueOf(nodule.get(l.get(i - 1)).intValue());
                String days = i == 0 ? "" : String.valueOf(ChronoUnit.DAYS.between((LocalDate) studies.get(l.get(i - 1))[2], d));
                String change = i == 0 ? "" : String.valueOf(nodule.get(l.get(i)).intValue() - nodule.get(l.get(i - 1)).intValue());
                want.add(personKey.get(e.getKey()) + "|" + d + "|" + nodule.get(l.get(i)).intValue() + "|" + prev + "|" + change + "|" + days);
            }
        }
        RecipeRunner.Table t = run("nodule-growth-serial", null);
        List<String> got = new ArrayList<>();
        for (List<String> r : t.rows()) {
            got.add(r.get(0) + "|" + r.get(1) + "|" + new BigDecimal(r.get(2)).intValue() + "|" + (r.get(3).isEmpty() ? "" : new BigDecimal(r.get(3)).intValue())
                    + "|" + (r.get(4).isEmpty() ? "" : new BigDecimal(r.get(4)).intValue()) + "|" + r.get(5));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
        assertThat(want.stream().filter(w -> !w.endsWith("|")).count()).as("persons with serial measurements").isPositive();
    }

    @Test
    void screeningMammogramIntervals() throws Exception {
        Map<Integer, List<LocalDate>> byPerson = new HashMap<>();
        Set<Integer> mgStudies = new HashSet<>();
        for (Object[] s : series) if ((int) s[2] == k.get("MG")) mgStudies.add((Integer) s[1]);
        for (Integer s : mgStudies) {
            if ((int) studies.get(s)[1] == k.get("p_mg")) byPerson.computeIfAbsent((Integer) studies.get(s)[0], x -> new ArrayList<>()).add((LocalDate) studies.get(s)[2]);
        }
        List<String> want = new ArrayList<>();
        for (Map.Entry<Integer, List<LocalDate>> e : byPerson.entrySet()) {
            List<LocalDate> l = e.getValue();
            l.sort(null);
            for (int i = 1; i < l.size(); i++) want.add(personKey.get(e.getKey()) + "|" + ChronoUnit.DAYS.between(l.get(i - 1), l.get(i)));
        }
        RecipeRunner.Table t = run("screening-mammogram-intervals", null);
        List<String> got = t.rows().stream().map(r -> r.get(col(t, "person_key")) + "|" + r.get(col(t, "interval_days"))).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want).isNotEmpty();
    }

    @Test
    void studiesPerModalityMonth() throws Exception {
        Map<Integer, String> code = Map.of(k.get("CT"), "CT", k.get("CR"), "CR", k.get("MR"), "MR", k.get("MG"), "MG", k.get("US"), "US");
        Map<String, Set<Integer>> studiesOf = new TreeMap<>();
        Map<String, Integer> seriesOf = new TreeMap<>();
        for (Object[] s : series) {
            String key = ((LocalDate) s[5]).withDayOfMonth(1) + "|" + code.get((Integer) s[2]);
            studiesOf.computeIfAbsent(key, x -> new HashSet<>()).add((Integer) s[1]);
            seriesOf.merge(key, 1, Integer::sum);
        }
        RecipeRunner.Table t = run("studies-per-modality-month", null);
        Map<String, String> got = new TreeMap<>();
        for (List<String> r : t.rows()) got.put(r.get(0) + "|" + r.get(1), r.get(2) + "/" + r.get(3));
        Map<String, String> want = new TreeMap<>();
        studiesOf.forEach((key, v) -> want.put(key, v.size() + "/" + seriesOf.get(key)));
        assertThat(got).isEqualTo(want);
    }

    @Test
    void ctDoseByProtocolAndScanner() throws Exception {
        // dose values as `radbridge qc` stores them, and a scanner per study, written here for the CT studies
        Map<String, List<Double>> want = new TreeMap<>();
        Map<Integer, String> protocolName = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT concept_id, concept_name FROM omop.concept WHERE concept_id IN (" + k.get("p_ct_chest") + "," + k.get("p_ct_abd") + ")")) {
                while (rs.next()) protocolName.put(rs.getInt(1), rs.getString(2));
            }
            // a person's two CT studies on one day would share their scanners in the recipe's join: leave such days out
            Map<String, Integer> perDay = new HashMap<>();
            for (Object[] v : studies.values()) if (protocolName.containsKey((int) v[1])) perDay.merge(v[0] + "|" + v[2], 1, Integer::sum);
            int n = 0;
            for (Map.Entry<Integer, Object[]> s : new TreeMap<>(studies).entrySet()) {
                int proc = (int) s.getValue()[1];
                if (!protocolName.containsKey(proc) || perDay.get(s.getValue()[0] + "|" + s.getValue()[2]) > 1) continue;
                double ctdi = 3 + (s.getKey() * 7 % 23);
                double dlp = ctdi * 30;
                String scanner = s.getKey() % 3 == 0 ? "SIEMENS^SOMATOM" : "GE^REVOLUTION";
                st.execute("INSERT INTO radbridge.qc_result (rule_id, status, procedure_occurrence_id, value_as_number, threshold, message) VALUES "
                        + "('CT_CTDIVOL_DRL', 'pass', " + s.getKey() + ", " + ctdi + ", 12, 'x'), ('CT_DLP_DRL', 'pass', " + s.getKey() + ", " + dlp + ", 443, 'x')");
                st.execute("INSERT INTO omop.device_exposure (device_exposure_id, person_id, device_concept_id, device_exposure_start_date, device_type_concept_id, "
                        + "device_source_value) VALUES (" + (++n) + ", " + s.getValue()[0] + ", 0, DATE '" + s.getValue()[2] + "', 32817, '" + scanner + "')");
                want.computeIfAbsent(protocolName.get(proc) + "|" + scanner + "|CTDIvol (mGy)", x -> new ArrayList<>()).add(ctdi);
                want.computeIfAbsent(protocolName.get(proc) + "|" + scanner + "|DLP (mGy.cm)", x -> new ArrayList<>()).add(dlp);
            }
        }
        RecipeRunner.Table t = run("ct-dose-by-protocol-scanner", null);
        int compared = 0;
        for (List<String> r : t.rows()) {
            List<Double> v = want.get(r.get(0) + "|" + r.get(1) + "|" + r.get(2));
            assertThat(v).as(r.toString()).isNotNull();
            v.sort(null);
            assertThat(Integer.parseInt(r.get(3))).isEqualTo(v.size());
            assertThat(Double.parseDouble(r.get(4))).isEqualTo(v.get(0));
            assertThat(Double.parseDouble(r.get(5))).isCloseTo(percentile(v, 0.5), org.assertj.core.data.Offset.offset(0.006));
            assertThat(Double.parseDouble(r.get(6))).isCloseTo(percentile(v, 0.75), org.assertj.core.data.Offset.offset(0.006));
            assertThat(Double.parseDouble(r.get(7))).isEqualTo(v.get(v.size() - 1));
            compared++;
        }
        assertThat(compared).isEqualTo(8);
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
    static double percentile(List<Double> sorted, double p) {
        double pos = p * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    @Test
    void rowLevelRecipesRefuseSuppression() {
        assertThatThrownBy(() -> run("nodule-growth-serial", new SmallCells(11))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be suppressed");
    }
}
