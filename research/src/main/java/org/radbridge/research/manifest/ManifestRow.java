package org.radbridge.research.manifest;

import java.time.LocalDate;
import java.util.Map;

/** One series of a cohort as the manifest lists it. Labels: label name to 1 / 0 / -1; absent = blank. */
public record ManifestRow(String personKey, String studyUid, String seriesUid, String modality, String bodySite, LocalDate studyDate,
                          Integer ageAtStudy, String sex, SeriesFacts.Facts facts, String dicomwebUrl, String labelSet, String nlpVersion,
                          Map<String, Integer> labels) {}
