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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The mapping files under {@code mappings/}, one per source field (gender.csv, modality.csv,
 * procedure.csv ...), in the layout of OHDSI Usagi's source_to_concept_map export, plus the
 * normalisation rules of free-text fields ({@code study-description-rules.csv} for "procedure").
 *
 * <p>Source codes match case-insensitively after trimming and collapsing spaces, because sites are
 * inconsistent about case and padding. A value found as it is wins; otherwise the rules rewrite it
 * in order and the rewritten key is looked up ("rule-only" in {@code mappings report}).
 */
public final class MappingSet {
    public static final List<String> COLUMNS = List.of(
            "source_code", "source_vocabulary_id", "source_code_description", "target_concept_id",
            "target_vocabulary_id", "target_concept_code", "valid_start_date", "valid_end_date", "invalid_reason");
    /** Rules files and the mapping whose source values they normalise. */
    public static final Map<String, String> RULE_FILES = Map.of("study-description-rules.csv", "procedure");
    private static final DateTimeFormatter[] DATE_FORMATS = {DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE};
    static final LocalDate BEGINNING = LocalDate.of(1970, 1, 1);
    static final LocalDate END = LocalDate.of(2099, 12, 31);

    /** How a source value found its target. */
    public enum Match { DIRECT, RULES, NONE }

    /** The outcome of looking up one source value: its normalised key, how it matched, and the target if any. */
    public record Resolution(String source, String key, Match match, MappingTarget target) {
        public boolean mapped() {
            return target != null;
        }
    }

    /** Everything {@code mappings validate} found; {@code mappings} is null when there are errors. */
    public record Validation(List<String> errors, List<String> warnings, MappingSet mappings) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** One mapping row: where it came from and for which dates it holds. */
    public record Entry(String sourceCode, String description, MappingTarget target, LocalDate from, LocalDate to, String where) {}

    private final Map<String, Map<String, List<Entry>>> maps;
    private final Map<String, RuleSet> rules;

    private MappingSet(Map<String, Map<String, List<Entry>>> maps, Map<String, RuleSet> rules) {
        this.maps = maps;
        this.rules = rules;
    }

    /**
     * Loads and validates every mapping file; target codes must exist in the terminology, so a typo
     * is reported with its file and line instead of silently mapping to nothing.
     */
    public static MappingSet load(Path dir, Terminology terminology) throws IOException {
        Validation v = validate(dir, terminology);
        if (!v.ok()) throw new MappingException(v.errors());
        return v.mappings();
    }

