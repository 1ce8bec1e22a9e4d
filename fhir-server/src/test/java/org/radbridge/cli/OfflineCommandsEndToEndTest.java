package org.radbridge.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.GenerationSummary;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.server.E2eSupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that run without a server (ingest, rebuild, and bench the same way) start the application without its
 * web server: every bean they need must exist in that mode too.
 */
@Tag("e2e")
class OfflineCommandsEndToEndTest {
    private static final String[] PROPS = {"radbridge.home", "radbridge.data", "radbridge.http.port", "radbridge.db.port", "radbridge.pseudonym.key"};

    @Test
    void ingestAndRebuildRunWithoutAServer(@TempDir Path work) throws Exception {
        GenerationSummary generated = new SyntheticPacsGenerator(new GenerateOptions(2, 21L, work.resolve("pacs"))).generate();
        Map<String, String> saved = new HashMap<>();
        for (String p : PROPS) saved.put(p, System.getProperty(p));
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setProperty("radbridge.home", Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize().toString());
            System.setProperty("radbridge.data", work.resolve("data").toString());
            System.setProperty("radbridge.http.port", String.valueOf(E2eSupport.freePort()));
            System.setProperty("radbridge.db.port", String.valueOf(E2eSupport.freePort()));
            System.setProperty("radbridge.pseudonym.key", "offline-e2e-key-0123456789");
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(ServerCommands.ingest(new String[] {work.resolve("pacs").toString()})).isZero();
            String ingest = captured.toString(StandardCharsets.UTF_8);
            captured.reset();
            assertThat(ServerCommands.rebuild()).isZero();
            String rebuild = captured.toString(StandardCharsets.UTF_8);
            System.setOut(stdout);
            assertThat(ingest).containsPattern("FHIR ImagingStudy\\s+" + generated.studies() + "\\b")
                    .containsPattern("omop.procedure_occurrence\\s+" + generated.studies() + "\\b");
            assertThat(rebuild).contains("studies_projected\t" + generated.studies() + "\n");
        } finally {
            System.setOut(stdout);
            saved.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }
}
