package org.radbridge.bench.generate;

import java.nio.file.Path;
import java.util.Locale;

/** Counts of what {@link SyntheticPacsGenerator#generate()} wrote; {@code bytes} covers every file written. */
public record GenerationSummary(int patients, int studies, int series, long instances, int reports, long bytes,
                                long elapsedMillis, Path outputDir) {

    /** Files written per second (DICOM instances plus report and truth files). */
    public double filesPerSecond() {
        long files = instances + 2L * reports;
        return elapsedMillis <= 0 ? files * 1000.0 : files * 1000.0 / elapsedMillis;
    }

    /** One line for the CLI. */
    public String toLine() {
        return String.format(Locale.ROOT,
                "generated %d patients, %d studies, %d series, %d instances, %d reports (%.1f MB) in %s in %.1f s (%.0f files/s)",
                patients, studies, series, instances, reports, bytes / 1e6, outputDir, elapsedMillis / 1000.0,
                filesPerSecond());
    }
}
