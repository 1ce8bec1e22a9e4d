package org.radbridge.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated data files under {@code org/radbridge/nlp/} (comments '#', blank lines skipped). */
public final class Resources {
    private Resources() {}

    public static List<String[]> tsv(String resource) {
        try (InputStream in = Resources.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            List<String[]> out = new ArrayList<>();
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = br.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length >= 2) out.add(f);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first column of a word-list file, trimmed and in lower case, in file order: the words looked up
     * case-insensitively. A header row whose first column is {@code word} and blank words are skipped.
     */
    public static List<String> words(String resource) {
        List<String> out = new ArrayList<>();
        for (String[] f : tsv(resource)) {
            String w = f[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!w.isEmpty() && !w.equals("word")) out.add(w);
        }
        return out;
    }
}
