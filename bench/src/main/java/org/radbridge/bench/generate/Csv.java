package org.radbridge.bench.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal RFC 4180 reader for the generator's phrase resources: header row, quoted fields, '#' comment lines. */
final class Csv {

    /** One data row, fields addressed by header name; missing trailing fields read as "". */
    record Row(String source, int line, Map<String, String> fields) {
        String get(String name) {
            String v = fields.get(name);
            return v == null ? "" : v.trim();
        }

        String require(String name) {
            String v = get(name);
            if (v.isEmpty()) {
                throw new IllegalStateException(source + ":" + line + ": column '" + name + "' is empty");
            }
            return v;
        }
    }

    private Csv() {
    }

    static List<Row> readResource(String resource) {
        InputStream in = Csv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(resource, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> parse(String source, BufferedReader r) throws IOException {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            int startLine = lineNo;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // a quoted field may span lines
            while (unbalanced(line)) {
                String next = r.readLine();
                if (next == null) {
                    throw new IllegalStateException(source + ":" + startLine + ": unterminated quote");
                }
                lineNo++;
                line = line + "\n" + next;
            }
            List<String> fields = split(line);
            if (header == null) {
                header = fields;
                continue;
            }
            if (fields.size() > header.size()) {
                throw new IllegalStateException(source + ":" + startLine + ": " + fields.size()
                        + " fields, header has " + header.size());
            }
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                m.put(header.get(i), fields.get(i));
            }
            rows.add(new Row(source, startLine, Collections.unmodifiableMap(m)));
        }
        return rows;
    }

    private static boolean unbalanced(String line) {
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 != 0;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
