package org.radbridge.deid.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import org.radbridge.deid.Pseudonymizer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a de-identified dataset against its original the way the MIDI-B de-identification benchmark does: for every
 * attribute of the original that Table E.1-1 lists, the action the profile requires (remove, replace, shift, clean,
 * keep) and whether the output shows it was performed; the score is the share performed correctly, per action type.
 * It reads only the two datasets, the table and the profile, not the de-identifier's own account.
 */
public final class DeidScore {
    public record Tally(int required, int correct) {
        public double share() {
            return required == 0 ? 1.0 : correct / (double) required;
        }
    }

    public record Result(Map<String, Tally> byAction, List<String> failures) {
        public double overall() {
            int r = 0, c = 0;
            for (Tally t : byAction.values()) {
                r += t.required();
                c += t.correct();
            }
            return r == 0 ? 1.0 : c / (double) r;
        }

        public String format() {
            StringBuilder b = new StringBuilder();
            byAction.forEach((k, t) -> b.append(String.format("  %-8s %4d/%4d  %.3f%n", k, t.correct(), t.required(), t.share())));
            b.append(String.format("  overall  %.3f%n", overall()));
            return b.toString();
        }
    }

    private DeidScore() {}

    public static Result score(AttributeList original, AttributeList output, DeidProfile profile, Pseudonymizer keys, int shiftDays)
            throws DicomException {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String k : List.of("remove", "replace", "shift", "clean", "keep")) counts.put(k, new int[2]);
        List<String> failures = new ArrayList<>();
        for (AttributeTag tag : original.keySet()) {
            Attribute in = original.get(tag);
            DeidTable.Row row = tag.isPrivate() ? (tag.isPrivateCreator() ? null : profile.table().privateRow())
                    : profile.table().row(tag.getGroup(), tag.getElement());
            if (row == null) continue;
            String action = profile.action(row);
            if (tag.isPrivate() && profile.has("RETAIN_SAFE_PRIVATE")) continue; // allow-list decides; scored as remove only without it
            String vr = new String(in.getVR());
            Attribute out = output.get(tag);
            String before = in.getDelimitedStringValuesOrEmptyString();
            String after = out == null ? null : out.getDelimitedStringValuesOrEmptyString();
            String kind;
            boolean ok;
            switch (action) {
                case "X" -> { kind = "remove"; ok = out == null; }
                case "Z", "D" -> { kind = "replace"; ok = out == null || (vr.equals("SQ") ? noValueOf(before, after) : after.isEmpty() || (!after.equals(before) && !contains(after, before))); }
                case "U" -> { kind = "replace"; ok = out == null || (vr.equals("SQ") ? noValueOf(before, after) : after.isEmpty() || after.equals(remapped(before, keys))); }
                case "C" -> {
                    if ((vr.equals("DA") || vr.equals("DT")) && profile.shiftsDates()) {
                        kind = "shift";
                        ok = after != null && before.length() >= 8 && after.length() >= 8
                                && after.startsWith(LocalDate.parse(before.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE).plusDays(shiftDays)
                                .format(DateTimeFormatter.BASIC_ISO_DATE));
                    } else {
                        kind = "clean";
                        ok = out == null || vr.equals("SQ") || vr.equals("TM") || !contains(after, before) || before.isEmpty();
                    }
                }
                default -> { kind = "keep"; ok = vr.equals("SQ") || (after != null && (after.equals(before) || agesGrouped(vr, before, after, profile))); }
            }
            int[] c = counts.get(kind);
            c[0]++;
            if (ok) c[1]++;
            else failures.add(kind + " " + row.tag() + " " + row.name() + ": '" + before + "' -> " + (after == null ? "(removed)" : "'" + after + "'"));
        }
        Map<String, Tally> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, new Tally(v[0], v[1])));
        return new Result(out, failures);
    }

    private static boolean agesGrouped(String vr, String before, String after, DeidProfile profile) {
        return vr.equals("AS") && profile.groupAgesOver89() && before.matches("(9\\d|[1-9]\\d\\d)\\dY|09\\dY") && after.equals("090Y");
    }

    /** A replaced sequence: none of the original's values (but standard UIDs and short codes) is left in it. */
    private static boolean noValueOf(String before, String after) {
        for (String v : before.split("[<>{},]")) {
            String t = v.strip();
            if (t.length() >= 6 && !t.startsWith("1.2.840.10008.") && after.contains(t)) return false;
        }
        return true;
    }

    private static boolean contains(String after, String before) {
        return !before.isBlank() && after.contains(before.strip());
    }

    private static String remapped(String before, Pseudonymizer keys) {
        List<String> out = new ArrayList<>();
        for (String v : before.split("\\\\")) if (!v.isBlank()) out.add(keys.uid(v.strip()));
        return String.join("\\", out);
    }
}
