package org.radbridge.source;

import org.radbridge.deid.LogRef;
import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomHeaderReader;
import org.radbridge.dicom.DicomParseException;
import org.radbridge.dicom.net.SpoolListener;
import org.radbridge.dicom.net.SpooledInstance;
import org.radbridge.report.ReportFile;
import org.radbridge.report.ReportParseException;
import org.radbridge.report.ReportRepository;
import org.radbridge.report.SrReports;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.InstanceRecords;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Receiver hand-off for pushed instances (C-STORE): stages each spooled file's header in the same call, i.e. before
 * the sender is told success, so an acknowledged instance is in staging (and its study marked dirty) even if the
 * server dies right after. A file whose header cannot be taken in goes to the quarantine and is still acknowledged
 * (re-sending it would not help). Projection is left to the quiet-period job ({@code StudyProjector.projectSettled}).
 * A database error propagates, so the sender is answered failure and retries later. A narrative SR also gives its
 * report, staged in the same call; an SR whose report cannot be taken (no text, no accession number) is still staged
 * as an instance, and a copy goes to the quarantine with the reason.
 */
public final class SpoolStager implements SpoolListener {
    private static final Logger log = LoggerFactory.getLogger(SpoolStager.class);
    public static final String SOURCE = "dimse-push";

    private final DicomHeaderReader reader = new DicomHeaderReader();
    private final StagingRepository staging;
    private final Quarantine quarantine;
    private final String source;
    private final ReportRepository reports;
    private final SrReports srReports = new SrReports();

    public SpoolStager(StagingRepository staging, Quarantine quarantine, String source) {
        this(staging, null, quarantine, source);
    }

    /** With {@code reports} null, SR instances are staged as instances only. */
    public SpoolStager(StagingRepository staging, ReportRepository reports, Quarantine quarantine, String source) {
        this.reports = reports;
        this.staging = staging;
        this.quarantine = quarantine;
        this.source = source == null ? SOURCE : source;
    }

    @Override
    public void spooled(SpooledInstance i) throws Exception {
        InstanceRecord record;
        DicomHeader h;
        try {
            if (i.headerProblem() != null) throw new DicomParseException(i.headerProblem());
            h = i.header() != null ? i.header() : reader.read(i.file());
            record = InstanceRecords.from(h, i.file(), Files.size(i.file()), source);
        } catch (DicomParseException e) {
            log.warn("received {} from {}@{}: quarantined: {}", LogRef.of(i.file().getFileName()), i.callingAeTitle(), i.remoteHost(), LogRef.text(e.getMessage()));
            quarantine.put(i.file(), "dicom", e.getMessage(), false);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // a file that breaks the parser is the file's problem: quarantined and acknowledged, the receiver goes on
            log.debug("received {}: unexpected error while reading", i.file().getFileName(), e);
            log.warn("received {} from {}@{}: quarantined: could not be read: {}", i.file().getFileName(), i.callingAeTitle(),
                    i.remoteHost(), e.getClass().getSimpleName());
            quarantine.put(i.file(), "dicom", "could not be read: " + e, false);
            return;
        }
        List<StagingRepository.Rejection> rejected = new java.util.ArrayList<>();
        staging.stageSplitting(List.of(record), rejected);
        for (StagingRepository.Rejection r : rejected) {
            log.warn("received {} from {}@{}: quarantined: {}", i.file().getFileName(), i.callingAeTitle(), i.remoteHost(), r.reason());
            quarantine.put(i.file(), "dicom", r.reason(), false);
            return;
        }
        if (reports != null && SrReports.applies(h)) {
            Optional<ReportFile> report;
            try {
                report = srReports.read(i.file());
            } catch (ReportParseException e) {
                log.warn("received SR {} from {}: its report is quarantined: {}", LogRef.of(i.file().getFileName()), i.callingAeTitle(), LogRef.text(e.getMessage()));
                quarantine.put(i.file(), "report", e.getMessage(), false);
                return;
            }
            if (report.isPresent()) reports.stage(report.get(), SrReports.SOURCE, i.file().toString());
        }
    }
}
