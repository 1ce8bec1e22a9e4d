package org.radbridge.terminology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeSystemCatalogTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", ".."));

    @Test
    void theShippedCatalogCoversEveryVocabularyOfTheSubsets() throws Exception {
        CodeSystemCatalog catalog = CodeSystemCatalog.besides(HOME.resolve("terminology/codesystems"));
        for (TermConcept c : Terminology.load(HOME.resolve("terminology/codesystems")).all()) {
            assertThat(catalog.find(c.vocabularyId())).as(c.vocabularyId()).isPresent();
        }
        assertThat(catalog.find("SNOMED").orElseThrow().url()).isEqualTo("http://snomed.info/sct");
        assertThat(catalog.find("SNOMED").orElseThrow().content()).isEqualTo("fragment");
        assertThat(catalog.find("RadBridge Device").orElseThrow().content()).isEqualTo("complete");
        assertThat(catalog.find("Gender").orElseThrow().published()).isFalse();
    }

    @Test
    void mistakesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(CodeSystemCatalog.FILE);
        Files.writeString(f, String.join(",", CodeSystemCatalog.COLUMNS) + "\n"
                + "SNOMED,http://snomed.info/sct,partial,Snomed,t,p,c\n"
                + "LOINC,http://loinc.org,fragment,loinc subset,t,p,c\n"
                + "SNOMED,http://snomed.info/sct,fragment,Snomed,t,p,c\n"
                + "RadLex,,fragment\n");
        assertThatThrownBy(() -> CodeSystemCatalog.load(f)).isInstanceOf(TerminologyException.class)
                .satisfies(e -> assertThat(((TerminologyException) e).errors()).containsExactly(
                        "fhir-codesystems.csv:2: content must be fragment, complete or not-published, not 'partial'",
                        "fhir-codesystems.csv:3: name 'loinc subset' must start with a capital letter and hold only letters, digits and _ (FHIR rule cnl-0)",
                        "fhir-codesystems.csv:4: vocabulary SNOMED listed twice",
                        "fhir-codesystems.csv:5: expected 7 columns, found 3"));
    }
}
