package org.radbridge.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micro precision and recall of (concept, assertion) pairs over the RadBridge evaluation sentences
 * ({@code src/test/resources/eval/radiology-sentences.tsv}). Each sentence is analysed on its own; the pairs of a
 * sentence are compared as sets. Fails if precision or recall drops below 0.90.
 */
class RadiologyEvaluationTest {

    private static RadiologyNlp nlp;

    @BeforeAll
    static void setUp() {
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void tearDown() {
        nlp.close();
    }

    record Row(String id, String category, String sentence, Set<String> expected) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RadiologyEvaluationTest.class.getResourceAsStream("/eval/radiology-sentences.tsv")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean header = true;
            for (String line : all.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) { header = false; continue; }
                String[] f = line.split("\t", -1);
                Set<String> exp = new HashSet<>();
                for (String p : f[3].split(";")) if (!p.isBlank()) exp.add(p.trim());
                rows.add(new Row(f[0], f[1], f[2], exp));
            }
        }
        return rows;
    }

    @Test
    void conceptAssertionPrecisionAndRecallAtLeast090() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        int tp = 0, fp = 0, fn = 0;
        List<String> errors = new ArrayList<>();
        java.util.Map<String, int[]> byCategory = new java.util.TreeMap<>();
        for (Row r : rows) {
            Set<String> got = new HashSet<>();
            for (FindingMention m : nlp.analyze(r.id(), r.sentence()).mentions()) {
                got.add(m.conceptCode() + ":" + m.assertion().code());
            }
            int[] c = byCategory.computeIfAbsent(r.category(), k -> new int[3]);
            for (String g : got) {
                if (r.expected().contains(g)) { tp++; c[0]++; } else { fp++; c[1]++; errors.add(r.id() + " FP " + g + "  | " + r.sentence()); }
            }
            for (String e : r.expected()) {
                if (!got.contains(e)) { fn++; c[2]++; errors.add(r.id() + " FN " + e + "  | " + r.sentence()); }
            }
        }
        double p = tp / (double) (tp + fp), rec = tp / (double) (tp + fn), f1 = 2 * p * rec / (p + rec);
        System.out.printf("RadBridge eval sentences: %d sentences, TP %d FP %d FN %d, precision %.3f recall %.3f F1 %.3f%n",
                rows.size(), tp, fp, fn, p, rec, f1);
        byCategory.forEach((k, c) -> System.out.printf("  %-9s TP %3d FP %3d FN %3d%n", k, c[0], c[1], c[2]));
        errors.forEach(e -> System.out.println("  " + e));
        assertThat(p).as("precision").isGreaterThanOrEqualTo(0.90);
        assertThat(rec).as("recall").isGreaterThanOrEqualTo(0.90);
    }
}
