package org.radbridge.nlp.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.RadiologyNlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue-11 evaluation sets, scored per sentence / per report on current findings about the patient with descendants
 * accepted ({@link FindingScorer}); prints per-finding P/R/F1, micro and macro figures and false-positive present
 * findings per normal report.
 * <ul>
 *   <li>{@code eval/blind-v3}: written after the rules were final and never tuned on; fails below 0.90 micro-F1.</li>
 *   <li>{@code eval/blind-v4} (212 sentences, 112 reports, 63 of them normal chest radiographs): written after the rules of
 *       commit 79cd365 were committed, run once as written and never tuned on; fails below 0.90 micro-F1.</li>
 *   <li>{@code eval/blind-v5} (164 sentences, 63 reports, 34 of them normal chest radiographs): written after the rules of
 *       commit af63e1b were committed, run once as written and never tuned on; fails below 0.90 micro-F1.</li>
 *   <li>{@code eval/blind-v6} (274 sentences, 74 reports, 31 of them normal): written by session 11e blind to the rules
 *       (no rule, lexicon or NLP code read; codes picked from the terminology code list only) against main 83b9314,
 *       committed before any run and never tuned on; first run sentences 0.799 / reports 0.795 micro-F1, so it fails only
 *       below the regression floor {@link #BLIND6_FLOOR}, not at the issue's 0.90.</li>
 *   <li>{@code eval/blind-v7} (160 sentences, 90 reports, 41 of them normal; chest radiograph focus): written by session
 *       11g blind to the rules against main 83b9314 and to helpers 11d/11f, committed before any run and never tuned on;
 *       first run sentences 0.851 / reports 0.887 micro-F1 (present findings only 0.846, 0.049 false-positive present
 *       findings per normal report), so it fails only below the regression floor {@link #BLIND7_FLOOR}.</li>
 *   <li>{@code eval/blind-v8} (162 sentences, 108 reports, 41 of them normal; chest radiographs only): written by session
 *       11i blind to the rules against main 74c30a5 and to helper 11h, committed before any run and never tuned on;
 *       first run sentences 0.841 / reports 0.898 micro-F1 (present findings only 0.852, 0.049 false-positive present
 *       findings per normal report), so it fails only below the regression floor {@link #BLIND8_FLOOR}.</li>
 *   <li>{@code eval/blind-v9} (204 sentences, 106 reports, 42 of them normal; mostly chest radiograph, about 20 % chest
 *       CT, abdomen, neuro, MSK and breast): written by session 11n blind to the rules against main 02a9395 and to helper
 *       11o, committed (14e64fb) before any run and never tuned on; first run sentences 0.875 / reports 0.875 micro-F1
 *       (present findings only 0.823, 0 false-positive present findings in 42 normal reports; 62 of the 120 misses are
 *       NOCODE gold), so it fails only below the regression floor {@link #BLIND9_FLOOR}.</li>
 *   <li>{@code eval/blind-v10} (238 sentences, 102 reports, 40 of them normal; about 75 % chest radiograph, the rest chest
 *       CT, abdomen, neuro, MSK and breast): written by session 11q blind to the rules against main 9b19bcd and to helper
 *       11p, committed (6486ab9) before any run and never tuned on; first run sentences 0.851 / reports 0.922 micro-F1
 *       (present findings only 0.875, 0 false-positive present findings in 40 normal reports; 58 of the 107 misses are
 *       NOCODE gold; notes/s22/issue11q.md), so it fails only below the regression floor {@link #BLIND10_FLOOR}.</li>
 *   <li>{@code eval/blind-v11} (520 sentences, 139 reports, 56 of them normal; about 60 % chest radiograph, the rest chest
 *       CT, abdomen, neuro, MSK and breast): written by session 23 helper 11s blind to the rules against main f60de50 and
 *       to helpers 11t / 11u, following notes/s23/conventions.md, committed (7ee9698) before any run; a development set
 *       (tuned on) from session 24;
 *       first run sentences 0.858 / reports 0.917 micro-F1 (present findings only 0.865, 0.036 false-positive present
 *       findings per normal report; 108 of the 200 misses are NOCODE gold; notes/s23/issue11s.md), so it fails only below
 *       the regression floor {@link #BLIND11_FLOOR}.</li>
 *   <li>{@code eval/issue11-dev} and {@code eval/issue11-dev2}: first written as blind sets v1 and v2; their first runs
 *       guided later rule changes, so they are development sets now; fail below 0.90 micro-F1 (0.85 until session 27;
 *       a regression floor, not a validity claim). First blind runs: v1 0.831 sentences / 0.853 reports, v2 0.892 / 0.904.</li>
 * </ul>
 * Since session 27 every written set reaches the issue's 0.90 micro-F1 on both sentences and reports (the blind set
 * v16, on rules written blind to it, 0.905 / 0.933), so every floor is at least 0.90: any set falling under it fails.
 * The real-text MTSamples evaluation ({@link MtSamplesEvaluationTest}) is far below and keeps its own floor.
 * System property {@value #ERRORS_PROPERTY} (comma-separated set directories, e.g. {@code blind-v10}) limits the printed
 * error rows to the named sets, so a blind reader can see one set's misses without reading the other sets' text; unset,
 * every set's error rows are printed.
 */
class Issue11EvaluationTest {

    static final String ERRORS_PROPERTY = "radbridge.eval.errors";

    private static RadiologyNlp nlp;

    /**
     * Regression floor for blind v6 (first run sentences 0.799, reports 0.795 micro-F1; tuned on since, after issue 11o
     * 0.868 / 0.863): just under the tuned figures, a guard against losing ground, not a claim of the issue's 0.90.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.947 / 0.940).
     */
    static final double BLIND6_FLOOR = 0.90;

    /**
     * Regression floor for blind v7 (first run sentences 0.851, reports 0.887 micro-F1; tuned on since, after issue 11o
     * 0.919 / 0.955): just under the tuned figures, a guard against losing ground; v7 is a development set now.
     */
    static final double BLIND7_FLOOR = 0.91;

    /**
     * Regression floor for blind v8 (first run sentences 0.841, reports 0.898 micro-F1; tuned on by issue 11o, after it
     * 0.914 / 0.935): just under the tuned figures, a guard against losing ground; v8 is a development set now.
     */
    static final double BLIND8_FLOOR = 0.90;

    /**
     * Regression floor for v9, just under its figures after helper 11p tuned on it (sentences 0.920, reports 0.935
     * micro-F1; blind figures before that 0.888 / 0.888, notes/s22/issue11p.md). v9 is a development set now, so the
     * floor guards against losing ground; it claims nothing about unseen reports.
     */
    static final double BLIND9_FLOOR = 0.91;

    /**
     * Regression floor for blind v10, just under its first run (sentences 0.851, reports 0.922 micro-F1; notes/s22/issue11q.md):
     * the sentences miss the issue's 0.90, so this floor guards against losing ground, it does not claim the target.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.951 / 0.977).
     */
    static final double BLIND10_FLOOR = 0.90;

    /**
     * Regression floor for blind v11 (first run sentences 0.858, reports 0.917 micro-F1; notes/s23/issue11s.md; a
     * development set from session 24, tuned on by helper 11v to 0.907 / 0.951): just under the tuned figures, a guard
     * against losing ground, not a claim of the issue's targets.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.930 / 0.966).
     */
    static final double BLIND11_FLOOR = 0.90;

    @BeforeAll
    static void setUp() {
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void tearDown() {
        nlp.close();
    }

    /** Whether the error rows of set {@code dir} may be printed ({@link #ERRORS_PROPERTY}). */
    static boolean printErrors(String dir) {
        String only = System.getProperty(ERRORS_PROPERTY, "").trim();
        if (only.isEmpty()) return true;
        for (String d : only.split(",")) if (d.trim().equals(dir)) return true;
        return false;
    }

    record Item(String id, String domain, String text, Set<String> expected) {
    }

    static List<Item> read(String resource, boolean reports) throws IOException {
        List<Item> out = new ArrayList<>();
        try (InputStream in = Issue11EvaluationTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean header = true;
            for (String line : all.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) { header = false; continue; }
                String[] f = line.split("\t", -1);
                String text = reports ? f[3].replace("\\n", "\n") : f[2];
                String exp = reports ? f[2] : f[3];
                Set<String> e = new LinkedHashSet<>();
                for (String p : exp.split(";")) if (!p.isBlank()) e.add(p.trim());
                out.add(new Item(f[0], f[1], text, e));
            }
        }
        return out;
    }

    /** Current findings about the patient: what a report says today's image shows (or denies). */
    static Set<String> current(List<FindingMention> mentions) {
        return FindingScorer.pairs(mentions.stream()
                .filter(m -> m.temporality() == FindingMention.Temporality.CURRENT)
                .filter(m -> m.subject() == FindingMention.Subject.PATIENT).toList());
    }

    static double sentences(String dir, String title, int minItems) throws IOException {
        List<Item> items = read("/eval/" + dir + "/sentences.tsv", false);
        assertThat(items).hasSizeGreaterThanOrEqualTo(minItems);
        FindingScorer all = new FindingScorer(nlp.lexicon());
        Map<String, FindingScorer> byDomain = new TreeMap<>();
        for (Item it : items) {
            Set<String> got = current(nlp.analyze(it.id(), it.text()).mentions());
            all.score(it.id(), it.text(), got, it.expected());
            byDomain.computeIfAbsent(it.domain(), k -> new FindingScorer(nlp.lexicon())).score(it.id(), it.text(), got, it.expected());
        }
        System.out.print(all.report(title + " sentences (" + items.size() + ")", printErrors(dir)));
        byDomain.forEach((d, s) -> System.out.printf(Locale.ROOT, "  %s domain %-7s micro P %.3f R %.3f F1 %.3f%n",
                title, d, s.precision(), s.recall(), s.f1()));
        return all.f1();
    }

    static double reports(String dir, String title, int minItems) throws IOException {
        List<Item> items = read("/eval/" + dir + "/reports.tsv", true);
        assertThat(items).hasSizeGreaterThanOrEqualTo(minItems);
        ReportSetScore score = new ReportSetScore(nlp.lexicon());
        for (Item it : items)
            score.add(it.id(), it.text().replace('\n', ' '), current(nlp.analyze(it.id(), it.text()).mentions()), it.expected());
        score.print(title, printErrors(dir));
        return score.all.f1();
    }

    /**
     * Regression floor for blind v12 ({@code eval/blind-v12}: 546 sentences, 141 reports, 58 of them normal; about 55 %
     * chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast), written by session 24 helper 11w blind to the
     * rules from the concept list at main 2b29255 and blind to helpers 11v / 11x, following notes/s23 and notes/s24
     * conventions.md, committed (d400340) before any run and never tuned on. First run sentences 0.854 / reports 0.884
     * micro-F1 (present findings only 0.837, 0.086 false-positive present findings per normal report; 48 of the 120
     * sentence misses and 29 of the 84 report misses are NOCODE gold; notes/s24/issue11w.md): the figures miss the
     * issue's 0.90, so this floor, just under the first run, guards against losing ground and claims nothing more.
     * Session 25 helper 11aa tuned on v12 (a development set since): sentences 0.912 / reports 0.929, FP 0 per normal
     * report; the floor stays a regression guard under those figures.
     */
    static final double BLIND12_FLOOR = 0.90;

    /**
     * Regression floor for the gold-only adjudication of blind v12 ({@code eval/blind-v12-adjudicated}, same texts; 13
     * listed gold corrections in the file headers, made by a second person from the text and the stated conventions
     * before any run on it), just under its first run (sentences 0.850, reports 0.896 micro-F1; notes/s24/issue11y.md):
     * the v12 floor 0.85 would leave the sentences no margin at all (one lost match fails it). After session 25's tuning
     * on v12 (helper 11aa): sentences 0.909 / reports 0.941; floor 0.90.
     */
    static final double BLIND12_ADJUDICATED_FLOOR = 0.90;

    /**
     * Regression floor for blind v13 ({@code eval/blind-v13}: 525 sentences, 145 reports, 59 of them normal; about 55 %
     * chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast), written by session 25 helper 11ab blind to the
     * rules from the concept list at main a1afb12, following the nlp/README.md label conventions, committed before any
     * run (4aabb10) and never tuned on before its first run. First run (rules of main e75cc9e: session 24's plus helper
     * 11aa's, which tuned on v12 and never saw v13): sentences 0.882 / reports 0.906 micro-F1 (present findings only
     * 0.884, 0.051 false-positive present findings per normal report, 3 of 59). Under the issue's 0.90 for sentences, so
     * this floor, just under the first run, guards against losing ground and claims nothing more. Helper 11ac tuned on
     * v13 afterwards (a development set since): sentences 0.894 / reports 0.913, FP 0 per normal report.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.906 / 0.933).
     */
    static final double BLIND13_FLOOR = 0.90;

    /**
     * Regression floor for blind v14 ({@code eval/blind-v14}: 537 sentences, 149 reports, 59 of them normal; about 56 %
     * chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast), written by session 25 helper 11ad blind to the
     * rules from the concept list at main 4922b79, following the nlp/README.md label conventions, committed before any
     * run (11561cc) and never tuned on (notes/s25/issue11ad.md). First run on the rules of main 4922b79 (blind to v14):
     * sentences 0.883 / reports 0.917 micro-F1 (present findings only 0.895, 0.034 false-positive present findings per
     * normal report, 2 of 59); after helper 11ac's rules (tuned on v13, blind to v14): 0.884 / 0.917, 0.895, 0.034. Under
     * the issue's 0.90 for sentences, so this floor, just under the first run, guards against losing ground only.
     * Session 26 helper 11af tuned on v14 (a development set since): sentences 0.906 / reports 0.932, FP 1 of 59.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.925 / 0.940).
     */
    static final double BLIND14_FLOOR = 0.90;

    /**
     * Regression floor for blind v15 ({@code eval/blind-v15}: 545 sentences, 156 reports, 60 of them normal; about 55 %
     * chest radiograph), written by session 26 helper 11ae blind to the rules from the concept list at main 7d2b9c7,
     * committed before any run (df76643) and never tuned on. First run on the rules of 7d2b9c7: sentences 0.859 / reports
     * 0.914 (present only 0.906, FP 3 of 60 normal reports); on the rules after helpers 11af (tuned on v14) and 11ah
     * (tuned on the MTSamples dev split), both blind to v15: 0.872 / 0.921 (0.917, FP 3 of 60). Under the issue's 0.90
     * for sentences: this floor guards against losing ground only. Session 27 helpers 11ak, 11al, 11am, 11an and 11ao
     * tuned on v15 (a development set since): 0.917 / 0.945.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.917 / 0.945).
     */
    static final double BLIND15_FLOOR = 0.90;

    /**
     * Regression floor for blind v16 ({@code eval/blind-v16}: 463 sentences, 134 reports, 50 of them normal; about 60 %
     * chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over ten reporting voices), written by
     * session 27 helper 11aj blind to the rules from the concept list at main 6b2026f, committed before any run and never
     * tuned on (11d618c; notes/s27/issue11aj.md). First run on the rules of 6b2026f: sentences 0.891 / reports 0.920
     * (present only 0.907, FP 2 of 50 normal reports); on the rules after session 27 helpers 11ak, 11al, 11am, 11an and
     * 11ao (tuned on v12-v15 and the MTSamples dev split, blind to v16): 0.905 / 0.933 (0.919, FP 0 of 50). This floor,
     * just under the first run, guards against losing ground only.
     * Raised to the issue's 0.90 in session 27, when the set reached it on both (sentences / reports 0.905 / 0.933).
     */
    static final double BLIND16_FLOOR = 0.90;

    /**
     * Regression floor for blind v17 ({@code eval/blind-v17}: 441 sentences, 136 reports, 53 of them normal; about 64 %
     * chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over twelve reporting voices other than
     * v16's), written by session 28 helper 11at blind to the rules from the concept list at main 9049873, committed before
     * any run (notes/s28/issue11at.md). Blind first run (rules of main 154c8eb): sentences 0.896, reports 0.913, present
     * 0.893, 14 false-positive present findings on 53 normal reports; after that run it became a development set in the
     * same session: after helpers 11au / 11av and the lead's "no new" scope fix, sentences 0.915, reports 0.950, 2 false
     * positives on 53 normal reports. The issue's 0.90, as every written set.
     */
    static final double BLIND17_FLOOR = 0.90;

    /**
     * Regression floor for blind v18 ({@code eval/blind-v18}: 410 sentences, 131 reports, 48 of them normal and 20 more
     * with only chronic or incidental findings; about 65 % chest radiograph, the rest chest CT, abdomen, neuro, MSK and
     * breast, spread over twelve reporting voices other than v17's), written by session 28 helper 11aw blind to the rules
     * from the concept list at main 3feaa91, committed before any run (notes/s28/issue11aw.md). Blind first
     * run (rules of main c84f5f2): sentences 0.892, reports 0.940, present 0.941, 1 false positive on 48 normal reports.
     * A development set since session 29 (helper 11ay tuned on it: 0.917 / 0.946; 0.925 / 0.948 at the end of session
     * 30); the floor is the issue's 0.90 since session 30.
     */
    static final double BLIND18_FLOOR = 0.90;

    /**
     * Regression floor for blind v19 ({@code eval/blind-v19}: 535 sentences, 114 reports, 41 of them normal; about 63 %
     * of the sentences and 67 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread
     * over twelve reporting voices other than v17's and v18's), written by session 29 helper 11ba blind to the rules from
     * the concept list at main 4b0a389, committed before any run (notes/s29/issue11ba.md). Blind first run (rules of main
     * 9b41b58, every rule of session 29's helpers 11ay and 11az): sentences 0.880, reports 0.897, present 0.906, 5 false
     * positives on 41 normal reports. Floor just under that run: a guard against losing ground, not the issue's 0.90.
     * A development set since (helpers 11bb, 11bc: 0.914 / 0.918, 1 false positive on 41 normal reports; 0.918 / 0.923
     * at the end of session 30); the floor is the issue's 0.90 since session 30.
     */
    static final double BLIND19_FLOOR = 0.90;

    /**
     * Regression floor for blind v20 ({@code eval/blind-v20}: 517 sentences, 117 reports, 46 of them normal; about 64 %
     * of the sentences and 66 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread
     * over thirteen reporting voices other than v17's, v18's and v19's), written by session 29 helper 11bd blind to the
     * rules from the concept list at main 36ca596, committed before any run (notes/s29/issue11bd.md). Blind first run
     * (rules of main 2f3e669, every rule of session 29): sentences 0.870, reports 0.842, present 0.839, 6 false positives
     * on 46 normal reports. A development set since (sessions 29 and 30: 0.908 / 0.868, 1 false positive on 46 normal
     * reports at the end of session 30). Floor under its reports figure: a guard against losing ground; the issue's
     * 0.90 is not reached on its reports.
     */
    static final double BLIND20_FLOOR = 0.85;

    /**
     * Regression floor for blind v21 ({@code eval/blind-v21}: 510 sentences, 112 reports, 44 of them normal; about 67 %
     * of the sentences and 62 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread
     * over twelve reporting voices other than v17's to v20's), written by session 30 helper 11bg blind to the rules from
     * the concept list at main e1ca07d, committed before any run (notes/s30/issue11bg.md). Blind first run (rules of
     * main e1ca07d, the last rules of session 29): sentences 0.910, reports 0.930, present 0.900, 3 false positives on
     * 44 normal reports. A development set since (session 30 helpers 11bj-11bo: 0.928 / 0.944, 1 false positive on 44
     * normal reports); the floor is the issue's 0.90.
     */
    static final double BLIND21_FLOOR = 0.90;

    /**
     * Regression floor for blind v22 ({@code eval/blind-v22}: 507 sentences, 112 reports, 47 of them normal; about 65 %
     * of the sentences and reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over twelve
     * reporting voices other than v17's to v20's), written by session 30 helper 11bh blind to the rules from the concept
     * list at main e1ca07d, committed before any run (notes/s30/issue11bh.md) and held back while session 30's rules were
     * written. Blind first run (rules of main 783d264: helpers 11bi-11bm of session 30, before its last round): sentences
     * 0.883, reports 0.901, present 0.885, 3 false positives on 47 normal reports. A development set since session 31
     * (helpers 11br, 11bs: 0.923 / 0.936, 1 false positive on 47 normal reports); the floor is the issue's 0.90.
     */
    static final double BLIND22_FLOOR = 0.90;

    /**
     * Floor for blind v23 ({@code eval/blind-v23}: 520 sentences, 122 reports, 46 of them normal; about 70 % of the
     * sentences and 69 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over
     * twelve reporting voices other than v17's to v22's), written by session 31 helper 11bp blind to the rules from the
     * concept list at main 3e33b0d, committed before any run (notes/s31/issue11bp.md). Blind first run (rules of main
     * 19a51c1: session 31's first round, helpers 11br and 11bs): sentences 0.879, reports 0.906, present 0.898, 3 false
     * positives on 46 normal reports; 51 of the 99 sentence misses are NOCODE gold. Floor just under that run: a guard
     * against losing ground, not the issue's 0.90.
     */
    static final double BLIND23_FLOOR = 0.87;

    /**
     * Regression floor for blind v24 ({@code eval/blind-v24}: 568 sentences, 120 reports, 46 of them normal; about 68 %
     * of the sentences and 69 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread
     * over twelve reporting voices other than v17's to v22's), written by session 31 helper 11bq blind to the rules from
     * the concept list at main 3e33b0d, committed before any run (notes/s31/issue11bq.md) and held back (not merged) while
     * session 31's rules were written. Blind first run (rules of main 989c19a, every rule of session 31's first two rounds):
     * sentences 0.860, reports 0.882, present 0.861, 6 false positives on 46 normal reports; 47 sentence and 32 report
     * gold pairs are NOCODE. Floor just under that run: a guard against losing ground, not the issue's 0.90.
     */
    static final double BLIND24_FLOOR = 0.85;

    /**
     * Floor for blind v25 ({@code eval/blind-v25}: 654 sentences, 107 reports, 41 of them normal; about 68 % of the
     * sentences and 67 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over
     * twelve reporting voices other than v17's to v24's), written by session 31 helper 11bz blind to the rules from the
     * concept list at main e767942 with a template generator of the writer's own, committed before any run
     * (notes/s31/issue11bz.md) and never tuned on. Blind first run (rules of main a72f61b, every rule of session 31):
     * sentences 0.942, reports 0.894, present 0.903, 2 false positives on 41 normal reports. Its sentences come from
     * templates (one template's sentences differ in side, size or zone), so they vary less than a hand-written set's.
     * Floor just under that run's reports figure: a guard against losing ground.
     */
    static final double BLIND25_FLOOR = 0.88;

    /**
     * Floor for blind v26 ({@code eval/blind-v26}: 515 sentences, 112 reports, 49 of them normal; about 67 % of the
     * sentences and 70 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over
     * thirteen reporting voices), hand-written by session 32 helper 11ce blind to the rules from the concept list at main
     * 6c59d2c, committed before any run (notes/s32/issue11ce.md). Blind first run (rules of main 6c59d2c): sentences
     * 0.901, reports 0.898, present 0.901, 11 false positives on 49 normal reports (10 of them the British "nil" for
     * "no", a negation the rules lacked). A development set from then on. Floor just under that run: a guard against
     * losing ground, not the issue's 0.90.
     */
    static final double BLIND26_FLOOR = 0.88;

    /**
     * Floor for blind v27 ({@code eval/blind-v27}: 560 sentences, 117 reports, 48 of them normal; about 65 % of the
     * sentences and 68 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over
     * ten reporting voices other than v17's to v25's), hand-written by session 32 helper 11cf blind to the rules from the
     * concept list at main 6c59d2c, committed before any run (notes/s32/issue11cf.md) and held off main until the end of
     * session 32, to be run once on the session's final rules as its blind figure. Blind first run (rules of main
     * b565ad0, every rule of session 32): sentences 0.879, reports 0.877, present 0.840, 8 false positives on 48 normal
     * reports (on the rules at the start of session 32, 6c59d2c: 0.879, 0.871, 0.838, 9). A development set from then
     * on. Floor just under that run: a guard against losing ground, not the issue's 0.90.
     */
    static final double BLIND27_FLOOR = 0.86;

    /**
     * Floor for blind v29 ({@code eval/blind-v29}: 482 sentences, 110 reports, 46 of them normal; about 55 % of the
     * sentences and 61 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, spread over
     * ten reporting voices the headers of v20 to v27 do not name), hand-written by session 33 helper 11co blind to the
     * rules from the concept list at main 5264bfd, committed before any run (notes/s33/11co.md). Blind first run (rules
     * of main 5264bfd, the start of session 33): sentences 0.901, reports 0.920, present 0.895, 5 false positives on 46
     * normal reports. The development set of session 33 from then on. Floor just under that run: a guard against losing
     * ground, not the issue's 0.90.
     */
    static final double BLIND29_FLOOR = 0.88;

    /**
     * Floor for blind v28 ({@code eval/blind-v28}: 590 sentences, 116 reports, 48 of them normal; about 71 % of the
     * sentences and 69 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast, in the
     * mainstream voices of US, UK, Canadian and Australian hospital radiology), hand-written by session 33 helper 11cn
     * blind to the rules from the concept list at main 5264bfd, committed before any run (notes/s33/11cn.md) and held
     * off main until every rule of session 33 was merged. Blind first run (rules of main 44cc60b, every rule of session
     * 33): sentences 0.936, reports 0.935, present 0.924, 2 false positives on 48 normal reports (on the rules at the
     * start of session 33, 5264bfd: 0.935, 0.935, 0.924, 2). A development set from then on. Floor just under that run.
     */
    static final double BLIND28_FLOOR = 0.92;

    /**
     * Floor for blind v30 ({@code eval/blind-v30}: 530 sentences, 101 reports, 43 of them normal; about 61 % of the
     * sentences and 64 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast; mostly
     * ordinary US academic and community hospital reporting), hand-written by session 33 helper 11ct blind to the rules
     * from the concept list at main 742337a, committed before any run (notes/s33/11ct.md) and held off main until every
     * rule of session 33 was merged. Blind first run (rules of main 44cc60b): sentences 0.945, reports 0.956, present
     * 0.942, 2 false positives on 43 normal reports (on the rules of 5264bfd: 0.943, 0.956, 0.942, 2). A development
     * set from then on. Floor just under that run.
     */
    static final double BLIND30_FLOOR = 0.93;

    /**
     * Floor for blind v31 ({@code eval/blind-v31}: 559 sentences, 115 reports, 46 of them normal; about 66 % of the
     * sentences and 64 % of the reports chest radiograph, the rest chest CT, abdomen, neuro, MSK and breast; mainstream
     * hospital reporting), hand-written by session 34 helper 11cu blind to the rules from the concept list at main
     * 5d138e7, committed before any run and held off main until every rule of session 34 was merged; its NOCODE names
     * then coded by the mappings of issues 11cw and 11cx, fixed before the set was read. Blind first run (every rule of
     * session 34, main 6fe125f with the set): sentences 0.942, reports 0.972, present 0.971, 1 false positive on 46
     * normal reports (on the rules at the start of session 34, 5d138e7: 0.927, 0.959, 0.945, 4). A development set from
     * then on. Floor just under that run.
     */
    static final double BLIND31_FLOOR = 0.93;

    /**
     * Floor for blind v32 ({@code eval/blind-v32}: 480 sentences, 123 reports, 50 of them normal; about 64 % chest
     * radiograph, the rest chest CT, abdomen, neuro, MSK and breast; terse, voice-recognition, British / Australian and
     * ICU voices), hand-written by session 35 helper 11cy blind to the rules from the concept list at main 5b1c99c,
     * committed before any run and held off main until every rule of session 35 was merged. Blind first run (every rule
     * of session 35, main 6198120b with the set): sentences 0.951, reports 0.952, present 0.947, no false positive on 50
     * normal reports (on the rules at the start of session 35, 5b1c99c: 0.948, 0.953, 0.947, none). A development set
     * from then on. Floor just under that run.
     */
    static final double BLIND32_FLOOR = 0.93;

    /**
     * Floor for blind v33 ({@code eval/blind-v33}: 449 sentences, 114 reports, 41 of them normal; about 61 % chest
     * radiograph, the rest chest CT, abdomen, neuro, MSK and breast; structured academic templates, comparison-heavy
     * follow-up, pre-operative / screening / pediatric films, oncology and hedged resident prose), hand-written by session
     * 36 helper 11dc blind to the rules from the concept list at main c8c3545c, committed before any run. Blind first run
     * (the rules of c8c3545c; session 36 changed no rule before it): sentences 0.948, reports 0.959, present 0.952, 2
     * false positives on 41 normal reports. A development set from then on. Floor just under that run.
     */
    static final double BLIND33_FLOOR = 0.93;

    /**
     * Floor for blind v34 ({@code eval/blind-v34}: 466 sentences, 112 reports, 43 of them normal; about 60 % chest
     * radiograph, the rest chest CT, abdomen, neuro, MSK and breast; outpatient and veterans' films of older adults dense
     * with chronic findings, ICU portable films with lines and tubes, emergency / teleradiology templates in Australian,
     * Canadian and Indian English), hand-written by session 37 helper 11dd blind to the rules from the concept list at
     * main 8fc175fc, committed before any run. Blind first run (the rules of session 37's commits f50dd471 and 1cf8826f;
     * the same figures on the rules of 8fc175fc, the writer's base): sentences 0.942, reports 0.952, present 0.950, no
     * false positive on 43 normal reports. A development set from then on. Floor just under that run.
     */
    static final double BLIND34_FLOOR = 0.93;

    /**
     * Floor for blind v35 ({@code eval/blind-v35}: 478 sentences, 116 reports, 45 of them normal; about 60 % chest
     * radiograph, the rest chest CT, abdomen, neuro, MSK and breast; checklist templates with one line per organ, short
     * impression-only reports and cardiology-ward serial films, English of non-native radiologists and screening films),
     * hand-written by session 37 helper 11de blind to the rules from the concept list at main 20019f38, committed before
     * any run. Blind first run (the rules of session 37's 5cce90e2; the same figures on 8fc175fc, the session's start):
     * sentences 0.915, reports 0.931, present 0.945, 1 false positive on 45 normal reports (0.022). A development set from
     * then on. Floor just under that run.
     */
    static final double BLIND35_FLOOR = 0.90;

    /**
     * One evaluation set: its directory under {@code eval/}, the title its figures are printed under, the least number of
     * sentences / reports it must hold (0: the set has no such file) and the micro-F1 it must reach.
     */
    record EvalSet(String dir, String title, int minSentences, int minReports, double floor) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** Every evaluation set with its floor (the histories of the floors are in the constants' comments above). */
    static final List<EvalSet> SETS = List.of(
            new EvalSet("blind-v3", "Blind v3", 400, 100, 0.90),
            new EvalSet("blind-v4", "Blind v4", 200, 100, 0.90),
            // gold-only adjudication of blind v4's reports (absent statements its gold omitted; list in the file header)
            new EvalSet("blind-v4-adjudicated", "Blind v4 adjudicated gold", 0, 100, 0.90),
            new EvalSet("blind-v5", "Blind v5", 150, 60, 0.90),
            new EvalSet("blind-v6", "Blind v6", 250, 70, BLIND6_FLOOR),
            new EvalSet("blind-v7", "Blind v7", 150, 85, BLIND7_FLOOR),
            new EvalSet("blind-v8", "Blind v8", 150, 100, BLIND8_FLOOR),
            new EvalSet("blind-v9", "Blind v9", 200, 100, BLIND9_FLOOR),
            new EvalSet("blind-v10", "Blind v10", 200, 100, BLIND10_FLOOR),
            new EvalSet("blind-v11", "Blind v11", 500, 130, BLIND11_FLOOR),
            new EvalSet("issue11-dev2", "Dev2 (ex-blind v2)", 400, 100, 0.90),
            new EvalSet("issue11-dev", "Dev (ex-blind v1)", 400, 100, 0.90),
            new EvalSet("blind-v12", "Blind v12", 540, 140, BLIND12_FLOOR),
            new EvalSet("blind-v12-adjudicated", "Blind v12 adjudicated gold", 540, 140, BLIND12_ADJUDICATED_FLOOR),
            new EvalSet("blind-v13", "Blind v13", 520, 140, BLIND13_FLOOR),
            new EvalSet("blind-v14", "Blind v14", 530, 145, BLIND14_FLOOR),
            new EvalSet("blind-v15", "Blind v15", 540, 150, BLIND15_FLOOR),
            new EvalSet("blind-v16", "Blind v16", 460, 130, BLIND16_FLOOR),
            new EvalSet("blind-v17", "Blind v17", 440, 135, BLIND17_FLOOR),
            new EvalSet("blind-v18", "Blind v18", 410, 131, BLIND18_FLOOR),
            new EvalSet("blind-v19", "Blind v19", 535, 114, BLIND19_FLOOR),
            new EvalSet("blind-v20", "Blind v20", 517, 117, BLIND20_FLOOR),
            new EvalSet("blind-v21", "Blind v21", 510, 112, BLIND21_FLOOR),
            new EvalSet("blind-v22", "Blind v22", 507, 112, BLIND22_FLOOR),
            new EvalSet("blind-v23", "Blind v23", 520, 122, BLIND23_FLOOR),
            new EvalSet("blind-v24", "Blind v24", 568, 120, BLIND24_FLOOR),
            new EvalSet("blind-v25", "Blind v25", 650, 105, BLIND25_FLOOR),
            new EvalSet("blind-v26", "Blind v26", 515, 112, BLIND26_FLOOR),
            new EvalSet("blind-v27", "Blind v27", 560, 117, BLIND27_FLOOR),
            new EvalSet("blind-v29", "Blind v29", 482, 110, BLIND29_FLOOR),
            new EvalSet("blind-v28", "Blind v28", 590, 116, BLIND28_FLOOR),
            new EvalSet("blind-v30", "Blind v30", 530, 101, BLIND30_FLOOR),
            new EvalSet("blind-v31", "Blind v31", 559, 115, BLIND31_FLOOR),
            new EvalSet("blind-v32", "Blind v32", 480, 123, BLIND32_FLOOR),
            new EvalSet("blind-v33", "Blind v33", 449, 114, BLIND33_FLOOR),
            new EvalSet("blind-v34", "Blind v34", 466, 112, BLIND34_FLOOR),
            new EvalSet("blind-v35", "Blind v35", 478, 116, BLIND35_FLOOR));

    static Stream<EvalSet> sentenceSets() {
        return SETS.stream().filter(set -> set.minSentences() > 0);
    }

    static Stream<EvalSet> reportSets() {
        return SETS.stream().filter(set -> set.minReports() > 0);
    }

    @ParameterizedTest(name = "{0} sentences")
    @MethodSource("sentenceSets")
    void sentencesMicroF1(EvalSet set) throws IOException {
        assertThat(sentences(set.dir(), set.title(), set.minSentences()))
                .as(set.title() + " sentences micro F1").isGreaterThanOrEqualTo(set.floor());
    }

    @ParameterizedTest(name = "{0} reports")
    @MethodSource("reportSets")
    void reportsMicroF1(EvalSet set) throws IOException {
        assertThat(reports(set.dir(), set.title(), set.minReports()))
                .as(set.title() + " reports micro F1").isGreaterThanOrEqualTo(set.floor());
    }
}
