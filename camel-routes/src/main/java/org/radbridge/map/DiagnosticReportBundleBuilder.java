package org.radbridge.map;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.radbridge.mappings.MappingSet;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.StagedReport;
import org.radbridge.staging.StudyView;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Adds the clinical view of a study's current report to the study's transaction bundle: one DiagnosticReport per
 * accession number (a new version of the report updates it), one Observation per distinct finding, the Device that
 * stands for the NLP software, and a Provenance naming it as the author of the Observations. DiagnosticReport,
 * Observations and Device are written conditionally on their identifiers; the Provenance (which has no identifier
 * in R4) under an id derived from the accession number. Observations the previous version had and this one lacks
 * are deleted in the same transaction, so an amendment replaces the set.
 */
public final class DiagnosticReportBundleBuilder {
    public static final String FINDING_SYSTEM = "urn:radbridge:report-finding";
    public static final String REPORT_VERSION_SYSTEM = "urn:radbridge:report-id";
    public static final String SOFTWARE_SYSTEM = "urn:radbridge:software";
    /** HL7 v2 table 0074 (diagnostic service section id): RAD = Radiology, as DiagnosticReport.category. */
    static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
    /** FHIR R4 observation-category CodeSystem: "imaging". */
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    /**
     * HL7 v3 ObservationValue "AIAST" (Artificial Intelligence asserted), the security label the HL7 AI Transparency
     * implementation guide puts on resources a machine produced (../shared/FHIR-NOTES.md).
     */
    static final String V3_OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    /** FHIR R4 provenance-participant-type: the agent that authored the findings. */
    static final String PROVENANCE_PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    /** What was added: the identifiers of the Observations now standing for the report's findings. */
    public record Added(List<String> observationKeys) {}

    private final CurrentMappings mappings;
    private final String accessionSystem;
    private final String nlpName;
    private final String nlpVersion;

    public DiagnosticReportBundleBuilder(CurrentMappings mappings, String accessionSystem, String nlpName, String nlpVersion) {
        this.mappings = mappings;
        this.accessionSystem = accessionSystem;
        this.nlpName = nlpName;
        this.nlpVersion = nlpVersion;
    }

    /**
     * @param bundle           the study's transaction bundle from {@link ImagingStudyBundleBuilder} (its Patient and
     *                         ImagingStudy entries are referenced)
     * @param previousKeys     Observation identifiers the last projection of this accession wrote
     */
    public Added addTo(Bundle bundle, StudyView study, StagedReport report, NlpResult nlp, List<ReportFindings.Finding> findings,
                       List<String> previousKeys) {
        MappingSet maps = mappings.current();
        String patientUrl = fullUrlOf(bundle, Patient.class);
        String studyUrl = fullUrlOf(bundle, ImagingStudy.class);
        String accession = report.accessionNumber();
        DateTimeType effective = effective(study, report);
        InstantType issued = report.receivedAt() == null ? null : new InstantType(Date.from(report.receivedAt().toInstant()));
        String status = maps.lookup("report_status", report.status()).map(MappingTarget::code).orElse("unknown");

        String deviceUrl = urn("device|" + nlpName + "|" + nlpVersion);
        Device device = new Device();
        device.addIdentifier().setSystem(SOFTWARE_SYSTEM).setValue(softwareId());
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.addDeviceName().setName(nlpName).setType(Device.DeviceNameType.MANUFACTURERNAME);
        device.addVersion().setValue(nlpVersion);
        put(bundle, device, deviceUrl, "Device?identifier=" + SOFTWARE_SYSTEM + "|" + enc(softwareId()));

        List<String> keys = new ArrayList<>();
        List<Reference> results = new ArrayList<>();
        for (ReportFindings.Finding f : findings) {
            String key = accession + ":" + f.key();
            keys.add(key);
            Observation o = observation(maps, f, key, status, patientUrl, studyUrl, effective, issued);
            String url = urn("observation|" + key);
            put(bundle, o, url, "Observation?identifier=" + FINDING_SYSTEM + "|" + enc(key));
            results.add(new Reference(url));
        }
        Set<String> stale = new LinkedHashSet<>(previousKeys);
        keys.forEach(stale::remove);
        for (String key : stale) {
            bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE)
                    .setUrl("Observation?identifier=" + FINDING_SYSTEM + "|" + enc(key));
        }

