package org.radbridge.deid.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DICOM dataset in which every Table E.1-1 attribute with a fixed tag is present and carries a unique marker (text
 * markers for text, distinct dates for dates, distinct UIDs for UIDs), plus private attributes and nested sequences
 * whose items carry markers too: the input of the leak tests and of the MIDI-B-style score. Values stay valid for their
 * VR, so a reader does not reject the file before the de-identifier sees it. Retained patient characteristics get
 * plausible values (a marker there would be removed as invalid, which says nothing about keeping).
 */
public final class MarkerDataset {
    private static final Pattern TAG = Pattern.compile("\\(([0-9A-F]{4}),([0-9A-F]{4})\\)");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    /** The dataset and what was put where: tag (as in the table) to the value written, for text, dates and UIDs. */
    public record Generated(AttributeList list, Map<String, String> markers, String prefix) {}

    private MarkerDataset() {}

    /** @param prefix distinguishes markers of several generated files ("PHIA", "PHIB" ...), upper case letters */
    public static Generated generate(DeidTable table, String prefix, String sopClassUid, int seed) throws DicomException {
        AttributeList list = new AttributeList();
        Map<String, String> markers = new LinkedHashMap<>();
        int i = 0;
        for (DeidTable.Row row : table.rows()) {
            Matcher m = TAG.matcher(row.tag().toUpperCase());
            if (!m.matches()) continue;
            AttributeTag tag = new AttributeTag(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16));
            if (tag.getGroup() == 0x0002) continue;
            byte[] vr = AttributeList.getDictionary().getValueRepresentationFromTag(tag);
            String vrs = vr == null ? "LO" : new String(vr, StandardCharsets.US_ASCII);
            if (vr == null) vr = "LO".getBytes(StandardCharsets.US_ASCII);
            i++;
            String text = prefix + String.format("%04X%04X", tag.getGroup(), tag.getElement());
            Attribute a;
            switch (vrs) {
                case "SQ" -> {
                    SequenceAttribute sq = new SequenceAttribute(tag);
                    sq.addItem(item(prefix, tag, seed + i));
                    a = sq;
                    markers.put(row.tag() + "/item", text + "I");
                }
                case "DA" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    String d = LocalDate.of(1951, 1, 1).plusDays(seed * 1000L + i * 7L).format(BASIC);
                    a.addValue(d);
                    markers.put(row.tag(), d);
                }
                case "DT" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    String d = LocalDate.of(1951, 1, 1).plusDays(seed * 1000L + i * 7L).format(BASIC) + "101112";
                    a.addValue(d);
                    markers.put(row.tag(), d);
                }
                case "TM" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    a.addValue(String.format("%02d%02d%02d", i % 24, i % 60, (i * 7) % 60));
                }
                case "UI" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    String uid = "1.2.826.0.1.3680043.10.1034." + seed + "." + i;
                    a.addValue(uid);
                    markers.put(row.tag(), uid);
                }
                case "AS" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    a.addValue("093Y");
                }
                case "DS", "IS" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    a.addValue(Integer.toString(40 + i % 50));
                }
                case "US", "SS", "UL", "SL", "FL", "FD", "AT", "UV", "SV", "OF", "OD", "OL", "OV", "OW" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    if (!vrs.startsWith("O") && !vrs.equals("AT")) a.addValue(Integer.toString(i % 100));
                }
                case "OB", "UN" -> {
                    OtherByteAttribute ob = new OtherByteAttribute(tag);
                    byte[] b = (text + "B").getBytes(StandardCharsets.US_ASCII);
                    ob.setValues(b.length % 2 == 0 ? b : (text + "B ").getBytes(StandardCharsets.US_ASCII));
                    a = ob;
                    markers.put(row.tag(), text + "B");
                }
                case "PN" -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    a.addValue(text + "^" + prefix + "GIVEN");
                    markers.put(row.tag(), text);
                }
                default -> {
                    a = AttributeFactory.newAttribute(tag, vr);
                    a.addValue(text);
                    markers.put(row.tag(), text);
                }
            }
            list.put(a);
        }
        // retained patient characteristics: values they may hold, so that keeping them can be scored
        put(list, TagFromName.PatientSex, "F");
        put(list, TagFromName.PatientAge, "093Y");
        put(list, TagFromName.PatientSize, "1.72");
        put(list, TagFromName.PatientWeight, "70.5");
        put(list, TagFromName.SmokingStatus, "NO");
        put(list, new AttributeTag(0x0010, 0x2203), "ALTERED");
        for (String t : new String[] {"(0010,0040)", "(0010,1010)", "(0010,1020)", "(0010,1030)", "(0010,21A0)", "(0010,2203)"}) markers.remove(t);
        // identity of the image, the way a modality writes it
        put(list, TagFromName.SOPClassUID, sopClassUid);
        put(list, TagFromName.Modality, "CT");
        // private attributes, one block, and a private sequence with a marker inside
        put(list, new AttributeTag(0x0009, 0x0010), "RADBRIDGE MARKER");
        put(list, new AttributeTag(0x0009, 0x1001), prefix + "PRIVATE1");
        markers.put("(0009,1001)", prefix + "PRIVATE1");
        SequenceAttribute ps = new SequenceAttribute(new AttributeTag(0x0009, 0x1002));
        AttributeList pi = new AttributeList();
        put(pi, TagFromName.PatientName, prefix + "PRIVSEQNAME");
        ps.addItem(pi);
        list.put(ps);
        markers.put("(0009,1002)/item", prefix + "PRIVSEQNAME");
        return new Generated(list, markers, prefix);
    }

    /** A sequence item holding a name, an id, a UID and a nested sequence with another name and a private attribute. */
    private static AttributeList item(String prefix, AttributeTag parent, int n) throws DicomException {
        String base = prefix + String.format("%04X%04X", parent.getGroup(), parent.getElement()) + "I";
        AttributeList item = new AttributeList();
        put(item, TagFromName.PersonName, base + "^NESTED");
        put(item, TagFromName.PatientID, base + "ID");
        put(item, TagFromName.ReferencedSOPInstanceUID, "1.2.826.0.1.3680043.10.1034.77." + n);
        put(item, TagFromName.TextValue, base + "TEXT");
        SequenceAttribute inner = new SequenceAttribute(TagFromName.ContentSequence);
        AttributeList deep = new AttributeList();
        put(deep, TagFromName.PersonName, base + "DEEP");
        put(deep, new AttributeTag(0x0011, 0x0010), "RADBRIDGE MARKER");
        put(deep, new AttributeTag(0x0011, 0x1001), base + "DEEPPRIV");
        inner.addItem(deep);
        item.put(inner);
        return item;
    }

    private static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = tag.isPrivate() ? AttributeFactory.newAttribute(tag, "LO".getBytes(StandardCharsets.US_ASCII)) : AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
