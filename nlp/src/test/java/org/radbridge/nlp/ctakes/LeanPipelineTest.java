package org.radbridge.nlp.ctakes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeanPipelineTest {

    /** IDs are RadLex-style identifiers used only as test data here; the real dictionary comes from terminology/. */
    private static final String DICTIONARY = """
            # ID|TUI|text|preferred text
            RID5352|T047|pneumothorax|Pneumothorax
            RID34539|T047|pleural effusion|Pleural effusion
            RID34539|T047|pleural effusions|Pleural effusion
            RID3875|T033|nodule|Nodule
            RID3875|T033|nodules|Nodule
            RID43255|T033|consolidation|Consolidation
            RID35386|T047|cardiomegaly|Cardiomegaly
            RID4865|T047|edema|Edema
            RID5350|T047|pneumonia|Pneumonia
            RID28493|T047|atelectasis|Atelectasis
            """;

    @TempDir
    static Path tmp;

    private static LeanPipeline pipeline;

    @BeforeAll
    static void setUp() throws IOException {
        Path bsv = tmp.resolve("test-dictionary.bsv");
        Files.writeString(bsv, DICTIONARY, StandardCharsets.UTF_8);
        pipeline = new LeanPipeline(bsv);
    }

    @AfterAll
    static void tearDown() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static Mention only(List<Mention> mentions, String conceptId) {
        List<Mention> found = mentions.stream().filter(m -> conceptId.equals(m.conceptId())).toList();
        assertThat(found).as("mentions of %s in %s", conceptId, mentions).hasSize(1);
        return found.get(0);
    }

    @Test
    void positiveFindingWithOffsetsAndPreferredText() {
        String text = "There is a small right pneumothorax.";
        List<Mention> ms = pipeline.process(text);
        Mention m = only(ms, "RID5352");
        assertThat(m.text()).isEqualTo("pneumothorax");
        assertThat(m.start()).isEqualTo(text.indexOf("pneumothorax"));
        assertThat(m.end()).isEqualTo(m.start() + "pneumothorax".length());
        assertThat(m.preferredText()).isEqualTo("Pneumothorax");
        assertThat(m.negated()).isFalse();
        assertThat(m.uncertain()).isFalse();
        assertThat(m.historical()).isFalse();
        assertThat(m.family()).isFalse();
    }

    @Test
    void negationCoversCoordinatedFindings() {
        List<Mention> ms = pipeline.process("No pneumothorax or pleural effusion.");
        assertThat(only(ms, "RID5352").negated()).isTrue();
        Mention effusion = only(ms, "RID34539");
        assertThat(effusion.text()).isEqualTo("pleural effusion");
        assertThat(effusion.negated()).isTrue();
    }

    @Test
    void leftScopeOnlyDoesNotNegateFindingBeforeWithout() {
        List<Mention> ms = pipeline.process("Cardiomegaly without edema.");
        assertThat(only(ms, "RID35386").negated()).as("cardiomegaly").isFalse();
        assertThat(only(ms, "RID4865").negated()).as("edema").isTrue();
    }

    @Test
    void radiologyHedgeIsUncertainNotNegated() {
        Mention m = only(pipeline.process("Cannot exclude pneumonia."), "RID5350");
        assertThat(m.uncertain()).isTrue();
        assertThat(m.negated()).isFalse();

        for (String s : List.of("Pneumonia cannot be excluded.", "Pneumonia is not excluded.",
                "Pneumonia in the left lower lobe cannot be excluded.", "Pneumonia is suspected.",
                "Rule out pneumonia.", "Evaluate for pneumonia.", "Findings may represent pneumonia.",
                "Opacity concerning for pneumonia.")) {
            Mention n = only(pipeline.process(s), "RID5350");
            assertThat(n.uncertain()).as(s).isTrue();
            assertThat(n.negated()).as(s).isFalse();
        }
        // the hedge rule does not leak onto plain negations or onto a following, unhedged finding
        assertThat(only(pipeline.process("No evidence of pneumonia."), "RID5350").uncertain()).isFalse();
        assertThat(only(pipeline.process("Pneumonia has resolved."), "RID5350").uncertain()).isFalse();
        assertThat(only(pipeline.process("Evaluation of the chest shows pneumonia."), "RID5350").uncertain()).isFalse();
        assertThat(only(pipeline.process("Cannot exclude edema; pneumonia is present."), "RID5350").uncertain())
                .isFalse();
        List<Mention> ms = pipeline.process("Consolidation is likely pneumonia.");
        assertThat(only(ms, "RID43255").uncertain()).as("consolidation").isFalse();
    }

    @Test
    void ctakesProbableStatusIsUncertain() {
        Mention m = only(pipeline.process("Findings likely represent atelectasis."), "RID28493");
        assertThat(m.uncertain()).isTrue();
        assertThat(m.negated()).isFalse();
    }

    @Test
    void historyAndFamilyHistory() {
        Mention m = only(pipeline.process("History of lung nodule."), "RID3875");
        assertThat(m.text()).isEqualTo("nodule");
        assertThat(m.historical()).isTrue();
        assertThat(m.family()).isFalse();
        assertThat(m.negated()).isFalse();

        Mention f = only(pipeline.process("Family history of pneumothorax."), "RID5352");
        assertThat(f.family()).isTrue();
        assertThat(f.historical()).isFalse();
    }

    @Test
    void offsetsPointIntoTheOriginalMultiSentenceReport() {
        String text = "CHEST RADIOGRAPH\n\nFINDINGS:\nThe lungs are clear without consolidation.\n"
                + "Small left pleural effusions. Stable 4 mm nodule in the right upper lobe.\n\n"
                + "IMPRESSION:\n1. No pneumothorax.\n2. Cardiomegaly.\n";
        List<Mention> ms = pipeline.process(text);
        assertThat(ms).extracting(Mention::conceptId)
                .containsExactly("RID43255", "RID34539", "RID3875", "RID5352", "RID35386");
        for (Mention m : ms) {
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
        }
        assertThat(only(ms, "RID43255").negated()).isTrue();
        assertThat(only(ms, "RID34539").negated()).isFalse();
        assertThat(only(ms, "RID3875").negated()).isFalse();
        assertThat(only(ms, "RID5352").negated()).isTrue();
        assertThat(only(ms, "RID35386").negated()).isFalse();
    }

    @Test
    void caseInsensitiveAndEmptyInput() {
        assertThat(only(pipeline.process("PNEUMOTHORAX."), "RID5352").text()).isEqualTo("PNEUMOTHORAX");
        assertThat(pipeline.process("")).isEmpty();
        assertThat(pipeline.process(null)).isEmpty();
        assertThat(pipeline.process("Normal study.")).isEmpty();
    }

    @Test
    void missingDictionaryIsRejected() {
        assertThatThrownBy(() -> new LeanPipeline(tmp.resolve("absent.bsv")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneInstancePerThreadGivesTheSameResults() throws Exception {
        List<String> reports = syntheticReports(40, 7);
        List<List<Mention>> expected = reports.stream().map(pipeline::process).toList();
        Path bsv = tmp.resolve("test-dictionary.bsv");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<List<Mention>>>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    try (LeanPipeline own = new LeanPipeline(bsv)) {
                        return reports.stream().map(own::process).toList();
                    }
                }));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Throughput on 500 synthetic ~1.5 KB reports, single thread. Prints the rate; asserts nothing about time. */
    @Test
    void throughputOn500SyntheticReports() {
        List<String> reports = syntheticReports(500, 42);
        double avg = reports.stream().mapToInt(String::length).average().orElse(0);
        for (int i = 0; i < 50; i++) {
            pipeline.process(reports.get(i)); // warm-up
        }
        long mentions = 0;
        long t0 = System.nanoTime();
        for (String r : reports) {
            mentions += pipeline.process(r).size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("LeanPipeline throughput: %d reports (avg %.0f chars) in %.2f s = %.1f reports/s, %d mentions%n",
                reports.size(), avg, seconds, reports.size() / seconds, mentions);
        assertThat(mentions).isPositive();
    }

    static List<String> syntheticReports(int n, long seed) {
        String[] findings = {
                "There is a small right pneumothorax measuring 1.2 cm at the apex.",
                "No pneumothorax or pleural effusion is identified.",
                "Cardiomegaly without edema.",
                "Cannot exclude pneumonia in the left lower lobe.",
                "Patchy consolidation in the right lower lobe, likely pneumonia.",
                "Stable 6 mm nodule in the right upper lobe, unchanged from prior.",
                "Bibasilar atelectasis is noted, left greater than right.",
                "The lungs are clear. The cardiomediastinal silhouette is within normal limits.",
                "Trace bilateral pleural effusions with adjacent atelectasis.",
                "History of lung nodule, followed on prior examinations.",
                "Degenerative changes of the thoracic spine are noted without acute fracture.",
                "Interval placement of a right internal jugular central venous catheter with tip in the SVC.",
                "No focal consolidation, pleural effusion or pneumothorax.",
                "Mild pulmonary vascular congestion, possible early edema."
        };
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(1700);
            sb.append("EXAMINATION: CHEST, PA AND LATERAL, accession ").append(100000 + i).append("\n\n");
            sb.append("CLINICAL HISTORY: Shortness of breath and cough for three days. Evaluate for pneumonia.\n\n");
            sb.append("COMPARISON: Chest radiograph from six months earlier.\n\n");
            sb.append("TECHNIQUE: Frontal and lateral views of the chest were obtained.\n\nFINDINGS:\n");
            while (sb.length() < 1330) {
                sb.append(findings[rnd.nextInt(findings.length)]).append(' ');
                if (rnd.nextInt(4) == 0) {
                    sb.append('\n');
                }
            }
            sb.append("\n\nIMPRESSION:\n1. ").append(findings[rnd.nextInt(findings.length)])
                    .append("\n2. ").append(findings[rnd.nextInt(findings.length)]).append('\n');
            out.add(sb.toString());
        }
        return out;
    }
}
