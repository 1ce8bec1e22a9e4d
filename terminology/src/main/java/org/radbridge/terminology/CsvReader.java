package org.radbridge.terminology;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV with a header row, as spreadsheet programs write it, read by Apache Commons CSV: quoted fields with
 * commas, doubled quotes and line breaks, a UTF-8 byte-order mark, blank lines and lines starting with '#' (comments).
 * Rows keep the line number they start on, so that validation errors can point an interface engineer to the exact
 * line; a quote left open is an error naming the line.
 */
public final class CsvReader {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .get();

    public record Row(int line, Map<String, String> values, int columnCount) {
        public String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.trim();
        }

        /**
         * The column as a decimal number, or null after adding "{@code where}: column 'value' is not a number" to
         * {@code errors}, so a loader reports every bad row with its place and goes on.
         */
        public Double number(String column, String where, List<String> errors) {
            try {
                return Double.parseDouble(get(column));
            } catch (NumberFormatException e) {
                errors.add(where + ": " + column + " '" + get(column) + "' is not a number");
                return null;
            }
        }
    }

    public record Table(List<String> header, List<Row> rows) {
        /**
         * The rows an importer can trust: none when a required column is missing (each one an error on line 1),
         * otherwise every row with as many fields as the header. A row with another count becomes an error naming
         * its line when the iteration reaches it, so the caller's own errors stay in line order. Errors read
         * {@code FILE:LINE: problem}, the form every validation message of the project uses.
         */
        public Iterable<Row> checkedRows(String file, List<String> requiredColumns, List<String> errors) {
            List<String> missing = requiredColumns.stream().filter(c -> !header.contains(c)).toList();
            for (String col : missing) errors.add(file + ":1: missing column " + col);
            if (!missing.isEmpty()) return List.of();
            return () -> rows.stream().filter(row -> {
                if (row.columnCount() == header.size()) return true;
                errors.add(file + ":" + row.line() + ": expected " + header.size() + " columns, found " + row.columnCount());
                return false;
            }).iterator();
        }
    }

    private CsvReader() {}

    public static Table read(Reader in) throws IOException {
        StringWriter w = new StringWriter();
        in.transferTo(w);
        String text = w.toString();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        LineIndex lines = new LineIndex(text);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord rec : parser) {
                List<String> fields = rec.toList();
                // a line of blanks only is a blank line, as a spreadsheet sees it
                if (fields.size() == 1 && fields.get(0).isBlank()) continue;
                if (header == null) {
                    header = fields.stream().map(String::trim).toList();
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < fields.size(); i++) values.put(header.get(i), fields.get(i));
                rows.add(new Row(lines.firstRecordLine(rec.getCharacterPosition()), values, fields.size()));
            }
        } catch (UncheckedIOException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
        return new Table(header == null ? List.of() : header, rows);
    }

    /** Line numbers (from 1) of character positions; \n, \r\n and a lone \r each end a line. */
    static final class LineIndex {
        private final String text;
        private final long[] starts;

        LineIndex(String text) {
            this.text = text;
            long[] s = new long[16];
            int n = 0;
            s[n++] = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    if (n == s.length) s = Arrays.copyOf(s, n * 2);
                    s[n++] = i + 1;
                }
            }
            starts = Arrays.copyOf(s, n);
        }

        int lineOf(long position) {
            int i = Arrays.binarySearch(starts, position);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        /**
         * The line a record starts on. Commons CSV reports the position where it began reading the record, which is
         * before the blank and comment lines it skipped on the way: step over those.
         */
        int firstRecordLine(long position) {
            int line = lineOf(position);
            while (line < starts.length && skipped(line)) line++;
            return line;
        }

        private boolean skipped(int line) {
            int from = (int) starts[line - 1];
            int to = line < starts.length ? (int) starts[line] : text.length();
            String s = text.substring(from, to);
            return s.isBlank() || s.startsWith("#");
        }
    }
}
