package org.radbridge.staging;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A study as staged, with its instances: everything one projection into FHIR or OMOP needs. {@code facts} holds what is
 * derived from all of its files (effective date, year of birth, placeholder patient); see {@link StudyFacts}.
 */
public record StudyView(
        String studyInstanceUid,
        String patientId,
        String issuerOfPatientId,
        String patientName,
        LocalDate patientBirthDate,
        String patientSex,
        String accessionNumber,
        LocalDate studyDate,
        LocalTime studyTime,
        String studyDescription,
        String endpointUrl,
        List<InstanceRecord> instances,
        StudyFacts facts) {

    /** A study whose facts come from its study-level columns and series dates alone (callers without staging). */
    public StudyView(String studyInstanceUid, String patientId, String issuerOfPatientId, String patientName, LocalDate patientBirthDate,
                     String patientSex, String accessionNumber, LocalDate studyDate, LocalTime studyTime, String studyDescription,
                     String endpointUrl, List<InstanceRecord> instances) {
        this(studyInstanceUid, patientId, issuerOfPatientId, patientName, patientBirthDate, patientSex, accessionNumber, studyDate,
                studyTime, studyDescription, endpointUrl, instances, StudyFacts.derive(studyDate, patientBirthDate,
                        earliestSeriesDate(instances), null, patientId == null || patientId.isBlank()));
    }

    private static java.util.Map<String, LocalDate> earliestSeriesDate(List<InstanceRecord> instances) {
        return instances.stream().map(InstanceRecord::seriesDate).filter(java.util.Objects::nonNull).min(LocalDate::compareTo)
                .map(d -> java.util.Map.of("SeriesDate", d)).orElse(java.util.Map.of());
    }

    /**
     * The ID a person is keyed by (FHIR Patient, OMOP pseudonym): the PatientID, or for an empty or placeholder one the
     * study itself, so that such studies never merge. A backslash cannot occur in a DICOM LO value, so no real ID
     * collides with it.
     */
    public String personKeyId() {
        return placeholderPatient() ? "\\study\\" + studyInstanceUid : patientId;
    }

    /** The PatientID is empty or a placeholder: the study has a patient of its own. */
    public boolean placeholderPatient() {
        return facts.placeholderPatient();
    }

    /** Series in series-number order, each with its instances in instance-number order. */
    public List<List<InstanceRecord>> series() {
        java.util.Map<String, List<InstanceRecord>> bySeries = new java.util.LinkedHashMap<>();
        instances.stream()
                .sorted(java.util.Comparator
                        .comparing((InstanceRecord i) -> i.seriesNumber() == null ? Integer.MAX_VALUE : i.seriesNumber())
                        .thenComparing(InstanceRecord::seriesInstanceUid)
                        .thenComparing(i -> i.instanceNumber() == null ? Integer.MAX_VALUE : i.instanceNumber())
                        .thenComparing(InstanceRecord::sopInstanceUid))
                .forEach(i -> bySeries.computeIfAbsent(i.seriesInstanceUid(), k -> new java.util.ArrayList<>()).add(i));
        return List.copyOf(bySeries.values());
    }
}
