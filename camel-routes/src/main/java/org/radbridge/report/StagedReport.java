package org.radbridge.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A report version as staged in radbridge.report, linked (or not yet) to its study. */
public record StagedReport(
        String reportId,
        String accessionNumber,
        String patientId,
        String issuerOfPatientId,
        String studyInstanceUid,
        String status,
        LocalDate reportDate,
        String text,
        String source,
        OffsetDateTime receivedAt) {}
