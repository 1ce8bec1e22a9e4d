package org.radbridge.nlp.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real-text evaluations (MTSamples reports, ROCO captions) share: the third-party text lives outside the
 * repository at a path named by a system property or an environment variable, and only a gold TSV is committed.
 */
final class ExternalTextSets {
    private ExternalTextSets() {}

    /** The file named by the system property, else by the environment variable; null when neither is set. */
    static Path path(String property, String env) {
        String p = System.getProperty(property, "").trim();
        if (p.isEmpty()) p = System.getenv().getOrDefault(env, "").trim();
        return p.isEmpty() ? null : Path.of(p);
    }

    /** The data rows of a gold TSV resource (comments, blank lines and the header row skipped), each with {@code columns} fields. */
    static List<String[]> goldRows(String resource, int columns) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = ExternalTextSets.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) { header = false; continue; }
                String[] f = line.split("\t", -1);
                assertThat(f).as("gold row " + f[0]).hasSize(columns);
                out.add(f);
            }
        }
        return out;
    }
}
