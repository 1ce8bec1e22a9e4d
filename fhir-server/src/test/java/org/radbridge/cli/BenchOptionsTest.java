package org.radbridge.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A bench command given an option without its value refuses at once instead of benchmarking with its defaults. */
class BenchOptionsTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStderr() {
        stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(stderr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void benchFhirHelpPrintsItsUsage() throws Exception {
        assertThat(BenchCommands.run(new String[] {"fhir", "--help"})).isEqualTo(2);
        assertThat(stderr()).contains("option --help has no value").contains("usage: radbridge bench fhir").contains("--window-days");
    }

    @Test
    void benchFhirRefusesAnOfferedLoadItCannotRead() throws Exception {
        assertThat(BenchCommands.run(new String[] {"fhir", "--rates", "50%,fast"})).isEqualTo(2);
        assertThat(stderr()).contains("bench fhir: --rates 50%,fast: 'fast' is neither");
    }

    @Test
    void anOptionWithoutItsValueIsRefusedByEveryBench() throws Exception {
        assertThat(BenchCommands.run(new String[] {"nlp", "--reports", "100", "--threads"})).isEqualTo(2);
        assertThat(stderr()).contains("option --threads has no value");
        assertThat(BenchCommands.run(new String[] {"ingest", "--dir"})).isEqualTo(2);
        assertThat(stderr()).contains("option --dir has no value");
        assertThat(BenchCommands.run(new String[] {"fuzz", "--seed", "3", "--inputs"})).isEqualTo(2);
        assertThat(stderr()).contains("option --inputs has no value");
    }

    @Test
    void completePairsPass() {
        assertThat(OptionPairs.complete(new String[] {"fhir", "--studies", "10", "--clients", "2"}, 1)).isTrue();
        assertThat(OptionPairs.complete(new String[] {"fhir"}, 1)).isTrue();
        assertThat(stderr()).isEmpty();
    }
}
