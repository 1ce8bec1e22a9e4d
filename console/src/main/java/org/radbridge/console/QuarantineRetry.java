package org.radbridge.console;

import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Re-ingests a quarantined file after its cause was fixed (a mapping, a sidecar, a newer RadBridge): the stored copy is
 * ingested under its original file name (report sidecars and extensions keep their meaning), exactly as `ingest` would.
 * A retry that fails again leaves the item in the quarantine with the new reason; it never adds a second item.
 */
public final class QuarantineRetry {
    public record Outcome(boolean ingested, String message) {}

    private final IngestService ingest;
    private final QuarantineQueries queries;

    public QuarantineRetry(IngestService ingest, QuarantineQueries queries) {
        this.ingest = ingest;
        this.queries = queries;
    }

    public Outcome retry(QuarantineQueries.Item item) throws Exception {
        Path stored = Path.of(item.storedPath());
        if (!Files.isRegularFile(stored)) return new Outcome(false, "the stored copy is missing: " + stored);
        Path dir = Files.createTempDirectory("radbridge-retry-");
        try {
            String name = QuarantineQueries.displayName(item.origin());
            Path copy = dir.resolve(name.isBlank() || name.contains("/") ? stored.getFileName().toString() : name);
            Files.copy(stored, copy, StandardCopyOption.REPLACE_EXISTING);
            // a report whose sidecar was quarantined with it: the sidecar is stored beside it under the same prefix
            Path sidecar = stored.resolveSibling(stored.getFileName() + ".json");
            if (Files.isRegularFile(sidecar)) Files.copy(sidecar, dir.resolve(copy.getFileName() + ".json"), StandardCopyOption.REPLACE_EXISTING);
            IngestSummary s = ingest.ingest(List.of(dir), "folder");
            if (s.quarantined().isEmpty()) {
                return new Outcome(true, "ingested: " + s.instancesNew() + " new instances, " + s.reportsNew() + " new reports, "
                        + s.studiesProjected() + " studies projected");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) queries.forgetCopy(p.toAbsolutePath().toString());
            }
            return new Outcome(false, "still refused: " + String.join("; ", s.quarantined()).replace(dir.toAbsolutePath() + "/", ""));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
