package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.ReportNlp;
import org.radbridge.report.StagedReport;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;
import org.radbridge.terminology.Terminology;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report resources validate against the R4 base specification with HAPI's validator, offline (about 15 s for
 * the first validation, hence the e2e tag): a study with a report run through the real NLP, as projection builds it.
 */
@Tag("e2e")
class ReportBundleValidationTest {

    @Test
    void theReportBundleOfAStudyValidatesAgainstR4() throws Exception {
        Path home = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
        Terminology t = Terminology.load(home.resolve("terminology/codesystems"));
        CurrentMappings mappings = new CurrentMappings(MappingSet.load(home.resolve("mappings"), t));
        List<InstanceRecord> instances = List.of(new InstanceRecord("1.2.3.4.1", "1.2.3.4", "1.2.3.4.10", "1.2.840.10008.5.1.4.1.1.2", null, 1, 1,
                "CT", "AXIAL", "CHEST", null, null, null, null, "MRN1", "HOSP", "DOE^JANE", LocalDate.of(1950, 3, 4), "F", "ACC1", null,
                LocalDate.of(2024, 3, 12), LocalTime.of(9, 30), "CT CHEST WO", null, null, "folder", null, 0L, Map.of()));
        StudyView study = new StudyView("1.2.3.4", "MRN1", "HOSP", "DOE^JANE", LocalDate.of(1950, 3, 4), "F", "ACC1", LocalDate.of(2024, 3, 12),
                LocalTime.of(9, 30), "CT CHEST WO", null, instances);
        String text = "FINDINGS: 3.2 x 1.5 cm nodule in the left upper lobe. No pneumothorax. Possible small right pleural effusion.\n"
                + "IMPRESSION: Left upper lobe nodule.";
        StagedReport report = new StagedReport("ACC1:0123456789abcdef", "ACC1", "MRN1", "HOSP", null, "final", LocalDate.of(2024, 3, 12), text,
                "folder", OffsetDateTime.of(2024, 3, 12, 11, 0, 0, 0, ZoneOffset.UTC));
        Bundle bundle = new ImagingStudyBundleBuilder(mappings, "urn:radbridge:mrn", "urn:radbridge:accession").build(study);
        try (ReportNlp nlp = new ReportNlp(home.resolve("terminology/codesystems"))) {
            NlpResult r = nlp.analyze(report.reportId(), text);
            List<ReportFindings.Finding> findings = ReportFindings.of(r.mentions());
            assertThat(findings).hasSizeGreaterThanOrEqualTo(3);
            new DiagnosticReportBundleBuilder(mappings, "urn:radbridge:accession", nlp.name(), nlp.version())
                    .addTo(bundle, study, report, r, findings, List.of("ACC1:60046008:left"));
        }

        FhirContext ctx = FhirContext.forR4Cached();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx));
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        ValidationResult result = validator.validateWithResult(bundle);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
        assertThat(errors).as(ctx.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle)).isEmpty();

        // the validator is not a rubber stamp: an Observation without its required status fails
        Bundle broken = bundle.copy();
        broken.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(x -> x instanceof org.hl7.fhir.r4.model.Observation)
                .findFirst().map(org.hl7.fhir.r4.model.Observation.class::cast).orElseThrow().setStatus(null);
        assertThat(validator.validateWithResult(broken).getMessages()).anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR);
    }
}
