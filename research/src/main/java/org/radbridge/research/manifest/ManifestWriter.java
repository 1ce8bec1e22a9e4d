package org.radbridge.research.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * manifest.csv and manifest.jsonl: one row per series, the same fields in both. The CSV has one column per label
 * (header {@code label:NAME}) so pandas reads it as is; the JSON lines carry the labels as an object with null for blank.
 */
public final class ManifestWriter {
    public static final List<String> COLUMNS = List.of("person_key", "study_uid", "series_uid", "modality", "body_site", "study_date",
            "age_at_study", "sex", "slice_thickness_mm", "pixel_spacing_row_mm", "pixel_spacing_col_mm", "manufacturer", "model",
            "dicomweb_url", "label_set", "nlp_version");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestWriter() {}

    public static void write(Path dir, List<String> labels, List<ManifestRow> rows) throws IOException {
        Files.createDirectories(dir);
        List<String> header = new ArrayList<>(COLUMNS);
        labels.forEach(l -> header.add("label:" + l));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("manifest.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (ManifestRow r : rows) {
                List<Object> v = new ArrayList<>(List.of(r.personKey(), r.studyUid(), r.seriesUid(), s(r.modality()), s(r.bodySite()),
                        r.studyDate().toString(), r.ageAtStudy() == null ? "" : r.ageAtStudy(), s(r.sex()),
                        d(r.facts() == null ? null : r.facts().sliceThicknessMm()), d(r.facts() == null ? null : r.facts().pixelSpacingRowMm()),
                        d(r.facts() == null ? null : r.facts().pixelSpacingColumnMm()), s(r.facts() == null ? null : r.facts().manufacturer()),
                        s(r.facts() == null ? null : r.facts().model()), s(r.dicomwebUrl()), s(r.labelSet()), s(r.nlpVersion())));
                for (String l : labels) {
                    Integer x = r.labels().get(l);
                    v.add(x == null ? "" : x);
                }
                csv.printRecord(v);
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            for (ManifestRow r : rows) {
                ObjectNode o = JSON.createObjectNode();
                o.put("person_key", r.personKey());
                o.put("study_uid", r.studyUid());
                o.put("series_uid", r.seriesUid());
                o.put("modality", r.modality());
                o.put("body_site", r.bodySite());
                o.put("study_date", r.studyDate().toString());
                o.put("age_at_study", r.ageAtStudy());
                o.put("sex", r.sex());
                SeriesFacts.Facts f = r.facts();
                o.put("slice_thickness_mm", f == null ? null : f.sliceThicknessMm());
                o.put("pixel_spacing_row_mm", f == null ? null : f.pixelSpacingRowMm());
                o.put("pixel_spacing_col_mm", f == null ? null : f.pixelSpacingColumnMm());
                o.put("manufacturer", f == null ? null : f.manufacturer());
                o.put("model", f == null ? null : f.model());
                o.put("dicomweb_url", r.dicomwebUrl());
                o.put("label_set", r.labelSet());
                o.put("nlp_version", r.nlpVersion());
                ObjectNode ls = o.putObject("labels");
                for (String l : labels) ls.put(l, r.labels().get(l));
                w.write(JSON.writeValueAsString(o));
                w.write('\n');
            }
        }
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    private static String d(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
