package org.radbridge.dicom.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.net.RetryPolicy;
import org.radbridge.dicom.net.StudyMatch;
import org.radbridge.dicom.net.StudyQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DICOMweb client for metadata only: QIDO-RS study search ({@code GET {base}/studies?...}, paged with limit/offset)
 * and WADO-RS study metadata ({@code GET {base}/studies/{uid}/metadata}, DICOM JSON, one object per instance).
 * No pixel data is transferred. Unreachable servers, timeouts and 5xx/429 answers are retried with backoff; other
 * answers fail at once with the URL and status in the message. Thread-safe.
 */
public final class DicomWebClient {
    private static final Logger log = LoggerFactory.getLogger(DicomWebClient.class);
    private static final String DICOM_JSON = "application/dicom+json";

    private final String base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Map<String, String> headers;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private int pageSize = 200;

    /**
     * @param baseUrl DICOMweb root, e.g. {@code http://pacs:8042/dicom-web} (a trailing slash is fine)
     * @param headers extra request headers, e.g. {@code Authorization}; may be empty
     */
    public DicomWebClient(String baseUrl, Duration requestTimeout, RetryPolicy retry, Map<String, String> headers) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public DicomWebClient(String baseUrl) {
        this(baseUrl, Duration.ofMinutes(2), RetryPolicy.DEFAULT, Map.of());
    }

    public String baseUrl() { return base; }

    /** QIDO-RS page size (limit); servers may cap it lower, paging goes on until a short page. */
    public DicomWebClient pageSize(int n) {
        this.pageSize = Math.max(1, n);
        return this;
    }

    /** The WADO-RS URL of a study, for the ImagingStudy endpoint and OMOP wadors_uri. */
    public String studyUrl(String studyInstanceUid) {
        return base + "/studies/" + studyInstanceUid;
    }

    /** A one-study QIDO-RS search: checks that the server answers, with the same retries and errors. */
    public void ping() throws DicomWebError {
        getJson(base + "/studies?limit=1");
    }

    /** QIDO-RS study search with the query's filters, all pages. */
    public List<StudyMatch> searchStudies(StudyQuery q) throws DicomWebError {
        Map<String, String> params = new LinkedHashMap<>();
        if (q.dateRange() != null) params.put("StudyDate", q.dateRange());
        if (q.modality() != null && !q.modality().isBlank()) params.put("ModalitiesInStudy", q.modality());
        if (q.patientId() != null && !q.patientId().isBlank()) params.put("PatientID", q.patientId());
        if (q.accessionNumber() != null && !q.accessionNumber().isBlank()) params.put("AccessionNumber", q.accessionNumber());
        List<StudyMatch> out = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            String query = params.entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            String url = base + "/studies?" + (query.isEmpty() ? "" : query + "&")
                    + "includefield=00081030&includefield=00201206&includefield=00201208&includefield=00080062"
                    + "&limit=" + pageSize + "&offset=" + offset;
            JsonNode page = getJson(url);
            if (page == null || !page.isArray()) break;
            for (JsonNode study : page) out.add(toMatch(DicomJson.toHeader(study)));
            if (page.size() < pageSize) break;
        }
        return out;
    }

    /** WADO-RS metadata of a study: one header per instance. */
    public List<DicomHeader> studyMetadata(String studyInstanceUid) throws DicomWebError {
        JsonNode arr = getJson(studyUrl(studyInstanceUid) + "/metadata");
        List<DicomHeader> out = new ArrayList<>();
        if (arr != null && arr.isArray()) {
            for (JsonNode inst : arr) out.add(DicomJson.toHeader(inst));
        }
        return out;
    }

    private JsonNode getJson(String url) throws DicomWebError {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).header("Accept", DICOM_JSON + ", application/json");
        headers.forEach(b::header);
        HttpRequest req = b.GET().build();
        DicomWebError last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                long wait = retry.backoff(attempt).toMillis();
                log.warn("DICOMweb {}: attempt {}/{} failed ({}); retrying in {} ms", url, attempt - 1, retry.maxAttempts(), last.getMessage(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DicomWebError("DICOMweb request to " + url + " interrupted", -1, e);
                }
            }
            try {
                HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                int sc = r.statusCode();
                try (InputStream body = r.body()) {
                    if (sc == 204) return null;
                    if (sc / 100 == 2) return json.readTree(body);
                    String text = new String(body.readNBytes(500), StandardCharsets.UTF_8).trim();
                    DicomWebError e = new DicomWebError("DICOMweb server " + base + " answered HTTP " + sc + " to GET " + url
                            + (text.isEmpty() ? "" : ": " + text), sc, null);
                    if (sc >= 500 || sc == 429) {
                        last = e;
                        continue;
                    }
                    throw e;
                }
            } catch (HttpTimeoutException e) {
                last = new DicomWebError("DICOMweb server " + base + " timed out on GET " + url, -1, e);
            } catch (IOException e) {
                last = new DicomWebError("DICOMweb server " + base + " unreachable (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", -1, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DicomWebError("DICOMweb request to " + url + " interrupted", -1, e);
            }
        }
        throw new DicomWebError(last.getMessage() + " after " + retry.maxAttempts() + " attempt" + (retry.maxAttempts() == 1 ? "" : "s"),
                last.httpStatus(), last);
    }

    private static StudyMatch toMatch(DicomHeader h) {
        return new StudyMatch(h.studyInstanceUid(), h.get("PatientID"), h.get("PatientName"), h.get("StudyDate"), h.get("AccessionNumber"),
                split(h.get("ModalitiesInStudy")), h.get("StudyDescription"), h.getInt("NumberOfStudyRelatedSeries"),
                h.getInt("NumberOfStudyRelatedInstances"), split(h.get("SOPClassesInStudy")));
    }

    private static List<String> split(String v) {
        return v == null ? List.of() : Arrays.stream(v.split("\\\\")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
