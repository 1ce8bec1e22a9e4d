package org.radbridge.source;

import org.radbridge.dicom.DicomHeader;

import java.nio.file.Path;
import java.util.List;

/** Where pulled instances go: staging (see {@link StagingSink}); a fake in tests. */
public interface InstanceSink {
    /** Stages the spooled files of one study; returns how many instances of them are in staging afterwards. */
    long stageFiles(String studyInstanceUid, List<Path> files, String source) throws Exception;

    /** Stages headers that come without a file (DICOMweb metadata); {@code endpointUrl} is the study's WADO-RS URL. */
    long stageHeaders(String studyInstanceUid, List<DicomHeader> headers, String endpointUrl, String source) throws Exception;
}
