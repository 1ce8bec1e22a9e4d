package org.radbridge.console;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.radbridge.mappings.MappingSet;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Appends one row to a mapping file of mappings/ as an interface engineer would type it (the Usagi
 * source_to_concept_map columns, valid for all dates), keeping what the file held so that a refused reload can put it back.
 */
public final class MappingRowWriter {
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    /** What a mapping file uses: the vocabularies of its targets and the word its rows give for their source. */
    public record FileFacts(Path file, Set<String> targetVocabularies, String sourceVocabulary) {}

    public record Row(String sourceCode, String description, String targetVocabulary, String targetCode) {}

    private final Path mappingsDir;

    public MappingRowWriter(Path mappingsDir) {
        this.mappingsDir = mappingsDir;
    }

    public Path file(String mapping) {
        if (!mapping.matches("[a-z_]+")) throw new IllegalArgumentException("not a mapping name: " + mapping);
        return mappingsDir.resolve(mapping + ".csv");
    }

    public FileFacts facts(String mapping) throws IOException {
        Path f = file(mapping);
        Set<String> vocabularies = new LinkedHashSet<>();
        Map<String, Long> sources;
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8); CSVParser p = READ.parse(r)) {
            List<CSVRecord> records = p.getRecords();
            records.stream().map(rec -> rec.get("target_vocabulary_id")).filter(v -> !v.isBlank()).forEach(vocabularies::add);
            sources = records.stream().map(rec -> rec.get("source_vocabulary_id")).filter(v -> !v.isBlank())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
        String source = sources.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(mapping);
        return new FileFacts(f, vocabularies, source);
    }

    /** Appends the row; returns the file's content before, for {@link #restore}. */
    public byte[] append(String mapping, Row row) throws IOException {
        FileFacts facts = facts(mapping);
        Path f = facts.file();
        byte[] before = Files.readAllBytes(f);
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, WRITE)) {
            printer.printRecord(row.sourceCode(), facts.sourceVocabulary(), row.description(), "", row.targetVocabulary(), row.targetCode(),
                    "1970-01-01", "2099-12-31", "");
        }
        String text = new String(before, StandardCharsets.UTF_8);
        String after = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line;
        write(f, after.getBytes(StandardCharsets.UTF_8));
        return before;
    }

    public void restore(String mapping, byte[] before) throws IOException {
        write(file(mapping), before);
    }

    private static void write(Path f, byte[] content) throws IOException {
        Path tmp = f.resolveSibling("." + f.getFileName() + ".console-tmp");
        Files.write(tmp, content);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The field of `mappings report` a mapping belongs to. */
    static String mappingOf(String field) {
        return org.radbridge.map.MappingsReport.FIELDS.stream().filter(f -> f.name().equals(field)).findFirst()
                .map(org.radbridge.map.MappingsReport.Field::mapping)
                .orElseThrow(() -> new IllegalArgumentException("no such field: " + field));
    }

    static String normalise(String s) {
        return MappingSet.normalise(s);
    }
}
