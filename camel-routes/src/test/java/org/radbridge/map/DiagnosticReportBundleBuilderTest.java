package org.radbridge.map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.FindingMention.Subject;
import org.radbridge.nlp.FindingMention.Temporality;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.ReportTestData;
import org.radbridge.report.StagedReport;
import org.radbridge.staging.StudyView;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticReportBundleBuilderTest {
    static final String TEXT = "FINDINGS: 3.2 x 1.5 cm nodule in the left upper lobe. No pneumothorax. Mother had breast cancer.\n"
            + "IMPRESSION: Left upper lobe nodule.";
    private static CurrentMappings mappings;

    @BeforeAll
    static void load() throws Exception {
        mappings = ReportTestData.shippedMappings();
    }

    static List<FindingMention> mentions() {
        int nodule = TEXT.indexOf("nodule");
        int ptx = TEXT.indexOf("pneumothorax");
        int cancer = TEXT.indexOf("breast cancer");
        int nodule2 = TEXT.lastIndexOf("nodule");
        return List.of(
                ReportTestData.mention("nodule", nodule, "27925004", "Nodule", "RID3875", Assertion.PRESENT, Temporality.CURRENT, Subject.PATIENT,
                        "findings", "left", List.of(new BigDecimal("32"), new BigDecimal("15")), "45292006", "Upper lobe of lung", 10, 53),
                ReportTestData.mention("pneumothorax", ptx, "36118008", "Pneumothorax", null, Assertion.ABSENT, Temporality.CURRENT,
                        Subject.PATIENT, "findings", null, List.of(), null, null, 54, 70),
                ReportTestData.mention("breast cancer", cancer, "254837009", "Breast cancer", null, Assertion.PRESENT, Temporality.CURRENT,
                        Subject.FAMILY, "findings", null, List.of(), null, null, 71, 97),
                ReportTestData.mention("nodule", nodule2, "27925004", "Nodule", "RID3875", Assertion.PRESENT, Temporality.CURRENT,
                        Subject.PATIENT, "impression", "left", List.of(), null, null, TEXT.indexOf("Left upper"), TEXT.length()));
    }

    private Bundle build(StudyView study, StagedReport report, List<String> previous) {
        Bundle b = new ImagingStudyBundleBuilder(mappings, "urn:radbridge:mrn", "urn:radbridge:accession").build(study);
        NlpResult nlp = new NlpResult(report.reportId(), mentions(), null, null, "Left upper lobe nodule.");
        new DiagnosticReportBundleBuilder(mappings, "urn:radbridge:accession", "Test NLP", "1.2 (cTAKES 5.1.0)")
                .addTo(b, study, report, nlp, ReportFindings.of(nlp.mentions()), previous);
        return b;
    }

    private static <T> List<T> of(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    private static String urlOf(Bundle b, Class<?> type) {
        return b.getEntry().stream().filter(e -> type.isInstance(e.getResource())).findFirst().orElseThrow().getFullUrl();
    }

    @Test
    void diagnosticReportCarriesIdentifierStatusCategoryCodeLinksConclusionAndText() {
        StagedReport report = ReportTestData.report(TEXT, "F");
        Bundle b = build(ReportTestData.study("CT CHEST WO"), report, List.of());
        DiagnosticReport dr = of(b, DiagnosticReport.class).get(0);
        assertThat(dr.getIdentifierFirstRep().getSystem()).isEqualTo("urn:radbridge:accession");
        assertThat(dr.getIdentifierFirstRep().getValue()).isEqualTo("ACC000123");
        assertThat(dr.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
        assertThat(dr.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(dr.getCategoryFirstRep().getCodingFirstRep().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0074");
        assertThat(dr.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("RAD");
        assertThat(dr.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(dr.getCode().getCodingFirstRep().getCode()).isEqualTo("29252-4");
        assertThat(dr.getSubject().getReference()).isEqualTo(urlOf(b, Patient.class));
        assertThat(dr.getImagingStudyFirstRep().getReference()).isEqualTo(urlOf(b, ImagingStudy.class));
        assertThat(dr.getConclusion()).isEqualTo("Left upper lobe nodule.");
        assertThat(new String(dr.getPresentedFormFirstRep().getData(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
        assertThat(dr.getPresentedFormFirstRep().getContentType()).startsWith("text/plain");
        assertThat(dr.getEffectiveDateTimeType().getValueAsString()).startsWith("2024-03-12T09:30");
        assertThat(dr.getIssued()).isNotNull();
        // the conditional URL keys the report by accession, so a later version updates the same resource
        Bundle.BundleEntryComponent entry = b.getEntry().stream().filter(e -> e.getResource() instanceof DiagnosticReport).findFirst().orElseThrow();
        assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(entry.getRequest().getUrl()).isEqualTo("DiagnosticReport?identifier=urn:radbridge:accession|ACC000123");
    }

    @Test
    void aStudyWithoutMappedProcedureGetsTheGenericImagingReportCodeAndAmendedStatus() {
        Bundle b = build(ReportTestData.study("SOMETHING UNMAPPED"), ReportTestData.report(TEXT, "AMENDED"), List.of());
        DiagnosticReport dr = of(b, DiagnosticReport.class).get(0);
        assertThat(dr.getCode().getCodingFirstRep().getCode()).isEqualTo("18748-4");
        assertThat(dr.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
        assertThat(of(b, Observation.class)).allMatch(o -> o.getStatus() == Observation.ObservationStatus.AMENDED);
    }

    @Test
    void oneObservationPerDistinctFindingOfThePatientWithPresenceSiteSideAndSizes() {
        Bundle b = build(ReportTestData.study("CT CHEST WO"), ReportTestData.report(TEXT, "F"), List.of());
        List<Observation> obs = of(b, Observation.class);
        // the nodule twice (findings, impression) is one finding; the mother's cancer is none of the patient's
        assertThat(obs).hasSize(2);
        DiagnosticReport dr = of(b, DiagnosticReport.class).get(0);
        assertThat(dr.getResult()).extracting(Reference::getReference).containsExactlyElementsOf(
                b.getEntry().stream().filter(e -> e.getResource() instanceof Observation).map(Bundle.BundleEntryComponent::getFullUrl).toList());

        Observation nodule = obs.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("27925004")).findFirst().orElseThrow();
        assertThat(nodule.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://snomed.info/sct|27925004", "http://radlex.org|RID3875");
        assertThat(code(nodule.getValueCodeableConcept())).isEqualTo("http://snomed.info/sct|52101004");
        assertThat(code(nodule.getBodySite())).isEqualTo("http://snomed.info/sct|45292006");
        assertThat(nodule.getComponent()).extracting(c -> code(c.getCode()))
                .containsExactly("http://snomed.info/sct|272741003", "http://snomed.info/sct|103339001", "http://snomed.info/sct|103340004");
        assertThat(code(nodule.getComponent().get(0).getValueCodeableConcept())).isEqualTo("http://snomed.info/sct|7771000");
        assertThat(nodule.getComponent().get(1).getValueQuantity().getValue()).isEqualByComparingTo("32");
        assertThat(nodule.getComponent().get(1).getValueQuantity().getCode()).isEqualTo("mm");
        assertThat(nodule.getComponent().get(1).getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(nodule.getComponent().get(2).getValueQuantity().getValue()).isEqualByComparingTo("15");
        assertThat(nodule.getDerivedFrom()).extracting(Reference::getReference).containsExactly(urlOf(b, ImagingStudy.class));
        assertThat(nodule.getSubject().getReference()).isEqualTo(urlOf(b, Patient.class));
        assertThat(nodule.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("imaging");
        assertThat(nodule.getMeta().getSecurity()).extracting(c -> c.getCode()).containsExactly("AIAST");
        assertThat(nodule.getIdentifierFirstRep().getValue()).isEqualTo("ACC000123:27925004:left");

        Observation ptx = obs.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("36118008")).findFirst().orElseThrow();
        assertThat(code(ptx.getValueCodeableConcept())).isEqualTo("http://snomed.info/sct|2667000");
        assertThat(ptx.getCode().getCoding()).hasSize(1);
        assertThat(ptx.getComponent()).isEmpty();
    }

    @Test
    void provenanceNamesTheNlpSoftwareAsAuthorOfReportAndObservations() {
        Bundle b = build(ReportTestData.study("CT CHEST WO"), ReportTestData.report(TEXT, "F"), List.of());
        Provenance p = of(b, Provenance.class).get(0);
        List<String> targets = p.getTarget().stream().map(Reference::getReference).toList();
        assertThat(targets).contains(urlOf(b, DiagnosticReport.class)).hasSize(3);
        assertThat(p.getMeta().getSecurity()).anyMatch(c -> c.getCode().equals("AIAST")
                && c.getSystem().equals("http://terminology.hl7.org/CodeSystem/v3-ObservationValue"));
        assertThat(p.getAgentFirstRep().getWho().getReference()).isEqualTo(urlOf(b, Device.class));
        assertThat(p.getAgentFirstRep().getWho().getDisplay()).isEqualTo("Test NLP 1.2 (cTAKES 5.1.0)");
        Device d = of(b, Device.class).get(0);
        assertThat(d.getDeviceNameFirstRep().getName()).isEqualTo("Test NLP");
        assertThat(d.getVersionFirstRep().getValue()).isEqualTo("1.2 (cTAKES 5.1.0)");
        Bundle.BundleEntryComponent e = b.getEntry().stream().filter(x -> x.getResource() instanceof Provenance).findFirst().orElseThrow();
        assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(e.getRequest().getUrl()).isEqualTo("Provenance/" + DiagnosticReportBundleBuilder.provenanceId("ACC000123"));
    }

    @Test
    void observationsTheLastVersionHadAndThisOneLacksAreDeletedInTheSameTransaction() {
        Bundle b = build(ReportTestData.study("CT CHEST WO"), ReportTestData.report(TEXT, "AMENDED"),
                List.of("ACC000123:27925004:left", "ACC000123:60046008:right"));
        List<String> deletes = b.getEntry().stream().filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.DELETE)
                .map(e -> e.getRequest().getUrl()).toList();
        assertThat(deletes).containsExactly("Observation?identifier=urn:radbridge:report-finding|ACC000123%3A60046008%3Aright");
    }

    @Test
    void buildingTwiceGivesTheSameBundle() {
        StagedReport r = ReportTestData.report(TEXT, "F");
        var parser = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();
        assertThat(parser.encodeResourceToString(build(ReportTestData.study("CT CHEST WO"), r, List.of())))
                .isEqualTo(parser.encodeResourceToString(build(ReportTestData.study("CT CHEST WO"), r, List.of())));
    }

    private static String code(CodeableConcept c) {
        return c.getCodingFirstRep().getSystem() + "|" + c.getCodingFirstRep().getCode();
    }
}
