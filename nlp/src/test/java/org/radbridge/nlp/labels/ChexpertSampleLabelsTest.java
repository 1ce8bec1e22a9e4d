package org.radbridge.nlp.labels;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.RadiologyNlp;
import org.radbridge.terminology.CsvReader;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public material: the CheXpert labeler's own labelled sample reports ({@code ../shared/nlp/chexpert_labeler_phrases/
 * labeled_reports.csv}, stanfordmlgroup/chexpert-labeler, MIT; 4 reports x 14 labels, skipped if absent). Prints the
 * cell agreement of {@code radbridge nlp --labels} with the CheXpert labeler's labels and requires at least 90%.
 */
class ChexpertSampleLabelsTest {

    static Path file() {
        String home = System.getProperty("radbridge.home", "..");
        for (Path p : List.of(Path.of(home, "..", "shared", "nlp", "chexpert_labeler_phrases", "labeled_reports.csv"),
                Path.of("..", "..", "shared", "nlp", "chexpert_labeler_phrases", "labeled_reports.csv"),
                Path.of("/work/shared/nlp/chexpert_labeler_phrases/labeled_reports.csv"))) {
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    @Test
    void agreesWithTheChexpertLabelerOnItsSampleReports() throws Exception {
        Path f = file();
        Assumptions.assumeTrue(f != null, "CheXpert labeled_reports.csv not found; skipped");
        int cells = 0, agree = 0;
        try (RadiologyNlp nlp = new RadiologyNlp(); Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            ReportLabeler labeler = new ReportLabeler(nlp.lexicon(), LabelSet.chexpert(nlp.lexicon()));
            List<CsvReader.Row> rows = CsvReader.read(r).rows();
            assertThat(rows).isNotEmpty();
            int n = 0;
            for (CsvReader.Row row : rows) {
                Map<String, Integer> got = labeler.labels(nlp.analyze("sample" + (++n), row.get("Reports")));
                for (String label : LabelSet.CHEXPERT_ORDER) {
                    String want = row.get(label).trim();
                    Integer expected = want.isEmpty() ? null : (int) Double.parseDouble(want);
                    cells++;
                    if (java.util.Objects.equals(expected, got.get(label))) agree++;
                    else System.out.printf("  sample %d %s: CheXpert %s, RadBridge %s%n", n, label, expected, got.get(label));
                }
            }
        }
        System.out.printf("CheXpert labeler sample reports: %d of %d label cells agree (%.3f)%n", agree, cells, agree / (double) cells);
        assertThat(agree / (double) cells).isGreaterThanOrEqualTo(0.90);
    }
}
