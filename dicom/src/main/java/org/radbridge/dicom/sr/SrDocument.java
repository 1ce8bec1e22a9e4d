package org.radbridge.dicom.sr;

/**
 * The narrative of a DICOM SR document and the header attributes that link it to a patient and a study.
 * {@code status} is derived from the SR Document General Module flags (DICOM PS3.3 C.17.2): "preliminary" when
 * Preliminary Flag is PRELIMINARY or Verification Flag is UNVERIFIED, "partial" when Completion Flag is PARTIAL,
 * "amended" for a verified complete document that names predecessors, otherwise "final".
 */
public record SrDocument(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String accessionNumber,
                         String patientId, String issuerOfPatientId, String status, String contentDate, String contentTime,
                         String title, String text) {}
