package org.radbridge.deid.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A named de-identification profile ({@code deid/profiles/NAME.json} on the class path, or a JSON file of the same
 * shape): which PS3.15 options apply, how combined actions (X/Z ...) resolve, the date shift, age grouping, the safe
 * private allow-list and the SOP classes prone to burned-in text. {@code research} is the default
 * ({@code RADBRIDGE_DEID_PROFILE} chooses another).
 */
public final class DeidProfile {
    public static final String DEFAULT = "research";

    /** One allow-listed private attribute: creator, odd group, element offset within the creator's block (two hex digits). */
    public record SafePrivate(String creator, int group, int elementOffset) {}

    private final String name;
    private final String description;
    private final Set<String> options;
    private final Map<String, String> combined;
    private final int dateShiftMaxDays;
    private final boolean groupAgesOver89;
    private final List<SafePrivate> safePrivate;
    private final Set<String> burnedInSopClasses;
    private final boolean trustBurnedInAnnotationNo;
    private final DeidTable table;
    private final Map<Integer, DeidTable.Row> beyondTable;

    private DeidProfile(JsonNode p, DeidTable table, String where) {
        this.table = table;
        this.name = text(p, "name", where);
        this.description = p.path("description").asText("");
        Set<String> opts = new LinkedHashSet<>();
        for (JsonNode o : p.path("options")) {
            String id = o.asText();
            if (!DeidOption.byId().containsKey(id)) {
                throw new IllegalArgumentException(where + ": unknown option '" + id + "' (known: " + DeidOption.byId().keySet() + ")");
            }
            opts.add(id);
        }
        if (opts.contains("RETAIN_LONGITUDINAL_FULL_DATES") && opts.contains("RETAIN_LONGITUDINAL_MODIFIED_DATES")) {
            throw new IllegalArgumentException(where + ": RETAIN_LONGITUDINAL_FULL_DATES and RETAIN_LONGITUDINAL_MODIFIED_DATES exclude each other");
        }
        this.options = Set.copyOf(opts);
        Map<String, String> comb = new LinkedHashMap<>();
        p.path("combined").fields().forEachRemaining(f -> comb.put(f.getKey(), f.getValue().asText()));
        this.combined = Map.copyOf(comb);
        for (DeidTable.Row r : table.rows()) {
            if (r.basic().contains("/") && !combined.containsKey(r.basic())) {
                throw new IllegalArgumentException(where + ": 'combined' has no choice for the table's action " + r.basic() + " (" + r.name() + ")");
            }
        }
        this.dateShiftMaxDays = p.path("dateShift").path("maxDays").asInt(0);
        if (dateShiftMaxDays < 0 || dateShiftMaxDays > 3650) throw new IllegalArgumentException(where + ": dateShift.maxDays must be 0..3650");
        String ages = p.path("agesOver89").asText("keep");
        if (!ages.equals("group") && !ages.equals("keep")) throw new IllegalArgumentException(where + ": agesOver89 must be 'group' or 'keep'");
        this.groupAgesOver89 = ages.equals("group");
        List<SafePrivate> safe = new ArrayList<>();
        for (JsonNode s : p.path("safePrivate")) {
            int group = Integer.parseInt(text(s, "group", where), 16);
            if (group % 2 == 0) throw new IllegalArgumentException(where + ": safePrivate group " + s.get("group").asText() + " is not odd");
            safe.add(new SafePrivate(text(s, "creator", where).strip(), group, Integer.parseInt(text(s, "element", where), 16)));
        }
        this.safePrivate = List.copyOf(safe);
        Set<String> burned = new LinkedHashSet<>();
        p.path("burnedIn").path("sopClasses").forEach(s -> burned.add(s.asText()));
        this.burnedInSopClasses = Set.copyOf(burned);
        this.trustBurnedInAnnotationNo = p.path("burnedIn").path("trustBurnedInAnnotationNo").asBoolean(false);
        Map<Integer, DeidTable.Row> beyond = new LinkedHashMap<>();
        for (JsonNode b : p.path("beyondTable")) {
            String tag = text(b, "tag", where);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\\)").matcher(tag);
            if (!m.matches()) throw new IllegalArgumentException(where + ": beyondTable tag " + tag + " is not (gggg,eeee)");
            String action = text(b, "action", where);
            if (!List.of("X", "Z", "D", "K", "C", "U").contains(action)) throw new IllegalArgumentException(where + ": beyondTable action " + action);
            beyond.put((Integer.parseInt(m.group(1), 16) << 16) | Integer.parseInt(m.group(2), 16),
                    new DeidTable.Row(tag, b.path("why").asText(tag), action, Map.of()));
        }
        this.beyondTable = Map.copyOf(beyond);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.asText().isBlank()) throw new IllegalArgumentException(where + ": '" + field + "' is missing");
        return v.asText();
    }

    /** A shipped profile by name, or a profile file when the name is a path to one. */
    public static DeidProfile load(String nameOrPath) {
        String n = nameOrPath == null || nameOrPath.isBlank() ? DEFAULT : nameOrPath.strip();
        ObjectMapper json = new ObjectMapper();
        try {
            Path file = Path.of(n);
            if (n.endsWith(".json") && Files.isRegularFile(file)) {
                return new DeidProfile(json.readTree(file.toFile()), DeidTable.shipped(), file.toString());
            }
            String resource = "deid/profiles/" + n.toLowerCase(Locale.ROOT) + ".json";
            try (InputStream in = DeidProfile.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IllegalArgumentException("no de-identification profile '" + n + "' (shipped: basic, research, "
                        + "research-device; or give the path of a profile .json file)");
                return new DeidProfile(json.readTree(in), DeidTable.shipped(), resource);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read de-identification profile '" + n + "': " + e.getMessage(), e);
        }
    }

    /** The profile named by RADBRIDGE_DEID_PROFILE / -Dradbridge.deid.profile, else the default. */
    public static DeidProfile fromEnvironment() {
        return load(System.getProperty("radbridge.deid.profile", System.getenv().getOrDefault("RADBRIDGE_DEID_PROFILE", DEFAULT)));
    }

    public String name() { return name; }
    public String description() { return description; }
    public Set<String> options() { return options; }
    public boolean has(String option) { return options.contains(option); }
    public int dateShiftMaxDays() { return dateShiftMaxDays; }
    public boolean groupAgesOver89() { return groupAgesOver89; }
    public List<SafePrivate> safePrivate() { return safePrivate; }
    public Set<String> burnedInSopClasses() { return burnedInSopClasses; }
    public boolean trustBurnedInAnnotationNo() { return trustBurnedInAnnotationNo; }
    public DeidTable table() { return table; }

    /** The profile's own row for an attribute Table E.1-1 does not list, or null. */
    public DeidTable.Row beyondTable(int group, int element) {
        return beyondTable.get((group << 16) | element);
    }

    /** Dates are shifted (Modified Dates option with a non-zero range), kept (Full Dates) or emptied (neither). */
    public boolean shiftsDates() {
        return has("RETAIN_LONGITUDINAL_MODIFIED_DATES") && dateShiftMaxDays > 0;
    }

    /**
     * The single action (X, Z, D, K, C, U) for a table row under this profile: an option's action replaces the basic
     * one; where two chosen options disagree, C (clean) wins over K (keep); a combined basic action resolves through
     * {@code combined}.
     */
    public String action(DeidTable.Row row) {
        String chosen = null;
        for (Map.Entry<String, String> o : row.options().entrySet()) {
            if (!options.contains(o.getKey())) continue;
            String a = o.getValue();
            if (chosen == null || a.equals("C")) chosen = a;
        }
        if (chosen != null) return chosen;
        String basic = row.basic();
        return basic.contains("/") ? combined.get(basic) : basic;
    }
}
