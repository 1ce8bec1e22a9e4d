package org.radbridge.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Standard output of {@code token}: the token alone, the list as CSV, nothing for a revocation. */
class TokenCommandTest {
    @Test
    void createListRevokePrintOnlyTheirResult(@TempDir Path data) throws Exception {
        String saved = System.getProperty("radbridge.data");
        System.setProperty("radbridge.data", data.toString());
        try {
            Out create = run("create", "--name", "analyst", "--role", "patient", "--patient", "42");
            assertThat(create.rc).isZero();
            assertThat(create.out).matches("rb_[A-Za-z0-9_-]{20,}\n");
            assertThat(create.err).contains("Created token 'analyst'");

            Out list = run("list");
            try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(list.out))) {
                assertThat(p.getHeaderNames()).containsExactly("name", "role", "patient", "created");
                List<CSVRecord> rows = p.getRecords();
                assertThat(rows).anySatisfy(r -> {
                    assertThat(r.get("name")).isEqualTo("analyst");
                    assertThat(r.get("role")).isEqualTo("patient");
                    assertThat(r.get("patient")).isEqualTo("42");
                });
            }

            Out revoke = run("revoke", "analyst");
            assertThat(revoke.rc).isZero();
            assertThat(revoke.out).isEmpty();
            assertThat(revoke.err).contains("Revoked token 'analyst'");
        } finally {
            if (saved == null) System.clearProperty("radbridge.data");
            else System.setProperty("radbridge.data", saved);
        }
    }

    private record Out(int rc, String out, String err) {}

    private static Out run(String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = TokenCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Out(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
