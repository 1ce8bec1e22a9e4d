package org.radbridge.report.hl7;

import org.radbridge.deid.LogRef;
import ca.uhn.hl7v2.ErrorCode;
import org.radbridge.report.ReportFile;
import org.radbridge.report.ReportRepository;
import org.radbridge.staging.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Takes one HL7v2 message (the payload of one MLLP frame) and answers it, following the original acknowledgement
 * rules of HL7 v2.5.1 chapter 2, section 2.9.2:
 * <ul>
 * <li>AA once every report of the message is committed to radbridge.report (the answer is built after the commit);</li>
 * <li>AE for a message that is malformed or lacks required content (no MSH, no OBR, no accession number, no report
 *     text, bytes not in the declared character set): the sender must correct it, so resending it unchanged will
 *     not help; the raw message goes to the quarantine with the reason, so nothing is lost;</li>
 * <li>AR for a message we do not process (not ORU^R01, an unsupported MSH-12 version or MSH-11 processing id), also
 *     quarantined; and AR when the database cannot be reached, the case the standard gives AR for ("rejected for
 *     reasons unrelated to content, e.g. the system is down"), which a sender takes as "try again later". Nothing is
 *     staged then, and the resend stages it once (reports are keyed by accession and text).</li>
 * </ul>
 */
public final class OruReceiver {
    private static final Logger log = LoggerFactory.getLogger(OruReceiver.class);
    public static final String SOURCE = "hl7-mllp";

    /** The answer to one message, with what happened for logs and tests. */
    public record Outcome(String ackCode, String reason, int reports, int reportsNew, byte[] ack) {}

    private final OruReportReader reader;
    private final ReportRepository reports;
    private final Quarantine quarantine;
    private final Hl7Acks acks;

    public OruReceiver(OruReportReader.Config config, ReportRepository reports, Quarantine quarantine) {
        this.reader = new OruReportReader(config);
        this.reports = reports;
        this.quarantine = quarantine;
        this.acks = new Hl7Acks("RADBRIDGE");
    }

    /** Answers every message: whatever goes wrong inside, the sender gets an acknowledgement and the message is kept. */
    public Outcome receive(byte[] raw, String remote) {
        try {
            return receiveOrThrow(raw, remote);
        } catch (RuntimeException | StackOverflowError e) {
            log.debug("HL7 message from {}: unexpected error", remote, e);
            log.error("HL7 message from {}: unexpected error ({}); answering AE", remote, e.getClass().getSimpleName());
            String reason = "the message could not be processed: " + e.getClass().getSimpleName();
            try {
                quarantine.putContent(raw, "mllp:unprocessed", "hl7-unprocessed.hl7", "hl7", "AE: " + reason);
            } catch (IOException | SQLException | RuntimeException q) {
                return new Outcome("AR", reason, 0, 0, Hl7Acks.minimal(null, "AR", reason + "; send it again later"));
            }
            return new Outcome("AE", reason, 0, 0, Hl7Acks.minimal(null, "AE", reason));
        }
    }

    private Outcome receiveOrThrow(byte[] raw, String remote) {
        OruReportReader.Header h = OruReportReader.header(raw);
        String origin = origin(h);
        OruReportReader.Result result;
        try {
            result = reader.read(raw);
        } catch (OruRejection e) {
            return refuse(raw, h, origin, remote, e.ackCode(), e.errorCode(), e.location(), e.getMessage(), true);
        } catch (RuntimeException e) {
            log.error("HL7 message {} from {}: unexpected error while reading it: {}", LogRef.text(origin), remote, LogRef.text(e));
            return refuse(raw, h, origin, remote, "AE", ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                    "the message could not be read: " + e, true);
        }
        List<ReportFile> list = result.reports();
        int fresh;
        try {
            fresh = reports.stageAll(list, SOURCE, origin);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException sql && org.radbridge.staging.SqlStates.isDataProblem(sql)) {
                // a value the store refuses (too long, an invalid byte sequence): resending cannot help, so AE and keep it
                return refuse(raw, h, origin, remote, "AE", ErrorCode.DATA_TYPE_ERROR, null,
                        "a value of the message cannot be stored: " + firstLine(sql.getMessage()), true);
            }
            log.error("HL7 message {} from {}: staging failed, answering AR so that the sender retries: {}", LogRef.text(origin), remote, LogRef.text(e));
            return refuse(raw, h, origin, remote, "AR", ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                    "the report store is unavailable; the message was not stored: send it again later", false);
        }
        log.info("HL7 message {} from {}: {} report(s) staged ({} new)", LogRef.text(origin), remote, list.size(), fresh);
        log.debug("HL7 message {}: accession(s) {}", origin, list.stream().map(ReportFile::accessionNumber).toList());
        return new Outcome("AA", null, list.size(), fresh, acks.acceptOrMinimal(h));
    }

    private Outcome refuse(byte[] raw, OruReportReader.Header h, String origin, String remote, String code, ErrorCode error,
                           String location, String reason, boolean keep) {
        if (keep) {
            try {
                quarantine.putContent(raw, origin, "hl7-" + (h == null ? "unparsed" : h.controlId()) + ".hl7", "hl7", code + ": " + reason);
            } catch (IOException | SQLException | RuntimeException e) {
                // not even the quarantine takes it: ask for the message again rather than lose it
                log.error("HL7 message {} from {}: cannot quarantine ({}); answering AR", LogRef.text(origin), remote, LogRef.text(e));
                return new Outcome("AR", reason, 0, 0, acks.reject(h, "AR", ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                        "the message could not be stored (" + reason + "); send it again later"));
            }
        }
        log.warn("HL7 message {} from {}: {} {}", LogRef.text(origin), remote, code, LogRef.text(reason));
        return new Outcome(code, reason, 0, 0, acks.rejectOrMinimal(h, code, error, location, reason));
    }

    private static String firstLine(String m) {
        if (m == null) return "";
        String line = m.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    /** Where a message came from, stable across resends: mllp:SENDING_APP^FACILITY/CONTROL_ID. */
    static String origin(OruReportReader.Header h) {
        if (h == null) return "mllp:unparsed";
        String origin = "mllp:" + h.sendingApplication() + "^" + h.sendingFacility() + "/" + h.controlId();
        // a 10 KB control id must not make the origin (a log and quarantine key) unusable
        return origin.length() > 300 ? origin.substring(0, 280) + "...#" + Integer.toHexString(origin.hashCode()) : origin;
    }
}
