package org.radbridge.report.hl7;

import java.nio.charset.Charset;
import java.util.HexFormat;

/**
 * Plain text from a formatted-text value (FT, TX, ST) after HAPI's parser has decoded the delimiter escapes. HAPI
 * leaves, by design, the other escape sequences of HL7 v2.5.1 chapter 2, section 2.7 as they stand, since they are
 * presentation, not data; a report's text needs them resolved: formatting commands ({@code \.br\} and
 * {@code \.sp n\} become line breaks, {@code \.sk n\} spaces, the rest of them and highlighting {@code \H\ \N\} are
 * dropped), hexadecimal data ({@code \Xhh..\}, decoded in the message's character set), and character-set switches
 * and locally defined escapes ({@code \C..\ \M..\ \Z..\}), which are dropped. Anything else stays as it is.
 */
final class FormattedText {
    private FormattedText() {}

    static String plain(String value, char escape, Charset charset) {
        if (value == null) return "";
        if (value.indexOf(escape) < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char ch = value.charAt(i);
            int end = ch == escape ? value.indexOf(escape, i + 1) : -1;
            if (end < 0) {
                out.append(ch);
                i++;
                continue;
            }
            String command = value.substring(i + 1, end);
            String expanded = expand(command, charset);
            out.append(expanded != null ? expanded : value.substring(i, end + 1));
            i = end + 1;
        }
        return out.toString();
    }

    /** The text a command stands for, or null when it is none of the sequences HAPI leaves in place. */
    private static String expand(String seq, Charset charset) {
        if (seq.isEmpty()) return null;
        if (seq.equals("H") || seq.equals("N")) return "";
        char kind = seq.charAt(0);
        if (kind == '.') {
            String cmd = seq.substring(1).trim();
            if (cmd.equals("br")) return "\n";
            if (cmd.startsWith("sp")) return "\n".repeat(Math.max(1, Math.min(number(cmd.substring(2), 1) + 1, 10)));
            if (cmd.startsWith("sk")) return " ".repeat(Math.max(0, Math.min(number(cmd.substring(2), 1), 80)));
            return ""; // .fi .nf .in .ti .ce: layout only
        }
        if (kind == 'X' || kind == 'x') {
            String hex = seq.substring(1);
            if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]*")) return null;
            return new String(HexFormat.of().parseHex(hex), charset);
        }
        if (kind == 'C' || kind == 'M' || kind == 'Z') return "";
        return null;
    }

    private static int number(String s, int dflt) {
        try {
            return s.isBlank() ? dflt : Integer.parseInt(s.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
