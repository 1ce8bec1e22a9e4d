package org.radbridge.server.mappings;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.terminology.CodeSystemCatalog;
import org.radbridge.terminology.TermConcept;
import org.radbridge.terminology.Terminology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CodeSystemPublisherTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", ".."));

    @Test
    void theShippedVocabulariesBecomeCodeSystemsUnderTheURLsTheCodingsUse() throws Exception {
        Terminology t = Terminology.load(HOME.resolve("terminology/codesystems"));
        CodeSystemCatalog catalog = CodeSystemCatalog.besides(HOME.resolve("terminology/codesystems"));
        // every vocabulary of the subsets has a row, and its url is the system RadBridge's own codings carry
        for (TermConcept c : t.all()) {
            CodeSystemCatalog.Entry e = catalog.find(c.vocabularyId()).orElseThrow(() -> new AssertionError(c.vocabularyId() + " not in the catalog"));
            assertThat(e.url()).as(c.vocabularyId()).isEqualTo(ImagingStudyBundleBuilder.systemOf(c.vocabularyId()));
        }
        Map<String, CodeSystem> byUrl = CodeSystemPublisher.codeSystems(t, catalog).stream()
                .collect(Collectors.toMap(CodeSystem::getUrl, cs -> cs));
        assertThat(byUrl.keySet()).contains("http://snomed.info/sct", "http://loinc.org", "http://radlex.org",
                "http://dicom.nema.org/resources/ontology/DCM", "urn:radbridge:vocabulary:RadBridge-Device")
                .doesNotContain("http://hl7.org/fhir/diagnostic-report-status", "urn:radbridge:vocabulary:Gender");

        CodeSystem snomed = byUrl.get("http://snomed.info/sct");
        assertThat(snomed.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
        assertThat(snomed.hasCount()).isFalse();
        assertThat(snomed.getConcept()).anySatisfy(d -> {
            assertThat(d.getCode()).isEqualTo("816094009");
            assertThat(d.getDisplay()).isEqualTo("Chest");
        });
        long snomedRows = t.all().stream().filter(c -> c.vocabularyId().equals("SNOMED")).count();
        assertThat(snomed.getConcept()).hasSize((int) snomedRows);

        CodeSystem devices = byUrl.get("urn:radbridge:vocabulary:RadBridge-Device");
        assertThat(devices.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(devices.getCount()).isEqualTo(devices.getConcept().size()).isGreaterThan(0);
        assertThat(devices.getName()).matches("[A-Z][A-Za-z0-9_]*");

        CodeSystem loinc = byUrl.get("http://loinc.org");
        assertThat(loinc.getConcept()).anySatisfy(d -> {
            assertThat(d.getCode()).isEqualTo("29252-4");
            assertThat(d.getDesignation()).extracting(x -> x.getValue()).contains("CT chest without contrast");
        });
    }

    @Test
    void theVersionFollowsTheContentSoRepublishingUnchangedFilesChangesNothing() throws Exception {
        CodeSystemCatalog catalog = CodeSystemCatalog.besides(HOME.resolve("terminology/codesystems"));
        CodeSystemCatalog.Entry device = catalog.find("RadBridge Device").orElseThrow();
        TermConcept a = new TermConcept("RadBridge Device", "X-1", "Scanner X", "Device", "Device Model", "S", null, "site-defined");
        TermConcept b = new TermConcept("RadBridge Device", "Y-2", "Scanner Y", "Device", "Device Model", "S", null, "site-defined");
        String v1 = CodeSystemPublisher.codeSystem(device, List.of(a, b)).getVersion();
        assertThat(CodeSystemPublisher.codeSystem(device, List.of(b, a)).getVersion()).isEqualTo(v1);
        TermConcept renamed = new TermConcept("RadBridge Device", "Y-2", "Scanner Y (renamed)", "Device", "Device Model", "S", null, "site-defined");
        assertThat(CodeSystemPublisher.codeSystem(device, List.of(a, renamed)).getVersion()).isNotEqualTo(v1);

        List<Bundle> sent = new ArrayList<>();
        Terminology t = Terminology.of(List.of(a, b));
        assertThat(new CodeSystemPublisher(x -> {
            sent.add(x);
            return x;
        }).publish(t, catalog)).isEqualTo(1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getEntryFirstRep().getRequest().getUrl()).isEqualTo("CodeSystem?url=urn:radbridge:vocabulary:RadBridge-Device");
        assertThat(sent.get(0).getEntryFirstRep().getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        // stored at the same version: not sent again; at another version: sent
        String version = CodeSystemPublisher.codeSystem(device, List.of(a, b)).getVersion();
        sent.clear();
        assertThat(new CodeSystemPublisher(x -> {
            sent.add(x);
            return x;
        }, (type, url) -> java.util.Optional.of(version), published -> { }).publish(t, catalog)).isEqualTo(1);
        assertThat(sent).isEmpty();
        assertThat(new CodeSystemPublisher(x -> {
            sent.add(x);
            return x;
        }, (type, url) -> java.util.Optional.of("radbridge-older"), published -> { }).publish(t, catalog)).isEqualTo(1);
        assertThat(sent).hasSize(1);
        // a failing server is logged, not thrown
        assertThat(new CodeSystemPublisher(x -> {
            throw new IllegalStateException("down");
        }).publish(t, catalog)).isZero();
    }

    /** What `radbridge mappings validate` says about the shipped files: no errors and no warnings. */
    @Test
    void theShippedFilesValidateWithoutErrorsOrWarnings() throws Exception {
        org.radbridge.mappings.MappingSet.Validation v = MappingsService.validate(HOME.resolve("terminology/codesystems"), HOME.resolve("mappings"));
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void aVocabularyMissingFromTheCatalogIsAWarningAndABrokenCatalogAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path codesystems = java.nio.file.Files.createDirectories(dir.resolve("terminology/codesystems"));
        java.nio.file.Files.writeString(codesystems.resolve("x.csv"), String.join(",", Terminology.COLUMNS) + "\n"
                + "Site Thing,T1,Thing one,Observation,Thing,S,,site-defined\n");
        java.nio.file.Files.createDirectories(dir.resolve("mappings"));
        java.nio.file.Files.writeString(dir.resolve("terminology/fhir-codesystems.csv"), String.join(",", CodeSystemCatalog.COLUMNS) + "\n");
        org.radbridge.mappings.MappingSet.Validation v = MappingsService.validate(codesystems, dir.resolve("mappings"));
        assertThat(v.errors()).isEmpty();
        assertThat(v.warnings()).containsExactly("terminology/fhir-codesystems.csv: vocabulary 'Site Thing' is not listed; it is not published as a FHIR CodeSystem");
        java.nio.file.Files.writeString(dir.resolve("terminology/fhir-codesystems.csv"), String.join(",", CodeSystemCatalog.COLUMNS) + "\n"
                + "Site Thing,urn:x,everything,SiteThing,t,p,c\n");
        assertThat(MappingsService.validate(codesystems, dir.resolve("mappings")).errors())
                .containsExactly("terminology/fhir-codesystems.csv:2: content must be fragment, complete or not-published, not 'everything'");
    }
}
