package org.radbridge.research.qc;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One row of mappings/qc/qc-rules.csv (format in mappings/qc/README.md). */
public record QcRule(String id, Check check, String modality, String bodyPart, BigDecimal threshold, String unit, String severity,
                     String description, String reference, int line) {

    public enum Check { REQUIRED_SERIES, DOSE_CTDIVOL, DOSE_DLP, STUDY_WITHOUT_REPORT, REPORT_WITHOUT_STUDY, INSTANCE_GAPS }

    static final List<String> COLUMNS = List.of("rule_id", "check", "modality", "body_part", "threshold", "unit", "severity", "description", "reference");

    /** Reads every rule; all problems are collected and thrown together, each with file and line. */
    public static List<QcRule> load(Path file) throws IOException {
        List<QcRule> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
            for (String c : COLUMNS) if (!p.getHeaderMap().containsKey(c)) errors.add(file + ":1: missing column " + c);
            if (!errors.isEmpty()) throw new IOException(String.join("\n", errors));
            for (CSVRecord rec : p) {
                int line = (int) rec.getRecordNumber() + 1;
                String where = file.getFileName() + ":" + line + ": ";
                String id = rec.get("rule_id");
                if (!id.matches("[A-Za-z0-9_.-]{1,64}")) errors.add(where + "rule_id '" + id + "' must be 1-64 letters, digits, _ . -");
                if (!ids.add(id)) errors.add(where + "rule_id '" + id + "' appears twice");
                Check check = null;
                try {
                    check = Check.valueOf(rec.get("check").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(where + "check '" + rec.get("check") + "' is not one of required_series, dose_ctdivol, dose_dlp, study_without_report, "
                            + "report_without_study, instance_gaps");
                }
                BigDecimal threshold = null;
                try {
                    threshold = new BigDecimal(rec.get("threshold"));
                    if (threshold.signum() < 0) errors.add(where + "threshold must not be negative");
                } catch (NumberFormatException e) {
                    errors.add(where + "threshold '" + rec.get("threshold") + "' is not a number");
                }
                String severity = rec.get("severity").toLowerCase(Locale.ROOT);
                if (!severity.equals("fail") && !severity.equals("warn")) errors.add(where + "severity must be fail or warn");
                if (check == Check.REQUIRED_SERIES && rec.get("modality").isEmpty()) errors.add(where + "required_series needs a modality");
                out.add(new QcRule(id, check, blank(rec.get("modality")), blank(rec.get("body_part")), threshold, rec.get("unit"), severity,
                        rec.get("description"), rec.get("reference"), line));
            }
        }
        if (!errors.isEmpty()) throw new IOException(String.join("\n", errors));
        return out;
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s.toUpperCase(Locale.ROOT);
    }
}
