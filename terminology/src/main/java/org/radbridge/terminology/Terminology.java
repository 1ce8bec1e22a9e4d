package org.radbridge.terminology;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The code-system subsets kept as CSV under {@code terminology/codesystems}. Each row names the
 * published source it was taken from; a row without a source is an error, not a default.
 */
public final class Terminology {
    public static final String[] COLUMNS = {
        "vocabulary_id", "concept_code", "concept_name", "domain_id", "concept_class_id",
        "standard_concept", "omop_concept_id", "source"
    };

    private final Map<String, TermConcept> byKey;

    private Terminology(Map<String, TermConcept> byKey) {
        this.byKey = byKey;
    }

    public static Terminology load(Path dir) throws IOException {
        Map<String, TermConcept> concepts = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                CsvReader.Table t = CsvReader.read(r);
                for (String col : COLUMNS) {
                    if (!t.header().contains(col)) errors.add(f.getFileName() + ": missing column " + col);
                }
                for (CsvReader.Row row : t.rows()) {
                    String where = f.getFileName() + ":" + row.line();
                    if (row.columnCount() != t.header().size()) {
                        errors.add(where + ": expected " + t.header().size() + " columns, found " + row.columnCount());
                        continue;
                    }
                    if (row.get("source").isEmpty()) errors.add(where + ": no source recorded");
                    Integer id = null;
                    if (!row.get("omop_concept_id").isEmpty()) {
                        try {
                            id = Integer.valueOf(row.get("omop_concept_id"));
                        } catch (NumberFormatException e) {
                            errors.add(where + ": omop_concept_id is not a number");
                        }
                    }
                    TermConcept c = new TermConcept(row.get("vocabulary_id"), row.get("concept_code"), row.get("concept_name"),
                            row.get("domain_id"), row.get("concept_class_id"), row.get("standard_concept"), id, row.get("source"));
                    if (concepts.putIfAbsent(c.key(), c) != null) errors.add(where + ": duplicate concept " + c.key());
                }
            }
        }
        if (!errors.isEmpty()) throw new TerminologyException(errors);
        return new Terminology(concepts);
    }

    public Optional<TermConcept> find(String vocabularyId, String code) {
        return Optional.ofNullable(byKey.get(vocabularyId + "|" + code));
    }

    public Collection<TermConcept> all() {
        return byKey.values();
    }
}
