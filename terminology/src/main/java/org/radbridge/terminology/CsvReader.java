package org.radbridge.terminology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV with a header row, as spreadsheet programs write it. Rows keep their line number
 * so that validation errors can point an interface engineer to the exact line.
 */
public final class CsvReader {

    public record Row(int line, Map<String, String> values, int columnCount) {
        public String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.trim();
        }
    }

    public record Table(List<String> header, List<Row> rows) {}

    public static Table read(Reader in) throws IOException {
        BufferedReader r = new BufferedReader(in);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        int line = 0;
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            int startLine = line;
            // a quoted field may hold line breaks: keep reading until the quotes balance
            while (countQuotes(text) % 2 == 1) {
                String more = r.readLine();
                if (more == null) break;
                line++;
                text = text + "\n" + more;
            }
            if (text.isBlank() || text.startsWith("#")) continue;
            List<String> fields = split(text);
            if (header == null) {
                if (!fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) fields.set(0, fields.get(0).substring(1));
                header = fields.stream().map(String::trim).toList();
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < fields.size(); i++) values.put(header.get(i), fields.get(i));
            rows.add(new Row(startLine, values, fields.size()));
        }
        return new Table(header == null ? List.of() : header, rows);
    }

    private static int countQuotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '"') n++;
        return n;
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
