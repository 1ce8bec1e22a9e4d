package org.radbridge.report.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The character set of an HL7v2 message, named in MSH-18 with a value of HL7 table 0211 "Alternate character sets"
 * (HL7 v2.5.1 chapter 2, section 2.15.9.18). MSH is read before the charset is known, which works because every set
 * allowed here is a superset of ASCII; UTF-16/UTF-32 are refused (their bytes would clash with the MLLP framing).
 */
final class Hl7Charsets {
    // HL7 table 0211 value -> Java charset name
    private static final Map<String, String> TABLE_0211 = Map.ofEntries(
            Map.entry("ASCII", "US-ASCII"),
            Map.entry("8859/1", "ISO-8859-1"), Map.entry("8859/2", "ISO-8859-2"), Map.entry("8859/3", "ISO-8859-3"),
            Map.entry("8859/4", "ISO-8859-4"), Map.entry("8859/5", "ISO-8859-5"), Map.entry("8859/6", "ISO-8859-6"),
            Map.entry("8859/7", "ISO-8859-7"), Map.entry("8859/8", "ISO-8859-8"), Map.entry("8859/9", "ISO-8859-9"),
            Map.entry("8859/15", "ISO-8859-15"),
            Map.entry("UNICODE UTF-8", "UTF-8"), Map.entry("UNICODE", "UTF-8"),
            Map.entry("GB 18030-2000", "GB18030"), Map.entry("KS X 1001", "EUC-KR"), Map.entry("BIG-5", "Big5"),
            Map.entry("ISO IR87", "ISO-2022-JP"), Map.entry("ISO IR14", "JIS_X0201"));

    private Hl7Charsets() {}

    /**
     * The charset named by an MSH-18 value; UTF-8 when the field is empty (strict decoding then refuses anything that
     * is not UTF-8, which includes plain ASCII, the HL7 default). Throws for a value outside table 0211.
     */
    static Charset of(String msh18) throws OruRejection {
        if (msh18 == null || msh18.isBlank()) return StandardCharsets.UTF_8;
        String name = TABLE_0211.get(msh18.trim().toUpperCase(Locale.ROOT));
        if (name == null) {
            throw OruRejection.error(ca.uhn.hl7v2.ErrorCode.TABLE_VALUE_NOT_FOUND, "MSH^1^18",
                    "character set '" + msh18.trim() + "' in MSH-18 is not supported (HL7 table 0211 values such as "
                            + "ASCII, 8859/1, UNICODE UTF-8)");
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw OruRejection.error(ca.uhn.hl7v2.ErrorCode.TABLE_VALUE_NOT_FOUND, "MSH^1^18",
                    "character set '" + msh18.trim() + "' in MSH-18 is not available on this server");
        }
    }
}
