package org.radbridge.nlp.labels;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code radbridge nlp --labels --format csv}: the CheXpert labeler's output table, one row per report with a column
 * per label, 1.0 positive / 0.0 negative / -1.0 uncertain / blank not mentioned, so a training loader written for
 * CheXpert label files reads it unchanged. The first column names the report (its file, CSV row id or {@code FILE#N})
 * instead of repeating its text. Written by Apache Commons CSV (RFC 4180 quoting).
 * <p>
 * With the label set "all" the columns are No Finding and every finding concept of the terminology in use, whether a
 * report mentions it or not: a loader needs the same columns in every file, and files labelled in separate runs (a
 * training and a test split) must line up. Headed {@code display (code)}, ordered by display name, so a column reads
 * as a finding and still names its SNOMED CT code (RadLex RID for a RadLex-only concept).
 */
public final class LabelCsv {
    private final CSVPrinter printer;
    private final List<String> keys;

    private LabelCsv(Appendable out, List<String> keys, List<String> headers) throws IOException {
        this.keys = keys;
        printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
        List<String> header = new ArrayList<>(headers.size() + 1);
        header.add("report");
        header.addAll(headers);
        printer.printRecord(header);
    }

    /** The 14 CheXpert observations, in CheXpert's column order. */
    public static LabelCsv chexpert(Appendable out) throws IOException {
        return new LabelCsv(out, LabelSet.CHEXPERT_ORDER, LabelSet.CHEXPERT_ORDER);
    }

    /** No Finding, then one column per finding concept of {@code lexicon} (not anatomy, not a qualifier). */
    public static LabelCsv allFindings(Appendable out, RadiologyLexicon lexicon) throws IOException {
        List<LexConcept> findings = lexicon.concepts().stream()
                .filter(c -> !c.anatomy() && !lexicon.isQualifier(c))
                .filter(c -> c.conceptCode() != null)
                .sorted(Comparator.comparing((LexConcept c) -> c.display().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(LexConcept::conceptCode))
                .toList();
        List<String> keys = new ArrayList<>(findings.size() + 1);
        List<String> headers = new ArrayList<>(findings.size() + 1);
        keys.add(LabelSet.NO_FINDING);
        headers.add(LabelSet.NO_FINDING);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LexConcept c : findings) {
            if (!seen.add(c.conceptCode())) continue;
            keys.add(c.conceptCode());
            headers.add(c.display() + " (" + c.conceptCode() + ")");
        }
        return new LabelCsv(out, keys, headers);
    }

    public void row(String reportId, Map<String, Integer> labels) throws IOException {
        List<String> row = new ArrayList<>(keys.size() + 1);
        row.add(reportId);
        for (String key : keys) {
            Integer v = labels.get(key);
            row.add(v == null ? "" : v + ".0");
        }
        printer.printRecord(row);
    }
}
