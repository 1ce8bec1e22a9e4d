package org.radbridge.terminology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerminologyTest {
    private static final String HEADER = "vocabulary_id,concept_code,concept_name,domain_id,concept_class_id,standard_concept,omop_concept_id,source,synonyms\n";

    @Test
    void theShippedSubsetsLoadAndEveryRowNamesItsSource() throws Exception {
        Path dir = Path.of(System.getProperty("radbridge.home", "..")).resolve("terminology/codesystems");
        Terminology t = Terminology.load(dir);
        assertThat(t.all()).isNotEmpty().allSatisfy(c -> assertThat(c.source()).isNotBlank());
        assertThat(t.find("LOINC", "29252-4")).get().extracting(TermConcept::name).isEqualTo("CT Chest WO contrast");
        assertThat(t.find("DICOM", "CT")).isPresent();
        assertThat(t.find("UCUM", "mm")).isPresent();
    }

    @Test
    void synonymsAreSplitAndRepeatsAcrossFilesAreWarnings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), HEADER + "SNOMED,1,One,Observation,Qualifier Value,S,,src,uno|eins\n");
        Files.writeString(dir.resolve("b.csv"), HEADER + "SNOMED,1,One again,Observation,Qualifier Value,S,,src,\n");
        Terminology t = Terminology.load(dir);
        assertThat(t.find("SNOMED", "1")).get().extracting(TermConcept::synonyms).asList().containsExactly("uno", "eins");
        assertThat(t.find("SNOMED", "1")).get().extracting(TermConcept::name).isEqualTo("One");
        assertThat(t.warnings()).containsExactly("b.csv:2: concept SNOMED|1 already defined differently at a.csv:2; that row is used");
    }

    @Test
    void errorsNameFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), HEADER
                + "SNOMED,1,One,Observation,Qualifier Value,S,,src,\n"
                + "SNOMED,1,One,Observation,Qualifier Value,S,,src,\n"
                + "SNOMED,2,Two,Observation,Qualifier Value,X,,,\n"
                + "SNOMED,3,Three\n");
        assertThatThrownBy(() -> Terminology.load(dir)).isInstanceOfSatisfying(TerminologyException.class, e ->
                assertThat(e.errors()).containsExactly(
                        "a.csv:3: duplicate concept SNOMED|1 (first at a.csv:2)",
                        "a.csv:4: no source recorded",
                        "a.csv:4: standard_concept must be S, C or empty, not 'X'",
                        "a.csv:5: expected 9 columns, found 3"));
    }
}
