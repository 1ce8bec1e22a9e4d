package org.radbridge.dicom.net;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Study-level search filters shared by C-FIND and QIDO-RS; null means "any". Dates are inclusive.
 */
public record StudyQuery(LocalDate from, LocalDate to, String modality, String patientId, String accessionNumber) {
    public static final StudyQuery ALL = new StudyQuery(null, null, null, null, null);

    /** DICOM date range matching: {@code 20200101-20201231}, {@code 20200101-}, {@code -20201231}, or null. */
    public String dateRange() {
        if (from == null && to == null) return null;
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        if (from != null && from.equals(to)) return f.format(from);
        return (from == null ? "" : f.format(from)) + "-" + (to == null ? "" : f.format(to));
    }

    /** A stable description, also used as the key of resumable pull jobs. */
    public String describe() {
        return "date=" + (dateRange() == null ? "*" : dateRange()) + " modality=" + nz(modality) + " patient=" + nz(patientId)
                + " accession=" + nz(accessionNumber);
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "*" : s;
    }
}
