package org.radbridge.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A radiology report from any source (text file with header block or sidecar, HL7v2 ORU^R01, DICOM SR).
 *
 * <p>{@code status} is the source's own value (a file's Report-Status, HL7 OBR-25 such as {@code F}/{@code P}/{@code C},
 * or the word derived from a DICOM SR's flags); projection maps it through {@code mappings/report_status.csv}.
 * {@code reportedAt} is when this version was reported (HL7 OBR-22, SR content date and time) and
 * {@code observedAt} when the examination was done (HL7 OBR-7); both may be null. {@code sourceMessageId} names the
 * carrier (HL7 MSH-10, SR SOP Instance UID) for audit. {@code patientClass} is the HL7 PV1-2 patient class (table 0004:
 * E, I, O ...) when an ORU message has a PV1 for the report's patient, else null; it chooses the study's visit concept.
 */
public record ReportFile(
        String accessionNumber,
        String patientId,
        String issuerOfPatientId,
        String studyInstanceUid,
        String status,
        LocalDate reportDate,
        String text,
        OffsetDateTime reportedAt,
        OffsetDateTime observedAt,
        String sourceMessageId,
        String patientClass) {

    /** A report whose source names no patient class. */
    public ReportFile(String accessionNumber, String patientId, String issuerOfPatientId, String studyInstanceUid,
                      String status, LocalDate reportDate, String text, OffsetDateTime reportedAt, OffsetDateTime observedAt,
                      String sourceMessageId) {
        this(accessionNumber, patientId, issuerOfPatientId, studyInstanceUid, status, reportDate, text, reportedAt, observedAt,
                sourceMessageId, null);
    }

    /** The original seven components (text files), with no timestamps or message id. */
    public ReportFile(String accessionNumber, String patientId, String issuerOfPatientId, String studyInstanceUid,
                      String status, LocalDate reportDate, String text) {
        this(accessionNumber, patientId, issuerOfPatientId, studyInstanceUid, status, reportDate, text, null, null, null);
    }
}
