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

    /** Optional column: further names of the concept, '|'-separated (CONCEPT_SYNONYM, NLP dictionary). */
    public static final String SYNONYMS = "synonyms";

    private final Map<String, TermConcept> byKey;
    private final List<String> warnings;

    private Terminology(Map<String, TermConcept> byKey, List<String> warnings) {
        this.byKey = byKey;
        this.warnings = List.copyOf(warnings);
    }

    public static Terminology load(Path dir) throws IOException {
        Map<String, TermConcept> concepts = new LinkedHashMap<>();
        Map<String, String> firstSeen = new java.util.HashMap<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                CsvReader.Table t = CsvReader.read(r);
                for (CsvReader.Row row : t.checkedRows(f.getFileName().toString(), List.of(COLUMNS), errors)) {
                    String where = f.getFileName() + ":" + row.line();
                    if (row.get("source").isEmpty()) errors.add(where + ": no source recorded");
                    Integer id = null;
                    if (!row.get("omop_concept_id").isEmpty()) {
                        try {
                            id = Integer.valueOf(row.get("omop_concept_id"));
                        } catch (NumberFormatException e) {
                            errors.add(where + ": omop_concept_id is not a number");
                        }
                    }
                    if (row.get("vocabulary_id").isEmpty() || row.get("concept_code").isEmpty() || row.get("concept_name").isEmpty()) {
                        errors.add(where + ": vocabulary_id, concept_code and concept_name are required");
                        continue;
                    }
                    String standard = row.get("standard_concept");
                    if (!standard.isEmpty() && !standard.equals("S") && !standard.equals("C")) {
                        errors.add(where + ": standard_concept must be S, C or empty, not '" + standard + "'");
                    }
                    List<String> synonyms = java.util.Arrays.stream(row.get(SYNONYMS).split("\\|"))
                            .map(String::trim).filter(x -> !x.isEmpty()).toList();
                    TermConcept c = new TermConcept(row.get("vocabulary_id"), row.get("concept_code"), row.get("concept_name"),
                            row.get("domain_id"), row.get("concept_class_id"), standard, id, row.get("source"), synonyms);
                    String earlier = firstSeen.putIfAbsent(c.key(), where);
                    if (earlier != null) {
                        // within one file a repeat is a mistake; across files (e.g. the NLP findings subset and the
                        // anatomy subset naming the same SNOMED code) the first file in name order wins
                        if (earlier.startsWith(f.getFileName() + ":")) errors.add(where + ": duplicate concept " + c.key() + " (first at " + earlier + ")");
                        else if (!sameConcept(concepts.get(c.key()), c)) {
                            warnings.add(where + ": concept " + c.key() + " already defined differently at " + earlier + "; that row is used");
                        }
                        continue;
                    }
                    concepts.put(c.key(), c);
                }
            }
        }
        if (!errors.isEmpty()) throw new TerminologyException(errors);
        return new Terminology(concepts, warnings);
    }

    /** Same name, domain, class and standard flag: a repeat that only names another source is no news. */
    private static boolean sameConcept(TermConcept a, TermConcept b) {
        return a.name().equalsIgnoreCase(b.name()) && a.domainId().equals(b.domainId()) && a.conceptClassId().equals(b.conceptClassId())
                && a.standardConcept().equals(b.standardConcept()) && java.util.Objects.equals(a.omopConceptId(), b.omopConceptId());
    }

    public Optional<TermConcept> find(String vocabularyId, String code) {
        return Optional.ofNullable(byKey.get(vocabularyId + "|" + code));
    }

    public Collection<TermConcept> all() {
        return byKey.values();
    }

    /** Things worth telling the person editing the files that do not stop a load (repeats across files). */
    public List<String> warnings() {
        return warnings;
    }

    /** A terminology built in code, for tests. */
    public static Terminology of(Collection<TermConcept> concepts) {
        Map<String, TermConcept> m = new LinkedHashMap<>();
        for (TermConcept c : concepts) m.putIfAbsent(c.key(), c);
        return new Terminology(m, List.of());
    }
}
