package org.radbridge.bench.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's own path on a few reports; the full cTAKES peer is not built here (it would load about 650 MB of
 * models), so it is reported as skipped with the way to build it. The figures themselves come from
 * {@code radbridge bench nlp}, not from a timed unit test.
 */
class NlpBenchTest {

    @Test
    void runsRadiologyNlpOnAllThreadsAndSaysWhyThePeerIsMissing(@TempDir Path dir) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = NlpBench.run(new NlpBench.Options(60, 10, 2, 7L, dir, dir.resolve("no-checkout"), 512, 0.5, 3));
        } finally {
            System.setOut(out);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(rc).isZero();
        // three rounds of the 60 reports each: 180 timed, and the CPU time of each round printed
        assertThat(text).containsPattern("RadBridge RadiologyNlp \\(lean cTAKES \\+ rules\\) +180 ")
                .containsPattern("RadBridge RadiologyNlp, same sample x6 +180 ")
                .containsPattern("CPU ms/report by round, RadBridge RadiologyNlp \\(lean cTAKES \\+ rules\\): "
                        + "\\d+\\.\\d{3} \\d+\\.\\d{3} \\d+\\.\\d{3}\\n")
                .contains("full cTAKES pipeline skipped").contains("reports/s from CPU time")
                .contains("generator truth: TP");
        // the fixed sample the peer would read is written as report files with their header block
        try (var s = Files.list(dir.resolve("nlp-sample"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".txt")).count()).isEqualTo(10);
        }
    }
}
