package org.radbridge.map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the clinical (identified) view of one study: a transaction bundle that creates or
 * updates the Patient and the ImagingStudy conditionally on their identifiers, so sending it
 * twice leaves one of each.
 */
public final class ImagingStudyBundleBuilder {
    public static final String DICOM_UID_SYSTEM = "urn:dicom:uid";
    public static final String DCM_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String SNOMED = "http://snomed.info/sct";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private final CurrentMappings mappings;
    private final String mrnSystem;
    private final String accessionSystem;

    public ImagingStudyBundleBuilder(CurrentMappings mappings, String mrnSystem, String accessionSystem) {
        this.mappings = mappings;
        this.mrnSystem = mrnSystem;
        this.accessionSystem = accessionSystem;
    }

    public String patientSystem(String issuer) {
        return issuer == null || issuer.isEmpty() ? mrnSystem : mrnSystem + ":" + issuer;
    }

    /** Identifier system of the patient of a study whose PatientID is empty or a placeholder; the value is the Study Instance UID. */
    public static final String STUDY_PATIENT_SYSTEM = "urn:radbridge:study-patient";
    /** Meta tag on such a Patient: it stands for the subject of one study, not for an identified person. */
    public static final String IDENTITY_TAG_SYSTEM = "urn:radbridge:patient-identity";
    public static final String PLACEHOLDER_TAG = "placeholder-patient-id";

    /** System and value of the identifier the study's Patient is written conditionally on. */
    private String[] patientIdentifier(StudyView s) {
        if (!s.placeholderPatient()) return new String[] {patientSystem(s.issuerOfPatientId()), s.patientId()};
        String issuer = s.issuerOfPatientId();
        return new String[] {issuer == null || issuer.isEmpty() ? STUDY_PATIENT_SYSTEM : STUDY_PATIENT_SYSTEM + ":" + issuer,
                s.studyInstanceUid()};
    }

    public Bundle build(StudyView s) {
        // one mapping set for the whole study, even if a reload swaps it meanwhile
        org.radbridge.mappings.MappingSet maps = mappings.current();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(("patient|" + s.issuerOfPatientId() + "|" + s.personKeyId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Patient patient = patient(s);
        String[] id = patientIdentifier(s);
        add(bundle, patient, patientUrl, FhirSearchValues.byIdentifier("Patient", id[0], id[1]));

        ImagingStudy study = new ImagingStudy();
        study.addIdentifier().setSystem(DICOM_UID_SYSTEM).setValue("urn:oid:" + s.studyInstanceUid());
        if (s.accessionNumber() != null) {
            Identifier acc = study.addIdentifier().setSystem(accessionSystem).setValue(s.accessionNumber());
            acc.getType().addCoding().setSystem(V2_0203).setCode("ACSN");
        }
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(new Reference(patientUrl));
        if (s.studyDate() != null) {
            LocalDateTime started = s.studyTime() == null ? s.studyDate().atStartOfDay() : s.studyDate().atTime(s.studyTime());
            DateTimeType dt = new DateTimeType(Date.from(started.atZone(ZoneId.systemDefault()).toInstant()));
            if (s.studyTime() == null) dt.setPrecision(ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY);
            study.setStartedElement(dt);
        }
        study.setDescription(s.studyDescription());
        maps.lookup("procedure", s.studyDescription(), s.studyDate())
                .ifPresent(t -> study.addProcedureCode(concept(t)));

        Set<String> modalities = new LinkedHashSet<>();
        List<List<InstanceRecord>> seriesList = s.series();
        for (List<InstanceRecord> instances : seriesList) {
            InstanceRecord first = instances.get(0);
            ImagingStudy.ImagingStudySeriesComponent series = study.addSeries();
            series.setUid(first.seriesInstanceUid());
            if (first.seriesNumber() != null) series.setNumber(first.seriesNumber());
            String modality = first.modality() == null ? "OT" : first.modality();
            modalities.add(modality);
            series.setModality(new Coding(DCM_SYSTEM, modality, null));
            series.setDescription(first.seriesDescription());
            series.setNumberOfInstances(instances.size());
            maps.lookup("body_part", first.bodyPartExamined(), s.studyDate())
                    .ifPresent(t -> series.setBodySite(coding(t)));
            maps.lookup("laterality", first.laterality(), s.studyDate())
                    .ifPresent(t -> series.setLaterality(coding(t)));
            for (InstanceRecord i : instances) {
                ImagingStudy.ImagingStudySeriesInstanceComponent inst = series.addInstance();
                inst.setUid(i.sopInstanceUid());
                if (i.sopClassUid() != null) inst.setSopClass(new Coding("urn:ietf:rfc:3986", "urn:oid:" + i.sopClassUid(), null));
                if (i.instanceNumber() != null) inst.setNumber(i.instanceNumber());
            }
        }
        modalities.forEach(m -> study.addModality(new Coding(DCM_SYSTEM, m, null)));
        study.setNumberOfSeries(seriesList.size());
        study.setNumberOfInstances(s.instances().size());

        if (s.endpointUrl() != null) {
            String endpointUrl = "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(("endpoint|" + s.endpointUrl()).getBytes());
            Endpoint ep = new Endpoint();
            ep.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue(s.endpointUrl());
            ep.setStatus(Endpoint.EndpointStatus.ACTIVE);
            ep.setConnectionType(new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "dicom-wado-rs", null));
            ep.addPayloadType().setText("DICOM");
            ep.addPayloadMimeType("application/dicom");
            ep.setAddress(s.endpointUrl());
            add(bundle, ep, endpointUrl, FhirSearchValues.byIdentifier("Endpoint", "urn:ietf:rfc:3986", s.endpointUrl()));
            study.addEndpoint(new Reference(endpointUrl));
        }
        add(bundle, study, "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(("study|" + s.studyInstanceUid()).getBytes()),
                FhirSearchValues.byIdentifier("ImagingStudy", DICOM_UID_SYSTEM, "urn:oid:" + s.studyInstanceUid()));
        return bundle;
    }

    private Patient patient(StudyView s) {
        Patient p = new Patient();
        String[] id = patientIdentifier(s);
        if (s.placeholderPatient()) {
            // no MRN: "UNKNOWN" or an empty ID would make every such study one person in any search
            p.addIdentifier().setSystem(id[0]).setValue(id[1]);
            p.getMeta().addTag(IDENTITY_TAG_SYSTEM, PLACEHOLDER_TAG, "PatientID empty or a placeholder: the subject of one study");
        } else {
            p.addIdentifier().setSystem(id[0]).setValue(id[1]).getType().addCoding().setSystem(V2_0203).setCode("MR");
        }
        if (s.patientName() != null) p.addName(name(s.patientName()));
        if (s.patientBirthDate() != null) {
            p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(s.patientBirthDate().toString()));
        }
        p.setGender(gender(s.patientSex()));
        return p;
    }

