package org.radbridge.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DicomHeaderReaderTest {
    private final DicomHeaderReader reader = new DicomHeaderReader();

    static Path corpus() {
        String home = System.getProperty("radbridge.home", ".");
        return Path.of(home).toAbsolutePath().resolve("../shared/dicom-corpus").normalize();
    }

    @Test
    void readsTheSharedCorpusAndRejectsOnlyTheBrokenFiles() throws IOException {
        Path dir = corpus();
        assumeTrue(Files.isDirectory(dir), "shared DICOM corpus not present at " + dir + ": skipped");
        List<String> failed = new ArrayList<>();
        int ok = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    DicomHeader h = reader.read(f);
                    assertThat(h.asMap()).isNotEmpty();
                    ok++;
                } catch (DicomParseException e) {
                    failed.add(f.getFileName() + ": " + e.getMessage());
                }
            }
        }
        assertThat(ok).isGreaterThanOrEqualTo(115);
        assertThat(String.join("\n", failed)).contains("pydicom_MR_truncated.dcm");
        assertThat(failed).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void truncatedPixelDataIsReportedAsTruncated() throws Exception {
        Path f = corpus().resolve("pydicom_MR_truncated.dcm");
        assumeTrue(Files.exists(f), "shared DICOM corpus not present: skipped");
        assertThatThrownBy(() -> reader.read(f))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aFileCutShortOfItsPixelsIsRejected(@TempDir Path tmp) throws Exception {
        Path f = corpus().resolve("pydicom_MR_small_expb.dcm");
        Path good = corpus().resolve("pydicom_MR_small_implicit.dcm");
        assumeTrue(Files.exists(good), "shared DICOM corpus not present: skipped");
        byte[] all = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
        assertThat(reader.read(good).sopInstanceUid()).isNotBlank();
        assertThatThrownBy(() -> reader.read(cut)).hasMessageContaining("truncated");
    }

    @Test
    void plainTextIsNotDicom(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("notes.dcm");
        Files.writeString(f, "this is not a DICOM file at all, just some words ".repeat(20));
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(DicomParseException.class);
    }

    @Test
    void emptyFileIsNotDicom(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("empty.dcm");
        Files.createFile(f);
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(DicomParseException.class);
    }
}
