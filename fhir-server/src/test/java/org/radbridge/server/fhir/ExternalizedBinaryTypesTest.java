package org.radbridge.server.fhir;

import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The list of resource types with content in the binary store: found in a store without it, kept on disk, grown by the store. */
class ExternalizedBinaryTypesTest {
    @TempDir
    Path dir;

    @Test
    void aStoreWithoutTheListIsListedFromItsContentFiles() throws Exception {
        // HAPI's file store: ten levels of one-character directories, files Type_id_contentId.bin and .json
        Path deep = Files.createDirectories(dir.resolve("a/b/c/d/e/f/g/h/i/j"));
        Files.writeString(deep.resolve("DiagnosticReport_12_abcdefghij.bin"), "report");
        Files.writeString(deep.resolve("DiagnosticReport_12_abcdefghij.json"), "{}");
        Files.writeString(Files.createDirectories(dir.resolve("x/y")).resolve("Binary_7_xyz.bin"), "ndjson");

        ExternalizedBinaryTypes types = ExternalizedBinaryTypes.of(dir);
        assertThat(types.types()).isEqualTo(Set.of("DiagnosticReport", "Binary"));
        assertThat(types.mayHold("ImagingStudy")).isFalse();
        assertThat(Files.readAllLines(dir.resolve(ExternalizedBinaryTypes.FILE))).containsExactly("Binary", "DiagnosticReport");
        assertThat(dir.resolve(ExternalizedBinaryTypes.FILE + ".partial")).doesNotExist();
    }

    @Test
    void anEmptyStoreGetsAnEmptyListAndRecordedTypesStayListed() throws Exception {
        ExternalizedBinaryTypes types = ExternalizedBinaryTypes.of(dir);
        assertThat(types.types()).isEmpty();
        assertThat(dir.resolve(ExternalizedBinaryTypes.FILE)).exists();
        types.record("ImagingStudy");
        types.record("ImagingStudy");
        assertThat(types.mayHold("ImagingStudy")).isTrue();
        // the next start reads the list (no scan: a content file added behind the store's back is not looked for)
        Files.writeString(Files.createDirectories(dir.resolve("q")).resolve("Patient_1_q.bin"), "x");
        assertThat(ExternalizedBinaryTypes.of(dir).types()).isEqualTo(Set.of("ImagingStudy"));
    }

    @Test
    void theStoreListsTheTypeOfWhatItStores() throws Exception {
        ExternalizedBinaryTypes types = ExternalizedBinaryTypes.of(dir);
        TypeRecordingBinaryStorage store = new TypeRecordingBinaryStorage(dir.toString(), types);
        var stored = store.storeBinaryContent(new IdType("ImagingStudy", "5"), null, "text/plain",
                new ByteArrayInputStream("key images".getBytes(StandardCharsets.UTF_8)), new ca.uhn.fhir.rest.server.servlet.ServletRequestDetails());
        assertThat(types.mayHold("ImagingStudy")).isTrue();
        assertThat(ExternalizedBinaryTypes.of(dir).types()).isEqualTo(Set.of("ImagingStudy"));
        assertThat(new String(store.fetchBinaryContent(new IdType("ImagingStudy", "5"), stored.getBinaryContentId()), StandardCharsets.UTF_8))
                .isEqualTo("key images");
    }
}
