package org.radbridge.source;

import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.net.StudyMatch;
import org.radbridge.dicom.net.StudyQuery;
import org.radbridge.dicom.web.DicomWebClient;
import org.radbridge.dicom.web.DicomWebError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pull dicomweb}: QIDO-RS study search with the filters, then WADO-RS metadata per study (DICOM JSON, no
 * pixels), staged without files and with the study's WADO-RS URL as its endpoint. Resumable like {@link DimsePull};
 * an unreachable server (or 5xx after retries) stops the pull, a study the server refuses (4xx) is reported and skipped.
 */
public final class DicomWebPull {
    private static final Logger log = LoggerFactory.getLogger(DicomWebPull.class);
    public static final String SOURCE = "dicomweb";

    /** The server side, for tests; {@link #of(DicomWebClient)} for the real one. */
    public interface Server {
        String baseUrl();

        List<StudyMatch> search(StudyQuery q) throws DicomWebError;

        List<DicomHeader> metadata(String studyUid) throws DicomWebError;

        String studyUrl(String studyUid);
    }

    public static Server of(DicomWebClient c) {
        return new Server() {
            public String baseUrl() { return c.baseUrl(); }
            public List<StudyMatch> search(StudyQuery q) throws DicomWebError { return c.searchStudies(q); }
            public List<DicomHeader> metadata(String uid) throws DicomWebError { return c.studyMetadata(uid); }
            public String studyUrl(String uid) { return c.studyUrl(uid); }
        };
    }

    private final Server server;
    private final PullStateStore state;
    private final InstanceSink sink;
    private final PullOptions options;
    private final Clock clock;

    public DicomWebPull(Server server, PullStateStore state, InstanceSink sink, PullOptions options) {
        this(server, state, sink, options, Clock.systemDefaultZone());
    }

    DicomWebPull(Server server, PullStateStore state, InstanceSink sink, PullOptions options, Clock clock) {
        this.server = server;
        this.state = state;
        this.sink = sink;
        this.options = options;
        this.clock = clock;
    }

    public PullReport run(StudyQuery q) throws Exception {
        List<StudyMatch> found = server.search(q);
        Map<String, StudyMatch> byUid = new ConcurrentHashMap<>();
        found.forEach(m -> byUid.put(m.studyInstanceUid(), m));
        return StudyPuller.run(log, server.baseUrl(), "dicomweb", q.describe(), found, state, options, clock, uid -> {
            List<DicomHeader> headers;
            try {
                headers = server.metadata(uid);
            } catch (DicomWebError e) {
                if (e.httpStatus() >= 400 && e.httpStatus() < 500 && e.httpStatus() != 429) throw e;
                throw new StudyPuller.Fatal(e.getMessage(), e);
            }
            long staged = sink.stageHeaders(uid, headers, server.studyUrl(uid), SOURCE);
            Integer expected = byUid.get(uid).numberOfInstances();
            String problem = null;
            if (staged < headers.size() || (expected != null && headers.size() != expected)) {
                problem = "study " + uid + ": " + headers.size() + " instances in the metadata" + (expected == null ? "" : ", " + expected
                        + " listed by QIDO-RS") + ", " + staged + " staged";
                log.warn("Pull from {}: {}", server.baseUrl(), problem);
            }
            return new StudyPuller.Outcome(headers.size(), 0, 0, staged, problem);
        });
    }
}
