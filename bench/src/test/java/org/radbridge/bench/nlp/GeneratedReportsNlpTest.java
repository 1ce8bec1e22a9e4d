package org.radbridge.bench.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.bench.generate.SyntheticReports;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.RadiologyNlp;
import org.radbridge.nlp.ReportText;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NLP against the synthetic generator's truth labels: reports made by the generator's own phrase catalog and
 * report builder, (concept, assertion) pairs per report scored by {@link TruthScorer}. Truth terms are mapped to
 * concepts through the terminology's synonyms only; terms the terminology has no code for count as misses.
 */
class GeneratedReportsNlpTest {

    private static RadiologyNlp nlp;

    @BeforeAll
    static void start() {
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void stop() {
        nlp.close();
    }

    @Test
    void recallAndPrecisionAgainstGeneratorTruth() {
        List<SyntheticReports.Report> reports = new SyntheticReports().generate(1500, 20241122L);
        TruthScorer scorer = new TruthScorer(nlp.lexicon());
        for (SyntheticReports.Report r : reports) {
            String body = ReportText.body(r.text());
            scorer.add(r, nlp.analyze(r.id(), body).mentions(), body);
        }
        TruthScorer.Score s = scorer.score();
        System.out.println(s.describe());
        scorer.wrongOutputExamples().forEach((k, v) -> System.out.println("  e.g. " + k + ": " + v));
        assertThat(s.recall()).as("recall over all truth pairs").isGreaterThanOrEqualTo(0.90);
        assertThat(s.precision()).as("precision").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void scorerCountsAMissedTermAndAWrongAssertion() {
        // the scorer itself: one report, truth pneumothorax absent + ascites present; output pneumothorax present
        SyntheticReports.Report r = new SyntheticReports.Report("X", "FINDINGS:\nx\n", List.of(
                new SyntheticReports.Truth("pneumothorax", "absent", "current", "findings"),
                new SyntheticReports.Truth("ascites", "present", "current", "findings")));
        List<FindingMention> out = nlp.analyze("X", "There is a pneumothorax.").mentions();
        TruthScorer scorer = new TruthScorer(nlp.lexicon());
        scorer.add(r, out);
        TruthScorer.Score s = scorer.score();
        assertThat(s.truePositives()).isZero();
        assertThat(s.falsePositives()).isEqualTo(1);
        assertThat(s.falseNegatives()).isEqualTo(2);
    }
}
