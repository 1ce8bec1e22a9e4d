package org.radbridge.dicom;

import com.pixelmed.utils.FloatFormatter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The common case of the header read, without building an attribute object per element: a Part 10 file whose data
 * set is explicit VR little endian (the native and the encapsulated transfer syntaxes), in the default repertoire,
 * Latin-1 or UTF-8. It gives the same keyword-to-value map as the PixelMed path of {@link DicomHeaderReader}
 * (same keywords from PixelMed's dictionary, values joined and trimmed as {@code getDelimitedStringValuesOrEmptyString}
 * gives them, numbers formatted as PixelMed formats them); {@code DicomHeaderReaderTest} holds the two paths equal.
 *
 * <p>Anything else (implicit VR, big endian, deflate, ISO 2022 or other character sets, VRs outside the list below,
 * a length running past the end of the file, pixel data cut short) answers {@code null}, and the caller reads the
 * file with PixelMed, which also words the errors the quarantine records. So this class never rejects a file.
 */
final class ExplicitLittleEndianHeader {
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** Transfer syntaxes that are not explicit VR little endian in their data set (implicit, big endian, deflated). */
    private static final java.util.Set<String> OTHER_ENCODING = java.util.Set.of(
            "1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99");

    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final FileChannel channel;
    private final long size;
    private ByteBuffer buf = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    /** File offset of buf[0]; buf holds [bufStart, bufStart + buf.limit()). */
    private long bufStart;

    private ExplicitLittleEndianHeader(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
        buf.limit(0);
    }

    /** The header as a keyword-to-value map, or null when the file is not the common case (see the class comment). */
    static Map<String, String> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ExplicitLittleEndianHeader(ch, ch.size()).parse();
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Offset of the value of the element whose header starts at {@code pos}: short and long VR forms differ. */
    private long valueOffset(long pos, int vr) throws IOException, Unsupported {
        if (!longForm(vr)) return pos + 8;
        ensure(pos, 12);
        return pos + 12;
    }

    /** Value length of the element at {@code pos} (after {@link #valueOffset}, which makes its bytes readable). */
    private long valueLength(long pos, int vr) {
        return longForm(vr) ? Integer.toUnsignedLong(buf.getInt(at(pos + 8))) : buf.getShort(at(pos + 6)) & 0xFFFF;
    }

