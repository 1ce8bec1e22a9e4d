package org.radbridge.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * ORU^R01 messages and their mutations: truncation at segment and field boundaries, flipped bytes, NUL and invalid
 * bytes in header fields, huge fields (a 10 KB MSH-10), unknown or contradicting character sets, missing and repeated
 * segments, other delimiters, a bare {@code MSH}, empty and random payloads. MLLP framing bytes (0x0B, 0x1C) never
 * occur in a payload: they are not content but the frame itself.
 */
public final class Hl7Mutator {
    public record Mutant(String kind, byte[] bytes) {}

    private static final String[] KINDS = {"valid", "truncate-segment", "truncate-field", "flip-bytes", "nul-in-msh", "huge-control-id",
            "huge-field", "bad-charset", "invalid-bytes-for-charset", "drop-segment", "repeat-obr", "other-delimiters", "bare-msh",
            "empty", "random-bytes", "no-accession", "long-accession"};

    public static List<String> kinds() {
        return List.of(KINDS);
    }

    /** A well-formed ORU^R01 carrying {@code text} for {@code accession}. */
    public static String oru(String controlId, String patientId, String accession, String text) {
        StringBuilder m = new StringBuilder("MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\r"
                + "PID|1||" + patientId + "^^^HOSP^MR||DOE^JANE\r"
                + "OBR|1||" + accession + "|71020^CHEST 2 VIEWS^C4|||20240312093000|||||||||||||||20240312101000|||F\r");
        int i = 1;
        for (String line : text.split("\n")) m.append("OBX|").append(i++).append("|TX|||").append(line).append("\r");
        return m.toString();
    }

    public Mutant mutate(String valid, Random rnd) {
        String kind = KINDS[rnd.nextInt(KINDS.length)];
        return new Mutant(kind, strip(apply(kind, valid, rnd)));
    }

    byte[] apply(String kind, String m, Random rnd) {
        return switch (kind) {
            case "valid" -> utf8(m);
            case "truncate-segment" -> utf8(m.substring(0, boundary(m, '\r', rnd)));
            case "truncate-field" -> utf8(m.substring(0, boundary(m, '|', rnd)));
            case "flip-bytes" -> flip(utf8(m), rnd, 1 + rnd.nextInt(12));
            case "nul-in-msh" -> {
                byte[] b = utf8(m);
                int end = m.indexOf('\r');
                for (int i = 0; i < 1 + rnd.nextInt(4); i++) b[9 + rnd.nextInt(Math.max(1, end - 9))] = 0;
                yield b;
            }
            case "huge-control-id" -> utf8(m.replaceFirst("\\|ORU\\^R01\\^ORU_R01\\|[^|]*\\|", "|ORU^R01^ORU_R01|" + "C".repeat(10_000) + "|"));
            case "huge-field" -> utf8(m.replace("DOE^JANE", "DOE^" + "J".repeat(5_000 + rnd.nextInt(100_000))));
            case "bad-charset" -> utf8(m.replace("|P|2.5.1\r", "|P|2.5.1||||||" + pick(rnd, "ISO_IR 999", "KLINGON", "UNICODE UTF-8~ISO_IR 100", "8859/1") + "\r"));
            case "invalid-bytes-for-charset" -> {
                String s = m.replace("|P|2.5.1\r", "|P|2.5.1||||||UNICODE UTF-8\r");
                int at = s.lastIndexOf("|TX|||") + 6;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(utf8(s.substring(0, at)));
                out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
                out.writeBytes(utf8(s.substring(at)));
                yield out.toByteArray();
            }
            case "drop-segment" -> {
                List<String> segs = new ArrayList<>(Arrays.asList(m.split("\r")));
                segs.remove(rnd.nextInt(segs.size()));
                yield utf8(String.join("\r", segs) + "\r");
            }
            case "repeat-obr" -> utf8(m + m.substring(m.indexOf("OBR|")).replace("OBR|1|", "OBR|2|"));
            case "other-delimiters" -> utf8(m.replace("MSH|^~\\&|", "MSH#^~\\&#").replace('|', '#'));
            case "bare-msh" -> utf8(pick(rnd, "MSH", "MSH|", "MS", "M", "MSH|^~\\&", "MSH|^~\\&|\r"));
            case "empty" -> new byte[0];
            case "no-accession" -> utf8(m.replaceFirst("OBR\\|1\\|\\|[^|]*\\|", "OBR|1|||"));
            case "long-accession" -> utf8(m.replaceFirst("OBR\\|1\\|\\|[^|]*\\|", "OBR|1||" + "A".repeat(100 + rnd.nextInt(5_000)) + "|"));
            default -> {
                byte[] b = new byte[1 + rnd.nextInt(1024)];
                rnd.nextBytes(b);
                yield b;
            }
        };
    }

    private static int boundary(String m, char c, Random rnd) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < m.length(); i++) if (m.charAt(i) == c) at.add(i);
        return at.isEmpty() ? rnd.nextInt(Math.max(1, m.length())) : at.get(rnd.nextInt(at.size()));
    }

    private static String pick(Random rnd, String... v) {
        return v[rnd.nextInt(v.length)];
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] flip(byte[] in, Random rnd, int n) {
        byte[] out = in.clone();
        for (int i = 0; i < n && out.length > 0; i++) {
            int at = rnd.nextInt(out.length);
            out[at] = (byte) (out[at] ^ (1 << rnd.nextInt(8)));
        }
        return out;
    }

    /** MLLP frame bytes become spaces: inside a payload they would end the frame. */
    static byte[] strip(byte[] b) {
        for (int i = 0; i < b.length; i++) if (b[i] == 0x0B || b[i] == 0x1C) b[i] = 0x20;
        return b;
    }
}
