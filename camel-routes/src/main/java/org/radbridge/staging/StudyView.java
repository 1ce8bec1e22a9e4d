package org.radbridge.staging;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A study as staged, with its instances: everything one projection into FHIR or OMOP needs. */
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
        List<InstanceRecord> instances) {

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
