package org.radbridge.research.export;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;
import org.radbridge.dicom.net.DicomNetworkError;
import org.radbridge.dicom.net.DicomNode;
import org.radbridge.dicom.net.DimseClient;
import org.radbridge.dicom.net.RetrieveResult;
import org.radbridge.dicom.net.RetryPolicy;
import org.radbridge.dicom.net.Spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Brings an instance back from the source a study was pulled from, into a temporary spool, for a pixel export whose
 * received file is gone (or that was pulled as metadata only): WADO-RS instance retrieve (multipart/related,
 * application/dicom, parsed with Apache James Mime4j) from the study's WADO-RS endpoint for DICOMweb pulls; C-GET
 * of the study from the PACS of the DIMSE pull (once per study, then each instance is picked from the spool). A
 * failure carries a short reason without identifiers, for the export report.
 */
public final class SourceRetrieval implements AutoCloseable {
    /** Where a staged study came from: its staging source, WADO-RS endpoint, and the DIMSE peer of its pull. */
    public record Origin(String source, String endpointUrl, String dimsePeer) {}

    /** A retrieval that did not give the instance; {@code reason} names the kind of failure, never an identifier. */
    public static final class Failed extends Exception {
        private final boolean unreachable;

        public Failed(String reason) {
            this(reason, false);
        }

        Failed(String reason, boolean unreachable) {
            super(reason);
            this.unreachable = unreachable;
        }
    }

    private static final String ACCEPT = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    private final Path spoolRoot;
    private final String callingAe;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private DimseClient dimse;
    private final Path receiverSpool;
    private final boolean preferMove;
    private record Got(Spool spool, String way) {}
    private final Map<String, Object> studiesGot = new HashMap<>(); // study -> Got or Failed
    private int counter;
    private final Map<String, Integer> retrievedBy = new java.util.TreeMap<>();

    /** Instances brought back so far, by way (WADO-RS, C-GET). */
    public Map<String, Integer> retrievedBy() {
        return retrievedBy;
    }

    /**
     * @param spoolRoot     a temporary directory, removed by {@link #close()}
     * @param callingAe     our AE title: calling AE of C-GET, destination of C-MOVE
     * @param receiverSpool the spool of a running RadBridge server's receiver (where a C-MOVE to {@code callingAe}
     *                      lands), or null: then C-MOVE is not possible
     * @param preferMove    C-MOVE first (for a PACS that does not do C-GET); otherwise C-GET, and C-MOVE only when it fails
     */
    public SourceRetrieval(Path spoolRoot, String callingAe, Path receiverSpool, boolean preferMove) {
        this.spoolRoot = spoolRoot;
        this.callingAe = callingAe;
        this.receiverSpool = receiverSpool;
        this.preferMove = preferMove;
    }

    public SourceRetrieval(Path spoolRoot, String callingAe) {
        this(spoolRoot, callingAe, null, false);
    }

    public Path fetch(Origin o, String study, String series, String sop, String sopClass) throws Failed {
        if (o.endpointUrl() != null && !o.endpointUrl().isBlank()) {
            Path p = wado(o.endpointUrl(), series, sop);
            retrievedBy.merge("WADO-RS", 1, Integer::sum);
            return p;
        }
        if (o.dimsePeer() != null) return dimse(o.dimsePeer(), study, sop, sopClass);
        throw new Failed("no retrievable source (" + o.source() + " without a WADO-RS endpoint or DIMSE pull)");
    }

