package org.radbridge.research.dq;

import org.radbridge.terminology.CsvReader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A site's threshold changes ({@code dq/threshold-overrides.csv}), keyed the way OHDSI DataQualityDashboard keys
 * its thresholds (check name, CDM table, CDM field), so that one file serves both {@code radbridge dq} and DQD.
 * Lines starting with # are comments; every row needs notes saying why.
 */
public final class ThresholdOverrides {
    public static final List<String> COLUMNS = List.of("check_name", "cdm_table_name", "cdm_field_name", "threshold", "notes");

    /** One override. */
    public record Override(String checkName, String table, String field, double threshold, String notes) {}

    private final Map<String, Override> byKey;

    private ThresholdOverrides(Map<String, Override> byKey) {
        this.byKey = byKey;
    }

    public static ThresholdOverrides none() {
        return new ThresholdOverrides(Map.of());
    }

    public static ThresholdOverrides load(Path file) throws IOException {
        String name = file.getFileName().toString();
        CsvReader.Table t;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            t = CsvReader.read(r);
        }
        List<String> errors = new ArrayList<>();
        Map<String, Override> out = new HashMap<>();
        for (CsvReader.Row row : t.checkedRows(name, COLUMNS, errors)) {
            String where = name + ":" + row.line();
            Double th = row.number("threshold", where, errors);
            if (th == null) continue;
            if (th < 0 || th > 100) errors.add(where + ": threshold must be a percentage (0 to 100)");
            if (row.get("notes").isBlank()) errors.add(where + ": notes are required (why is this check's threshold changed?)");
            Override o = new Override(row.get("check_name"), row.get("cdm_table_name"), row.get("cdm_field_name"), th, row.get("notes"));
            if (out.put(key(o.checkName(), o.table(), o.field()), o) != null) errors.add(where + ": the same check is listed twice");
        }
        if (!errors.isEmpty()) throw new DqException(errors);
        return new ThresholdOverrides(out);
    }

    private static String key(String check, String table, String field) {
        return (check + "|" + table + "|" + field).toLowerCase(Locale.ROOT);
    }

    Optional<Double> threshold(DqCheck c) {
        return Optional.ofNullable(byKey.get(key(c.name(), c.table(), c.field()))).map(Override::threshold);
    }

    public List<Override> all() {
        return List.copyOf(byKey.values());
    }
}
