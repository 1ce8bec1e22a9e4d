package org.radbridge.dicom;

import java.util.Collections;
import java.util.Map;

/**
 * The header of one DICOM instance, toolkit-neutral: attribute keyword to its value as a string
 * (multiple values joined with a backslash, as DICOM encodes them). Sequences are left out: the
 * projections need only top-level attributes, and the raw file stays in the archive for the rest.
 */
public final class DicomHeader {
    private final Map<String, String> values;
    private final String sourceJson;

    public DicomHeader(Map<String, String> values) {
        this(values, null);
    }

    /** @param sourceJson the DICOM JSON this header was read from (DICOMweb), kept so that a refused instance can be quarantined as received */
    public DicomHeader(Map<String, String> values, String sourceJson) {
        this.values = Collections.unmodifiableMap(values);
        this.sourceJson = sourceJson;
    }

    /** The DICOM JSON object this header came from, or null when it was read from a file. */
    public String sourceJson() {
        return sourceJson;
    }

    /** The value of an attribute by DICOM keyword, or null when absent or empty. */
    public String get(String keyword) {
        String v = values.get(keyword);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public Integer getInt(String keyword) {
        String v = get(keyword);
        if (v == null) return null;
        try {
            return Integer.valueOf(v.split("\\\\")[0].trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Double getDouble(String keyword) {
        String v = get(keyword);
        if (v == null) return null;
        try {
            return Double.valueOf(v.split("\\\\")[0].trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String studyInstanceUid() { return get("StudyInstanceUID"); }
    public String seriesInstanceUid() { return get("SeriesInstanceUID"); }
    public String sopInstanceUid() { return get("SOPInstanceUID"); }
}
