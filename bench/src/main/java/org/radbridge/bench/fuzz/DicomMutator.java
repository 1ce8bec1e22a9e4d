package org.radbridge.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates DICOM files the way broken modalities, crashed transfers and hostile peers do: truncation at element
 * boundaries (and inside them), flipped bytes, wrong and huge value lengths, undefined-length sequences without their
 * delimiters, nesting thousands deep, wrong VRs, bad character sets and text bytes, deflate garbage, a missing or
 * wrong meta header, values longer than any column, empty and placeholder patient IDs, IDs full of search syntax.
 * Element boundaries are found by walking explicit VR little endian data sets; elsewhere the offsets are random.
 * Deterministic for a given {@link Random}.
 */
public final class DicomMutator {
    /** One mutation: what was done (the kind counts outcomes by mutation) and the bytes. */
    public record Mutant(String kind, byte[] bytes) {}

    private static final String[] KINDS = {"truncate-boundary", "truncate-inside", "flip-bytes", "huge-length", "wrong-length",
            "undefined-sequence-no-delimiter", "deep-nesting", "wrong-vr", "bad-charset", "bad-text-bytes", "deflate-garbage",
            "missing-meta", "long-sop-class-uid", "long-value", "placeholder-patient-id", "search-syntax-patient-id", "nul-in-values",
            "random-garbage"};
    private static final String DEFLATE = "1.2.840.10008.1.2.1.99";

    public static List<String> kinds() {
        return List.of(KINDS);
    }

    public Mutant mutate(byte[] original, Random rnd) {
        String kind = KINDS[rnd.nextInt(KINDS.length)];
        return new Mutant(kind, apply(kind, original, rnd));
    }

