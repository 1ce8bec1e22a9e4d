package org.radbridge.source;

import org.radbridge.dicom.net.DicomNetworkError;
import org.radbridge.dicom.net.DicomNode;
import org.radbridge.dicom.net.DimseClient;
import org.radbridge.dicom.net.RetrieveResult;
import org.radbridge.dicom.net.Spool;
import org.radbridge.dicom.net.StudyMatch;
import org.radbridge.dicom.net.StudyQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@code pull dimse}: C-FIND at study level with the filters, then C-MOVE (to our own receiver, which spools the
 * instances) or C-GET (into the spool directly) study by study, each study staged as soon as it is complete.
 * Resumable through the {@link PullStateStore}; per-study sub-operation counts are reported; a PACS that is
 * unreachable or rejects us stops the pull with an error naming it (AE@host:port).
 */
public final class DimsePull {
    private static final Logger log = LoggerFactory.getLogger(DimsePull.class);
    public static final String SOURCE = "dimse";

    /** The PACS side: how studies are found and brought into a spool directory. */
    public interface Pacs {
        String describe();

        String kind();

        List<StudyMatch> find(StudyQuery q) throws DicomNetworkError;

        RetrieveResult retrieve(StudyMatch study) throws DicomNetworkError;

        /** Where the study's instances are after {@link #retrieve}. */
        Path studyDir(String studyInstanceUid);
    }

    /** C-MOVE to {@code destinationAe}, our receiver that writes into {@code receiverSpool}. */
    public static Pacs cMove(DimseClient client, DicomNode pacs, String destinationAe, Spool receiverSpool) {
        return new Pacs() {
            public String describe() { return pacs.toString(); }
            public String kind() { return "dimse-move"; }
            public List<StudyMatch> find(StudyQuery q) throws DicomNetworkError { return client.findStudies(pacs, q); }
            public RetrieveResult retrieve(StudyMatch s) throws DicomNetworkError { return client.move(pacs, s.studyInstanceUid(), destinationAe); }
            public Path studyDir(String uid) { return receiverSpool.studyDir(uid); }
        };
    }

    /** C-GET into {@code spool} (for a PACS that cannot connect back to us). */
    public static Pacs cGet(DimseClient client, DicomNode pacs, Spool spool) {
        return new Pacs() {
            public String describe() { return pacs.toString(); }
            public String kind() { return "dimse-get"; }
            public List<StudyMatch> find(StudyQuery q) throws DicomNetworkError { return client.findStudies(pacs, q); }
            public RetrieveResult retrieve(StudyMatch s) throws DicomNetworkError {
                return client.get(pacs, s.studyInstanceUid(), new HashSet<>(s.sopClassesInStudy()), spool, null, s.numberOfInstances());
            }
            public Path studyDir(String uid) { return spool.studyDir(uid); }
        };
    }

    private final Pacs pacs;
    private final PullStateStore state;
    private final InstanceSink sink;
    private final PullOptions options;
    private final Clock clock;

    public DimsePull(Pacs pacs, PullStateStore state, InstanceSink sink, PullOptions options) {
        this(pacs, state, sink, options, Clock.systemDefaultZone());
    }

    DimsePull(Pacs pacs, PullStateStore state, InstanceSink sink, PullOptions options, Clock clock) {
        this.pacs = pacs;
        this.state = state;
        this.sink = sink;
        this.options = options;
        this.clock = clock;
    }

    /** Runs the pull; a C-FIND that fails (PACS unreachable, rejected) throws with the PACS named. */
    public PullReport run(StudyQuery q) throws Exception {
        List<StudyMatch> found = pacs.find(q);
        Map<String, StudyMatch> byUid = new ConcurrentHashMap<>();
        found.forEach(m -> byUid.put(m.studyInstanceUid(), m));
        return StudyPuller.run(log, pacs.describe(), pacs.kind(), q.describe(), found, state, options, clock, uid -> {
            StudyMatch m = byUid.get(uid);
            RetrieveResult r;
            try {
                r = pacs.retrieve(m);
            } catch (DicomNetworkError e) {
                if (e.kind() == DicomNetworkError.Kind.FAILED) throw e;
                throw new StudyPuller.Fatal(e.getMessage(), e);
            }
            List<Path> files = list(pacs.studyDir(uid));
            long staged = sink.stageFiles(uid, files, SOURCE);
            String problem = null;
            if (!r.fullySucceeded() || r.warning() > 0 || staged < r.completed()
                    || (m.numberOfInstances() != null && staged < m.numberOfInstances())) {
                problem = r.describe() + ", " + staged + " staged" + (m.numberOfInstances() == null ? "" : " of " + m.numberOfInstances()
                        + " the PACS lists");
                log.warn("Pull from {}: {}", pacs.describe(), problem);
            }
            return new StudyPuller.Outcome(r.completed(), r.failed(), r.warning(), staged, problem);
        });
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }
}