        DiagnosticReport dr = new DiagnosticReport();
        dr.addIdentifier().setSystem(accessionSystem).setValue(accession).getType().addCoding().setSystem(V2_0203).setCode("ACSN");
        dr.addIdentifier().setSystem(REPORT_VERSION_SYSTEM).setValue(report.reportId());
        dr.setStatus(drStatus(status));
        dr.addCategory(new CodeableConcept(new Coding(V2_0074, "RAD", "Radiology")));
        dr.setCode(reportCode(maps, study));
        dr.setSubject(new Reference(patientUrl));
        if (effective != null) dr.setEffective(effective);
        if (issued != null) dr.setIssuedElement(issued);
        dr.addImagingStudy(new Reference(studyUrl));
        dr.setResult(results);
        if (nlp.impression() != null) dr.setConclusion(nlp.impression());
        Attachment text = new Attachment().setContentType("text/plain; charset=utf-8").setLanguage("en")
                .setData(report.text().getBytes(StandardCharsets.UTF_8)).setTitle("Radiology report " + accession);
        dr.addPresentedForm(text);
        String drUrl = urn("report|" + accession);
        put(bundle, dr, drUrl, "DiagnosticReport?identifier=" + accessionSystem + "|" + enc(accession));

        Provenance p = new Provenance();
        p.addTarget(new Reference(drUrl));
        results.forEach(r -> p.addTarget(new Reference(r.getReference())));
        if (issued != null) p.setRecordedElement(issued);
        else p.setRecorded(new Date(0));
        p.getMeta().addSecurity(V3_OBSERVATION_VALUE, "AIAST", "Artificial Intelligence asserted");
        Provenance.ProvenanceAgentComponent agent = p.addAgent();
        agent.setType(new CodeableConcept(new Coding(PROVENANCE_PARTICIPANT, "author", "Author")));
        agent.setWho(new Reference(deviceUrl).setDisplay(nlpName + " " + nlpVersion));
        p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference(drUrl).setDisplay("report text"));
        String provenanceId = provenanceId(accession);
        p.setId(provenanceId);
        bundle.addEntry().setFullUrl(urn("provenance|" + accession)).setResource(p).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl("Provenance/" + provenanceId);
        return new Added(List.copyOf(keys));
    }

    private Observation observation(MappingSet maps, ReportFindings.Finding f, String key, String status, String patientUrl,
                                    String studyUrl, DateTimeType effective, InstantType issued) {
        Observation o = new Observation();
        o.getMeta().addSecurity(V3_OBSERVATION_VALUE, "AIAST", "Artificial Intelligence asserted");
        o.addIdentifier().setSystem(FINDING_SYSTEM).setValue(key);
        o.setStatus(observationStatus(status));
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "imaging", "Imaging")));
        CodeableConcept code = new CodeableConcept().setText(f.display());
        code.addCoding(new Coding(f.conceptSystem(), f.conceptCode(), f.display()));
        if (f.radlexId() != null && !f.radlexId().equals(f.conceptCode())) {
            code.addCoding(new Coding(ImagingStudyBundleBuilder.systemOf("RadLex"), f.radlexId(), null));
        }
        o.setCode(code);
        o.setSubject(new Reference(patientUrl));
        if (effective != null) o.setEffective(effective.copy());
        if (issued != null) o.setIssuedElement(issued.copy());
        maps.lookup("finding_assertion", f.assertion().name()).ifPresent(t -> o.setValue(concept(t)));
        if (f.bodySiteSnomed() != null) {
            o.setBodySite(new CodeableConcept(new Coding(ImagingStudyBundleBuilder.SNOMED, f.bodySiteSnomed(), f.bodySiteDisplay()))
                    .setText(f.bodySiteDisplay()));
        }
        if (f.laterality() != null) {
            Optional<MappingTarget> attr = maps.lookup("finding_component", "LATERALITY");
            Optional<MappingTarget> side = maps.lookup("laterality", f.laterality());
            if (attr.isPresent() && side.isPresent()) o.addComponent().setCode(concept(attr.get())).setValue(concept(side.get()));
        }
        List<BigDecimal> dims = f.dimensionsMm();
        for (int i = 0; i < dims.size(); i++) {
            String axis = dimensionName(i, dims.size());
            Optional<MappingTarget> t = maps.lookup("finding_component", axis);
            CodeableConcept c = t.map(DiagnosticReportBundleBuilder::concept).orElse(new CodeableConcept().setText(axis.toLowerCase(Locale.ROOT)));
            o.addComponent().setCode(c).setValue(new Quantity().setValue(dims.get(i)).setUnit("mm")
                    .setSystem("http://unitsofmeasure.org").setCode("mm"));
        }
        o.addDerivedFrom(new Reference(studyUrl));
        return o;
    }

    /** Names of the measured dimensions in finding_component.csv: one is a diameter; two or three are axes. */
    public static String dimensionName(int index, int count) {
        if (count == 1) return "DIAMETER";
        return switch (index) {
            case 0 -> "LONG AXIS";
            case 1 -> "SHORT AXIS";
            default -> "PERPENDICULAR AXIS";
        };
    }

    /** The study's procedure code when it maps to LOINC, else the generic imaging report code of report_code.csv. */
    private static CodeableConcept reportCode(MappingSet maps, StudyView s) {
        Optional<MappingTarget> procedure = maps.lookup("procedure", s.studyDescription(), s.studyDate())
                .filter(t -> "LOINC".equals(t.vocabularyId()));
        return concept(procedure.or(() -> maps.lookup("report_code", "RADIOLOGY REPORT")).orElseThrow(
                () -> new IllegalStateException("mappings/report_code.csv has no row RADIOLOGY REPORT")));
    }

    private static DateTimeType effective(StudyView s, StagedReport r) {
        if (s.studyDate() != null) {
            LocalDateTime at = s.studyTime() == null ? s.studyDate().atStartOfDay() : s.studyDate().atTime(s.studyTime());
            DateTimeType dt = new DateTimeType(Date.from(at.atZone(ZoneId.systemDefault()).toInstant()));
            if (s.studyTime() == null) dt.setPrecision(ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY);
            return dt;
        }
        if (r.reportDate() != null) return new DateTimeType(r.reportDate().toString());
        return null;
    }

    private static DiagnosticReport.DiagnosticReportStatus drStatus(String code) {
        try {
            return DiagnosticReport.DiagnosticReportStatus.fromCode(code);
        } catch (Exception e) {
            return DiagnosticReport.DiagnosticReportStatus.UNKNOWN;
        }
    }

    private static Observation.ObservationStatus observationStatus(String reportStatus) {
        return switch (reportStatus) {
            case "final" -> Observation.ObservationStatus.FINAL;
            case "preliminary", "partial", "registered" -> Observation.ObservationStatus.PRELIMINARY;
            case "amended", "appended" -> Observation.ObservationStatus.AMENDED;
            case "corrected" -> Observation.ObservationStatus.CORRECTED;
            case "cancelled" -> Observation.ObservationStatus.CANCELLED;
            case "entered-in-error" -> Observation.ObservationStatus.ENTEREDINERROR;
            default -> Observation.ObservationStatus.UNKNOWN;
        };
    }

    private String softwareId() {
        return nlpName.replaceAll("[^A-Za-z0-9.-]+", "-") + ":" + nlpVersion.replaceAll("[^A-Za-z0-9.-]+", "-");
    }

    /** A client-assigned id (letters, digits, '-', at most 64) that stays the same for an accession. */
    static String provenanceId(String accession) {
        return "rb-report-" + UUID.nameUUIDFromBytes(("provenance|" + accession).getBytes(StandardCharsets.UTF_8));
    }

    private static String fullUrlOf(Bundle b, Class<? extends Resource> type) {
        return b.getEntry().stream().filter(e -> type.isInstance(e.getResource())).map(Bundle.BundleEntryComponent::getFullUrl)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the study bundle has no " + type.getSimpleName()));
    }

    private static CodeableConcept concept(MappingTarget t) {
        return new CodeableConcept(new Coding(ImagingStudyBundleBuilder.systemOf(t.vocabularyId()), t.code(), t.display()))
                .setText(t.display());
    }

    private static String urn(String key) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String v) {
        return FhirSearchValues.encode(FhirSearchValues.escape(v));
    }

    private static void put(Bundle b, Resource r, String fullUrl, String conditionalUrl) {
        b.addEntry().setFullUrl(fullUrl).setResource(r).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(conditionalUrl);
    }
}
