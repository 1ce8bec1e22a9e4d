package org.radbridge.report;

import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomParseException;
import org.radbridge.dicom.sr.SrDocument;
import org.radbridge.dicom.sr.StructuredReportReader;
import org.radbridge.staging.InstanceRecords;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The report inside a narrative DICOM SR instance, whichever way the instance came (ingest, inbox, C-STORE, C-MOVE,
 * C-GET): the instance is staged as any other, and its text is staged as a report keyed by the SR's accession
 * number, with patient, issuer and Study Instance UID from the SR header.
 */
public final class SrReports {
    /** radbridge.report.source of reports taken from SR instances; source_path is the file, source_message_id the SOP Instance UID. */
    public static final String SOURCE = "dicom-sr";

    private final StructuredReportReader reader = new StructuredReportReader();
    private final ZoneId zone;

    public SrReports(ZoneId zone) {
        this.zone = zone;
    }

    public SrReports() {
        this(ZoneId.systemDefault());
    }

    /** True for instances whose SOP class is a narrative SR (Basic Text, Enhanced, Comprehensive ...). */
    public static boolean applies(DicomHeader h) {
        return StructuredReportReader.isNarrativeSr(h.get("SOPClassUID"));
    }

    /**
     * The report of an SR file; empty for a dose report, which is not a narrative. Throws with the quarantine reason
     * when the SR has no text or no accession number, or its content tree cannot be read.
     */
    public Optional<ReportFile> read(Path file) throws ReportParseException {
        Optional<SrDocument> doc;
        try {
            doc = reader.read(file);
        } catch (DicomParseException e) {
            throw new ReportParseException(e.getMessage());
        }
        if (doc.isEmpty()) return Optional.empty();
        SrDocument d = doc.get();
        if (d.text().isEmpty()) throw new ReportParseException("SR document " + d.sopInstanceUid() + " has no text content");
        if (d.accessionNumber().isEmpty()) {
            throw new ReportParseException("SR document " + d.sopInstanceUid() + " has no AccessionNumber to link its report to a study");
        }
        if (d.accessionNumber().length() > 64) throw new ReportParseException("SR AccessionNumber longer than 64 characters");
        LocalDate date = InstanceRecords.date(d.contentDate());
        LocalTime time = InstanceRecords.time(d.contentTime());
        OffsetDateTime reportedAt = date == null ? null : date.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(zone).toOffsetDateTime();
        return Optional.of(new ReportFile(d.accessionNumber(), blankToNull(d.patientId()), d.issuerOfPatientId(),
                blankToNull(d.studyInstanceUid()), d.status(), date, d.text(), reportedAt, null, d.sopInstanceUid()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
