package org.radbridge.deid;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.RadiologyNlp;
import org.radbridge.report.ReportTestData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NLP must find the same findings in scrubbed and unscrubbed text: the NLP evaluation sentences and the lines of the
 * scrubber's labelled PHI set (deid/src/test/resources/deid/phi-test-set.tsv, markers stripped).
 */
class ScrubbedTextNlpTest {
    private static final ReportTextScrubber.Known KNOWN = new ReportTextScrubber.Known("GARCIA^MARIA^ELENA", "PT7731904", "HOSP",
            "A20240312-88", List.of("1.2.840.113619.2.55.3.2831164356"));
    private final ReportTextScrubber scrubber = new ReportTextScrubber();

    /** The PHI set's texts without their {{PHI}} and <<keep>> markers. */
    private static List<String> phiSetTexts() throws IOException {
        List<String> out = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(ReportTestData.home().resolve("deid/src/test/resources/deid/phi-test-set.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (header) { header = false; continue; }
            out.add(line.split("\t", -1)[2].replace("\\n", "\n").replace("{{", "").replace("}}", "").replace("<<", "").replace(">>", ""));
        }
        return out;
    }

    @Test
    void theNlpFindsTheSameFindingsInScrubbedAndUnscrubbedText() throws IOException {
        Path eval = ReportTestData.home().resolve("nlp/src/test/resources/eval/radiology-sentences.tsv");
        List<String> texts = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(eval, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (header) { header = false; continue; }
            texts.add(line.split("\t", -1)[2]);
        }
        assertThat(texts).hasSizeGreaterThanOrEqualTo(300);
        int evalSentences = texts.size();
        // the lines of the PHI set too: there the scrubber does replace text next to the findings
        texts.addAll(phiSetTexts());
        int changed = 0, findings = 0;
        List<String> differences = new ArrayList<>();
        try (RadiologyNlp nlp = new RadiologyNlp(ReportTestData.home().resolve("terminology/codesystems"))) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                String scrubbed = scrubber.scrub(text, KNOWN).text();
                if (!scrubbed.equals(text)) changed++;
                List<String> before = findings(nlp, text);
                List<String> after = scrubbed.equals(text) ? before : findings(nlp, scrubbed);
                findings += before.size();
                if (!before.equals(after)) differences.add(text + "\n    scrubbed: " + scrubbed + "\n    " + before + " vs " + after);
            }
        }
        System.out.printf("NLP on scrubbed text: %d evaluation sentences and %d PHI-set lines, %d changed by the scrubber, %d findings, "
                + "%d with different findings%n", evalSentences, texts.size() - evalSentences, changed, findings, differences.size());
        differences.forEach(d -> System.out.println("  " + d));
        assertThat(findings).isGreaterThan(300);
        assertThat(differences).isEmpty();
    }

    private static List<String> findings(RadiologyNlp nlp, String text) {
        List<String> out = new ArrayList<>();
        for (FindingMention m : nlp.analyze("s", text).mentions()) {
            out.add(m.conceptCode() + ":" + m.assertion().code() + ":" + m.temporality().code() + ":" + m.subject().code() + ":"
                    + m.laterality() + ":" + m.section() + ":" + m.dimensionsMm() + ":" + m.text());
        }
        return out;
    }
}
