package org.radbridge.write.omop;

/**
 * IMAGE_OCCURRENCE.wadors_uri of a series: the series' address on the research (de-identifying) DICOMweb
 * endpoint, which serves the pseudonymised UIDs that OMOP holds. The endpoint's base URL is the setting
 * {@code RADBRIDGE_RESEARCH_DICOMWEB_URL} (environment or system property, e.g. {@code https://host/dicomweb});
 * without it wadors_uri stays NULL, since the identified archive's address must not reach the research view.
 */
public final class WadoRsUris {
    public static final String SETTING = "RADBRIDGE_RESEARCH_DICOMWEB_URL";
    private final String base;

    public WadoRsUris(String base) {
        this.base = base == null || base.isBlank() ? null : base.strip().replaceAll("/+$", "");
    }

    public static WadoRsUris fromEnvironment() {
        String v = System.getProperty(SETTING);
        return new WadoRsUris(v != null ? v : System.getenv(SETTING));
    }

    /** The WADO-RS series URI (DICOM PS3.18 10.4.1: {base}/studies/{study}/series/{series}), or null without an endpoint. */
    public String series(String studyUid, String seriesUid) {
        return base == null ? null : base + "/studies/" + studyUid + "/series/" + seriesUid;
    }
}
