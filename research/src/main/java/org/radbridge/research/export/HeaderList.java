package org.radbridge.research.export;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds a DICOM dataset from the header staging keeps ({@code radbridge.instance.attributes}: keyword to value, top
 * level, no sequences, no private attributes). Keywords the dictionary does not know and the file meta group are left
 * out: nothing that cannot be checked against Table E.1-1 goes into an export.
 */
public final class HeaderList {
    private static final DicomDictionary DICTIONARY = AttributeList.getDictionary();
    private static final Pattern TAG = Pattern.compile("\\(0x([0-9a-fA-F]{4}),0x([0-9a-fA-F]{4})\\)|\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\)");
    /** Text VRs whose backslash is a character, not a value separator. */
    private static final Set<String> SINGLE_VALUED = Set.of("LT", "ST", "UT", "UR");

    private HeaderList() {}

    public static AttributeList from(Map<String, String> header) {
        AttributeList list = new AttributeList();
        for (Map.Entry<String, String> e : header.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) continue;
            AttributeTag tag = tag(e.getKey());
            if (tag == null || tag.getGroup() == 0x0002 || tag.isPrivate()) continue;
            byte[] vr = DICTIONARY.getValueRepresentationFromTag(tag);
            if (vr == null) continue;
            String v = new String(vr, StandardCharsets.US_ASCII);
            if (v.equals("SQ") || v.startsWith("O") || v.equals("UN")) continue;
            try {
                Attribute a = AttributeFactory.newAttribute(tag, vr);
                if (SINGLE_VALUED.contains(v)) a.addValue(e.getValue());
                else for (String part : e.getValue().split("\\\\", -1)) a.addValue(part);
                list.put(a);
            } catch (DicomException | RuntimeException ex) {
                // a value the VR cannot hold is not exported: the de-identifier could not judge it
            }
        }
        return list;
    }

    private static AttributeTag tag(String keyword) {
        AttributeTag t = DICTIONARY.getTagFromName(keyword);
        if (t != null) return t;
        Matcher m = TAG.matcher(keyword);
        if (!m.matches()) return null;
        String g = m.group(1) != null ? m.group(1) : m.group(3);
        String el = m.group(2) != null ? m.group(2) : m.group(4);
        return new AttributeTag(Integer.parseInt(g, 16), Integer.parseInt(el, 16));
    }
}
