package org.radbridge.nlp.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.radbridge.nlp.ReportText;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reports kept one per row of a CSV file: as the CheXpert labeler reads them (one column of report text, no header) or
 * as a spreadsheet or database export holds them (a header row naming a report column and perhaps an id column).
 * Parsed by Apache Commons CSV as RFC 4180, so a quoted report keeps its commas, doubled quotes and line breaks.
 * <p>
 * The first row is a header when it names columns: always when it has two or more fields, and for a single field when
 * that field is one of {@link #TEXT_NAMES} (a one-column file whose first report were the word "report" is not worth
 * a guess the other way). Without a column named on the command line, the report column is the header's first of
 * {@link #TEXT_NAMES} and the id column the first of {@link #ID_NAMES}; a report without an id column is named
 * {@code FILE#N}, N counting data rows from 1, so label lines can be joined back to the rows.
 * <p>
 * A bad row (fewer fields than the report column needs) is reported with its line and skipped; malformed CSV (a quote
 * left open) ends the file at that line, after every row before it was analysed; a file that is not UTF-8 is skipped
 * whole, with the line of its first bad byte.
 */
final class ReportCsv {
    static final List<String> TEXT_NAMES = List.of("report", "reports", "report_text", "report text", "text");
    static final List<String> ID_NAMES = List.of("id", "report_id", "reportid", "study_id", "accession");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** Column names given on the command line ({@code --text-column}, {@code --id-column}), or null. */
    record Columns(String text, String id) {
    }

    interface RowHandler {
        /** Analyses one report; returns 1 when it could not be analysed (already reported), else 0. */
        int row(String id, String text) throws IOException;
    }

    private ReportCsv() {}

    static boolean isCsv(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Every report of {@code file}; returns how many rows or problems were reported on {@code err}. */
    static int read(Path file, Columns named, RowHandler handler, PrintStream err) throws IOException {
        String name = file.getFileName().toString();
        int failures = 0;
        byte[] bytes = Files.readAllBytes(file);
        String content;
        try {
            content = ReportText.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            int bad = ReportText.firstInvalidUtf8(bytes), line = 1;
            for (int i = 0; i < bad; i++) if (bytes[i] == '\n') line++;
            err.println("radbridge nlp: " + name + ": line " + line + ": not valid UTF-8 (first bad byte at offset " + bad
                    + "); file skipped");
            return 1;
        }
        try (CSVParser parser = CSVParser.parse(content, FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            long lineBefore = 0;
            int textAt = 0, idAt = -1, expected = 1, dataRow = 0;
            boolean first = true;
            while (true) {
                CSVRecord rec;
                try {
                    lineBefore = parser.getCurrentLineNumber();
                    if (!it.hasNext()) break;
                    rec = it.next();
                } catch (UncheckedIOException e) {
                    err.println("radbridge nlp: " + name + ": line " + (lineBefore + 1) + ": malformed CSV ("
                            + e.getCause().getMessage() + "); the rows after it were not read");
                    return failures + 1;
                }
                List<String> fields = rec.toList();
                if (first) {
                    first = false;
                    fields = fields.isEmpty() ? fields : withoutByteOrderMark(fields);
                    if (fields.size() > 1 || named.text() != null || TEXT_NAMES.contains(norm(fields.get(0)))) {
                        textAt = column(fields, named.text(), TEXT_NAMES);
                        if (textAt < 0) {
                            err.println("radbridge nlp: " + name + ": line 1: " + (named.text() != null
                                    ? "no column '" + named.text() + "'"
                                    : "which column holds the report text? name it with --text-column")
                                    + " (columns: " + String.join(", ", fields) + ")");
                            return failures + 1;
                        }
                        idAt = column(fields, named.id(), ID_NAMES);
                        if (named.id() != null && idAt < 0) {
                            err.println("radbridge nlp: " + name + ": line 1: no column '" + named.id() + "' (columns: "
                                    + String.join(", ", fields) + ")");
                            return failures + 1;
                        }
                        expected = Math.max(textAt, idAt) + 1;
                        continue;
                    }
                }
                dataRow++;
                if (fields.size() < expected) {
                    err.println("radbridge nlp: " + name + ": line " + (lineBefore + 1) + ": expected at least "
                            + expected + " fields, found " + fields.size() + "; row skipped");
                    failures++;
                    continue;
                }
                String id = idAt >= 0 && !fields.get(idAt).isBlank() ? fields.get(idAt).strip() : name + "#" + dataRow;
                failures += handler.row(id, fields.get(textAt));
            }
        }
        return failures;
    }

    /** The index of the named column, or of the header's first default name; -1 when there is none. */
    private static int column(List<String> header, String named, List<String> defaults) {
        if (named != null) {
            for (int i = 0; i < header.size(); i++) if (header.get(i).strip().equals(named)) return i;
            return -1;
        }
        for (String d : defaults) {
            for (int i = 0; i < header.size(); i++) if (norm(header.get(i)).equals(d)) return i;
        }
        return -1;
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> withoutByteOrderMark(List<String> fields) {
        if (!fields.get(0).startsWith("\uFEFF")) return fields;
        java.util.ArrayList<String> f = new java.util.ArrayList<>(fields);
        f.set(0, f.get(0).substring(1));
        return f;
    }
}
