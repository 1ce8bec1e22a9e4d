package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;
import org.radbridge.terminology.Terminology;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With HAPI's reference walk off, what RadBridge writes and what clients send encodes exactly as with it on. */
class ExplicitContainedResourcesTest {

    private static FhirContext context(boolean autoContain) {
        FhirContext ctx = FhirContext.forR4();
        Object same = ExplicitContainedResources.applying(autoContain).postProcessBeforeInitialization(ctx, "fhirContext");
        assertThat(same).isSameAs(ctx);
        return ctx;
    }

    private static final FhirContext WALK = context(true);
    private static final FhirContext NO_WALK = context(false);

    @Test
    void theSettingReachesTheParserOptions() {
        assertThat(WALK.getParserOptions().isAutoContainReferenceTargetsWithNoId()).isTrue();
        assertThat(NO_WALK.getParserOptions().isAutoContainReferenceTargetsWithNoId()).isFalse();
        // other beans pass through untouched
        Object other = new Object();
        assertThat(ExplicitContainedResources.applying(false).postProcessBeforeInitialization(other, "x")).isSameAs(other);
    }

    @Test
    void theStudyBundleTheProjectionWritesEncodesTheSame() throws Exception {
        Path home = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
        CurrentMappings mappings = new CurrentMappings(MappingSet.load(home.resolve("mappings"), Terminology.load(home.resolve("terminology/codesystems"))));
        List<InstanceRecord> instances = List.of(
                new InstanceRecord("2.25.7.1", "2.25.7", "2.25.7.10", "1.2.840.10008.5.1.4.1.1.4", null, 1, 1, "MR", "AX T2", "BRAIN", null, null,
                        null, null, "MRN9", "HOSP", "ROE^ALEX", LocalDate.of(1971, 8, 9), "M", "ACC9", null, LocalDate.of(2023, 5, 6),
                        LocalTime.of(14, 5), "MR BRAIN W/O", null, null, "folder", null, 0L, Map.of()),
                new InstanceRecord("2.25.7.2", "2.25.7", "2.25.7.11", "1.2.840.10008.5.1.4.1.1.4", null, 2, 1, "MR", "SAG T1", "BRAIN", null, null,
                        null, null, "MRN9", "HOSP", "ROE^ALEX", LocalDate.of(1971, 8, 9), "M", "ACC9", null, LocalDate.of(2023, 5, 6),
                        LocalTime.of(14, 5), "MR BRAIN W/O", null, null, "folder", null, 0L, Map.of()));
        StudyView study = new StudyView("2.25.7", "MRN9", "HOSP", "ROE^ALEX", LocalDate.of(1971, 8, 9), "M", "ACC9", LocalDate.of(2023, 5, 6),
                LocalTime.of(14, 5), "MR BRAIN W/O", null, instances);
        // built in memory, as the projection hands it to HAPI's DAO (which encodes every entry for storage)
        Bundle bundle = new ImagingStudyBundleBuilder(mappings, "urn:radbridge:mrn", "urn:radbridge:accession").build(study);
        assertThat(bundle.getEntry()).isNotEmpty();
        // without the walk first: the walk may change what it encodes
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            String unwalked = NO_WALK.newJsonParser().encodeResourceToString(e.getResource());
            assertThat(unwalked).isEqualTo(WALK.newJsonParser().encodeResourceToString(e.getResource()));
        }
        String unwalked = NO_WALK.newJsonParser().encodeResourceToString(bundle);
        assertThat(unwalked).isEqualTo(WALK.newJsonParser().encodeResourceToString(bundle));
    }

    @Test
    void aClientsContainedResourceIsKeptAndReferenced() {
        String sent = """
                {"resourceType":"DiagnosticReport","id":"r1","contained":[{"resourceType":"Practitioner","id":"reader",
                 "name":[{"family":"Okafor"}]},{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"nodule"},
                 "performer":[{"reference":"#reader"}]}],"status":"final","code":{"text":"CT CHEST"},"subject":{"reference":"Patient/5"},
                 "resultsInterpreter":[{"reference":"#reader"}],"result":[{"reference":"#o1"}]}""";
        // as stored (parsed back from the database) and as a search page holds it
        for (FhirContext reader : List.of(WALK, NO_WALK)) {
            DiagnosticReport report = reader.newJsonParser().parseResource(DiagnosticReport.class, sent);
            Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            page.addEntry().setFullUrl("http://x/fhir/DiagnosticReport/r1").setResource(report);
            // without the walk first: the walk may change what it encodes
            String unwalked = NO_WALK.newJsonParser().encodeResourceToString(page);
            String walked = WALK.newJsonParser().encodeResourceToString(page);
            assertThat(unwalked).isEqualTo(walked);
            assertThat(walked).contains("\"contained\":[{\"resourceType\":\"Practitioner\",\"id\":\"reader\"")
                    .contains("{\"reference\":\"#o1\"}").contains("\"performer\":[{\"reference\":\"#reader\"}]");
        }
    }

    @Test
    void onlyAnInMemoryTargetWithoutIdIsNoLongerContained() {
        // what the setting gives up: code that sets a Reference's target object without an id and relies on the parser
        // (a fresh report each time: the walk assigns the target an id and adds it to the report's contained list)
        assertThat(WALK.newJsonParser().encodeResourceToString(interpretedInMemory())).contains("\"contained\"");
        assertThat(NO_WALK.newJsonParser().encodeResourceToString(interpretedInMemory())).doesNotContain("\"contained\"");
    }

    private static DiagnosticReport interpretedInMemory() {
        DiagnosticReport report = new DiagnosticReport();
        report.getResultsInterpreter().add(new Reference(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Okafor"))));
        return report;
    }
}
