package org.radbridge.report.hl7;

import java.nio.charset.Charset;
import java.util.HexFormat;

/**
 * Turns the encoded value of a text field (ST, TX, FT) into plain text, following HL7 v2.5.1 chapter 2, section 2.7
 * "Use of escape sequences in text fields": delimiter escapes (\F\ \S\ \T\ \R\ \E\), hexadecimal data (\Xhh..\,
 * decoded in the message's character set), formatting commands (\.br\ and \.sp n\ become line breaks, the other
 * formatting commands and highlighting are dropped), and character-set switches and locally defined escapes (\C..\,
 * \M..\, \Z..\), which are dropped. An escape character without its closing one is kept as it stands.
 */
final class Hl7Text {
    private Hl7Text() {}

    static String unescape(String value, Delimiters d, Charset charset) {
        if (value == null || value.indexOf(d.escape()) < 0) return value == null ? "" : value;
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char ch = value.charAt(i);
            int end = ch == d.escape() ? value.indexOf(d.escape(), i + 1) : -1;
            if (end < 0) {
                out.append(ch);
                i++;
                continue;
            }
            String seq = value.substring(i + 1, end);
            out.append(expand(seq, d, charset, value.substring(i, end + 1)));
            i = end + 1;
        }
        return out.toString();
    }

    private static String expand(String seq, Delimiters d, Charset charset, String literal) {
        if (seq.isEmpty()) return literal;
        switch (seq) {
            case "F": return String.valueOf(d.field());
            case "S": return String.valueOf(d.component());
            case "T": return String.valueOf(d.subcomponent());
            case "R": return String.valueOf(d.repetition());
            case "E": return String.valueOf(d.escape());
            case "H": case "N": return "";
            default: break;
        }
        char kind = seq.charAt(0);
        if (kind == '.') {
            String cmd = seq.substring(1).trim();
            if (cmd.equals("br")) return "\n";
            if (cmd.startsWith("sp")) {
                int n = number(cmd.substring(2), 1);
                return "\n".repeat(Math.max(1, Math.min(n + 1, 10)));
            }
            if (cmd.startsWith("sk")) return " ".repeat(Math.max(0, Math.min(number(cmd.substring(2), 1), 80)));
            return ""; // .fi .nf .in .ti .ce: layout only
        }
        if (kind == 'X' || kind == 'x') {
            String hex = seq.substring(1);
            if (hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]*")) return literal;
            return new String(HexFormat.of().parseHex(hex), charset);
        }
        if (kind == 'C' || kind == 'M' || kind == 'Z') return "";
        return literal;
    }

    private static int number(String s, int dflt) {
        try {
            return s.isBlank() ? dflt : Integer.parseInt(s.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** The delimiters a message declares in MSH-1 and MSH-2. */
    record Delimiters(char field, char component, char repetition, char escape, char subcomponent) {
        static final Delimiters DEFAULT = new Delimiters('|', '^', '~', '\\', '&');
    }
}
