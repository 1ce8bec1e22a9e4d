package org.radbridge.report.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.ERR;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Original-mode acknowledgements (HL7 v2.5.1 chapter 2, section 2.9.2), built with HAPI's v2.5.1 ACK structure:
 * MSH answers the sender (sending and receiving application swapped, its version, processing id and character set
 * echoed), MSA-1 AA/AE/AR with MSA-2 the message control id being answered, and for AE/AR an ERR segment with the
 * HL7 table 0357 code (ERR-3), the location (ERR-2), severity E (ERR-4) and the reason in words (ERR-8; also in MSA-3
 * for senders older than v2.5 that display it).
 */
final class Hl7Acks {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final PipeParser PARSER = PipeParser.getInstanceWithNoValidation();

    private final String application;

    Hl7Acks(String application) {
        this.application = application;
    }

    byte[] accept(OruReportReader.Header h) {
        return build(h, "AA", null, null, null);
    }

    byte[] reject(OruReportReader.Header h, String code, ErrorCode error, String location, String reason) {
        return build(h, code, error, location, reason);
    }

    /** As {@link #accept}, falling back to {@link #minimal} when the sender's header values cannot go into an ACK. */
    byte[] acceptOrMinimal(OruReportReader.Header h) {
        try {
            return accept(h);
        } catch (RuntimeException e) {
            return minimal(h, "AA", null);
        }
    }

    /** As {@link #reject}, falling back to {@link #minimal}: every frame gets an answer. */
    byte[] rejectOrMinimal(OruReportReader.Header h, String code, ErrorCode error, String location, String reason) {
        try {
            return reject(h, code, error, location, reason);
        } catch (RuntimeException e) {
            try {
                return reject(h, code, error, null, reason);
            } catch (RuntimeException again) {
                return minimal(h, code, reason);
            }
        }
    }

    /**
     * An acknowledgement from nothing but the control id (when it is printable), the code and the reason: for messages
     * whose header HAPI cannot echo (delimiters or characters it refuses). Only printable ASCII without delimiters goes
     * into it, so that building it cannot fail.
     */
    static byte[] minimal(OruReportReader.Header h, String code, String reason) {
        try {
            ACK ack = new ACK();
            MSH msh = ack.getMSH();
            msh.getFieldSeparator().setValue("|");
            msh.getEncodingCharacters().setValue("^~\\&");
            msh.getSendingApplication().getNamespaceID().setValue("RADBRIDGE");
            msh.getDateTimeOfMessage().getTime().setValue(LocalDateTime.now().format(TS));
            msh.getMessageType().getMessageCode().setValue("ACK");
            msh.getMessageType().getTriggerEvent().setValue("R01");
            msh.getMessageType().getMessageStructure().setValue("ACK");
            msh.getMessageControlID().setValue("RB" + System.currentTimeMillis() + "-" + COUNTER.incrementAndGet());
            msh.getProcessingID().getProcessingID().setValue("P");
            msh.getVersionID().getVersionID().setValue("2.5.1");
            ack.getMSA().getAcknowledgmentCode().setValue(code);
            ack.getMSA().getMessageControlID().setValue(h == null ? "" : printable(h.controlId(), 199));
            String text = reason == null ? "" : printable(reason, 80);
            if (!text.isEmpty()) ack.getMSA().getTextMessage().setValue(text);
            synchronized (PARSER) {
                return PARSER.encode(ack).getBytes(StandardCharsets.US_ASCII);
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the minimal acknowledgement: " + e.getMessage(), e);
        }
    }

    private static String printable(String v, int max) {
        if (v == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length() && b.length() < max; i++) {
            char c = v.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '|' && c != '^' && c != '~' && c != '\\' && c != '&') b.append(c);
        }
        return b.toString();
    }

    private byte[] build(OruReportReader.Header h, String code, ErrorCode error, String location, String reason) {
        try {
            ACK ack = new ACK();
            MSH msh = ack.getMSH();
            msh.getFieldSeparator().setValue("|");
            msh.getEncodingCharacters().setValue("^~\\&");
            msh.getSendingApplication().getNamespaceID().setValue(application);
            if (h != null) {
                // the sender's own values, parsed with its delimiters, become the receiving side of our answer
                copy(msh.getReceivingApplication(), h.sendingApplication());
                copy(msh.getReceivingFacility(), h.sendingFacility());
                copy(msh.getSendingFacility(), h.receivingFacility());
            }
            msh.getDateTimeOfMessage().getTime().setValue(LocalDateTime.now().format(TS));
            msh.getMessageType().getMessageCode().setValue("ACK");
            msh.getMessageType().getTriggerEvent().setValue("R01");
            msh.getMessageType().getMessageStructure().setValue("ACK");
            msh.getMessageControlID().setValue("RB" + System.currentTimeMillis() + "-" + COUNTER.incrementAndGet());
            msh.getProcessingID().getProcessingID().setValue(h == null || h.processingId().isBlank() ? "P" : h.processingId());
            msh.getVersionID().getVersionID().setValue(h == null || h.version().isBlank() ? "2.5.1" : h.version());
            if (h != null && !h.charset().isBlank()) msh.getCharacterSet(0).setValue(h.charset());
            ack.getMSA().getAcknowledgmentCode().setValue(code);
            ack.getMSA().getMessageControlID().setValue(h == null ? "" : h.controlId());
            if (reason != null) {
                ack.getMSA().getTextMessage().setValue(reason.length() > 80 ? reason.substring(0, 77) + "..." : reason);
                ERR err = ack.getERR();
                if (location != null) err.getErrorLocation(0).parse(location);
                ErrorCode e = error == null ? ErrorCode.APPLICATION_INTERNAL_ERROR : error;
                err.getHL7ErrorCode().getIdentifier().setValue(String.valueOf(e.getCode()));
                err.getHL7ErrorCode().getText().setValue(e.getMessage());
                err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
                err.getSeverity().setValue("E");
                err.getUserMessage().setValue(reason);
            }
            String encoded;
            synchronized (PARSER) {
                encoded = PARSER.encode(ack);
            }
            return encoded.getBytes(charset(h));
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the acknowledgement: " + e.getMessage(), e);
        } catch (java.nio.charset.UnsupportedCharsetException e) {
            throw new IllegalStateException("cannot encode the acknowledgement: " + e.getMessage(), e);
        }
    }

    /** The sender's HD value as it sent it; a value HAPI cannot parse stays out of the answer. */
    private static void copy(ca.uhn.hl7v2.model.v251.datatype.HD target, String encoded) {
        try {
            target.parse(encoded);
        } catch (HL7Exception | RuntimeException e) {
            target.clear();
        }
    }

    private static Charset charset(OruReportReader.Header h) {
        try {
            return h == null ? StandardCharsets.UTF_8 : Hl7Charsets.of(h.charset());
        } catch (OruRejection e) {
            return StandardCharsets.UTF_8;
        }
    }
}
