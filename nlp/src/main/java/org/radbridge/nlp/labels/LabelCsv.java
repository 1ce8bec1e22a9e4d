package org.radbridge.nlp.labels;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code radbridge nlp --labels --format csv}: the CheXpert labeler's output table, one row per report with a column
 * per CheXpert observation, 1.0 positive / 0.0 negative / -1.0 uncertain / blank not mentioned, so a training loader
 * written for CheXpert label files reads it unchanged. The first column names the report (its file, CSV row id or
 * {@code FILE#N}) instead of repeating its text. Written by Apache Commons CSV (RFC 4180 quoting).
 */
public final class LabelCsv {
    private final CSVPrinter printer;

    public LabelCsv(Appendable out) throws IOException {
        printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
        List<String> header = new ArrayList<>();
        header.add("report");
        header.addAll(LabelSet.CHEXPERT_ORDER);
        printer.printRecord(header);
    }

    public void row(String reportId, Map<String, Integer> labels) throws IOException {
        List<String> row = new ArrayList<>(LabelSet.CHEXPERT_ORDER.size() + 1);
        row.add(reportId);
        for (String label : LabelSet.CHEXPERT_ORDER) {
            Integer v = labels.get(label);
            row.add(v == null ? "" : v + ".0");
        }
        printer.printRecord(row);
    }
}
