package org.radbridge.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the header of a DICOM file, stopping before the pixel data so that a 500 MB multi-frame costs what a
 * 5 KB header costs. The common case (Part 10, explicit VR little endian, default/Latin-1/UTF-8 text) is read
 * by {@link ExplicitLittleEndianHeader} straight into the keyword map; every other file, and every file that
 * fails there, is read with PixelMed, whose errors name why a file is quarantined. This package is the only
 * place the ingest path touches PixelMed. Thread-safe: each call builds its own state.
 */
public final class DicomHeaderReader {
    private static final DicomDictionary DICTIONARY = AttributeList.getDictionary();
    private static final int MAX_VALUE_CHARS = 1024;

    public DicomHeader read(Path file) throws DicomParseException {
        if (!Files.isRegularFile(file)) {
            throw new DicomParseException("not a regular file");
        }
        try {
            Map<String, String> fast = ExplicitLittleEndianHeader.read(file);
            if (fast != null) return new DicomHeader(fast);
        } catch (IOException | RuntimeException e) {
            // read again below, where PixelMed words the error
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
        try {
            return readWithPixelMed(file);
        } catch (StackOverflowError e) {
            // PixelMed reads nested sequences recursively: a file nested thousands deep must cost one file, not the run
            throw tooDeep();
        }
    }

    private static DicomParseException tooDeep() {
        return new DicomParseException("sequences nested too deeply to read (more levels than any real DICOM object has)");
    }

    /** The PixelMed path alone (also what the fast path is tested against). */
    DicomHeader readWithPixelMed(Path file) throws DicomParseException {
        AttributeList list = new AttributeList();
        // compressed files would otherwise fail for lack of codecs although we never need pixels
        list.setDecompressPixelData(false);
        long stoppedAt;
        try {
            stoppedAt = list.read(file.toString(), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomParseException("not readable as DICOM: " + describe(e), e);
        }
        if (list.isEmpty() && !hasPart10Preamble(file)) {
            // old modalities write bare data sets without preamble or meta header
            list = new AttributeList();
            list.setDecompressPixelData(false);
            stoppedAt = readBareDataSet(file, list);
        }
        if (list.isEmpty()) {
            throw new DicomParseException("not a DICOM file: no DICOM attributes found");
        }
        checkPixelDataComplete(file, list, stoppedAt);
        Map<String, String> values = new LinkedHashMap<>();
        for (Attribute a : list.values()) {
            putValue(values, a);
        }
        return new DicomHeader(values);
    }

    private static void putValue(Map<String, String> values, Attribute a) {
        if (a instanceof SequenceAttribute) return;
        AttributeTag tag = a.getTag();
        if (tag.isPrivate() || tag.equals(TagFromName.PixelData)) return;
        String vr = a.getVRAsString();
        // binary blobs (OB/OW/UN ...) are not header data worth staging as text
        if (vr != null && (vr.startsWith("O") || vr.equals("UN"))) return;
        String v;
        try {
            v = a.getDelimitedStringValuesOrEmptyString();
        } catch (RuntimeException e) {
            return;
        }
        putString(values, (tag.getGroup() << 16) | tag.getElement(), v);
    }

    /** Keyword of a tag (its PixelMed dictionary name, or the tag itself), cached: the dictionary lookup is slow. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, String> KEYWORDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Stages one value under its keyword, as both read paths do: cut to a sane size, NULs as spaces, trimmed. */
    static void putString(Map<String, String> values, int tag, String v) {
        if (v == null || v.isEmpty()) return;
        String keyword = KEYWORDS.computeIfAbsent(tag, t -> {
            AttributeTag at = new AttributeTag(t >>> 16, t & 0xFFFF);
            String k = DICTIONARY.getNameFromTag(at);
            return k == null ? at.toString() : k;
        });
        if (v.length() > MAX_VALUE_CHARS) v = v.substring(0, MAX_VALUE_CHARS);
        values.put(keyword, v.replace('\u0000', ' ').trim());
    }

    private static long readBareDataSet(Path file, AttributeList list) throws DicomParseException {
        for (String ts : new String[] {TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian}) {
            try {
                list.clear();
                long n = list.read(file.toString(), ts, false, true, TagFromName.PixelData);
                if (!list.isEmpty()) return n;
            } catch (IOException | DicomException | RuntimeException e) {
                // try the next encoding
            }
        }
        list.clear();
        return 0;
    }

    private static boolean hasPart10Preamble(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() < 132) return false;
            byte[] magic = new byte[4];
            raf.seek(128);
            raf.readFully(magic);
            return magic[0] == 'D' && magic[1] == 'I' && magic[2] == 'C' && magic[3] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reading stops before pixel data, so a file cut short inside its pixels would pass unnoticed.
     * Check the declared length of the pixel data element against the file size instead.
     */
    private static void checkPixelDataComplete(Path file, AttributeList list, long headerBytes) throws DicomParseException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            if (headerBytes <= 0 || headerBytes >= size) return; // no pixel data element follows
            long offset = locatePixelData(raf, headerBytes);
            if (offset < 0) return;
            byte[] head = new byte[12];
            raf.seek(offset);
            int n = raf.read(head);
            if (n < 8) throw new DicomParseException("truncated: pixel data element header cut short");
            ByteBuffer buf = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            String vr = new String(head, 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            long length;
            long valueStart;
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("OF") || vr.equals("UN")) {
                if (n < 12) throw new DicomParseException("truncated: pixel data element header cut short");
                length = Integer.toUnsignedLong(buf.getInt(8));
                valueStart = offset + 12;
            } else {
                length = Integer.toUnsignedLong(buf.getInt(4));
                valueStart = offset + 8;
            }
            if (length == 0xFFFFFFFFL) {
                checkFragmentsComplete(raf, valueStart, size);
            } else if (valueStart + length > size) {
                throw new DicomParseException("truncated: pixel data declares " + length + " bytes but the file ends "
                        + (valueStart + length - size) + " bytes early");
            }
        } catch (IOException e) {
            throw new DicomParseException("not readable: " + describe(e), e);
        }
    }

