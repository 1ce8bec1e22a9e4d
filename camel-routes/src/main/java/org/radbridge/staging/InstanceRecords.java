package org.radbridge.staging;

import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomParseException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;

/** Turns a parsed header into a staging record, refusing instances that cannot be placed in a study. */
public final class InstanceRecords {
    private InstanceRecords() {}

    public static InstanceRecord from(DicomHeader h, Path file, long size, String source) throws DicomParseException {
        requireUid(h, "StudyInstanceUID");
        requireUid(h, "SeriesInstanceUID");
        requireUid(h, "SOPInstanceUID");
        String patientId = h.get("PatientID");
        return new InstanceRecord(
                h.sopInstanceUid(), h.studyInstanceUid(), h.seriesInstanceUid(),
                h.get("SOPClassUID"), h.get("TransferSyntaxUID"),
                h.getInt("InstanceNumber"), h.getInt("SeriesNumber"),
                h.get("Modality"), h.get("SeriesDescription"), h.get("BodyPartExamined"),
                firstNonNull(h.get("Laterality"), h.get("ImageLaterality")),
                date(firstNonNull(h.get("SeriesDate"), h.get("StudyDate"))),
                h.get("Manufacturer"), h.get("ManufacturerModelName"),
                patientId == null ? "" : patientId, nullToEmpty(h.get("IssuerOfPatientID")),
                h.get("PatientName"), date(h.get("PatientBirthDate")), h.get("PatientSex"),
                h.get("AccessionNumber"), h.get("StudyID"), date(h.get("StudyDate")), time(h.get("StudyTime")),
                h.get("StudyDescription"), h.get("ReferringPhysicianName"), h.get("InstitutionName"),
                source, file == null ? null : file.toString(), size, h.asMap());
    }

    private static void requireUid(DicomHeader h, String keyword) throws DicomParseException {
        String v = h.get(keyword);
        if (v == null) throw new DicomParseException("missing " + keyword);
        if (v.length() > 64 || !digitsAndDots(v)) throw new DicomParseException("invalid " + keyword + " '" + v + "'");
    }

    private static boolean digitsAndDots(String v) {
        if (v.isEmpty()) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '.') return false;
        }
        return true;
    }

    /** A DICOM DA value (YYYYMMDD...), or null when absent or malformed (not eight digits, or no such day). */
    public static LocalDate date(String v) {
        if (v == null || v.length() < 8) return null;
        // read by hand: a formatter per value was a noticeable part of reading a header
        for (int i = 0; i < 8; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(v, 0, 4, 10), Integer.parseInt(v, 4, 6, 10), Integer.parseInt(v, 6, 8, 10));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** A DICOM TM value (HHMM[SS...]), or null when absent or malformed. */
    public static LocalTime time(String v) {
        if (v == null || v.length() < 4) return null;
        try {
            int hh = Integer.parseInt(v.substring(0, 2));
            int mm = Integer.parseInt(v.substring(2, 4));
            int ss = v.length() >= 6 ? Integer.parseInt(v.substring(4, 6)) : 0;
            return LocalTime.of(hh, mm, ss);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
