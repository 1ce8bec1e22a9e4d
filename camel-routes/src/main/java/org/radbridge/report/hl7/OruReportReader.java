package org.radbridge.report.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.primitive.CommonTM;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import org.radbridge.deid.LogRef;
import org.radbridge.report.ReportFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the reports of an HL7v2 ORU^R01 message (HL7 v2.5.1 chapter 7, section 7.3.1), parsed by HAPI HL7v2's
 * PipeParser into its generic model ({@link Er7Parsing}; fields through Terser): one report per OBR, its text
 * the OBX segments of value type TX, FT or ST and the NTE segments under that OBR, in message order (each repetition
 * of OBX-5 and of NTE-3 a line), the patient from the PID before it. Many RIS put report text, addenda or comments in
 * NTE (notes and comments, v2.5.1 chapter 2, section 2.15.10): the ORU^R01 structure allows one after the OBR (a note
 * on the order, so part of that report) and after each OBX (a note on that observation, so its text follows the
 * OBX's). An NTE after the PID and before any OBR is a note on the patient, not on a report, and is skipped.
 * Strict where a mistake would attach a report to the wrong patient or lose part of it: the whole message
 * is refused (AE) if any OBR lacks an accession number or text, if two PIDs follow each other with no OBR between
 * them, or if an OBX comes before any OBR. Segments we do not use (ORC, PV2, Z-segments other than ZDS ...)
 * are skipped. PV1 (patient visit, in the ORU^R01 PATIENT/VISIT group after PID) gives its patient class PV1-2
 * (HL7 table 0004) to the reports of that patient that follow it; a PV1 with no PID before it, or a class that
 * is not a table-0004-like code, is ignored (the visit then falls back to the imaging-study default).
 *
 * <p>Codes taken from published sources: the Study Instance UID OBX is recognised by DICOM code 113014 "Study Instance
 * UID" (DICOM PS3.16, Annex D, DCM coding scheme), as IHE Radiology TF-2 and DICOM PS3.20 use it; ZDS-1 carries the
 * Study Instance UID as in IHE Radiology TF-2 (ZDS segment, RP data type).
 */
public final class OruReportReader {
    private static final Logger log = LoggerFactory.getLogger(OruReportReader.class);
    static final String STUDY_UID_CODE = "113014";
    private static final Set<String> TEXT_TYPES = Set.of("TX", "FT", "ST");

    /**
     * @param accessionFields where the accession number is, tried in order: "OBR-3" (filler order number), "OBR-18"
     *                        (placer field 1), "OBR-2" (placer order number), "OBR-19", "OBR-20" ...
     * @param processingIds   MSH-11 values accepted (P production, D debugging, T training)
     * @param versions        MSH-12 versions accepted, matched as prefixes ("2.5" accepts 2.5 and 2.5.1)
     */
    public record Config(List<String> accessionFields, Set<String> processingIds, List<String> versions, ZoneId zone) {
        public static final Config DEFAULT = new Config(List.of("OBR-3", "OBR-18"), Set.of("P", "D", "T"),
                List.of("2.3", "2.4", "2.5", "2.6", "2.7", "2.8"), ZoneId.systemDefault());

        public Config {
            for (String f : accessionFields) {
                if (!f.toUpperCase(Locale.ROOT).matches("OBR-\\d{1,2}")) {
                    throw new IllegalArgumentException("accession field '" + f + "': expected OBR-n such as OBR-3 or OBR-18");
                }
            }
        }
    }

    /**
     * What MSH says, needed for the acknowledgement even when the rest cannot be read. The HD fields and MSH-9 are
     * as encoded by the sender (keys and messages quote them so); the others are HAPI's decoded values.
     */
    public record Header(String fieldSeparator, String encodingCharacters, String sendingApplication, String sendingFacility,
                         String receivingApplication, String receivingFacility, String messageType, String messageCode,
                         String triggerEvent, String controlId, String processingId, String version, String charset) {}

    public record Result(Header header, List<ReportFile> reports) {}

    private final Config config;

    public OruReportReader(Config config) {
        this.config = config;
    }

    /** Reads MSH only, for the acknowledgement; null when the bytes do not start with an MSH segment HAPI can read. */
    public static Header header(byte[] raw) {
        // every MSH-18 character set allowed is a superset of ASCII, so MSH is read before the character set is known
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("MSH");
        if (start < 0 || start > 8 || text.length() < start + 8) return null;
        String line = text.substring(start, firstSegmentEnd(text, start));
        EncodingCharacters d = delimiters(line);
        if (d == null) return null;
        try {
            Segment msh = Er7Parsing.parseMsh(line, d);
            return new Header(String.valueOf(d.getFieldSeparator()), line.substring(4, 8), Er7Parsing.encoded(msh, 3, d),
                    Er7Parsing.encoded(msh, 4, d), Er7Parsing.encoded(msh, 5, d), Er7Parsing.encoded(msh, 6, d),
                    Er7Parsing.encoded(msh, 9, d), Er7Parsing.first(msh, 9), Er7Parsing.value(msh, 9, 0, 2, 1),
                    Er7Parsing.first(msh, 10), Er7Parsing.first(msh, 11), Er7Parsing.first(msh, 12), Er7Parsing.first(msh, 18));
        } catch (HL7Exception | RuntimeException e) {
            log.debug("MSH segment not readable by HAPI: {}", e.toString());
            return null;
        }
    }

    public Result read(byte[] raw) throws OruRejection {
        Header h = header(raw);
        if (h == null) {
            throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, null,
                    "not an HL7v2 message: it does not start with an MSH segment with its delimiters");
        }
        checkHeader(h);
        Charset charset = Hl7Charsets.of(h.charset());
        String text = decode(raw, charset, h.charset());
        // HAPI ends segments at CR only; many senders end them with CR LF or LF
        String er7 = text.substring(text.indexOf("MSH")).replace("\r\n", "\r").replace('\n', '\r');
        EncodingCharacters d = delimiters(h.fieldSeparator().charAt(0), h.encodingCharacters());
        List<Seg> segments = new ArrayList<>();
        try {
            Message message = Er7Parsing.parse(er7);
            int seq = 0;
            for (Segment s : Er7Parsing.inOrder(message)) {
                seq++;
                if (!SEGMENT_NAME.matcher(s.getName()).matches()) {
                    throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, null,
                            "segment " + seq + " does not start with a segment name: '" + abbreviate(s.getName()) + "'");
                }
                segments.add(new Seg(s, seq));
            }
        } catch (HL7Exception | RuntimeException e) {
            throw OruRejection.error(e instanceof HL7Exception x ? ErrorCode.errorCodeFor(x.getErrorCode()) : ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                    unparsable(er7, h, e));
        }
        try {
            return new Result(h, reports(segments, h, d, charset));
        } catch (HL7Exception e) {
            throw OruRejection.error(ErrorCode.errorCodeFor(e.getErrorCode()), null, "the message could not be read: " + abbreviate(String.valueOf(e.getMessage()), 200));
        }
    }

    /**
     * Why HAPI could not parse the message, in words. HAPI refuses a message as "not ER7" without saying where, so for
     * that case the segment at fault is named: the first one whose fourth character is not the field separator.
     */
    private static String unparsable(String er7, Header h, Exception e) {
        if (e instanceof ca.uhn.hl7v2.parser.EncodingNotSupportedException) {
            char field = h.fieldSeparator().charAt(0);
            int seq = 0;
            for (String segment : er7.split("\r")) {
                if (segment.isBlank()) continue;
                seq++;
                String name = segment.strip();
                if (name.length() >= 4 && name.charAt(3) != field || name.length() < 3) {
                    return "segment " + seq + " does not start with a segment name: '" + abbreviate(name) + "'";
                }
            }
        }
        return "the message could not be parsed as HL7v2: " + abbreviate(String.valueOf(e.getMessage()), 200);
    }

    private static final java.util.regex.Pattern SEGMENT_NAME = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]{2}");
    private static final java.util.regex.Pattern WELL_FORMED_CODE = java.util.regex.Pattern.compile("[A-Z0-9]{1,3}");
    private static final java.util.regex.Pattern WELL_FORMED_VERSION = java.util.regex.Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

    private void checkHeader(Header h) throws OruRejection {
        String code = h.messageCode();
        String event = h.triggerEvent();
        // AR is for a well-formed message we do not process (HL7 v2.5.1 2.9.2); a missing or garbled field is the
        // sender's error, answered AE, so that no sender takes a broken message for one to send again later
        if (!WELL_FORMED_CODE.matcher(code).matches() || !(event.isEmpty() || WELL_FORMED_CODE.matcher(event).matches())) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^9", "MSH-9 message type '" + h.messageType() + "' is malformed");
        }
        if (!WELL_FORMED_VERSION.matcher(h.version()).matches()) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^12", "MSH-12 version '" + h.version() + "' is malformed");
        }
        if (!WELL_FORMED_CODE.matcher(h.processingId()).matches()) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^11", "MSH-11 processing id '" + h.processingId() + "' is malformed");
        }
        if (!code.equals("ORU") || !event.equals("R01")) {
            throw OruRejection.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH^1^9", "message type '" + code
                    + (event.isEmpty() ? "" : "^" + event) + "' is not processed here: only ORU^R01 (observation result) is");
        }
        if (h.version().isEmpty() || config.versions().stream().noneMatch(v -> h.version().equals(v) || h.version().startsWith(v + "."))) {
            throw OruRejection.reject(ErrorCode.UNSUPPORTED_VERSION_ID, "MSH^1^12", "HL7 version '" + h.version()
                    + "' in MSH-12 is not supported (accepted: " + String.join(", ", config.versions()) + ")");
        }
        if (!config.processingIds().contains(h.processingId())) {
            throw OruRejection.reject(ErrorCode.UNSUPPORTED_PROCESSING_ID, "MSH^1^11", "processing id '" + h.processingId()
                    + "' in MSH-11 is not accepted here (accepted: " + String.join(", ", config.processingIds().stream().sorted().toList()) + ")");
        }
        if (h.controlId().isBlank()) {
            throw OruRejection.error(ErrorCode.REQUIRED_FIELD_MISSING, "MSH^1^10", "MSH-10 message control id is empty");
        }
    }

    private static String decode(byte[] raw, Charset charset, String declared) throws OruRejection {
        try {
            String s = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^18", "message bytes are not valid " + charset.name()
                    + (declared == null || declared.isBlank() ? " (MSH-18 is empty, so UTF-8 is expected; name the character set in MSH-18)"
                    : " as declared in MSH-18 '" + declared + "'"));
        }
    }

    private List<ReportFile> reports(List<Seg> segments, Header h, EncodingCharacters d, Charset cs) throws OruRejection, HL7Exception {
        List<Order> orders = new ArrayList<>();
        Patient patient = null;
        boolean patientHasOrder = false;
        Order order = null;
        String pendingStudyUid = null;
        String patientClass = null;
        int mshCount = 0;
        for (Seg s : segments) {
            switch (s.name()) {
                case "MSH" -> {
                    if (++mshCount > 1) {
                        throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, s.location(0),
                                "a second MSH segment (segment " + s.sequence() + "): send one message per MLLP frame");
                    }
                }
                case "PID" -> {
                    if (patient != null && !patientHasOrder) {
                        throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, s.location(0),
                                "two PID segments (segments " + patient.sequence + " and " + s.sequence() + ") with no OBR between them: "
                                        + "which patient the report belongs to is ambiguous");
                    }
                    patient = patient(s, d, cs);
                    patientHasOrder = false;
                    order = null;
                    patientClass = null;
                }
                case "PV1" -> {
                    if (patient == null) {
                        log.debug("message {}: PV1 (segment {}) before any PID is ignored", h.controlId(), s.sequence());
                    } else {
                        patientClass = patientClass(s, d, cs);
                    }
                }
                case "OBR" -> {
                    order = new Order(s, patient);
                    order.patientClass = patientClass;
                    if (pendingStudyUid != null) order.studyUid = pendingStudyUid;
                    pendingStudyUid = null;
                    orders.add(order);
                    patientHasOrder = true;
                }
                case "OBX" -> {
                    if (order == null) {
                        throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, s.location(0),
                                "OBX (segment " + s.sequence() + ") before any OBR: the observation belongs to no report");
                    }
                    order.content.add(s);
                }
                case "NTE" -> {
                    if (order != null) order.content.add(s);
                    else log.debug("message {}: NTE (segment {}) before any OBR is a note on the patient, not report text", h.controlId(), s.sequence());
                }
                case "ZDS" -> {
                    String uid = plain(Er7Parsing.first(s.hapi(), 1), d, cs).trim();
                    if (order != null) order.studyUid = uid;
                    else pendingStudyUid = uid;
                }
                default -> { /* PD1, PV2, ORC, SPM ... are not needed for the report */ }
            }
        }
        if (orders.isEmpty()) {
            throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, null,
                    "no OBR segment: an ORU^R01 report needs an OBR (the order, with the accession number) and OBX segments (the text)");
        }
        List<ReportFile> out = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) out.add(report(orders.get(i), i + 1, orders.size(), h, d, cs));
        return out;
    }

    private ReportFile report(Order o, int n, int of, Header h, EncodingCharacters d, Charset cs) throws OruRejection, HL7Exception {
        String which = of == 1 ? "the OBR" : "OBR " + n + " of " + of;
        Segment obr = o.obr.hapi();
        String accession = null;
        for (String f : config.accessionFields()) {
            String v = plain(Er7Parsing.first(obr, Integer.parseInt(f.substring(4))), d, cs).trim();
            if (!v.isEmpty()) {
                accession = v;
                break;
            }
        }
        if (accession == null) {
            throw OruRejection.error(ErrorCode.REQUIRED_FIELD_MISSING, o.obr.location(Integer.parseInt(config.accessionFields().get(0).substring(4))),
                    which + " (segment " + o.obr.sequence() + ") has no accession number in " + String.join(" or ", config.accessionFields()));
        }
        if (accession.length() > 64) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, o.obr.location(3), which + ": accession number longer than 64 characters");
        }
        StringBuilder text = new StringBuilder();
        String studyUid = o.studyUid;
        String obxStatus = null;
        for (Seg item : o.content) {
            Segment s = item.hapi();
            if (item.name().equals("NTE")) {
                // NTE-3 comment (FT, repeating): one line per repetition, formatted as OBX-5 is
                for (Type rep : Er7Parsing.repetitions(s, 3)) text.append(plain(Er7Parsing.text(rep, d), d, cs)).append('\n');
                continue;
            }
            String type = Er7Parsing.first(s, 2).trim().toUpperCase(Locale.ROOT);
            if (Er7Parsing.first(s, 3).trim().equals(STUDY_UID_CODE)) {
                studyUid = plain(Er7Parsing.first(s, 5), d, cs).trim();
                continue;
            }
            if (!TEXT_TYPES.contains(type)) continue;
            String status = Er7Parsing.first(s, 11).trim();
            if (obxStatus == null && !status.isEmpty()) obxStatus = status;
            Type[] reps = Er7Parsing.repetitions(s, 5);
            if (reps.length == 0) text.append('\n');
            for (Type rep : reps) text.append(plain(Er7Parsing.text(rep, d), d, cs)).append('\n');
        }
        String body = normalise(text.toString());
        if (body.isEmpty()) {
            throw OruRejection.error(ErrorCode.REQUIRED_FIELD_MISSING, o.obr.location(0), which + " (accession " + accession
                    + ") has no report text: no OBX segment of value type TX, FT or ST and no NTE segment with a value");
        }
        if (studyUid != null && !studyUid.isEmpty() && !(studyUid.length() <= 64 && studyUid.matches("[0-9]+(\\.[0-9]+)*"))) {
            log.warn("message {}: ignoring malformed Study Instance UID {} for accession {}", LogRef.of(h.controlId()), LogRef.of(studyUid), LogRef.of(accession));
            studyUid = null;
        }
        String status = Er7Parsing.first(obr, 25).trim();
        if (status.isEmpty()) status = obxStatus;
        OffsetDateTime observed = timestamp(Er7Parsing.first(obr, 7));
        OffsetDateTime reported = timestamp(Er7Parsing.first(obr, 22));
        LocalDate date = reported != null ? reported.toLocalDate() : observed != null ? observed.toLocalDate() : null;
        Patient p = o.patient;
        return new ReportFile(accession, p == null ? null : p.id, p == null ? "" : p.issuer,
                studyUid == null || studyUid.isEmpty() ? null : studyUid, status == null || status.isEmpty() ? null : status,
                date, body, reported, observed, h.controlId(), o.patientClass);
    }

    private static String plain(String decoded, EncodingCharacters d, Charset cs) {
        return FormattedText.plain(decoded, d.getEscapeCharacter(), cs);
    }

    private static final java.util.regex.Pattern PATIENT_CLASS = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,20}");

    /** PV1-2 patient class (IS, HL7 table 0004), upper-cased; null when empty or not a code. */
    private static String patientClass(Seg pv1, EncodingCharacters d, Charset cs) throws HL7Exception {
        String v = plain(Er7Parsing.first(pv1.hapi(), 2), d, cs).trim();
        return PATIENT_CLASS.matcher(v).matches() ? v.toUpperCase(Locale.ROOT) : null;
    }

    /** PID-3: the repetition typed MR (medical record number) if any, else the first; issuer from CX-4 (HD). */
    private static Patient patient(Seg pid, EncodingCharacters d, Charset cs) throws OruRejection, HL7Exception {
        Segment s = pid.hapi();
        int chosen = -1;
        Type[] ids = Er7Parsing.repetitions(s, 3);
        for (int rep = 0; rep < ids.length; rep++) {
            if (Er7Parsing.value(s, 3, rep, 1, 1).isBlank()) continue;
            boolean mr = Er7Parsing.value(s, 3, rep, 5, 1).trim().equalsIgnoreCase("MR");
            if (chosen < 0 || mr) {
                chosen = rep;
                if (mr) break;
            }
        }
        if (chosen < 0) {
            throw OruRejection.error(ErrorCode.REQUIRED_FIELD_MISSING, pid.location(3),
                    "PID (segment " + pid.sequence() + ") has no patient identifier in PID-3");
        }
        String id = plain(Er7Parsing.value(s, 3, chosen, 1, 1), d, cs).trim();
        String issuer = plain(Er7Parsing.value(s, 3, chosen, 4, 1), d, cs).trim();
        if (issuer.isEmpty()) issuer = plain(Er7Parsing.value(s, 3, chosen, 4, 2), d, cs).trim();
        if (id.length() > 64 || issuer.length() > 64) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, pid.location(3), "patient identifier or issuer longer than 64 characters");
        }
        return new Patient(id, issuer, pid.sequence());
    }

    /** HL7 DTM read by HAPI's {@link CommonTS}; the configured zone when no offset is given; null unless it has a day. */
    OffsetDateTime timestamp(String v) {
        if (v == null || v.trim().length() < 8) return null;
        try {
            CommonTS ts = new CommonTS(v.trim());
            LocalDateTime local = LocalDateTime.of(ts.getYear(), ts.getMonth(), ts.getDay(), ts.getHour(), ts.getMinute(), ts.getSecond());
            int offset = ts.getGMTOffset();
            boolean hasTime = v.trim().length() > 8 && Character.isDigit(v.trim().charAt(8));
            if (!hasTime || offset == CommonTM.GMT_OFFSET_NOT_SET_VALUE) return local.atZone(config.zone()).toOffsetDateTime();
            int minutes = Math.abs(offset) / 100 * 60 + Math.abs(offset) % 100;
            return local.atOffset(ZoneOffset.ofTotalSeconds(Integer.signum(offset) * minutes * 60));
        } catch (DataTypeException | RuntimeException e) {
            return null;
        }
    }

    private static String normalise(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        // trailing spaces on lines and runs of blank lines are layout, not content
        t = t.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n");
        return t.strip();
    }

    /**
     * MSH-1 and MSH-2 as HAPI's parser reads them (the character after "MSH", then the four encoding characters); null
     * when they cannot be delimiters, so that such bytes are answered as "not HL7" rather than parsed at random.
     */
    private static EncodingCharacters delimiters(String mshLine) {
        if (mshLine.length() < 8 || !mshLine.startsWith("MSH")) return null;
        char field = mshLine.charAt(3);
        if (Character.isLetterOrDigit(field) || field == '\r' || field == '\n') return null;
        int end = mshLine.indexOf(field, 4);
        if (end < 8) return null;
        return delimiters(field, mshLine.substring(4, 8));
    }

    /**
     * HAPI's delimiters from MSH-1 and the four characters of MSH-2. The truncation character (v2.7) is given as its
     * default: given four characters, HAPI leaves it NUL, and its encoder then writes a NUL in a value as '#'.
     */
    static EncodingCharacters delimiters(char field, String msh2) {
        return new EncodingCharacters(field, msh2 + "#");
    }

    private static int firstSegmentEnd(String text, int from) {
        int cr = text.indexOf('\r', from);
        int lf = text.indexOf('\n', from);
        int end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
        return end < 0 ? text.length() : end;
    }

    static String abbreviate(String s) {
        return abbreviate(s, 60);
    }

    static String abbreviate(String s, int max) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > max ? t.substring(0, max) + "..." : t;
    }

    /** A segment HAPI parsed, with its 1-based position in the message for ERR-2. */
    private record Seg(Segment hapi, int sequence) {
        String name() { return hapi.getName(); }

        String location(int field) {
            return name() + "^" + sequence + "^" + field;
        }
    }

    private record Patient(String id, String issuer, int sequence) {}

    private static final class Order {
        final Seg obr;
        final Patient patient;
        /** OBX and NTE segments under the OBR, in message order. */
        final List<Seg> content = new ArrayList<>();
        String studyUid;
        /** PV1-2 of the patient's visit group, when the message has one. */
        String patientClass;

        Order(Seg obr, Patient patient) {
            this.obr = obr;
            this.patient = patient;
        }
    }
}
