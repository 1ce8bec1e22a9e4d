package org.radbridge.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a report text file: a header block of "Name: value" lines (Accession-Number, Patient-ID,
 * Issuer-Of-Patient-ID, Study-Instance-UID, Report-Status, Report-Date), a line "---", then the
 * report text. The accession number links the report to its study.
 *
 * <p>Or, when the same fields come in a sidecar file beside it ({@code NAME.txt.json}, see {@link #SIDECAR_SUFFIX}),
 * the whole text file is the report: {@link #parse(byte[], byte[])}. The sidecar is a JSON object whose keys are the
 * header names in either spelling ({@code "Accession-Number"} or {@code "accessionNumber"}, case and dashes ignored).
 */
public final class ReportFileParser {
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    /** The sidecar of {@code report.txt} is {@code report.txt.json}. */
    public static final String SIDECAR_SUFFIX = ".json";
    static final String NO_HEADER_BLOCK = "no header block: expected 'Name: value' lines, then a line '---' (or a sidecar file NAME.txt.json)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** True when the report was refused only for want of a header block (a sidecar may still come). */
    public static boolean isMissingHeaderBlock(ReportParseException e) {
        return NO_HEADER_BLOCK.equals(e.getMessage());
    }

    public ReportFile parse(byte[] bytes) throws ReportParseException {
        String content = text(bytes, "report");
        int sep = content.indexOf("\n---\n");
        if (sep < 0) throw new ReportParseException(NO_HEADER_BLOCK);
        Map<String, String> header = new HashMap<>();
        for (String line : content.substring(0, sep).split("\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank()) continue;
            if (colon <= 0) throw new ReportParseException("header line without 'Name: value': " + line);
            header.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return report(header, content.substring(sep + 5), "after the header block");
    }

    /** A report whose fields are in a JSON sidecar; the whole text file is the report text. */
    public ReportFile parse(byte[] bytes, byte[] sidecar) throws ReportParseException {
        String content = text(bytes, "report");
        String json = text(sidecar, "sidecar");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReportParseException("sidecar is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new ReportParseException("sidecar is not a JSON object");
        Map<String, String> header = new HashMap<>();
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (f.getValue().isContainerNode()) throw new ReportParseException("sidecar field '" + f.getKey() + "' is not a single value");
            if (f.getValue().isNull()) continue;
            String key = f.getKey().replaceAll("[-_ ]", "").toLowerCase(Locale.ROOT);
            header.put(SIDECAR_KEYS.getOrDefault(key, key), f.getValue().asText().trim());
        }
        return report(header, content, "in the report file");
    }

    private static final Map<String, String> SIDECAR_KEYS = Map.of(
            "accessionnumber", "accession-number", "patientid", "patient-id", "issuerofpatientid", "issuer-of-patient-id",
            "studyinstanceuid", "study-instance-uid", "reportstatus", "report-status", "status", "report-status",
            "reportdate", "report-date");

    private static String text(byte[] bytes, String what) throws ReportParseException {
        if (bytes.length == 0) throw new ReportParseException("empty " + what + " file");
        if (bytes.length > MAX_BYTES) throw new ReportParseException(what + " larger than " + MAX_BYTES + " bytes");
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ReportParseException(what + " is not valid UTF-8");
        }
        if (content.startsWith("\uFEFF")) content = content.substring(1);
        return content.replace("\r\n", "\n");
    }

    private static ReportFile report(Map<String, String> header, String body, String where) throws ReportParseException {
        String text = body.strip();
        if (text.isEmpty()) throw new ReportParseException("report has no text " + where);
        String accession = header.get("accession-number");
        if (accession == null || accession.isEmpty()) throw new ReportParseException("header has no Accession-Number");
        if (accession.length() > 64) throw new ReportParseException("Accession-Number longer than 64 characters");
        return new ReportFile(accession, header.get("patient-id"), header.getOrDefault("issuer-of-patient-id", ""),
                header.get("study-instance-uid"), header.getOrDefault("report-status", "final"),
                date(header.get("report-date")), text);
    }

    private static LocalDate date(String v) {
        if (v == null || v.isEmpty()) return null;
        try {
            return LocalDate.parse(v.replace("-", ""), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
