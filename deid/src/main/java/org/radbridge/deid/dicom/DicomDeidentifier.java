package org.radbridge.deid.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import org.radbridge.deid.DateShift;
import org.radbridge.deid.Pseudonymizer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * DICOM PS3.15 Annex E de-identification of one dataset: PixelMed's {@link ClinicalTrialsAttributes} first (its own
 * list of identifying attributes and its structured-content cleaning), then a pass driven by Table E.1-1 and the
 * profile ({@link DeidProfile}) over every attribute at every sequence depth, which also catches what PixelMed leaves
 * (AE titles, timezone offsets, attributes added to the table after 2021). UIDs become the keyed 2.25 UIDs that OMOP
 * holds ({@link Pseudonymizer#uid}); Patient ID and Patient's Name become the person's research key; dates move by the
 * person's shift. The dataset is then marked: PatientIdentityRemoved YES, DeidentificationMethod and its code
 * sequence (CID 7050), LongitudinalTemporalInformationModified.
 */
public final class DicomDeidentifier {
    private static final Pattern DA = Pattern.compile("\\d{8}");
    private static final Pattern AS = Pattern.compile("(\\d{3})([DWMY])");
    private static final Pattern TM = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");
    private static final Pattern AE = Pattern.compile("[ -~&&[^\\\\]]{1,16}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String DUMMY_TEXT = "REMOVED";
    /** Coded patient characteristics keep only their defined terms (PS3.3): a free value could be anything. */
    private static final Map<Integer, Set<String>> DEFINED_TERMS = Map.of(
            0x00100040, Set.of("M", "F", "O"),
            0x00102203, Set.of("ALTERED", "UNALTERED"),
            0x001021A0, Set.of("YES", "NO", "UNKNOWN"));

    /** Who the dataset is about: the research key (person pseudonym) the whole research view uses. */
    public record Subject(String personKey) {}

    /** What was done: actions per letter, whether pixels may be exported, the date shift in days. */
    public record Outcome(Map<String, Integer> actions, boolean burnedInFlag, String burnedInReason, int shiftDays, List<String> notes) {}

    private final DeidProfile profile;
    private final Pseudonymizer keys;
    private final DateShift dates;
    private final DescriptorReviewer reviewer;
    private final String softwareVersion;

    public DicomDeidentifier(DeidProfile profile, Pseudonymizer keys, DescriptorReviewer reviewer, String softwareVersion) {
        this.profile = profile;
        this.keys = keys;
        this.dates = new DateShift(keys, profile.dateShiftMaxDays());
        this.reviewer = reviewer == null ? DescriptorReviewer.NONE : reviewer;
        this.softwareVersion = softwareVersion;
    }

    public DeidProfile profile() {
        return profile;
    }

    public DateShift dateShift() {
        return dates;
    }

    /** De-identifies {@code list} in place (group 0002 is dropped: the writer builds a new file meta header). */
    public Outcome deidentify(AttributeList list, Subject subject) throws DicomException {
        List<String> notes = new ArrayList<>();
        String sopClass = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID);
        String burned = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.BurnedInAnnotation).trim();
        String reason = null;
        if (burned.equalsIgnoreCase("YES")) reason = "BurnedInAnnotation YES";
        else if (profile.burnedInSopClasses().contains(sopClass) && !(profile.trustBurnedInAnnotationNo() && burned.equalsIgnoreCase("NO"))) {
            reason = "SOP class " + sopClass + " is prone to burned-in text";
        }
        list.removeGroup(0x0002);
        // what the table keeps or shifts under this profile, should PixelMed's older list remove it
        List<Attribute> retained = new ArrayList<>();
        for (Attribute a : list.values()) {
            AttributeTag t = a.getTag();
            if (t.isPrivate() || a instanceof SequenceAttribute) continue;
            DeidTable.Row row = profile.table().row(t.getGroup(), t.getElement());
            String action = row == null ? null : profile.action(row);
            String vr = vr(a);
            if ("K".equals(action) || ("C".equals(action) && (vr.equals("DA") || vr.equals("DT") || vr.equals("TM")))) retained.add(a);
        }
        try {
            ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list, ClinicalTrialsAttributes.HandleUIDs.keep,
                    true, true, true, profile.has("RETAIN_PATIENT_CHARACTERISTICS"), profile.has("RETAIN_DEVICE_IDENTITY"),
                    profile.has("RETAIN_INSTITUTION_IDENTITY"), ClinicalTrialsAttributes.HandleDates.keep, null, null,
                    profile.has("CLEAN_STRUCTURED_CONTENT") ? ClinicalTrialsAttributes.HandleStructuredContent.modify
                            : ClinicalTrialsAttributes.HandleStructuredContent.remove, false);
        } catch (DicomException | RuntimeException e) {
            // the table pass below covers every attribute PixelMed would have handled; note it and go on
            notes.add("PixelMed pass failed (" + e.getClass().getSimpleName() + "); table pass only");
        }
        for (Attribute a : retained) if (list.get(a.getTag()) == null) list.put(a);
        int shift = profile.shiftsDates() ? dates.days(subject.personKey()) : 0;
        Map<String, Integer> counts = new TreeMap<>();
        walk(list, subject, shift, counts);
        mark(list, subject);
        return new Outcome(counts, reason != null, reason, shift, notes);
    }

    private void walk(AttributeList list, Subject subject, int shift, Map<String, Integer> counts) throws DicomException {
        DeidTable table = profile.table();
        for (AttributeTag tag : new ArrayList<>(list.keySet())) {
            Attribute a = list.get(tag);
            if (a == null) continue;
            if (tag.isPrivate()) {
                privateAttribute(list, tag, counts);
                continue;
            }
            DeidTable.Row row = table.row(tag.getGroup(), tag.getElement());
            if (row == null) row = profile.beyondTable(tag.getGroup(), tag.getElement());
            String action = row == null ? null : profile.action(row);
            if (action == null) {
                // not in the table: kept, but its items are still walked
                if (a instanceof SequenceAttribute sq) walkItems(sq, subject, shift, counts);
                continue;
            }
            count(counts, action);
            switch (action) {
                case "X" -> list.remove(tag);
                case "Z" -> zero(list, tag, a, subject);
                case "D" -> dummy(list, tag, a, subject, shift, counts);
                case "U" -> {
                    if (a instanceof SequenceAttribute sq) walkItems(sq, subject, shift, counts); // X/Z/U*: the UIDs inside
                    else uids(a);
                }
                case "K" -> keep(list, tag, a, row, subject, shift, counts);
                case "C" -> clean(list, tag, a, row, subject, shift, counts);
                default -> throw new IllegalStateException("unknown action " + action + " for " + row.name());
            }
        }
        // creators whose block lost every element go too
        for (AttributeTag tag : new ArrayList<>(list.keySet())) {
            if (!tag.isPrivateCreator()) continue;
            int block = tag.getElement() & 0xFF;
            boolean used = list.keySet().stream().anyMatch(t -> t.getGroup() == tag.getGroup() && !t.isPrivateCreator()
                    && t.getElement() >= 0x1000 && ((t.getElement() >> 8) & 0xFF) == block);
            if (!used) list.remove(tag);
        }
    }

    private void walkItems(SequenceAttribute sq, Subject subject, int shift, Map<String, Integer> counts) throws DicomException {
        for (int i = 0; i < sq.getNumberOfItems(); i++) {
            SequenceItem item = sq.getItem(i);
            if (item != null && item.getAttributeList() != null) walk(item.getAttributeList(), subject, shift, counts);
        }
    }

    private void privateAttribute(AttributeList list, AttributeTag tag, Map<String, Integer> counts) {
        if (tag.isPrivateCreator() || tag.getElement() < 0x1000) return; // creators are settled after the walk
        if (profile.has("RETAIN_SAFE_PRIVATE")) {
            String creator = list.getPrivateCreatorString(tag);
            int offset = tag.getElement() & 0xFF;
            for (DeidProfile.SafePrivate s : profile.safePrivate()) {
                if (s.group() == tag.getGroup() && s.elementOffset() == offset && creator != null && s.creator().equals(creator.strip())) {
                    count(counts, "K");
                    return;
                }
            }
        }
        count(counts, "X");
        list.remove(tag);
    }

    private void zero(AttributeList list, AttributeTag tag, Attribute a, Subject subject) throws DicomException {
        if (identity(list, tag, subject)) return;
        if (a instanceof SequenceAttribute) {
            list.put(new SequenceAttribute(tag));
            return;
        }
        a.removeValues();
    }

    /** Patient ID and Patient's Name carry the research key, so that exported files link to OMOP's person. */
    private boolean identity(AttributeList list, AttributeTag tag, Subject subject) throws DicomException {
        if (tag.equals(TagFromName.PatientID) || tag.equals(TagFromName.PatientName)) {
            Attribute a = list.get(tag);
            a.removeValues();
            a.addValue(subject.personKey());
            return true;
        }
        return false;
    }

    private void dummy(AttributeList list, AttributeTag tag, Attribute a, Subject subject, int shift, Map<String, Integer> counts)
            throws DicomException {
        if (identity(list, tag, subject)) return;
        if (a instanceof SequenceAttribute sq) {
            // a sequence replaced by a dummy keeps its structure with every attribute inside de-identified too
            walkItems(sq, subject, shift, counts);
            return;
        }
        String vr = vr(a);
        Attribute fresh = AttributeFactory.newAttribute(tag, a.getVR());
        switch (vr) {
            case "DA" -> fresh.addValue("19000101");
            case "TM" -> fresh.addValue("000000");
            case "DT" -> fresh.addValue("19000101000000");
            case "UI" -> fresh.addValue(keys.uid("dummy|" + tag));
            case "AS" -> fresh.addValue("000Y");
            case "DS", "IS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV" -> fresh.addValue("0");
            case "OB", "OW", "OF", "OD", "OL", "OV", "UN" -> { /* zero length: no dummy bytes to invent */ }
            case "PN" -> fresh.addValue("REMOVED^REMOVED");
            default -> fresh.addValue(DUMMY_TEXT);
        }
        list.put(fresh);
    }

    private void uids(Attribute a) throws DicomException {
        String[] values = a.getStringValues();
        a.removeValues();
        if (values == null) return;
        for (String v : values) if (v != null && !v.isBlank()) a.addValue(keys.uid(v.strip()));
    }

    /** K from an option: patient characteristics are kept only when their value is what the attribute may hold. */
    private void keep(AttributeList list, AttributeTag tag, Attribute a, DeidTable.Row row, Subject subject, int shift,
                      Map<String, Integer> counts) throws DicomException {
        if (a instanceof SequenceAttribute sq) {
            walkItems(sq, subject, shift, counts);
            return;
        }
        if (!"K".equals(row.options().get("RETAIN_PATIENT_CHARACTERISTICS")) || !profile.has("RETAIN_PATIENT_CHARACTERISTICS")) return;
        String v = a.getDelimitedStringValuesOrEmptyString().strip();
        if (v.isEmpty()) return;
        int key = (tag.getGroup() << 16) | tag.getElement();
        String vr = vr(a);
        boolean valid;
        if (DEFINED_TERMS.containsKey(key)) valid = DEFINED_TERMS.get(key).contains(v.toUpperCase());
        else if (vr.equals("AS")) {
            var m = AS.matcher(v);
            valid = m.matches();
            if (valid && profile.groupAgesOver89() && m.group(2).equals("Y") && Integer.parseInt(m.group(1)) > 89) {
                a.removeValues();
                a.addValue("090Y");
            }
        } else if (vr.equals("DS") || vr.equals("IS")) valid = v.split("\\\\").length > 0 && java.util.Arrays.stream(v.split("\\\\"))
                .allMatch(s -> DECIMAL.matcher(s.strip()).matches());
        else if (vr.equals("US") || vr.equals("SS") || vr.equals("UL") || vr.equals("SL") || vr.equals("FL") || vr.equals("FD")) valid = true;
        else {
            String reviewed = reviewer.review(tag.getGroup(), tag.getElement(), v);
            valid = reviewed != null;
            if (valid && !reviewed.equals(v)) {
                a.removeValues();
                a.addValue(reviewed);
            }
        }
        if (!valid) list.remove(tag);
    }

    private void clean(AttributeList list, AttributeTag tag, Attribute a, DeidTable.Row row, Subject subject, int shift,
                       Map<String, Integer> counts) throws DicomException {
        if (a instanceof SequenceAttribute sq) {
            walkItems(sq, subject, shift, counts);
            return;
        }
        String vr = vr(a);
        switch (vr) {
            case "DA", "DT" -> {
                if (!profile.shiftsDates()) {
                    a.removeValues();
                    return;
                }
                shiftDates(list, tag, a, shift);
            }
            case "TM" -> {
                // a time of day does not move with a whole-day shift; anything that is not a time goes
                for (String v : values(a)) if (!TM.matcher(v.strip()).matches()) { list.remove(tag); return; }
            }
            case "AE" -> {
                for (String v : values(a)) if (!AE.matcher(v.strip()).matches()) { list.remove(tag); return; }
            }
            default -> {
                if (row.options().containsKey("CLEAN_GRAPHICS") && profile.has("CLEAN_GRAPHICS")) {
                    // graphics are not redrawn here: cleaning them means removing them
                    list.remove(tag);
                    return;
                }
                String v = a.getDelimitedStringValuesOrEmptyString().strip();
                String reviewed = v.isEmpty() ? null : reviewer.review(tag.getGroup(), tag.getElement(), v);
                if (reviewed == null) list.remove(tag);
                else if (!reviewed.equals(v)) {
                    a.removeValues();
                    a.addValue(reviewed);
                }
            }
        }
    }

    private void shiftDates(AttributeList list, AttributeTag tag, Attribute a, int shift) throws DicomException {
        List<String> out = new ArrayList<>();
        for (String v : values(a)) {
            String s = v.strip();
            if (s.length() < 8 || !DA.matcher(s.substring(0, 8)).matches()) {
                list.remove(tag);
                return;
            }
            try {
                LocalDate d = LocalDate.parse(s.substring(0, 8), BASIC).plusDays(shift);
                String rest = s.substring(8);
                // a UTC offset or a range in a date-time would say more than the shifted date: only date and time stay
                if (vr(a).equals("DT")) rest = rest.replaceAll("[+-]\\d{4}$", "");
                else if (!rest.isEmpty()) { list.remove(tag); return; }
                out.add(d.format(BASIC) + rest);
            } catch (DateTimeParseException e) {
                list.remove(tag);
                return;
            }
        }
        a.removeValues();
        for (String v : out) a.addValue(v);
    }

    private void mark(AttributeList list, Subject subject) throws DicomException {
        putString(list, TagFromName.PatientIdentityRemoved, "YES");
        Attribute method = AttributeFactory.newAttribute(TagFromName.DeidentificationMethod, "LO".getBytes(StandardCharsets.US_ASCII));
        method.addValue(cut("RadBridge " + softwareVersion + " profile " + profile.name(), 64));
        method.addValue(cut("PS3.15 Table E.1-1 " + profile.table().revision(), 64));
        list.put(method);
        SequenceAttribute codes = new SequenceAttribute(TagFromName.DeidentificationMethodCodeSequence);
        codes.addItem(new CodedSequenceItem(DeidOption.basic().code(), "DCM", DeidOption.basic().meaning()).getAttributeList());
        for (DeidOption o : DeidOption.byId().values()) {
            if (profile.has(o.id())) codes.addItem(new CodedSequenceItem(o.code(), "DCM", o.meaning()).getAttributeList());
        }
        list.put(codes);
        String temporal = profile.shiftsDates() ? "MODIFIED" : profile.has("RETAIN_LONGITUDINAL_FULL_DATES") ? "UNMODIFIED" : "REMOVED";
        putString(list, TagFromName.LongitudinalTemporalInformationModified, temporal);
        if (list.get(TagFromName.PatientID) == null) putString(list, TagFromName.PatientID, subject.personKey());
    }

    private static void putString(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static List<String> values(Attribute a) throws DicomException {
        String[] v = a.getStringValues();
        return v == null ? List.of() : List.of(v);
    }

    private static String vr(Attribute a) {
        return new String(a.getVR(), StandardCharsets.US_ASCII);
    }

    private static void count(Map<String, Integer> counts, String action) {
        counts.merge(action, 1, Integer::sum);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
