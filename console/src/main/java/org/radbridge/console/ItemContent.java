package org.radbridge.console;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the quarantine page shows of an item: a DICOM file as a header dump (as far as it can be read: a broken file is
 * exactly what lands here, so what was read before the error is shown with the error), anything else as text.
 */
public final class ItemContent {
    static final int MAX_BYTES = 256 * 1024;

    public record View(String format, String text, String problem) {}

    private ItemContent() {}

    public static View of(Path stored, String kind) {
        if (stored == null || !Files.isRegularFile(stored)) return new View("none", "", "the stored copy is missing: " + stored);
        if (kind.equals("dicom")) {
            View dump = dicomDump(stored);
            if (!dump.text().isEmpty()) return dump;
            View text = text(stored);
            return new View(text.format(), text.text(), dump.problem() + (text.problem().isEmpty() ? "" : "; " + text.problem()));
        }
        return text(stored);
    }

    static View text(Path file) {
        byte[] bytes;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            bytes = in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            return new View("none", "", "cannot read it: " + e.getMessage());
        }
        String more = size > bytes.length ? "first " + bytes.length + " of " + size + " bytes shown" : "";
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new View("text", printable(s), more);
        } catch (CharacterCodingException e) {
            // not UTF-8 text (or cut in the middle of a character): show it as Latin-1 so every byte is visible
            return new View("text (not UTF-8, shown as ISO-8859-1)", printable(new String(bytes, StandardCharsets.ISO_8859_1)), more);
        }
    }

    /** Keeps line breaks and tabs, shows other control characters as "·" (HL7 segments end in CR: shown as line breaks). */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') b.append(i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "" : "\n");
            else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) b.append(c);
            else b.append('·');
        }
        return b.toString();
    }

    static View dicomDump(Path file) {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        String problem = "";
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            list.read(new com.pixelmed.dicom.DicomInputStream(in), TagFromName.PixelData);
        } catch (Exception | Error e) {
            problem = "read stopped: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (list.isEmpty()) return new View("none", "", problem.isEmpty() ? "no DICOM attributes found" : problem);
        StringBuilder b = new StringBuilder();
        DicomDictionary dict = AttributeList.getDictionary();
        for (Attribute a : list.values()) append(b, a, dict, "");
        return new View("DICOM header", b.toString(), problem);
    }

    private static void append(StringBuilder b, Attribute a, DicomDictionary dict, String indent) {
        AttributeTag tag = a.getTag();
        String name = dict.getNameFromTag(tag);
        b.append(indent).append(String.format("(%04X,%04X) %s %-32s ", tag.getGroup(), tag.getElement(),
                a.getVRAsString() == null ? "??" : a.getVRAsString(), name == null ? "" : name));
        if (a instanceof SequenceAttribute seq) {
            b.append("sequence of ").append(seq.getNumberOfItems()).append(" item(s)\n");
            for (int i = 0; i < seq.getNumberOfItems(); i++) {
                for (Attribute inner : seq.getItem(i).getAttributeList().values()) append(b, inner, dict, indent + "  > ");
            }
            return;
        }
        String vr = a.getVRAsString();
        if (tag.equals(TagFromName.PixelData) || (vr != null && (vr.startsWith("O") || vr.equals("UN")))) {
            b.append("[").append(a.getVL()).append(" bytes]\n");
            return;
        }
        String v = a.getDelimitedStringValuesOrEmptyString();
        b.append(v.length() > 200 ? v.substring(0, 200) + "…" : v).append('\n');
    }
}
