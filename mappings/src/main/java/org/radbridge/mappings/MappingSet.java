package org.radbridge.mappings;

import org.radbridge.terminology.CsvReader;
import org.radbridge.terminology.TermConcept;
import org.radbridge.terminology.Terminology;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The mapping files under {@code mappings/}, one per source field (gender.csv, modality.csv ...),
 * in the layout of OHDSI Usagi's source_to_concept_map export. Source codes match case-insensitively
 * after trimming, because sites are inconsistent about case and padding.
 */
public final class MappingSet {
    public static final List<String> COLUMNS = List.of(
            "source_code", "source_vocabulary_id", "source_code_description", "target_concept_id",
            "target_vocabulary_id", "target_concept_code", "valid_start_date", "valid_end_date", "invalid_reason");
    private static final DateTimeFormatter[] DATE_FORMATS = {DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE};

    private record Entry(MappingTarget target, LocalDate from, LocalDate to) {}

    private final Map<String, Map<String, List<Entry>>> maps;

    private MappingSet(Map<String, Map<String, List<Entry>>> maps) {
        this.maps = maps;
    }

    /**
     * Loads and validates every mapping file; target codes must exist in the terminology, so a typo
     * is reported with its file and line instead of silently mapping to nothing.
     */
    public static MappingSet load(Path dir, Terminology terminology) throws IOException {
        List<String> errors = new ArrayList<>();
        Map<String, Map<String, List<Entry>>> maps = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.csv$", "");
            Map<String, List<Entry>> map = maps.computeIfAbsent(name, k -> new HashMap<>());
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                CsvReader.Table t = CsvReader.read(r);
                for (String col : COLUMNS) {
                    if (!t.header().contains(col)) errors.add(f.getFileName() + ":1: missing column " + col);
                }
                if (errors.size() > 0 && !t.header().containsAll(COLUMNS)) continue;
                for (CsvReader.Row row : t.rows()) {
                    String where = f.getFileName() + ":" + row.line();
                    if (row.columnCount() != t.header().size()) {
                        errors.add(where + ": expected " + t.header().size() + " columns, found " + row.columnCount());
                        continue;
                    }
                    if (!row.get("invalid_reason").isEmpty()) continue;
                    String source = normalise(row.get("source_code"));
                    if (source.isEmpty()) {
                        errors.add(where + ": empty source_code");
                        continue;
                    }
                    LocalDate from = parseDate(row.get("valid_start_date"), LocalDate.of(1970, 1, 1), where, "valid_start_date", errors);
                    LocalDate to = parseDate(row.get("valid_end_date"), LocalDate.of(2099, 12, 31), where, "valid_end_date", errors);
                    MappingTarget target = resolve(row, terminology, where, errors);
                    if (target == null) continue;
                    List<Entry> existing = map.computeIfAbsent(source, k -> new ArrayList<>());
                    for (Entry e : existing) {
                        if (!from.isAfter(e.to()) && !e.from().isAfter(to)) {
                            errors.add(where + ": source_code '" + row.get("source_code") + "' is mapped twice for overlapping dates");
                        }
                    }
                    existing.add(new Entry(target, from, to));
                }
            }
        }
        if (!errors.isEmpty()) throw new MappingException(errors);
        return new MappingSet(maps);
    }

    private static MappingTarget resolve(CsvReader.Row row, Terminology terminology, String where, List<String> errors) {
        String vocabulary = row.get("target_vocabulary_id");
        String code = row.get("target_concept_code");
        String idText = row.get("target_concept_id");
        Integer id = null;
        if (!idText.isEmpty()) {
            try {
                id = Integer.valueOf(idText);
            } catch (NumberFormatException e) {
                errors.add(where + ": target_concept_id '" + idText + "' is not a number");
                return null;
            }
        }
        if (code.isEmpty()) {
            if (id == null) errors.add(where + ": neither target_concept_id nor target_concept_code given");
            return id == null ? null : new MappingTarget(vocabulary, null, null, id);
        }
        Optional<TermConcept> concept = terminology.find(vocabulary, code);
        if (concept.isEmpty()) {
            errors.add(where + ": unknown target code " + vocabulary + " " + code + " (not in terminology/)");
            return null;
        }
        Integer resolved = id != null ? id : concept.get().omopConceptId();
        return new MappingTarget(vocabulary, code, concept.get().name(), resolved);
    }

    private static LocalDate parseDate(String text, LocalDate dflt, String where, String column, List<String> errors) {
        if (text.isEmpty()) return dflt;
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(text, f);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        errors.add(where + ": " + column + " '" + text + "' is not a date (use YYYY-MM-DD)");
        return dflt;
    }

    static String normalise(String s) {
        return s == null ? "" : s.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** The target of a source value in the named mapping, valid on the given date. */
    public Optional<MappingTarget> lookup(String mapping, String sourceCode, LocalDate on) {
        Map<String, List<Entry>> map = maps.get(mapping);
        if (map == null || sourceCode == null) return Optional.empty();
        List<Entry> entries = map.get(normalise(sourceCode));
        if (entries == null) return Optional.empty();
        LocalDate day = on == null ? LocalDate.now() : on;
        return entries.stream().filter(e -> !day.isBefore(e.from()) && !day.isAfter(e.to())).map(Entry::target).findFirst();
    }

    public Optional<MappingTarget> lookup(String mapping, String sourceCode) {
        return lookup(mapping, sourceCode, null);
    }

    /** Fills in concept ids assigned when the terminology was loaded into the vocabulary tables. */
    public MappingSet withConceptIds(Map<String, Integer> idsByVocabularyCode) {
        Map<String, Map<String, List<Entry>>> copy = new HashMap<>();
        maps.forEach((name, map) -> {
            Map<String, List<Entry>> m = new HashMap<>();
            map.forEach((source, entries) -> m.put(source, entries.stream().map(e -> {
                MappingTarget t = e.target();
                Integer id = t.conceptId() != null ? t.conceptId() : idsByVocabularyCode.get(t.vocabularyId() + "|" + t.code());
                return new Entry(new MappingTarget(t.vocabularyId(), t.code(), t.display(), id), e.from(), e.to());
            }).toList()));
            copy.put(name, m);
        });
        return new MappingSet(copy);
    }
}
