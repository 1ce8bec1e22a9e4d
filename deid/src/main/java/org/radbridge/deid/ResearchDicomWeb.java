package org.radbridge.deid;

/**
 * Where the research DICOMweb answers, for OMOP's image_occurrence.wadors_uri and cohort manifests:
 * {@code RADBRIDGE_RESEARCH_DICOMWEB_URL} when set (a proxy in front of the server), otherwise this server's own
 * {@code http://BIND_ADDRESS:HTTP_PORT/dicomweb}. URIs hold research UIDs only.
 */
public final class ResearchDicomWeb {
    private final String base;

    public ResearchDicomWeb(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static ResearchDicomWeb fromEnvironment() {
        String url = setting("RESEARCH_DICOMWEB_URL", null);
        if (url != null) return new ResearchDicomWeb(url);
        return new ResearchDicomWeb("http://" + setting("BIND_ADDRESS", "127.0.0.1") + ":" + setting("HTTP_PORT", "8080") + "/dicomweb");
    }

    private static String setting(String name, String dflt) {
        String prop = System.getProperty("radbridge." + name.toLowerCase().replace('_', '.'));
        if (prop != null && !prop.isBlank()) return prop;
        String env = System.getenv("RADBRIDGE_" + name);
        return env == null || env.isBlank() ? dflt : env;
    }

    public String base() {
        return base;
    }

    /** The WADO-RS URI of one series, by research UIDs. */
    public String series(String researchStudyUid, String researchSeriesUid) {
        return base + "/studies/" + researchStudyUid + "/series/" + researchSeriesUid;
    }
}
