package org.radbridge.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.Association;
import com.pixelmed.network.CMoveRequestCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.FindSOPClassSCU;
import com.pixelmed.network.GetSOPClassSCU;
import com.pixelmed.network.IdentifierHandler;
import com.pixelmed.network.MoveSOPClassSCU;
import com.pixelmed.network.ReceivedObjectHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DIMSE service user against a PACS, with PixelMed underneath: study-level C-FIND (study root), C-MOVE of one
 * study to an AE (normally our own receiver), C-GET of one study into a {@link Spool}. Each operation gets a
 * connect probe with a timeout, a watchdog on the whole operation, and retries with exponential backoff when the
 * PACS is unreachable or times out; a rejected association or a refused request fails at once. Every error names
 * the PACS as {@code AE@host:port}. Thread-safe: operations share nothing but the configuration.
 */
public final class DimseClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DimseClient.class);
    private static final DicomDictionary DICT = AttributeList.getDictionary();
    private static final AttributeTag STATUS = new AttributeTag(0x0000, 0x0900);
    private static final AttributeTag REMAINING = new AttributeTag(0x0000, 0x1020);
    private static final AttributeTag COMPLETED = new AttributeTag(0x0000, 0x1021);
    private static final AttributeTag FAILED = new AttributeTag(0x0000, 0x1022);
    private static final AttributeTag WARNING = new AttributeTag(0x0000, 0x1023);
    private static final AttributeTag ERROR_COMMENT = new AttributeTag(0x0000, 0x0902);

    /**
     * @param callingAeTitle   our AE title as the calling AE (RADBRIDGE)
     * @param connectTimeout   TCP connect budget per attempt
     * @param operationTimeout budget of one whole operation (one C-FIND, one study's C-MOVE or C-GET)
     */
    public record Options(String callingAeTitle, Duration connectTimeout, Duration operationTimeout, RetryPolicy retry) {
        public static Options defaults(String callingAeTitle) {
            return new Options(callingAeTitle, Duration.ofSeconds(10), Duration.ofMinutes(30), RetryPolicy.DEFAULT);
        }
    }

    private final Options options;
    private final ExecutorService watchdog = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dimse-scu");
        t.setDaemon(true);
        return t;
    });

    public DimseClient(Options options) {
        this.options = options;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    // ---------------------------------------------------------------- C-ECHO

    /** C-ECHO (verification): checks that the PACS is reachable and accepts our association, with the same retries. */
    public void echo(DicomNode pacs) throws DicomNetworkError {
        withRetries(pacs, "C-ECHO", assoc -> {
            new com.pixelmed.network.VerificationSOPClassSCU(pacs.host(), pacs.port(), pacs.aeTitle(), options.callingAeTitle(), false);
            return null;
        });
    }

    // ---------------------------------------------------------------- C-FIND

    /** Study-level C-FIND with the query's filters. */
    public List<StudyMatch> findStudies(DicomNode pacs, StudyQuery q) throws DicomNetworkError {
        AttributeList id = new AttributeList();
        put(id, "QueryRetrieveLevel", "STUDY");
        put(id, "StudyInstanceUID", null);
        put(id, "StudyDate", q.dateRange());
        put(id, "StudyTime", null);
        put(id, "AccessionNumber", q.accessionNumber());
        put(id, "PatientID", q.patientId());
        put(id, "PatientName", null);
        put(id, "ModalitiesInStudy", q.modality());
        put(id, "StudyDescription", null);
        put(id, "NumberOfStudyRelatedSeries", null);
        put(id, "NumberOfStudyRelatedInstances", null);
        put(id, "SOPClassesInStudy", null);
        String sopClass = SOPClass.StudyRootQueryRetrieveInformationModelFind;
        return withRetries(pacs, "C-FIND", assoc -> {
            List<StudyMatch> out = new ArrayList<>();
            Association a = FindSOPClassSCU.getSuitableAssociation(pacs.host(), pacs.port(), pacs.aeTitle(), options.callingAeTitle(), sopClass);
            assoc.set(a);
            new FindSOPClassSCU(a, sopClass, id, new IdentifierHandler() {
                @Override
                public void doSomethingWithIdentifier(AttributeList l) {
                    out.add(toMatch(l));
                }
            });
            releaseQuietly(a);
            return out;
        });
    }

    // ---------------------------------------------------------------- C-MOVE

    /** C-MOVE of one study to {@code destinationAe}; the PACS must know that AE (its host and port). */
    public RetrieveResult move(DicomNode pacs, String studyInstanceUid, String destinationAe) throws DicomNetworkError {
        AttributeList id = studyIdentifier(studyInstanceUid);
        String sopClass = SOPClass.StudyRootQueryRetrieveInformationModelMove;
        return withRetries(pacs, "C-MOVE of study " + studyInstanceUid, assoc -> {
            Association a = MoveSOPClassSCU.getSuitableAssociation(pacs.host(), pacs.port(), pacs.aeTitle(), options.callingAeTitle(), sopClass);
            assoc.set(a);
            byte pcid = a.getSuitablePresentationContextID(sopClass);
            byte[] command = new CMoveRequestCommandMessage(sopClass, destinationAe).getBytes();
            byte[] data = encode(id, a.getTransferSyntaxForPresentationContextID(pcid));
            MoveResponses responses = new MoveResponses();
            a.setReceivedDataHandler(responses);
            a.send(pcid, command, null);
            a.send(pcid, null, data);
            a.waitForPDataPDUsUntilHandlerReportsDone();
            releaseQuietly(a);
            if (isFailure(responses.finalStatus) && responses.completed == 0) {
                throw new Refused(String.format("PACS %s refused the C-MOVE of study %s to %s: status 0x%04X%s", pacs, studyInstanceUid,
                        destinationAe, responses.finalStatus, responses.errorComment == null ? "" : " (" + responses.errorComment + ")"));
            }
            return new RetrieveResult(studyInstanceUid, responses.completed, responses.failed, responses.warning, responses.finalStatus, -1);
        });
    }

    /** Collects pending and final C-MOVE responses with their sub-operation counts. */
    private static final class MoveResponses extends CompositeResponseHandler {
        volatile int finalStatus = 0xFFFF;
        volatile int completed, failed, warning, remaining;
        volatile String errorComment;

        MoveResponses() {
            allowData = true;
        }

        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
            status = Attribute.getSingleIntegerValueOrDefault(list, STATUS, 0xFFFF);
            remaining = Attribute.getSingleIntegerValueOrDefault(list, REMAINING, remaining);
            completed = Attribute.getSingleIntegerValueOrDefault(list, COMPLETED, completed);
            failed = Attribute.getSingleIntegerValueOrDefault(list, FAILED, failed);
            warning = Attribute.getSingleIntegerValueOrDefault(list, WARNING, warning);
            String comment = Attribute.getSingleStringValueOrNull(list, ERROR_COMMENT);
            if (comment != null) errorComment = comment;
            if (status != 0xFF00 && status != 0xFF01) {
                finalStatus = status;
                success = status == 0x0000;
                setDone(true);
            }
        }
    }

    // ---------------------------------------------------------------- C-GET

    /**
     * C-GET of one study: the PACS sends the instances back on the same association; each is committed to the
     * spool and handed to the listener before it is acknowledged. Every storage SOP class that can come back must
     * be offered (a class left out makes Orthanc fail the whole C-GET with 0xC000), so pass the study's
     * SOPClassesInStudy from C-FIND when known; a broad default set (images, SR incl. Comprehensive and dose SR,
     * presentation states, PDF ...) is added in any case.
     */
    public RetrieveResult get(DicomNode pacs, String studyInstanceUid, Set<String> sopClassesInStudy, Spool spool, SpoolListener listener,
                              Integer expectedInstances) throws DicomNetworkError {
        AttributeList id = studyIdentifier(studyInstanceUid);
        Set<String> offer = new LinkedHashSet<>();
        if (sopClassesInStudy != null) offer.addAll(sopClassesInStudy);
        offer.addAll(DEFAULT_STORAGE_CLASSES);
        List<String> limited = new ArrayList<>(offer).subList(0, Math.min(offer.size(), 120));
        String sopClass = SOPClass.StudyRootQueryRetrieveInformationModelGet;
        return withRetries(pacs, "C-GET of study " + studyInstanceUid, assoc -> {
            AtomicLong received = new AtomicLong();
            ReceivedObjectHandler handler = new ReceivedObjectHandler() {
                @Override
                public void sendReceivedObjectIndication(String file, String ts, String callingAe) throws IOException {
                    SpooledInstance inst = spool.commit(Path.of(file), ts, pacs.aeTitle(), pacs.host());
                    if (listener != null) {
                        try {
                            listener.spooled(inst);
                        } catch (Exception e) {
                            throw new IOException("hand-off failed: " + e.getMessage(), e);
                        }
                    }
                    received.incrementAndGet();
                }
            };
            new GetSOPClassSCU(pacs.host(), pacs.port(), pacs.aeTitle(), options.callingAeTitle(), sopClass, id, new IdentifierHandler(),
                    spool.incoming().toFile(), StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER, handler,
                    new LinkedHashSet<>(limited), true, false, true);
            long n = received.get();
            int failed = expectedInstances == null ? 0 : (int) Math.max(0, expectedInstances - n);
            if (n == 0 && expectedInstances != null && expectedInstances > 0) {
                throw new Refused("PACS " + pacs + " sent none of the " + expectedInstances + " instances of study " + studyInstanceUid
                        + " on C-GET (a storage SOP class we did not offer, or the PACS refuses C-GET)");
            }
            return new RetrieveResult(studyInstanceUid, (int) n, failed, 0, failed == 0 ? 0 : 0xB000, n);
        });
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Operation<T> {
        T run(AtomicReference<Association> association) throws Exception;
    }

    /** A definitive refusal by the PACS: reported, not retried. */
    private static final class Refused extends Exception {
        Refused(String m) {
            super(m);
        }
    }

    private <T> T withRetries(DicomNode pacs, String what, Operation<T> op) throws DicomNetworkError {
        RetryPolicy retry = options.retry();
        DicomNetworkError last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Duration wait = retry.backoff(attempt);
                log.warn("{} on {}: attempt {}/{} failed ({}); retrying in {} ms", what, pacs, attempt - 1, retry.maxAttempts(),
                        last.getMessage(), wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DicomNetworkError(DicomNetworkError.Kind.FAILED, pacs, what + " on " + pacs + " interrupted", e);
                }
            }
            try {
                return once(pacs, what, op);
            } catch (DicomNetworkError e) {
                if (!e.retryable()) throw e;
                last = e;
            }
        }
        throw new DicomNetworkError(last.kind(), pacs, "PACS " + pacs + " " + (last.kind() == DicomNetworkError.Kind.TIMEOUT ? "timed out" : "unreachable")
                + " after " + retry.maxAttempts() + " attempt" + (retry.maxAttempts() == 1 ? "" : "s") + " (" + what + "): "
                + last.getMessage(), last);
    }

    private <T> T once(DicomNode pacs, String what, Operation<T> op) throws DicomNetworkError {
        probe(pacs);
        AtomicReference<Association> assoc = new AtomicReference<>();
        Future<T> f = watchdog.submit(() -> op.run(assoc));
        try {
            return f.get(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Association a = assoc.get();
            if (a != null) {
                try {
                    a.abort();
                } catch (Exception ignored) {
                    // the socket is gone either way
                }
            }
            f.cancel(true);
            throw new DicomNetworkError(DicomNetworkError.Kind.TIMEOUT, pacs, what + " got no complete answer within "
                    + options.operationTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new DicomNetworkError(DicomNetworkError.Kind.FAILED, pacs, what + " on " + pacs + " interrupted", e);
        } catch (ExecutionException e) {
            throw classify(pacs, what, e.getCause());
        }
    }

    /** A plain TCP connect with a timeout, so an unreachable PACS fails fast and clearly instead of hanging in PixelMed. */
    private void probe(DicomNode pacs) throws DicomNetworkError {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(pacs.host(), pacs.port()), (int) options.connectTimeout().toMillis());
        } catch (SocketTimeoutException e) {
            throw new DicomNetworkError(DicomNetworkError.Kind.TIMEOUT, pacs, "no answer to a TCP connect within "
                    + options.connectTimeout().toMillis() + " ms", e);
        } catch (UnknownHostException e) {
            throw new DicomNetworkError(DicomNetworkError.Kind.UNREACHABLE, pacs, "unknown host " + pacs.host(), e);
        } catch (IOException e) {
            throw new DicomNetworkError(DicomNetworkError.Kind.UNREACHABLE, pacs, "cannot connect (" + e.getMessage() + ")", e);
        }
    }

    private static DicomNetworkError classify(DicomNode pacs, String what, Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof Refused) return new DicomNetworkError(DicomNetworkError.Kind.FAILED, pacs, e.getMessage(), e);
        if (e instanceof DicomNetworkException && m.toLowerCase(Locale.ROOT).contains("reject")) {
            return new DicomNetworkError(DicomNetworkError.Kind.REJECTED, pacs, "PACS " + pacs + " rejected the association for " + what
                    + " (is the called AE title right, and does the PACS know our AE title?): " + m, e);
        }
        if (e instanceof SocketTimeoutException) return new DicomNetworkError(DicomNetworkError.Kind.TIMEOUT, pacs, what + ": " + m, e);
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new DicomNetworkError(DicomNetworkError.Kind.UNREACHABLE, pacs, what + ": " + m, e);
        }
        if (e instanceof IOException && !(e instanceof DicomNetworkExceptionHolder)) {
            return new DicomNetworkError(DicomNetworkError.Kind.UNREACHABLE, pacs, what + ": connection lost (" + m + ")", e);
        }
        return new DicomNetworkError(DicomNetworkError.Kind.FAILED, pacs, what + " on " + pacs + " failed: " + e.getClass().getSimpleName() + ": " + m, e);
    }

    /** Marker (never thrown) keeping the IOException branch above readable. */
    private abstract static class DicomNetworkExceptionHolder extends IOException {}

    private static boolean isFailure(int status) {
        return status != 0x0000 && (status & 0xF000) != 0xB000 && status != 0xFF00 && status != 0xFF01;
    }

    private static void releaseQuietly(Association a) {
        try {
            a.release();
        } catch (Exception ignored) {
            // already released by PixelMed or closed by the peer
        }
    }

    /** The identifier data set in the negotiated transfer syntax (what PixelMed's package-private IdentifierMessage does). */
    private static byte[] encode(AttributeList list, String transferSyntax) throws IOException, DicomException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        com.pixelmed.dicom.DicomOutputStream out = new com.pixelmed.dicom.DicomOutputStream(bytes, null, transferSyntax);
        list.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static AttributeList studyIdentifier(String studyUid) {
        AttributeList id = new AttributeList();
        put(id, "QueryRetrieveLevel", "STUDY");
        put(id, "StudyInstanceUID", studyUid);
        return id;
    }

    private static void put(AttributeList list, String keyword, String value) {
        AttributeTag tag = DICT.getTagFromName(keyword);
        if (tag == null) throw new IllegalStateException("unknown DICOM keyword " + keyword);
        try {
            Attribute a = AttributeFactory.newAttribute(tag);
            if (value != null && !value.isEmpty()) a.addValue(value);
            list.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException("cannot build " + keyword + ": " + e.getMessage(), e);
        }
    }

    private static StudyMatch toMatch(AttributeList l) {
        return new StudyMatch(str(l, "StudyInstanceUID"), str(l, "PatientID"), str(l, "PatientName"), str(l, "StudyDate"),
                str(l, "AccessionNumber"), multi(l, "ModalitiesInStudy"), str(l, "StudyDescription"),
                integer(l, "NumberOfStudyRelatedSeries"), integer(l, "NumberOfStudyRelatedInstances"), multi(l, "SOPClassesInStudy"));
    }

    private static String str(AttributeList l, String keyword) {
        String v = Attribute.getDelimitedStringValuesOrNull(l, DICT.getTagFromName(keyword));
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<String> multi(AttributeList l, String keyword) {
        String v = str(l, keyword);
        return v == null ? List.of() : Arrays.stream(v.split("\\\\")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Integer integer(AttributeList l, String keyword) {
        String v = str(l, keyword);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Storage classes always offered on C-GET (≤ 120 contexts in all). */
    static final List<String> DEFAULT_STORAGE_CLASSES = List.of(
            SOPClass.CTImageStorage, SOPClass.EnhancedCTImageStorage, SOPClass.LegacyConvertedEnhancedCTImageStorage,
            SOPClass.MRImageStorage, SOPClass.EnhancedMRImageStorage, SOPClass.EnhancedMRColorImageStorage,
            SOPClass.LegacyConvertedEnhancedMRImageStorage,
            SOPClass.ComputedRadiographyImageStorage, SOPClass.DigitalXRayImageStorageForPresentation,
            SOPClass.DigitalXRayImageStorageForProcessing, SOPClass.DigitalMammographyXRayImageStorageForPresentation,
            SOPClass.DigitalMammographyXRayImageStorageForProcessing, SOPClass.BreastTomosynthesisImageStorage,
            SOPClass.UltrasoundImageStorage, SOPClass.UltrasoundMultiframeImageStorage, SOPClass.EnhancedUSVolumeStorage,
            SOPClass.SecondaryCaptureImageStorage, SOPClass.MultiframeSingleBitSecondaryCaptureImageStorage,
            SOPClass.MultiframeGrayscaleByteSecondaryCaptureImageStorage, SOPClass.MultiframeGrayscaleWordSecondaryCaptureImageStorage,
            SOPClass.MultiframeTrueColorSecondaryCaptureImageStorage,
            SOPClass.XRayAngiographicImageStorage, SOPClass.EnhancedXAImageStorage, SOPClass.XRayRadioFlouroscopicImageStorage,
            SOPClass.EnhancedXRFImageStorage, SOPClass.NuclearMedicineImageStorage, SOPClass.VisibleLightPhotographicImageStorage,
            "1.2.840.10008.5.1.4.1.1.128", // PET Image
            "1.2.840.10008.5.1.4.1.1.130", // Enhanced PET Image
            "1.2.840.10008.5.1.4.1.1.481.1", // RT Image
            "1.2.840.10008.5.1.4.1.1.481.2", // RT Dose
            "1.2.840.10008.5.1.4.1.1.481.3", // RT Structure Set
            "1.2.840.10008.5.1.4.1.1.481.5", // RT Plan
            "1.2.840.10008.5.1.4.1.1.66.4", // Segmentation
            "1.2.840.10008.5.1.4.1.1.66", // Raw Data
            "1.2.840.10008.5.1.4.1.1.66.1", // Spatial Registration
            SOPClass.BasicTextSRStorage, SOPClass.EnhancedSRStorage, SOPClass.ComprehensiveSRStorage,
            "1.2.840.10008.5.1.4.1.1.88.34", // Comprehensive 3D SR
            SOPClass.XRayRadiationDoseSRStorage,
            "1.2.840.10008.5.1.4.1.1.88.68", // Radiopharmaceutical Radiation Dose SR
            "1.2.840.10008.5.1.4.1.1.88.73", // Patient Radiation Dose SR
            "1.2.840.10008.5.1.4.1.1.88.71", // Acquisition Context SR
            "1.2.840.10008.5.1.4.1.1.88.50", // Mammography CAD SR
            "1.2.840.10008.5.1.4.1.1.88.65", // Chest CAD SR
            "1.2.840.10008.5.1.4.1.1.88.40", // Procedure Log
            SOPClass.KeyObjectSelectionDocumentStorage, SOPClass.GrayscaleSoftcopyPresentationStateStorage,
            "1.2.840.10008.5.1.4.1.1.11.2", // Color Softcopy Presentation State
            SOPClass.EncapsulatedPDFStorage,
            "1.2.840.10008.5.1.4.1.1.104.2" // Encapsulated CDA
    );
}