    private Map<String, String> parse() throws IOException, Unsupported {
        if (size < 132 + 12) throw UNSUPPORTED;
        ensure(128, 4);
        if (buf.get(at(128)) != 'D' || buf.get(at(129)) != 'I' || buf.get(at(130)) != 'C' || buf.get(at(131)) != 'M') throw UNSUPPORTED;
        Map<Integer, Element> elements = new java.util.TreeMap<>(Integer::compareUnsigned);
        long pos = 132;
        String transferSyntax = null;
        // meta information (always explicit VR little endian), then the data set in the same encoding
        while (pos < size) {
            ensure(pos, 8);
            int tag = tag(pos);
            if (transferSyntax == null && (tag >>> 16) != 0x0002) {
                if (elements.isEmpty()) throw UNSUPPORTED;
                Element ts = elements.get(TRANSFER_SYNTAX);
                transferSyntax = ts == null ? "" : ascii(ts).trim();
                if (transferSyntax.isEmpty() || OTHER_ENCODING.contains(transferSyntax)) throw UNSUPPORTED;
            }
            if (tag == PIXEL_DATA) {
                checkPixelData(pos);
                break;
            }
            // elements after the pixel data's place (padding, signatures) or misplaced items: PixelMed decides
            if (Integer.compareUnsigned(tag, PIXEL_DATA) > 0) throw UNSUPPORTED;
            int vr = vr(pos);
            long value = valueOffset(pos, vr);
            long length = valueLength(pos, vr);
            if (vr == vr('S', 'Q')) {
                pos = length == UNDEFINED ? skipUndefinedSequence(value) : value + length;
                if (pos > size) throw UNSUPPORTED;
                continue;
            }
            if (length == UNDEFINED || value + length > size) throw UNSUPPORTED;
            pos = value + length;
            if ((tag & 0x00010000) != 0) continue; // private groups are not staged
            if (vr == vr('U', 'N')) throw UNSUPPORTED; // PixelMed decodes a public UN element with its dictionary VR
            if (skipped(vr)) continue; // nor are binary blobs
            if (!handled(vr)) throw UNSUPPORTED;
            ensure(value, (int) length);
            byte[] bytes = new byte[(int) length];
            buf.get(at(value), bytes);
            elements.put(tag, new Element(vr, bytes));
        }
        if (elements.isEmpty()) throw UNSUPPORTED;
        Charset charset = charset(elements.get(SPECIFIC_CHARACTER_SET));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<Integer, Element> e : elements.entrySet()) {
            String v = format(e.getValue(), charset);
            DicomHeaderReader.putString(values, e.getKey(), v);
        }
        return values;
    }

    private record Element(int vr, byte[] bytes) {}

    /** Walks items of an undefined-length sequence to its delimiter; returns the offset after it. */
    private long skipUndefinedSequence(long pos) throws IOException, Unsupported {
        while (true) {
            if (pos + 8 > size) throw UNSUPPORTED;
            ensure(pos, 8);
            int tag = tag(pos);
            long length = Integer.toUnsignedLong(buf.getInt(at(pos + 4)));
            pos += 8;
            if (tag == SEQUENCE_END) return pos;
            if (tag != ITEM) throw UNSUPPORTED;
            pos = length == UNDEFINED ? skipUndefinedItem(pos) : pos + length;
        }
    }

    /** Walks the elements of an undefined-length item to its delimiter; returns the offset after it. */
    private long skipUndefinedItem(long pos) throws IOException, Unsupported {
        while (true) {
            if (pos + 8 > size) throw UNSUPPORTED;
            ensure(pos, 8);
            int tag = tag(pos);
            if (tag == ITEM_END) return pos + 8;
            int vr = vr(pos);
            long value = valueOffset(pos, vr);
            long length = valueLength(pos, vr);
            if (length == UNDEFINED) {
                if (vr != vr('S', 'Q')) throw UNSUPPORTED;
                pos = skipUndefinedSequence(value);
            } else {
                pos = value + length;
            }
        }
    }

    /** The pixel data must be complete although it is not read: a file cut short inside its pixels is PixelMed's to reject. */
    private void checkPixelData(long pos) throws IOException, Unsupported {
        if (pos + 12 > size) throw UNSUPPORTED;
        ensure(pos, 12);
        int vr = vr(pos);
        if (!longForm(vr)) throw UNSUPPORTED;
        long length = Integer.toUnsignedLong(buf.getInt(at(pos + 8)));
        long value = pos + 12;
        if (length == UNDEFINED) {
            long p = value;
            while (true) {
                if (p + 8 > size) throw UNSUPPORTED;
                ensure(p, 8);
                int tag = tag(p);
                long len = Integer.toUnsignedLong(buf.getInt(at(p + 4)));
                if (tag == SEQUENCE_END) return;
                if (tag != ITEM || len == UNDEFINED) throw UNSUPPORTED;
                p += 8 + len;
            }
        }
        if (value + length > size) throw UNSUPPORTED;
    }

    private static boolean longForm(int vr) {
        return vr == vr('O', 'B') || vr == vr('O', 'W') || vr == vr('O', 'F') || vr == vr('O', 'D') || vr == vr('O', 'L')
                || vr == vr('O', 'V') || vr == vr('S', 'Q') || vr == vr('U', 'N') || vr == vr('U', 'T') || vr == vr('U', 'C')
                || vr == vr('U', 'R') || vr == vr('S', 'V') || vr == vr('U', 'V');
    }

    /** As DicomHeaderReader: binary blobs (OB, OW, OF, OD, OL, OV, UN) are not header data worth staging as text. */
    private static boolean skipped(int vr) {
        return (vr >>> 8) == 'O' || vr == vr('U', 'N');
    }

    /** Value representations by their two characters ((first << 8) | second): which kind each one is. */
    private static final byte[] KIND = new byte[1 << 16];
    private static final byte STRING = 1, TEXT = 2, BINARY = 3;
    /** Value representations whose bytes depend on the Specific Character Set (PS3.5 6.1.2.3). */
    private static final boolean[] CHARACTER_SET_DEPENDENT = new boolean[1 << 16];

    static {
        // UC and UR (newer VRs) are left to PixelMed
        for (String v : new String[] {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "PN", "SH", "TM", "UI"}) KIND[vr(v.charAt(0), v.charAt(1))] = STRING;
        for (String v : new String[] {"LT", "ST", "UT"}) KIND[vr(v.charAt(0), v.charAt(1))] = TEXT;
        for (String v : new String[] {"US", "SS", "UL", "SL", "FL", "FD"}) KIND[vr(v.charAt(0), v.charAt(1))] = BINARY;
        for (String v : new String[] {"SH", "LO", "PN", "ST", "LT", "UT"}) CHARACTER_SET_DEPENDENT[vr(v.charAt(0), v.charAt(1))] = true;
    }

    private static boolean handled(int vr) {
        return KIND[vr] != 0;
    }

    private static int vr(char a, char b) {
        return (a << 8) | b;
    }

    /** The VR of the element at pos; two capital letters, or the data set is not what it claims to be (implicit VR, say). */
    private int vr(long pos) throws Unsupported {
        int a = buf.get(at(pos + 4)) & 0xFF;
        int b = buf.get(at(pos + 5)) & 0xFF;
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') throw UNSUPPORTED;
        return (a << 8) | b;
    }

    private int tag(long pos) {
        int group = buf.getShort(at(pos)) & 0xFFFF;
        int element = buf.getShort(at(pos + 2)) & 0xFFFF;
        return (group << 16) | element;
    }

    /** Charset of the character-set dependent values; values in other VRs are ASCII by definition. */
    private static Charset charset(Element e) throws Unsupported {
        if (e == null) return null;
        String v = new String(e.bytes(), StandardCharsets.US_ASCII).trim();
        return switch (v) {
            case "" -> null;
            case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            default -> throw UNSUPPORTED; // ISO 2022 code extensions and the other repertoires: PixelMed's
        };
    }

    private static String format(Element e, Charset charset) throws Unsupported {
        int vr = e.vr();
        byte[] b = e.bytes();
        ByteBuffer v = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder out = new StringBuilder();
        if (vr == vr('U', 'S') || vr == vr('S', 'S')) {
            for (int i = 0; i + 2 <= b.length; i += 2) {
                if (i > 0) out.append('\\');
                out.append(vr == vr('U', 'S') ? v.getShort(i) & 0xFFFF : v.getShort(i));
            }
            return out.toString();
        }
        if (vr == vr('U', 'L') || vr == vr('S', 'L')) {
            for (int i = 0; i + 4 <= b.length; i += 4) {
                if (i > 0) out.append('\\');
                out.append(vr == vr('U', 'L') ? Integer.toUnsignedLong(v.getInt(i)) : v.getInt(i));
            }
            return out.toString();
        }
        if (vr == vr('F', 'L') || vr == vr('F', 'D')) {
            int width = vr == vr('F', 'L') ? 4 : 8;
            for (int i = 0; i + width <= b.length; i += width) {
                if (i > 0) out.append('\\');
                double d = width == 4 ? v.getFloat(i) : v.getDouble(i);
                out.append(FloatFormatter.toString(d, Locale.US));
            }
            return out.toString();
        }
        String s;
        if (CHARACTER_SET_DEPENDENT[vr] && charset != null) {
            s = new String(b, charset);
        } else {
            for (byte x : b) if (x < 0) throw UNSUPPORTED; // outside the default repertoire without a declared charset
            s = new String(b, StandardCharsets.ISO_8859_1);
        }
        if (KIND[vr] == TEXT) return s;
        // multi-valued: each value without its padding, as PixelMed's StringAttribute gives them (a value string ending in a backslash has no empty last value)
        String[] parts = s.split("\\\\", -1);
        int n = parts.length;
        if (n > 1 && parts[n - 1].isEmpty()) n--;
        for (int i = 0; i < n; i++) {
            if (i > 0) out.append('\\');
            out.append(unpad(parts[i]));
        }
        return out.toString();
    }

    private static String unpad(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == 0)) from++;
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == 0)) to--;
        return s.substring(from, to);
    }

    private static String ascii(Element e) {
        return new String(e.bytes(), StandardCharsets.US_ASCII).replace('\u0000', ' ');
    }

    private int at(long pos) {
        return (int) (pos - bufStart);
    }

    /** Makes [pos, pos + n) readable through buf; reads only what the header needs, never the pixel data. */
    private void ensure(long pos, int n) throws IOException, Unsupported {
        if (pos + n > size) throw UNSUPPORTED;
        if (pos >= bufStart && pos + n <= bufStart + buf.limit()) return;
        if (n > buf.capacity()) buf = ByteBuffer.allocate(Math.max(n, buf.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        buf.clear();
        bufStart = pos;
        long want = Math.min(buf.capacity(), size - pos);
        buf.limit((int) want);
        while (buf.hasRemaining()) {
            int r = channel.read(buf, bufStart + buf.position());
            if (r < 0) throw UNSUPPORTED;
        }
        buf.flip();
    }
}