    /** DICOM PN: family^given^middle^prefix^suffix, with '=' separating ideographic/phonetic forms. */
    static HumanName name(String pn) {
        String alphabetic = pn.split("=")[0];
        String[] parts = alphabetic.split("\\^", -1);
        HumanName n = new HumanName().setText(alphabetic.replace('^', ' ').trim());
        if (parts.length > 0 && !parts[0].isBlank()) n.setFamily(parts[0].trim());
        if (parts.length > 1 && !parts[1].isBlank()) n.addGiven(parts[1].trim());
        if (parts.length > 2 && !parts[2].isBlank()) n.addGiven(parts[2].trim());
        if (parts.length > 3 && !parts[3].isBlank()) n.addPrefix(parts[3].trim());
        if (parts.length > 4 && !parts[4].isBlank()) n.addSuffix(parts[4].trim());
        return n;
    }

    private Enumerations.AdministrativeGender gender(String sex) {
        Optional<MappingTarget> t = mappings.lookup("gender", sex, null);
        if (t.isPresent() && "M".equals(t.get().code())) return Enumerations.AdministrativeGender.MALE;
        if (t.isPresent() && "F".equals(t.get().code())) return Enumerations.AdministrativeGender.FEMALE;
        if (sex != null && sex.trim().equalsIgnoreCase("O")) return Enumerations.AdministrativeGender.OTHER;
        return Enumerations.AdministrativeGender.UNKNOWN;
    }

    private static Coding coding(MappingTarget t) {
        return new Coding(systemOf(t.vocabularyId()), t.code(), t.display());
    }

    private static CodeableConcept concept(MappingTarget t) {
        return new CodeableConcept(coding(t)).setText(t.display());
    }

    /** OMOP vocabulary ids to FHIR code-system URIs. */
    public static String systemOf(String vocabularyId) {
        return switch (vocabularyId) {
            case "SNOMED" -> SNOMED;
            case "LOINC" -> "http://loinc.org";
            case "RadLex" -> "http://radlex.org";
            case "DICOM" -> DCM_SYSTEM;
            case "UCUM" -> "http://unitsofmeasure.org";
            case "FHIR Report Status" -> "http://hl7.org/fhir/diagnostic-report-status";
            default -> "urn:radbridge:vocabulary:" + vocabularyId.replaceAll("[^A-Za-z0-9.-]+", "-");
        };
    }

    private static void add(Bundle b, Resource r, String fullUrl, String conditionalUrl) {
        b.addEntry().setFullUrl(fullUrl).setResource(r).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(conditionalUrl);
    }
}
