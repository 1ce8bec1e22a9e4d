package org.radbridge.console;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The numbers behind one chart: what the page shows as a table, offers as CSV and plots. Counts under the small-cell
 * threshold are kept as {@link Suppressed} cells, shown as "&lt;11" in all three.
 */
public record DataTable(String name, String title, List<String> columns, List<List<Object>> rows) {
    /** A count below the small-cell threshold: shown as "&lt;threshold", never as the number. */
    public record Suppressed(int threshold) {
        @Override
        public String toString() {
            return "<" + threshold;
        }
    }

    public String csv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecord(columns);
            for (List<Object> r : rows) p.printRecord(r.stream().map(v -> v == null ? "" : v.toString()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The value of a cell for a chart: suppressed counts are not plotted. */
    static Number plotted(Object cell) {
        return cell instanceof Number n ? n : null;
    }
}
