package org.radbridge.research.manifest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A label set for weak labels: terminology/label-sets/NAME.csv with header {@code label,code,display}, one row per label
 * and SNOMED CT code (descendants count through CONCEPT_ANCESTOR). A label listed without any code row (e.g. CheXpert's
 * "No Finding", written as a row with an empty code) is the "nothing abnormal" label.
 */
public record LabelSet(String name, String source, Map<String, List<String>> codesByLabel) {
    public static final String NO_FINDING = "No Finding";
    /** CheXpert does not count support devices as a finding when it decides "No Finding". */
    public static final String SUPPORT_DEVICES = "Support Devices";

    public static LabelSet load(String name, Path file) throws IOException {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(r)) {
            for (String col : List.of("label", "code")) {
                if (!p.getHeaderMap().containsKey(col)) throw new IOException(file + ": missing column '" + col + "' (header label,code,display)");
            }
            for (CSVRecord rec : p) {
                String label = rec.get("label");
                if (label.isEmpty()) throw new IOException(file + ":" + (rec.getRecordNumber() + 1) + ": empty label");
                List<String> list = codes.computeIfAbsent(label, k -> new ArrayList<>());
                String code = rec.get("code");
                if (!code.isEmpty()) list.add(code);
            }
        }
        codes.putIfAbsent(NO_FINDING, new ArrayList<>());
        return new LabelSet(name, file.toString(), codes);
    }

    public List<String> labels() {
        return List.copyOf(codesByLabel.keySet());
    }

    /** Labels decided by their own codes (all but "No Finding" and other code-less labels). */
    public List<String> codedLabels() {
        return codesByLabel.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }
}
