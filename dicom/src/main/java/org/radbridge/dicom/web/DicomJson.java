package org.radbridge.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import org.radbridge.dicom.DicomHeader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DICOM JSON (PS3.18 annex F) to {@link DicomHeader}, with the same rules as {@link org.radbridge.dicom.DicomHeaderReader}:
 * keywords from PixelMed's dictionary, multiple values joined by a backslash, sequences, private attributes,
 * binary VRs (O*, UN) and pixel data left out, values cut at 1024 characters. Person names are rebuilt as
 * {@code Alphabetic=Ideographic=Phonetic} the way they are encoded in a file.
 */
public final class DicomJson {
    private static final DicomDictionary DICTIONARY = AttributeList.getDictionary();
    private static final int MAX_VALUE_CHARS = 1024;

    private DicomJson() {}

    public static DicomHeader toHeader(JsonNode dataset) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = dataset.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            AttributeTag tag = parseTag(f.getKey());
            if (tag == null || tag.isPrivate() || (tag.getGroup() == 0x7FE0 && tag.getElement() == 0x0010)) continue;
            JsonNode el = f.getValue();
            String vr = el.path("VR").asText(el.path("vr").asText(""));
            if (vr.equals("SQ") || vr.startsWith("O") || vr.equals("UN")) continue;
            JsonNode value = el.get("Value");
            if (value == null || !value.isArray() || value.isEmpty()) continue;
            List<String> parts = new ArrayList<>();
            for (JsonNode v : value) parts.add(text(v, vr));
            String joined = String.join("\\", parts).replace('\u0000', ' ').trim();
            if (joined.isEmpty() || joined.chars().allMatch(c -> c == '\\')) continue;
            if (joined.length() > MAX_VALUE_CHARS) joined = joined.substring(0, MAX_VALUE_CHARS);
            String keyword = DICTIONARY.getNameFromTag(tag);
            values.put(keyword == null ? tag.toString() : keyword, joined);
        }
        return new DicomHeader(values, dataset.toString());
    }

    private static String text(JsonNode v, String vr) {
        if (v == null || v.isNull()) return "";
        if (vr.equals("PN") && v.isObject()) {
            String a = v.path("Alphabetic").asText(""), i = v.path("Ideographic").asText(""), p = v.path("Phonetic").asText("");
            String s = a;
            if (!i.isEmpty() || !p.isEmpty()) s += "=" + i;
            if (!p.isEmpty()) s += "=" + p;
            return s.trim();
        }
        if (v.isBigDecimal()) return plain(v.decimalValue());
        if (v.isFloatingPointNumber()) return plain(BigDecimal.valueOf(v.doubleValue()));
        if (v.isNumber()) return v.asText();
        return v.asText().trim();
    }

    private static String plain(BigDecimal d) {
        String s = d.toPlainString();
        return s.length() > 24 ? d.toString() : s;
    }

    static AttributeTag parseTag(String key) {
        if (key == null || key.length() != 8) return null;
        try {
            return new AttributeTag(Integer.parseInt(key.substring(0, 4), 16), Integer.parseInt(key.substring(4), 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
