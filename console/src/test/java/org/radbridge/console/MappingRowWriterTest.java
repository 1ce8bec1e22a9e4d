package org.radbridge.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingRowWriterTest {
    private static final String HEADER = "source_code,source_vocabulary_id,source_code_description,target_concept_id,target_vocabulary_id,"
            + "target_concept_code,valid_start_date,valid_end_date,invalid_reason\n";

    @Test
    void aRowIsAppendedInTheFilesOwnWordsAndCanBePutBack(@TempDir Path dir) throws Exception {
        String before = HEADER + "CT CHEST WO,Study description,CT chest without contrast,,LOINC,29252-4,1970-01-01,2099-12-31,\n"
                + "CT HEAD,Study description,CT head,,LOINC,24725-4,1970-01-01,2099-12-31,";
        Files.writeString(dir.resolve("procedure.csv"), before);
        MappingRowWriter w = new MappingRowWriter(dir);
        MappingRowWriter.FileFacts facts = w.facts("procedure");
        assertThat(facts.targetVocabularies()).containsExactly("LOINC");
        assertThat(facts.sourceVocabulary()).isEqualTo("Study description");

        byte[] saved = w.append("procedure", new MappingRowWriter.Row("CT \"SPECIAL\", CHEST", "a, description", "LOINC", "24627-2"));
        assertThat(Files.readString(dir.resolve("procedure.csv"))).isEqualTo(before
                + "\n\"CT \"\"SPECIAL\"\", CHEST\",Study description,\"a, description\",,LOINC,24627-2,1970-01-01,2099-12-31,\n");
        w.restore("procedure", saved);
        assertThat(Files.readString(dir.resolve("procedure.csv"))).isEqualTo(before);
    }

    @Test
    void onlyMappingNamesNameFiles(@TempDir Path dir) {
        assertThatThrownBy(() -> new MappingRowWriter(dir).file("../secrets/x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MappingRowWriter.mappingOf("study_description")).isEqualTo("procedure");
        assertThat(MappingRowWriter.mappingOf("manufacturer^model")).isEqualTo("device");
    }
}
