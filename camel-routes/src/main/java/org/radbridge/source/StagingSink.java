package org.radbridge.source;

import org.radbridge.deid.LogRef;
import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomParseException;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.InstanceRecords;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulled instances into staging: spooled files go through {@link IngestService} (same parsing, quarantine and
 * projection as {@code ingest}); DICOMweb headers, which have no file, are turned into staging records directly
 * ({@link InstanceRecords#from} with no path; an instance without usable UIDs goes to the quarantine with its DICOM JSON), the study gets its WADO-RS URL as {@code endpoint_url}, and the
 * study is projected.
 */
public final class StagingSink implements InstanceSink {
    private static final Logger log = LoggerFactory.getLogger(StagingSink.class);

    private final IngestService ingest;
    private final StagingRepository staging;
    private final StudyProjector projector;
    private final Quarantine quarantine;

    public StagingSink(IngestService ingest, StagingRepository staging, StudyProjector projector, Quarantine quarantine) {
        this.ingest = ingest;
        this.staging = staging;
        this.projector = projector;
        this.quarantine = quarantine;
    }

    @Override
    public long stageFiles(String studyInstanceUid, List<Path> files, String source) throws Exception {
        if (files.isEmpty()) return 0;
        IngestSummary s = ingest.ingest(files, source);
        s.quarantined().forEach(q -> log.warn("pulled study {}: quarantined {}", LogRef.of(studyInstanceUid), LogRef.text(q)));
        return s.instancesNew() + s.instancesAlreadyStaged();
    }

    @Override
    public long stageHeaders(String studyInstanceUid, List<DicomHeader> headers, String endpointUrl, String source) throws Exception {
        List<InstanceRecord> batch = new ArrayList<>(headers.size());
        int position = 0;
        for (DicomHeader h : headers) {
            position++;
            try {
                batch.add(InstanceRecords.from(h, null, 0, source));
            } catch (DicomParseException e) {
                quarantine(studyInstanceUid, endpointUrl, position, h, e.getMessage());
            }
        }
        List<StagingRepository.Rejection> rejected = new ArrayList<>();
        staging.stageSplitting(batch, rejected);
        for (StagingRepository.Rejection r : rejected) {
            int at = headers.stream().map(DicomHeader::sopInstanceUid).toList().indexOf(r.record().sopInstanceUid()) + 1;
            quarantine(studyInstanceUid, endpointUrl, at, headers.get(Math.max(0, at - 1)), r.reason());
        }
        if (endpointUrl != null) staging.setEndpoint(studyInstanceUid, endpointUrl);
        if (projector != null) projector.projectDirty();
        return batch.size() - rejected.size();
    }

    /**
     * An instance of the metadata that cannot be placed (no or invalid Study/Series/SOP Instance UID) is quarantined
     * with its DICOM JSON as the content, named by the study and its position in the metadata answer.
     */
    private void quarantine(String studyUid, String endpointUrl, int position, DicomHeader h, String reason) throws Exception {
        String origin = (endpointUrl == null ? "study " + studyUid : endpointUrl) + "/metadata#" + position;
        String json = h.sourceJson() == null ? new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(h.asMap()) : h.sourceJson();
        log.warn("DICOMweb study {}: instance {} of the metadata ({}) quarantined: {}", LogRef.of(studyUid), position,
                h.sopInstanceUid() == null ? "no SOP Instance UID" : LogRef.of(h.sopInstanceUid()), LogRef.text(reason));
        quarantine.putContent(json.getBytes(StandardCharsets.UTF_8), origin, "dicomweb-" + studyUid + "-" + position + ".json",
                "dicomweb", reason);
    }
}
