package org.radbridge.map;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes identifier values into FHIR search and conditional URLs. A token value is first escaped as FHIR search
 * requires (R4 search, "Escaping Search Parameters": {@code \}, {@code |}, {@code ,} and {@code $} get a backslash),
 * then URL-encoded, so that an MRN such as {@code +oYVjq}, {@code A|B} or {@code 12 34^X} names exactly itself and
 * never splits into a system, a second value or a space.
 */
public final class FhirSearchValues {
    private FhirSearchValues() {}

    /** {@code system|value} of a token search, escaped and encoded. */
    public static String token(String system, String value) {
        return encode(escape(system)) + "|" + encode(escape(value));
    }

    /** {@code Type?identifier=system|value}. */
    public static String byIdentifier(String resourceType, String system, String value) {
        return resourceType + "?identifier=" + token(system, value);
    }

    /** FHIR search escaping of one value. */
    public static String escape(String v) {
        if (v == null) return "";
        StringBuilder b = new StringBuilder(v.length() + 4);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '|' || c == ',' || c == '$') b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    /** Percent-encoding for a query parameter value; spaces as {@code %20}, which every server reads the same way. */
    public static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