    /** Checks every mapping and rules file, collecting all errors as "file:line: message". */
    public static Validation validate(Path dir, Terminology terminology) throws IOException {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>(terminology.warnings());
        Map<String, Map<String, List<Entry>>> maps = new TreeMap<>();
        Map<String, RuleSet> rules = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path f : files) {
            String file = f.getFileName().toString();
            CsvReader.Table t;
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                t = CsvReader.read(r);
            } catch (java.nio.charset.MalformedInputException e) {
                errors.add(file + ":1: not UTF-8 text (save it as CSV UTF-8)");
                continue;
            }
            if (file.endsWith("-rules.csv")) {
                String mapping = RULE_FILES.get(file);
                if (mapping == null) {
                    errors.add(file + ":1: unknown rules file (known: " + String.join(", ", RULE_FILES.keySet()) + ")");
                    continue;
                }
                rules.put(mapping, RuleSet.read(file, t, errors));
                continue;
            }
            maps.put(file.replaceFirst("\\.csv$", ""), readMapping(file, t, terminology, errors));
        }
        if (!errors.isEmpty()) return new Validation(errors, warnings, null);
        return new Validation(List.of(), warnings, new MappingSet(maps, rules));
    }

    private static Map<String, List<Entry>> readMapping(String file, CsvReader.Table t, Terminology terminology, List<String> errors) {
        Map<String, List<Entry>> map = new LinkedHashMap<>();
        for (CsvReader.Row row : t.checkedRows(file, COLUMNS, errors)) {
            String where = file + ":" + row.line();
            String invalid = row.get("invalid_reason");
            if (!invalid.isEmpty() && !invalid.equals("D") && !invalid.equals("U")) {
                errors.add(where + ": invalid_reason must be empty, D (deleted) or U (updated), not '" + invalid + "'");
                continue;
            }
            int before = errors.size();
            String source = normalise(row.get("source_code"));
            if (source.isEmpty()) errors.add(where + ": empty source_code");
            LocalDate from = parseDate(row.get("valid_start_date"), BEGINNING, where, "valid_start_date", errors);
            LocalDate to = parseDate(row.get("valid_end_date"), END, where, "valid_end_date", errors);
            if (from != null && to != null && from.isAfter(to)) {
                errors.add(where + ": valid_start_date " + from + " is after valid_end_date " + to);
            }
            MappingTarget target = resolve(row, terminology, where, errors);
            if (errors.size() > before || !invalid.isEmpty()) continue; // a retired row (D/U) maps nothing
            List<Entry> existing = map.computeIfAbsent(source, k -> new ArrayList<>());
            for (Entry e : existing) {
                if (from.isAfter(e.to()) || e.from().isAfter(to)) continue;
                String line = e.where().substring(e.where().lastIndexOf(':') + 1);
                if (sameTarget(e.target(), target)) {
                    errors.add(where + ": duplicate source_code '" + source + "': line " + line + " maps it to the same target for overlapping dates");
                } else {
                    errors.add(where + ": conflicting source_code '" + source + "': line " + line + " maps it to " + describe(e.target())
                            + ", this line to " + describe(target) + ", for overlapping dates (" + e.from() + ".." + e.to() + " and " + from + ".." + to + ")");
                }
            }
            existing.add(new Entry(source, row.get("source_code_description"), target, from, to, where));
        }
        return map;
    }

    private static boolean sameTarget(MappingTarget a, MappingTarget b) {
        return java.util.Objects.equals(a.vocabularyId(), b.vocabularyId()) && java.util.Objects.equals(a.code(), b.code())
                && java.util.Objects.equals(a.conceptId(), b.conceptId());
    }

    private static String describe(MappingTarget t) {
        return t.code() == null ? "concept " + t.conceptId() : t.vocabularyId() + " " + t.code();
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
        return null;
    }

    /** Upper case, trimmed, runs of white space as one space: the form source codes are compared in. */
    public static String normalise(String s) {
        return s == null ? "" : s.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** The device mapping's source code, "MANUFACTURER^MODEL" normalised; null when the header names neither. */
    public static String deviceKey(String manufacturer, String model) {
        String m = normalise(manufacturer);
        String n = normalise(model);
        if (m.isEmpty() && n.isEmpty()) return null;
        return m + "^" + n;
    }

    /** Where a source value of the named mapping leads on the given date (today when null). */
    public Resolution resolve(String mapping, String sourceCode, LocalDate on) {
        String raw = normalise(sourceCode);
        if (raw.isEmpty()) return new Resolution(sourceCode, raw, Match.NONE, null);
        LocalDate day = on == null ? LocalDate.now() : on;
        MappingTarget direct = find(mapping, raw, day);
        if (direct != null) return new Resolution(sourceCode, raw, Match.DIRECT, direct);
        String key = normaliseWithRules(mapping, raw);
        if (!key.equals(raw)) {
            MappingTarget viaRules = find(mapping, key, day);
            if (viaRules != null) return new Resolution(sourceCode, key, Match.RULES, viaRules);
        }
        return new Resolution(sourceCode, key, Match.NONE, null);
    }

    /** The key a source value is looked up under after the rules of its mapping (the value itself when none). */
    public String normaliseWithRules(String mapping, String sourceCode) {
        RuleSet r = rules.get(mapping);
        String s = normalise(sourceCode);
        return r == null ? s : r.apply(s);
    }

    private MappingTarget find(String mapping, String key, LocalDate day) {
        Map<String, List<Entry>> map = maps.get(mapping);
        if (map == null) return null;
        List<Entry> entries = map.get(key);
        if (entries == null) return null;
        return entries.stream().filter(e -> !day.isBefore(e.from()) && !day.isAfter(e.to())).map(Entry::target).findFirst().orElse(null);
    }

    /** The target of a source value in the named mapping, valid on the given date. */
    public Optional<MappingTarget> lookup(String mapping, String sourceCode, LocalDate on) {
        return Optional.ofNullable(resolve(mapping, sourceCode, on).target());
    }

    public Optional<MappingTarget> lookup(String mapping, String sourceCode) {
        return lookup(mapping, sourceCode, null);
    }

    /** Names of the mappings (file names without .csv). */
    public List<String> mappingNames() {
        return List.copyOf(maps.keySet());
    }

    /** Every row of a mapping, in file order, for publishing (ConceptMap) and reports. */
    public List<Entry> entries(String mapping) {
        Map<String, List<Entry>> map = maps.get(mapping);
        if (map == null) return List.of();
        List<Entry> out = new ArrayList<>();
        map.values().forEach(out::addAll);
        return Collections.unmodifiableList(out);
    }

    /** The rules of a mapping, in the order they are tried. */
    public List<Rule> rules(String mapping) {
        RuleSet r = rules.get(mapping);
        return r == null ? List.of() : r.rules();
    }

    /** Fills in concept ids assigned when the terminology was loaded into the vocabulary tables. */
    public MappingSet withConceptIds(Map<String, Integer> idsByVocabularyCode) {
        Map<String, Map<String, List<Entry>>> copy = new TreeMap<>();
        maps.forEach((name, map) -> {
            Map<String, List<Entry>> m = new LinkedHashMap<>();
            map.forEach((source, entries) -> m.put(source, entries.stream().map(e -> {
                MappingTarget t = e.target();
                Integer id = t.code() == null ? t.conceptId() : idsByVocabularyCode.getOrDefault(t.vocabularyId() + "|" + t.code(), t.conceptId());
                return new Entry(e.sourceCode(), e.description(), new MappingTarget(t.vocabularyId(), t.code(), t.display(), id), e.from(), e.to(), e.where());
            }).toList()));
            copy.put(name, m);
        });
        return new MappingSet(copy, new HashMap<>(rules));
    }
}
