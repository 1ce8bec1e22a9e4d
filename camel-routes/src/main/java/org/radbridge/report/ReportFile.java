package org.radbridge.report;

import java.time.LocalDate;

/** A radiology report as read from a text file: the header block fields and the body. */
public record ReportFile(
        String accessionNumber,
        String patientId,
        String issuerOfPatientId,
        String studyInstanceUid,
        String status,
        LocalDate reportDate,
        String text) {}
