package org.radbridge.report.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One segment of an ER7 (pipe-encoded) message, with positions counted as HL7 counts them (MSH-1 is the separator). */
final class Hl7Segment {
    private final String name;
    private final String[] fields;
    private final Hl7Text.Delimiters d;
    /** 1-based position of the segment in the message, for ERR-2. */
    private final int sequence;

    Hl7Segment(String line, Hl7Text.Delimiters d, int sequence) {
        this.d = d;
        this.sequence = sequence;
        String[] parts = line.split(Pattern.quote(String.valueOf(d.field())), -1);
        this.name = parts[0];
        if (name.equals("MSH")) {
            // MSH-1 is the field separator itself, so MSH-n sits at parts[n - 1]
            String[] f = new String[parts.length + 1];
            f[0] = "MSH";
            f[1] = String.valueOf(d.field());
            System.arraycopy(parts, 1, f, 2, parts.length - 1);
            this.fields = f;
        } else {
            this.fields = parts;
        }
    }

    String name() { return name; }
    int sequence() { return sequence; }

    /** Field n as encoded (all repetitions), or "" when absent. */
    String field(int n) {
        return n < fields.length && fields[n] != null ? fields[n] : "";
    }

    /** The repetitions of field n, as encoded. */
    List<String> repetitions(int n) {
        String f = field(n);
        List<String> out = new ArrayList<>();
        if (f.isEmpty()) return out;
        for (String r : f.split(Pattern.quote(String.valueOf(d.repetition())), -1)) out.add(r);
        return out;
    }

    /** Component c (1-based) of the first repetition of field n, as encoded. */
    String component(int n, int c) {
        List<String> reps = repetitions(n);
        return reps.isEmpty() ? "" : componentOf(reps.get(0), c);
    }

    String componentOf(String repetition, int c) {
        String[] comps = repetition.split(Pattern.quote(String.valueOf(d.component())), -1);
        return c - 1 < comps.length ? comps[c - 1] : "";
    }

    String subcomponentOf(String component, int s) {
        String[] subs = component.split(Pattern.quote(String.valueOf(d.subcomponent())), -1);
        return s - 1 < subs.length ? subs[s - 1] : "";
    }

    String location(int field) {
        return name + "^" + sequence + "^" + field;
    }
}
