package org.radbridge.server.fhir;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The resource types that have, or once had, content in HAPI's binary store (data/fhir-binary/): attachment data HAPI
 * took out of a resource when it was written (RadBridge's store takes every attachment's data, however small: the text
 * of each DiagnosticReport, the files of bulk exports) and replaced by an extension naming the stored content. Only a
 * resource of such a type can carry that extension, so only those need HAPI's read-side scan that puts the content
 * back ({@link BinaryInflationWhereStored}).
 * <p>
 * Kept in {@value #FILE} in the store's directory, one type a line: a type is added, and the file forced to disk,
 * before its first content is stored ({@link TypeRecordingBinaryStorage}), so the file never lacks a type whose
 * content exists. A store without the file (written by an earlier RadBridge) is listed once: the store names every
 * content file {@code Type_id_contentId.bin}. Types are never removed (an expunged resource's type stays listed,
 * which costs only the scan HAPI made anyway).
 */
public final class ExternalizedBinaryTypes {
    private static final Logger log = LoggerFactory.getLogger(ExternalizedBinaryTypes.class);
    static final String FILE = "resource-types";

    private final Path file;
    private volatile Set<String> types;

    private ExternalizedBinaryTypes(Path file, Set<String> types) {
        this.file = file;
        this.types = Set.copyOf(types);
    }

    /** The types of the store in {@code dir}: from its list, or found in its content files (and the list written). */
    public static ExternalizedBinaryTypes of(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            Set<String> read = new TreeSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!line.isBlank()) read.add(line.strip());
            return new ExternalizedBinaryTypes(file, read);
        }
        long t0 = System.nanoTime();
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin") && n.indexOf('_') > 0)
                    .forEach(n -> found.add(n.substring(0, n.indexOf('_'))));
        }
        // written whole, then moved into place: a start that stops half-way leaves no partial list
        Path partial = dir.resolve(FILE + ".partial");
        StringBuilder lines = new StringBuilder();
        found.forEach(t -> lines.append(t).append('\n'));
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(StandardCharsets.UTF_8.encode(lines.toString()));
            ch.force(true);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("Binary store {}: content of {} found in {} ms, listed in {}", dir, found, (System.nanoTime() - t0) / 1_000_000, file);
        return new ExternalizedBinaryTypes(file, found);
    }

    /** Whether resources of this type may hold content taken out to the store. */
    public boolean mayHold(String resourceType) {
        return types.contains(resourceType);
    }

    /** Lists a type, on disk first, before content of a resource of the type is stored. */
    public synchronized void record(String resourceType) {
        if (resourceType == null || resourceType.isBlank() || types.contains(resourceType)) return;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(StandardCharsets.UTF_8.encode(resourceType + "\n"));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resourceType + " in " + file, e);
        }
        Set<String> more = new TreeSet<>(types);
        more.add(resourceType);
        types = Set.copyOf(more);
    }

    Set<String> types() {
        return types;
    }
}
