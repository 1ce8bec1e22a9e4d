package org.radbridge.nlp.labels;

import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;
import org.radbridge.terminology.CsvReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report-level label set: label names, each with the SNOMED CT concepts (and their descendants) that count for it,
 * read from a {@code label,code,display} CSV ({@code terminology/label-sets/chexpert.csv}). "No Finding" is the one
 * label with no rows; see {@link ReportLabeler}.
 */
public final class LabelSet {

    public static final String NO_FINDING = "No Finding";
    /** The 14 CheXpert observations in the CheXpert order (the column order of its label files). */
    public static final List<String> CHEXPERT_ORDER = List.of(NO_FINDING, "Enlarged Cardiomediastinum", "Cardiomegaly",
            "Lung Lesion", "Lung Opacity", "Edema", "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax",
            "Pleural Effusion", "Pleural Other", "Fracture", "Support Devices");

    private final String name;
    private final Map<String, List<LexConcept>> concepts;

    private LabelSet(String name, Map<String, List<LexConcept>> concepts) {
        this.name = name;
        this.concepts = concepts;
    }

    public String name() {
        return name;
    }

    /** Labels in output order. */
    public List<String> labels() {
        return List.copyOf(concepts.keySet());
    }

    /** Concepts of a label (empty for "No Finding" and for labels without a known code). */
    public List<LexConcept> concepts(String label) {
        return concepts.getOrDefault(label, List.of());
    }

    /** The CheXpert set packaged in the nlp jar (copied from terminology/label-sets/chexpert.csv by the build). */
    public static LabelSet chexpert(RadiologyLexicon lexicon) {
        try (InputStream in = LabelSet.class.getResourceAsStream("/org/radbridge/nlp/label-sets/chexpert.csv")) {
            if (in == null) throw new IllegalStateException("missing resource org/radbridge/nlp/label-sets/chexpert.csv");
            return read("chexpert", new InputStreamReader(in, StandardCharsets.UTF_8), lexicon, CHEXPERT_ORDER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LabelSet fromFile(Path csv, RadiologyLexicon lexicon) throws IOException {
        String n = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(n, r, lexicon, n.equals("chexpert") ? CHEXPERT_ORDER : List.of(NO_FINDING));
        }
    }

    /**
     * @param order labels listed first, in this order, even without rows; then the file's other labels in file order
     * @throws IllegalArgumentException for a row whose code the terminology does not know (file and line)
     */
    static LabelSet read(String name, Reader reader, RadiologyLexicon lexicon, List<String> order) throws IOException {
        Map<String, List<LexConcept>> map = new LinkedHashMap<>();
        for (String l : order) map.put(l, new ArrayList<>());
        CsvReader.Table t = CsvReader.read(reader);
        int line = 1;
        for (CsvReader.Row row : t.rows()) {
            line++;
            String label = row.get("label").trim(), code = row.get("code").trim();
            // a RadLex RID names a RadLex-only concept (e.g. a device SNOMED CT has no checked code for here)
            boolean radlex = code.startsWith("RID");
            LexConcept c = lexicon.byConceptCode(code).orElseThrow(() -> new IllegalArgumentException(
                    name + ".csv: unknown " + (radlex ? "RadLex RID " : "SNOMED CT code ") + code + " for label " + label));
            map.computeIfAbsent(label, k -> new ArrayList<>()).add(c);
        }
        Map<String, List<LexConcept>> frozen = new LinkedHashMap<>();
        map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new LabelSet(name, frozen);
    }
}
