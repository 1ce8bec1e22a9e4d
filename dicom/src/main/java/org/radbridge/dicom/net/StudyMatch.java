package org.radbridge.dicom.net;

import java.util.List;

/** One study found by C-FIND or QIDO-RS. Counts are null when the PACS does not return them. */
public record StudyMatch(String studyInstanceUid, String patientId, String patientName, String studyDate, String accessionNumber,
                         List<String> modalitiesInStudy, String studyDescription, Integer numberOfSeries, Integer numberOfInstances,
                         List<String> sopClassesInStudy) {}
