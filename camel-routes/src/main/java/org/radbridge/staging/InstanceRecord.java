package org.radbridge.staging;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

/** One DICOM instance as staged: the attributes the projections use, plus the whole header. */
public record InstanceRecord(
        String sopInstanceUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        Integer instanceNumber,
        Integer seriesNumber,
        String modality,
        String seriesDescription,
        String bodyPartExamined,
        String laterality,
        LocalDate seriesDate,
        String manufacturer,
        String modelName,
        String patientId,
        String issuerOfPatientId,
        String patientName,
        LocalDate patientBirthDate,
        String patientSex,
        String accessionNumber,
        String studyId,
        LocalDate studyDate,
        LocalTime studyTime,
        String studyDescription,
        String referringPhysician,
        String institutionName,
        String source,
        String filePath,
        long fileSize,
        Map<String, String> attributes) {}
