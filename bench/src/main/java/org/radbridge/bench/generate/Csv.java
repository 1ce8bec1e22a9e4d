package org.radbridge.bench.generate;

import org.radbridge.terminology.CsvReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The generator's phrase resources, read by the project's one CSV reader (Apache Commons CSV, see {@link CsvReader}). */
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
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(resource, r);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }

    static List<Row> parse(String source, Reader r) throws IOException {
        CsvReader.Table t = CsvReader.read(r);
        List<Row> rows = new ArrayList<>();
        for (CsvReader.Row row : t.rows()) {
            if (row.columnCount() > t.header().size()) {
                throw new IllegalStateException(source + ":" + row.line() + ": " + row.columnCount() + " fields, header has " + t.header().size());
            }
            rows.add(new Row(source, row.line(), row.values()));
        }
        return rows;
    }
}
