package org.radbridge.report.hl7;

import org.radbridge.deid.LogRef;
import ca.uhn.hl7v2.ErrorCode;
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
 * Reads the reports of an HL7v2 ORU^R01 message (HL7 v2.5.1 chapter 7, section 7.3.1): one report per OBR, its text
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

    /** What MSH says, needed for the acknowledgement even when the rest cannot be read. */
    public record Header(String fieldSeparator, String encodingCharacters, String sendingApplication, String sendingFacility,
                         String receivingApplication, String receivingFacility, String messageType, String controlId,
                         String processingId, String version, String charset) {}

    public record Result(Header header, List<ReportFile> reports) {}

    private final Config config;

    public OruReportReader(Config config) {
        this.config = config;
    }

    /** Reads MSH only, for the acknowledgement; null when the bytes do not start with an MSH segment. */
    public static Header header(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("MSH");
        if (start < 0 || start > 8 || text.length() < start + 8) return null;
        int end = firstSegmentEnd(text, start);
        String line = text.substring(start, end);
        Hl7Text.Delimiters d = delimiters(line);
        if (d == null) return null;
        Hl7Segment msh = new Hl7Segment(line, d, 1);
        return new Header(String.valueOf(d.field()), msh.field(2), msh.field(3), msh.field(4), msh.field(5), msh.field(6),
                msh.field(9), msh.component(10, 1), msh.component(11, 1), msh.component(12, 1), msh.repetitions(18).isEmpty()
                ? "" : msh.repetitions(18).get(0));
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
        Hl7Text.Delimiters d = delimiters(text.substring(text.indexOf("MSH")));
        List<Hl7Segment> segments = new ArrayList<>();
        int seq = 0;
        for (String line : text.substring(text.indexOf("MSH")).split("\r\n|\r|\n")) {
            if (line.isBlank()) continue;
            seq++;
            if (line.length() < 3 || !line.substring(0, 3).matches("[A-Z][A-Z0-9]{2}")) {
                throw OruRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, null,
                        "segment " + seq + " does not start with a segment name: '" + abbreviate(line) + "'");
            }
            segments.add(new Hl7Segment(line, d, seq));
        }
        return new Result(h, reports(segments, h, d, charset));
    }

    private static final java.util.regex.Pattern WELL_FORMED_CODE = java.util.regex.Pattern.compile("[A-Z0-9]{1,3}");
    private static final java.util.regex.Pattern WELL_FORMED_VERSION = java.util.regex.Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

    private void checkHeader(Header h) throws OruRejection {
        String[] type = h.messageType().split(java.util.regex.Pattern.quote(h.encodingCharacters().isEmpty()
                ? "^" : h.encodingCharacters().substring(0, 1)), -1);
        String event = type.length > 1 ? type[1] : "";
        // AR is for a well-formed message we do not process (HL7 v2.5.1 2.9.2); a missing or garbled field is the
        // sender's error, answered AE, so that no sender takes a broken message for one to send again later
        if (!WELL_FORMED_CODE.matcher(type[0]).matches() || !(event.isEmpty() || WELL_FORMED_CODE.matcher(event).matches())) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^9", "MSH-9 message type '" + h.messageType() + "' is malformed");
        }
        if (!WELL_FORMED_VERSION.matcher(h.version()).matches()) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^12", "MSH-12 version '" + h.version() + "' is malformed");
        }
        if (!WELL_FORMED_CODE.matcher(h.processingId()).matches()) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, "MSH^1^11", "MSH-11 processing id '" + h.processingId() + "' is malformed");
        }
        if (!type[0].equals("ORU") || !event.equals("R01")) {
            throw OruRejection.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH^1^9", "message type '" + type[0]
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

    private List<ReportFile> reports(List<Hl7Segment> segments, Header h, Hl7Text.Delimiters d, Charset cs) throws OruRejection {
        List<Order> orders = new ArrayList<>();
        Patient patient = null;
        boolean patientHasOrder = false;
        Order order = null;
        String pendingStudyUid = null;
        String patientClass = null;
        int mshCount = 0;
        for (Hl7Segment s : segments) {
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
                    String uid = Hl7Text.unescape(s.component(1, 1), d, cs).trim();
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

    private ReportFile report(Order o, int n, int of, Header h, Hl7Text.Delimiters d, Charset cs) throws OruRejection {
        String which = of == 1 ? "the OBR" : "OBR " + n + " of " + of;
        String accession = null;
        for (String f : config.accessionFields()) {
            int field = Integer.parseInt(f.substring(4));
            String v = Hl7Text.unescape(o.obr.component(field, 1), d, cs).trim();
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
        for (Hl7Segment obx : o.content) {
            if (obx.name().equals("NTE")) {
                // NTE-3 comment (FT, repeating): one line per repetition, escapes decoded as for OBX-5
                for (String rep : obx.repetitions(3)) text.append(Hl7Text.unescape(rep, d, cs)).append('\n');
                continue;
            }
            String type = obx.component(2, 1).trim().toUpperCase(Locale.ROOT);
            if (obx.component(3, 1).trim().equals(STUDY_UID_CODE)) {
                studyUid = Hl7Text.unescape(obx.component(5, 1), d, cs).trim();
                continue;
            }
            if (!TEXT_TYPES.contains(type)) continue;
            if (obxStatus == null && !obx.component(11, 1).isBlank()) obxStatus = obx.component(11, 1).trim();
            List<String> reps = obx.repetitions(5);
            if (reps.isEmpty()) reps = List.of("");
            for (String rep : reps) {
                // ST and TX have no components; a stray component separator is text the sender did not escape
                text.append(Hl7Text.unescape(rep, d, cs)).append('\n');
            }
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
        String status = o.obr.component(25, 1).trim();
        if (status.isEmpty()) status = obxStatus;
        OffsetDateTime observed = timestamp(o.obr.component(7, 1));
        OffsetDateTime reported = timestamp(o.obr.component(22, 1));
        LocalDate date = reported != null ? reported.toLocalDate() : observed != null ? observed.toLocalDate() : null;
        Patient p = o.patient;
        return new ReportFile(accession, p == null ? null : p.id, p == null ? "" : p.issuer,
                studyUid == null || studyUid.isEmpty() ? null : studyUid, status == null || status.isEmpty() ? null : status,
                date, body, reported, observed, h.controlId(), o.patientClass);
    }

    private static final java.util.regex.Pattern PATIENT_CLASS = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,20}");

    /** PV1-2 patient class (IS, HL7 table 0004), upper-cased; null when empty or not a code. */
    private static String patientClass(Hl7Segment pv1, Hl7Text.Delimiters d, Charset cs) {
        String v = Hl7Text.unescape(pv1.component(2, 1), d, cs).trim();
        return PATIENT_CLASS.matcher(v).matches() ? v.toUpperCase(Locale.ROOT) : null;
    }

    /** PID-3: the repetition typed MR (medical record number) if any, else the first; issuer from CX-4 (HD). */
    private static Patient patient(Hl7Segment pid, Hl7Text.Delimiters d, Charset cs) throws OruRejection {
        List<String> ids = pid.repetitions(3);
        String chosen = null;
        for (String rep : ids) {
            if (pid.componentOf(rep, 1).isBlank()) continue;
            if (chosen == null || pid.componentOf(rep, 5).trim().equalsIgnoreCase("MR")) {
                chosen = rep;
                if (pid.componentOf(rep, 5).trim().equalsIgnoreCase("MR")) break;
            }
        }
        if (chosen == null) {
            throw OruRejection.error(ErrorCode.REQUIRED_FIELD_MISSING, pid.location(3),
                    "PID (segment " + pid.sequence() + ") has no patient identifier in PID-3");
        }
        String id = Hl7Text.unescape(pid.componentOf(chosen, 1), d, cs).trim();
        String authority = pid.componentOf(chosen, 4);
        String issuer = Hl7Text.unescape(pid.subcomponentOf(authority, 1), d, cs).trim();
        if (issuer.isEmpty()) issuer = Hl7Text.unescape(pid.subcomponentOf(authority, 2), d, cs).trim();
        if (id.length() > 64 || issuer.length() > 64) {
            throw OruRejection.error(ErrorCode.DATA_TYPE_ERROR, pid.location(3), "patient identifier or issuer longer than 64 characters");
        }
        return new Patient(id, issuer, pid.sequence());
    }

    /** HL7 DTM: YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]; the configured zone when no offset is given. */
    OffsetDateTime timestamp(String v) {
        if (v == null) return null;
        v = v.trim();
        if (v.length() < 8 || !v.substring(0, 8).matches("\\d{8}")) return null;
        try {
            ZoneOffset offset = null;
            int sign = Math.max(v.indexOf('+'), v.indexOf('-'));
            String main = v;
            if (sign > 0) {
                String z = v.substring(sign + 1);
                main = v.substring(0, sign);
                if (z.matches("\\d{4}")) {
                    int secs = Integer.parseInt(z.substring(0, 2)) * 3600 + Integer.parseInt(z.substring(2)) * 60;
                    offset = ZoneOffset.ofTotalSeconds(v.charAt(sign) == '-' ? -secs : secs);
                }
            }
            int dot = main.indexOf('.');
            String digits = dot > 0 ? main.substring(0, dot) : main;
            int year = Integer.parseInt(digits.substring(0, 4));
            int month = Integer.parseInt(digits.substring(4, 6));
            int day = Integer.parseInt(digits.substring(6, 8));
            int hour = digits.length() >= 10 ? Integer.parseInt(digits.substring(8, 10)) : 0;
            int minute = digits.length() >= 12 ? Integer.parseInt(digits.substring(10, 12)) : 0;
            int second = digits.length() >= 14 ? Integer.parseInt(digits.substring(12, 14)) : 0;
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
            return offset != null ? local.atOffset(offset) : local.atZone(config.zone()).toOffsetDateTime();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String normalise(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        // trailing spaces on lines and runs of blank lines are layout, not content
        t = t.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n");
        return t.strip();
    }

    private static Hl7Text.Delimiters delimiters(String mshLine) {
        if (mshLine.length() < 8 || !mshLine.startsWith("MSH")) return null;
        char field = mshLine.charAt(3);
        if (Character.isLetterOrDigit(field) || field == '\r' || field == '\n') return null;
        int end = mshLine.indexOf(field, 4);
        String enc = end < 0 ? "" : mshLine.substring(4, end);
        if (enc.length() < 4) return null;
        return new Hl7Text.Delimiters(field, enc.charAt(0), enc.charAt(1), enc.charAt(2), enc.charAt(3));
    }

    private static int firstSegmentEnd(String text, int from) {
        int cr = text.indexOf('\r', from);
        int lf = text.indexOf('\n', from);
        int end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
        return end < 0 ? text.length() : end;
    }

    static String abbreviate(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }

    private record Patient(String id, String issuer, int sequence) {}

    private static final class Order {
        final Hl7Segment obr;
        final Patient patient;
        /** OBX and NTE segments under the OBR, in message order. */
        final List<Hl7Segment> content = new ArrayList<>();
        String studyUid;
        /** PV1-2 of the patient's visit group, when the message has one. */
        String patientClass;

        Order(Hl7Segment obr, Patient patient) {
            this.obr = obr;
            this.patient = patient;
        }
    }
}
