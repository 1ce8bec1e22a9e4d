package org.radbridge.terminology;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How each vocabulary of {@code terminology/codesystems} is published as a FHIR CodeSystem:
 * {@code terminology/fhir-codesystems.csv}, one row per vocabulary_id with its canonical URL and
 * whether the rows are a fragment of an external code system or the whole of a site-defined one.
 * Vocabularies marked not-published (HL7's own, OMOP-internal) stay out of the FHIR server.
 */
public final class CodeSystemCatalog {
    public static final String FILE = "fhir-codesystems.csv";
    public static final List<String> COLUMNS = List.of("vocabulary_id", "url", "content", "name", "title", "publisher", "comment");
    private static final Set<String> CONTENTS = Set.of("fragment", "complete", "not-published");

    /** One vocabulary's publication: content is "fragment" or "complete" for published ones. */
    public record Entry(String vocabularyId, String url, String content, String name, String title, String publisher) {
        public boolean published() {
            return !"not-published".equals(content);
        }
    }

    private final Map<String, Entry> byVocabulary;

    private CodeSystemCatalog(Map<String, Entry> byVocabulary) {
        this.byVocabulary = byVocabulary;
    }

    /** The catalog beside {@code codesystems/} ({@code terminologyDir} is the codesystems directory). */
    public static CodeSystemCatalog besides(Path codesystemsDir) throws IOException {
        return load(codesystemsDir.toAbsolutePath().getParent().resolve(FILE));
    }

    public static CodeSystemCatalog load(Path file) throws IOException {
        List<String> errors = new ArrayList<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        String name = file.getFileName().toString();
        CsvReader.Table t;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            t = CsvReader.read(r);
        }
        for (CsvReader.Row row : t.checkedRows(name, COLUMNS, errors)) {
            String where = name + ":" + row.line();
            Entry e = new Entry(row.get("vocabulary_id"), row.get("url"), row.get("content"), row.get("name"), row.get("title"), row.get("publisher"));
            if (e.vocabularyId().isEmpty() || e.url().isEmpty()) errors.add(where + ": vocabulary_id and url are required");
            if (!CONTENTS.contains(e.content())) errors.add(where + ": content must be fragment, complete or not-published, not '" + e.content() + "'");
            if (e.published() && !e.name().matches("[A-Z][A-Za-z0-9_]{0,254}")) {
                errors.add(where + ": name '" + e.name() + "' must start with a capital letter and hold only letters, digits and _ (FHIR rule cnl-0)");
            }
            if (entries.putIfAbsent(e.vocabularyId(), e) != null) errors.add(where + ": vocabulary " + e.vocabularyId() + " listed twice");
        }
        if (!errors.isEmpty()) throw new TerminologyException(errors);
        return new CodeSystemCatalog(entries);
    }

    public Optional<Entry> find(String vocabularyId) {
        return Optional.ofNullable(byVocabulary.get(vocabularyId));
    }

    public List<Entry> entries() {
        return List.copyOf(byVocabulary.values());
    }
}