    public byte[] apply(String kind, byte[] in, Random rnd) {
        List<Element> elements = walk(in);
        Element e = elements.isEmpty() ? null : elements.get(rnd.nextInt(elements.size()));
        return switch (kind) {
            case "truncate-boundary" -> Arrays.copyOf(in, e == null ? rnd.nextInt(Math.max(1, in.length)) : e.start());
            case "truncate-inside" -> Arrays.copyOf(in, e == null ? rnd.nextInt(Math.max(1, in.length))
                    : Math.min(in.length, e.start() + 1 + rnd.nextInt(Math.max(1, e.valueStart() + (int) Math.min(e.length(), 64) - e.start()))));
            case "flip-bytes" -> flip(in, rnd, 1 + rnd.nextInt(16));
            case "huge-length" -> setLength(in, e, rnd.nextBoolean() ? 0xFFFFFFF0L : 0x7FFFFFFFL + rnd.nextInt(1000));
            case "wrong-length" -> setLength(in, e, e == null ? 0 : Math.max(0, e.length() + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(9))));
            case "undefined-sequence-no-delimiter" -> insert(in, e, undefinedSequence(1 + rnd.nextInt(4), false, rnd));
            case "deep-nesting" -> insert(in, e, undefinedSequence(2_000 + rnd.nextInt(20_000), rnd.nextBoolean(), rnd));
            case "wrong-vr" -> wrongVr(in, e, rnd);
            case "bad-charset" -> replaceValue(in, 0x00080005, pick(rnd, "ISO_IR 999", "ISO 2022 IR 6\\ISO 2022 IR 999", "\u00ff\u00fe",
                    "GB18030\\ISO_IR 192\\X", ""));
            case "bad-text-bytes" -> replaceValueBytes(in, pickTextTag(rnd), badBytes(rnd));
            case "deflate-garbage" -> withMeta(randomBytes(rnd, 64 + rnd.nextInt(4096)), DEFLATE);
            case "missing-meta" -> stripMeta(in);
            case "long-sop-class-uid" -> replaceValue(in, 0x00080016, "1.2.840.10008.5.1.4.1.1.2." + "1234567890".repeat(5));
            case "long-value" -> replaceValue(in, pickTextTag(rnd), "X".repeat(1_000 + rnd.nextInt(70_000)));
            case "placeholder-patient-id" -> replaceValue(in, 0x00100020, pick(rnd, "", "UNKNOWN", "ANONYMOUS", "0", " ", "unknown"));
            case "search-syntax-patient-id" -> replaceValue(in, 0x00100020, pick(rnd, "+oYVjq", "A|B", "1,2", "$x", "a\\b", "12 34^X&Y",
                    "Müller", "患者123", "%2F", "?x=1&y", "MRN" + rnd.nextInt(1000)));
            case "nul-in-values" -> replaceValue(in, pickTextTag(rnd), "AB\u0000CD\u0000");
            default -> randomBytes(rnd, 1 + rnd.nextInt(2048));
        };
    }

    private static String pick(Random rnd, String... values) {
        return values[rnd.nextInt(values.length)];
    }

    private static int pickTextTag(Random rnd) {
        int[] tags = {0x00100010, 0x00100020, 0x00081030, 0x0008103E, 0x00080080, 0x00080050, 0x00200010, 0x00080060};
        return tags[rnd.nextInt(tags.length)];
    }

    private static byte[] badBytes(Random rnd) {
        byte[][] options = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD}, {0x1B, 0x24, 0x42, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        return options[rnd.nextInt(options.length)];
    }

    /** An element of an explicit VR little endian data set: where it starts, its value and the width of its length field. */
    record Element(int tag, String vr, int start, int lengthAt, int lengthBytes, int valueStart, long length) {}

    /** The elements of the top level (meta and data set) as long as they parse as explicit VR little endian. */
    static List<Element> walk(byte[] b) {
        List<Element> out = new ArrayList<>();
        int pos = hasPreamble(b) ? 132 : 0;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= b.length && out.size() < 10_000) {
            int group = buf.getShort(pos) & 0xFFFF;
            int element = buf.getShort(pos + 2) & 0xFFFF;
            char v1 = (char) b[pos + 4];
            char v2 = (char) b[pos + 5];
            if (v1 < 'A' || v1 > 'Z' || v2 < 'A' || v2 > 'Z') break;
            String vr = "" + v1 + v2;
            boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("OF") || vr.equals("OD") || vr.equals("OL") || vr.equals("OV")
                    || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT") || vr.equals("UC") || vr.equals("UR") || vr.equals("SV") || vr.equals("UV");
            long len;
            int lengthAt;
            int valueStart;
            if (longForm) {
                if (pos + 12 > b.length) break;
                lengthAt = pos + 8;
                len = Integer.toUnsignedLong(buf.getInt(lengthAt));
                valueStart = pos + 12;
            } else {
                lengthAt = pos + 6;
                len = buf.getShort(lengthAt) & 0xFFFF;
                valueStart = pos + 8;
            }
            out.add(new Element((group << 16) | element, vr, pos, lengthAt, longForm ? 4 : 2, valueStart, len));
            if (len == 0xFFFFFFFFL || (group == 0x7FE0 && element == 0x0010)) break;
            pos = (int) Math.min(Integer.MAX_VALUE, valueStart + len);
        }
        return out;
    }

    static boolean hasPreamble(byte[] b) {
        return b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    private static byte[] flip(byte[] in, Random rnd, int n) {
        byte[] out = in.clone();
        for (int i = 0; i < n && out.length > 0; i++) {
            int at = rnd.nextInt(out.length);
            out[at] = (byte) (out[at] ^ (1 << rnd.nextInt(8)));
        }
        return out;
    }

    private static byte[] setLength(byte[] in, Element e, long length) {
        if (e == null) return flip(in, new Random(in.length), 4);
        byte[] out = in.clone();
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (e.lengthBytes() == 4) buf.putInt(e.lengthAt(), (int) length);
        else buf.putShort(e.lengthAt(), (short) Math.min(0xFFFF, length));
        return out;
    }

    private static byte[] insert(byte[] in, Element e, byte[] piece) {
        int at = e == null ? in.length : e.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + piece.length);
        out.write(in, 0, at);
        out.writeBytes(piece);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    /** A private sequence of undefined length, nested {@code depth} deep, with or without its delimiters. */
    static byte[] undefinedSequence(int depth, boolean delimited, Random rnd) {
        ByteBuffer b = ByteBuffer.allocate(depth * 40 + 64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < depth; i++) {
            b.putShort((short) 0x0009).putShort((short) 0x1010).put((byte) 'S').put((byte) 'Q').putShort((short) 0).putInt(-1);
            b.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        }
        if (delimited) {
            for (int i = 0; i < depth; i++) {
                b.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0);
                b.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] wrongVr(byte[] in, Element e, Random rnd) {
        if (e == null) return flip(in, rnd, 2);
        byte[] out = in.clone();
        String vr = pick(rnd, "SQ", "UN", "OB", "XX", "AT", "FD", "UT", "DA", "ZZ");
        out[e.start() + 4] = (byte) vr.charAt(0);
        out[e.start() + 5] = (byte) vr.charAt(1);
        return out;
    }

    /** Replaces the value of a top-level element (same VR, new length; the value padded to even length). */
    static byte[] replaceValue(byte[] in, int tag, String value) {
        return replaceValueBytes(in, tag, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] replaceValueBytes(byte[] in, int tag, byte[] value) {
        Element e = walk(in).stream().filter(x -> x.tag() == tag && x.length() != 0xFFFFFFFFL).findFirst().orElse(null);
        if (e == null || e.valueStart() + e.length() > in.length) return in;
        byte[] v = value.length % 2 == 0 ? value : Arrays.copyOf(value, value.length + 1);
        if (v.length > value.length) v[v.length - 1] = ' ';
        if (e.lengthBytes() == 2 && v.length > 0xFFFF) v = Arrays.copyOf(v, 0xFFFE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + v.length);
        out.write(in, 0, e.lengthAt());
        ByteBuffer len = ByteBuffer.allocate(e.lengthBytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (e.lengthBytes() == 4) len.putInt(v.length);
        else len.putShort((short) v.length);
        out.writeBytes(len.array());
        out.writeBytes(v);
        int after = (int) (e.valueStart() + e.length());
        out.write(in, after, in.length - after);
        return out.toByteArray();
    }

    /** The data set without preamble and meta header, as old modalities write it. */
    static byte[] stripMeta(byte[] in) {
        List<Element> el = walk(in);
        int end = hasPreamble(in) ? 132 : 0;
        for (Element e : el) {
            if ((e.tag() >>> 16) != 0x0002) break;
            end = (int) (e.valueStart() + e.length());
        }
        return Arrays.copyOfRange(in, Math.min(end, in.length), in.length);
    }

    /** A Part 10 file with a meta header naming {@code transferSyntax} and {@code body} as its data set. */
    static byte[] withMeta(byte[] body, String transferSyntax) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, 0x0002, "UI", uid("1.2.840.10008.5.1.4.1.1.7"));
        element(meta, 0x0002, 0x0003, "UI", uid("2.25.1234567890"));
        element(meta, 0x0002, 0x0010, "UI", uid(transferSyntax));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0002, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
        out.writeBytes(meta.toByteArray());
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] uid(String v) {
        byte[] b = v.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : Arrays.copyOf(b, b.length + 1);
    }

    private static void element(ByteArrayOutputStream out, int group, int element, String vr, byte[] value) {
        boolean longForm = vr.equals("OB");
        ByteBuffer h = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) group).putShort((short) element).put((byte) vr.charAt(0)).put((byte) vr.charAt(1));
        if (longForm) h.putShort((short) 0).putInt(value.length);
        else h.putShort((short) value.length);
        out.writeBytes(h.array());
        out.writeBytes(value);
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
