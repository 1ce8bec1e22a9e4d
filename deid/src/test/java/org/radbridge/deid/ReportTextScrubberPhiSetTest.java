package org.radbridge.deid;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scrubber against a labelled set written for it ({@code src/test/resources/deid/phi-test-set.tsv}): recall of
 * PHI characters and spans must be 1.0, the marked clinical content (sizes, vertebral levels, lung segments, BI-RADS
 * and Lung-RADS categories, series and image numbers, comparison studies) must come through unchanged and at the
 * offsets the scrubber maps to. (camel-routes' ScrubbedTextNlpTest checks that the NLP finds the same findings in
 * scrubbed and unscrubbed text.)
 */
class ReportTextScrubberPhiSetTest {
    private static final ReportTextScrubber.Known KNOWN = new ReportTextScrubber.Known("GARCIA^MARIA^ELENA", "PT7731904", "HOSP",
            "A20240312-88", List.of("1.2.840.113619.2.55.3.2831164356"));
    private final ReportTextScrubber scrubber = new ReportTextScrubber();

    record Span(int start, int end) {}

    record Case(String id, String category, String text, List<Span> phi, List<Span> keep) {}

    /** Parses the marked text: {{...}} is PHI, <<...>> clinical content to keep, \n a line break. */
    static Case parse(String id, String category, String marked) {
        StringBuilder text = new StringBuilder();
        List<Span> phi = new ArrayList<>();
        List<Span> keep = new ArrayList<>();
        int phiStart = -1, keepStart = -1;
        String m = marked.replace("\\n", "\n");
        for (int i = 0; i < m.length(); i++) {
            if (m.startsWith("{{", i)) { phiStart = text.length(); i++; }
            else if (m.startsWith("}}", i)) { phi.add(new Span(phiStart, text.length())); i++; }
            else if (m.startsWith("<<", i)) { keepStart = text.length(); i++; }
            else if (m.startsWith(">>", i)) { keep.add(new Span(keepStart, text.length())); i++; }
            else text.append(m.charAt(i));
        }
        return new Case(id, category, text.toString(), phi, keep);
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = ReportTextScrubberPhiSetTest.class.getResourceAsStream("/deid/phi-test-set.tsv")) {
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) { header = false; continue; }
                String[] f = line.split("\t", -1);
                out.add(parse(f[0], f[1], f[2]));
            }
        }
        return out;
    }

    private static boolean[] removed(ReportTextScrubber.Scrubbed s, int length) {
        boolean[] gone = new boolean[length];
        for (ReportTextScrubber.Replacement r : s.replacements()) for (int i = r.start(); i < r.end(); i++) gone[i] = true;
        return gone;
    }

    @Test
    void everyPhiSpanIsRemovedAndClinicalContentSurvivesAtItsMappedOffsets() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
        int phiChars = 0, phiCharsRemoved = 0, phiSpans = 0, phiSpansRemoved = 0, removedChars = 0, removedPhiChars = 0, keepSpans = 0;
        Map<String, int[]> byCategory = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            ReportTextScrubber.Scrubbed s = scrubber.scrub(c.text(), KNOWN);
            boolean[] gone = removed(s, c.text().length());
            boolean[] isPhi = new boolean[c.text().length()];
            int[] cat = byCategory.computeIfAbsent(c.category(), k -> new int[2]);
            for (Span p : c.phi()) {
                phiSpans++;
                cat[0]++;
                boolean all = true;
                for (int i = p.start(); i < p.end(); i++) {
                    isPhi[i] = true;
                    if (Character.isWhitespace(c.text().charAt(i))) continue;
                    phiChars++;
                    if (gone[i]) phiCharsRemoved++;
                    else all = false;
                }
                if (all) { phiSpansRemoved++; cat[1]++; }
                else misses.add(c.id() + " kept PHI '" + c.text().substring(p.start(), p.end()) + "' -> " + s.text());
            }
            for (int i = 0; i < gone.length; i++) {
                if (gone[i] && !Character.isWhitespace(c.text().charAt(i))) {
                    removedChars++;
                    if (isPhi[i]) removedPhiChars++;
                }
            }
            for (Span k : c.keep()) {
                keepSpans++;
                String want = c.text().substring(k.start(), k.end());
                boolean touched = false;
                for (int i = k.start(); i < k.end(); i++) touched |= gone[i];
                String mapped = s.text().substring(s.map(k.start()), s.mapEnd(k.end()));
                if (touched || !mapped.equals(want)) misses.add(c.id() + " changed clinical text '" + want + "' -> " + s.text());
            }
        }
        double charRecall = phiCharsRemoved / (double) phiChars;
        double spanRecall = phiSpansRemoved / (double) phiSpans;
        System.out.printf("PHI test set: %d lines, %d PHI spans (%d characters), %d clinical spans; span recall %.3f, character recall %.3f, "
                + "precision of removed characters %.3f%n", cases.size(), phiSpans, phiChars, keepSpans, spanRecall, charRecall,
                removedPhiChars / (double) removedChars);
        byCategory.forEach((k, v) -> System.out.printf("  %-8s %3d/%3d spans removed%n", k, v[1], v[0]));
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(phiSpans).isGreaterThanOrEqualTo(100);
        assertThat(keepSpans).isGreaterThanOrEqualTo(60);
        assertThat(misses).isEmpty();
        assertThat(charRecall).isEqualTo(1.0);
        assertThat(spanRecall).isEqualTo(1.0);
    }
}