    private Path wado(String studyUrl, String series, String sop) throws Failed {
        String base = studyUrl.endsWith("/") ? studyUrl.substring(0, studyUrl.length() - 1) : studyUrl;
        HttpResponse<InputStream> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/series/" + series + "/instances/" + sop))
                    .timeout(Duration.ofMinutes(5)).header("Accept", ACCEPT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new Failed("WADO-RS unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("WADO-RS interrupted");
        } catch (IllegalArgumentException e) {
            throw new Failed("WADO-RS endpoint is not a URL");
        }
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) throw new Failed("WADO-RS HTTP " + r.statusCode());
            String type = r.headers().firstValue("Content-Type").orElse("");
            Path target = spoolRoot.resolve("wado-" + (++counter) + ".dcm");
            Files.createDirectories(spoolRoot);
            if (type.toLowerCase().startsWith("application/dicom")) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
                return target;
            }
            if (!type.toLowerCase().startsWith("multipart/related")) throw new Failed("WADO-RS answered " + type.split(";")[0]);
            boolean[] got = {false};
            MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE);
            parser.setContentHandler(new AbstractContentHandler() {
                @Override
                public void body(BodyDescriptor bd, InputStream in) throws IOException {
                    if (got[0]) return;
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    got[0] = true;
                }
            });
            // the HTTP header carries the boundary: put it in front of the body so that the parser sees one MIME entity
            byte[] head = ("Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            parser.parse(new SequenceInputStream(new ByteArrayInputStream(head), body));
            if (!got[0] || Files.size(target) == 0) throw new Failed("WADO-RS answer held no instance");
            return target;
        } catch (IOException | MimeException e) {
            throw new Failed("WADO-RS answer unreadable: " + e.getClass().getSimpleName());
        }
    }

    private Path dimse(String peer, String study, String sop, String sopClass) throws Failed {
        Object got = studiesGot.get(study);
        if (got == null) {
            got = retrieveStudy(peer, study, sopClass);
            studiesGot.put(study, got);
        }
        if (got instanceof Failed f) throw new Failed(f.getMessage());
        Got g = (Got) got;
        Path file = g.spool().studyDir(study).resolve(sop + ".dcm");
        if (!Files.isRegularFile(file)) throw new Failed(g.way() + " did not return the instance");
        retrievedBy.merge(g.way(), 1, Integer::sum);
        return file;
    }

    private Object retrieveStudy(String peer, String study, String sopClass) {
        DicomNode node;
        try {
            int at = peer.indexOf('@'), colon = peer.lastIndexOf(':');
            node = new DicomNode(peer.substring(0, at), peer.substring(at + 1, colon), Integer.parseInt(peer.substring(colon + 1)));
        } catch (RuntimeException e) {
            return new Failed("DIMSE peer of the pull unreadable");
        }
        if (dimse == null) {
            // fewer attempts than a pull: a failed retrieval is reported, and the export can simply be run again
            dimse = new DimseClient(new DimseClient.Options(callingAe, Duration.ofSeconds(10), Duration.ofMinutes(30),
                    new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(10))));
        }
        Object first = preferMove ? cMove(node, study) : cGet(node, study, sopClass);
        if (first instanceof Got) return first;
        if (((Failed) first).unreachable) return first; // the other way would not reach the PACS either
        Object second = preferMove ? cGet(node, study, sopClass) : cMove(node, study);
        return second instanceof Got ? second : new Failed(((Failed) first).getMessage() + "; " + ((Failed) second).getMessage());
    }

    private Object cMove(DicomNode node, String study) {
        if (receiverSpool == null) return new Failed("C-MOVE needs a running RadBridge server to receive");
        try {
            RetrieveResult r = dimse.move(node, study, callingAe);
            if (r.completed() == 0) return new Failed("C-MOVE returned no instance");
            return new Got(new Spool(receiverSpool), "C-MOVE");
        } catch (DicomNetworkError e) {
            return new Failed("C-MOVE failed (" + e.kind() + ")", e.kind() == DicomNetworkError.Kind.UNREACHABLE);
        } catch (IOException e) {
            return new Failed("receiver spool: " + e.getClass().getSimpleName());
        }
    }

    private Object cGet(DicomNode node, String study, String sopClass) {
        try {
            Spool spool = new Spool(spoolRoot.resolve("cget-" + (++counter)));
            RetrieveResult r = dimse.get(node, study, sopClass == null ? Set.of() : Set.of(sopClass), spool, null, null);
            if (r.completed() == 0) return new Failed("C-GET returned no instance");
            return new Got(spool, "C-GET");
        } catch (DicomNetworkError e) {
            return new Failed("C-GET failed (" + e.kind() + ")", e.kind() == DicomNetworkError.Kind.UNREACHABLE);
        } catch (IOException e) {
            return new Failed("temporary spool: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() throws IOException {
        if (dimse != null) dimse.close();
        if (Files.isDirectory(spoolRoot)) {
            try (var s = Files.walk(spoolRoot)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