    /** The pixel data tag (7FE0,0010) little endian, at or just after where PixelMed stopped. */
    private static long locatePixelData(RandomAccessFile raf, long from) throws IOException {
        byte[] window = new byte[256];
        long start = Math.max(0, from - 128);
        raf.seek(start);
        int n = raf.read(window);
        for (int i = 0; i + 4 <= n; i++) {
            if ((window[i] & 0xFF) == 0xE0 && (window[i + 1] & 0xFF) == 0x7F
                    && (window[i + 2] & 0xFF) == 0x10 && window[i + 3] == 0x00) {
                return start + i;
            }
        }
        return -1;
    }

    /** Walks the items of encapsulated pixel data up to the sequence delimiter without reading them. */
    private static void checkFragmentsComplete(RandomAccessFile raf, long pos, long size) throws IOException, DicomParseException {
        byte[] item = new byte[8];
        while (true) {
            if (pos + 8 > size) {
                throw new DicomParseException("truncated: encapsulated pixel data ends without its sequence delimiter");
            }
            raf.seek(pos);
            raf.readFully(item);
            ByteBuffer b = ByteBuffer.wrap(item).order(ByteOrder.LITTLE_ENDIAN);
            int group = b.getShort(0) & 0xFFFF;
            int element = b.getShort(2) & 0xFFFF;
            long len = Integer.toUnsignedLong(b.getInt(4));
            if (group == 0xFFFE && element == 0xE0DD) return;
            if (group != 0xFFFE || element != 0xE000 || len == 0xFFFFFFFFL) {
                throw new DicomParseException("malformed encapsulated pixel data at byte " + pos);
            }
            pos += 8 + len;
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
