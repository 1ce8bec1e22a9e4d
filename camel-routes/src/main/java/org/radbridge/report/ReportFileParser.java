package org.radbridge.report;

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
 */
public final class ReportFileParser {
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    public ReportFile parse(byte[] bytes) throws ReportParseException {
        if (bytes.length == 0) throw new ReportParseException("empty report file");
        if (bytes.length > MAX_BYTES) throw new ReportParseException("report larger than " + MAX_BYTES + " bytes");
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ReportParseException("report is not valid UTF-8");
        }
        if (content.startsWith("\uFEFF")) content = content.substring(1);
        content = content.replace("\r\n", "\n");
        int sep = content.indexOf("\n---\n");
        if (sep < 0) throw new ReportParseException("no header block: expected 'Name: value' lines, then a line '---'");
        Map<String, String> header = new HashMap<>();
        for (String line : content.substring(0, sep).split("\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank()) continue;
            if (colon <= 0) throw new ReportParseException("header line without 'Name: value': " + line);
            header.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String text = content.substring(sep + 5).strip();
        if (text.isEmpty()) throw new ReportParseException("report has no text after the header block");
        String accession = header.get("accession-number");
        if (accession == null || accession.isEmpty()) throw new ReportParseException("header has no Accession-Number");
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
