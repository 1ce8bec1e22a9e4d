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
        org.radbridge.nlp.eval.FindingScorer scorer = new org.radbridge.nlp.eval.FindingScorer(nlp.lexicon());
        for (Row r : rows) {
            scorer.score(r.id(), r.sentence(), org.radbridge.nlp.eval.FindingScorer.pairs(nlp.analyze(r.id(), r.sentence()).mentions()),
                    r.expected());
        }
        double p = scorer.precision(), rec = scorer.recall();
        System.out.print(scorer.report("RadBridge eval sentences (" + rows.size() + " sentences, descendants accepted)"));
        assertThat(scorer.f1()).as("micro F1").isGreaterThanOrEqualTo(0.90);
        assertThat(p).as("precision").isGreaterThanOrEqualTo(0.90);
        assertThat(rec).as("recall").isGreaterThanOrEqualTo(0.90);
    }
}
