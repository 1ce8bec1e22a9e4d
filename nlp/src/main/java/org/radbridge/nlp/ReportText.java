package org.radbridge.nlp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Report file text: strict UTF-8 decoding and the RadBridge header block (docs/ingest-and-reports.md, "Report files"). */
public final class ReportText {
    private ReportText() {}

    private static final Pattern HEADER_LINE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*:[^\\n]*");

    /** Decodes UTF-8 strictly (a BOM is dropped). */
    public static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String s = d.decode(ByteBuffer.wrap(bytes)).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Byte offset of the first invalid UTF-8 sequence, or -1. */
    public static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var r = d.decode(in, out, true);
        if (r.isError()) return in.position();
        return -1;
    }

    /**
     * The report body: when the text starts with a header block (lines {@code Name: value}, then a line {@code ---}),
     * the text after the {@code ---} line; otherwise the whole text.
     */
    public static String body(String text) {
        int start = bodyStart(text);
        return text.substring(start);
    }

    /** Offset where the body starts (0 without a header block). */
    public static int bodyStart(String text) {
        int pos = 0;
        int lines = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(pos, end).replace("\r", "");
            if (line.strip().equals("---")) {
                return lines > 0 ? (nl < 0 ? text.length() : nl + 1) : 0;
            }
            if (!HEADER_LINE.matcher(line).matches()) return 0;
            lines++;
            if (nl < 0) break;
            pos = nl + 1;
        }
        return 0;
    }

    static String describe(MalformedInputException e) {
        return e.getMessage();
    }
}
