package org.radbridge.research.dicomweb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Datasets as the DICOM JSON Model (PS3.18 Annex F) for QIDO-RS and WADO-RS metadata answers: tag keys, "vr", "Value"
 * (numbers as JSON numbers, person names as {"Alphabetic": ...}), sequences recursively. Bulk data (OB/OW/UN ...) is
 * left out: these answers describe, the instance endpoint delivers.
 */
public final class DicomJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INTEGERS = Set.of("IS", "US", "SS", "UL", "SL", "UV", "SV");
    private static final Set<String> DECIMALS = Set.of("DS", "FL", "FD");

    private DicomJson() {}

    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    public static ObjectNode object(AttributeList list) {
        ObjectNode o = JSON.createObjectNode();
        for (Attribute a : list.values()) {
            AttributeTag t = a.getTag();
            if (t.getGroup() == 0x0002 || t.getGroup() == 0x7FE0) continue;
            String vr = new String(a.getVR(), StandardCharsets.US_ASCII);
            if (vr.startsWith("O") || vr.equals("UN")) continue;
            ObjectNode e = o.putObject(String.format("%04X%04X", t.getGroup(), t.getElement()));
            e.put("vr", vr);
            if (a instanceof SequenceAttribute sq) {
                if (sq.getNumberOfItems() == 0) continue;
                ArrayNode items = e.putArray("Value");
                for (int i = 0; i < sq.getNumberOfItems(); i++) {
                    SequenceItem item = sq.getItem(i);
                    items.add(item == null || item.getAttributeList() == null ? JSON.createObjectNode() : object(item.getAttributeList()));
                }
                continue;
            }
            String[] values = Attribute.getStringValues(a);
            if (values == null || values.length == 0 || (values.length == 1 && values[0].isEmpty())) continue;
            ArrayNode arr = e.putArray("Value");
            for (String v : values) {
                String s = v == null ? "" : v.strip();
                if (vr.equals("PN")) arr.addObject().put("Alphabetic", s);
                else if (INTEGERS.contains(vr)) {
                    try { arr.add(Long.parseLong(s)); } catch (NumberFormatException ex) { arr.add(s); }
                } else if (DECIMALS.contains(vr)) {
                    try { arr.add(Double.parseDouble(s)); } catch (NumberFormatException ex) { arr.add(s); }
                } else arr.add(s);
            }
        }
        return o;
    }
}
