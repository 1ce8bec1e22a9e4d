package org.radbridge.map;

import org.radbridge.mappings.MappingSet;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which staged studies a mapping edit changes. A reload compares every distinct staged source value
 * under the old and the new mappings and marks dirty only the studies whose mapped value differs, so
 * the projection brings both views up to date without rebuilding everything. Report mappings
 * (findings, assertions, report codes and statuses) reach the reports through the NLP output, which
 * is not staged per value: any change to them re-projects every linked report.
 */
public final class MappingImpact {
    /**
     * A mapping and where its source values are staged: the columns of {@code table} (study or instance, both keyed by
     * study_instance_uid) that make a value, and how they form the key the mapping is looked up with.
     */
    private record Field(String mapping, String table, List<String> columns, Function<String[], String> key) {
        Field(String mapping, String table, String column) {
            this(mapping, table, List.of(column), v -> v[0]);
        }

        String distinctValues() {
            return "SELECT DISTINCT " + String.join(", ", columns) + " FROM radbridge." + table;
        }

        /** Marks the studies holding any of the given value tuples, passed as one text[] per column. */
        String markStudies() {
            StringBuilder on = new StringBuilder();
            StringBuilder arrays = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    on.append(" AND ");
                    arrays.append(", ");
                }
                on.append("x.").append(columns.get(i)).append(" IS NOT DISTINCT FROM c.v").append(i);
                arrays.append("?::text[]");
            }
            String names = java.util.stream.IntStream.range(0, columns.size()).mapToObj(i -> "v" + i)
                    .collect(java.util.stream.Collectors.joining(", "));
            return "UPDATE radbridge.study s SET dirty = true WHERE NOT s.dirty AND EXISTS (SELECT 1 FROM radbridge." + table
                    + " x JOIN unnest(" + arrays + ") AS c(" + names + ") ON " + on + " WHERE x.study_instance_uid = s.study_instance_uid)";
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field("procedure", "study", "study_description"),
            new Field("gender", "study", "patient_sex"),
            new Field("modality", "instance", "modality"),
            new Field("body_part", "instance", "body_part_examined"),
            new Field("laterality", "instance", "laterality"),
            // keyed as DeviceExposureWriter keys its rows, so both agree on what a scanner is
            new Field("device", "instance", List.of("manufacturer", "model_name"), v -> MappingSet.deviceKey(v[0], v[1])));

    private static final List<String> REPORT_MAPPINGS =
            List.of("finding", "finding_assertion", "finding_component", "report_code", "report_status", "laterality");

    public record Affected(int studies, int reports) {
        public boolean any() { return studies + reports > 0; }
    }

    private final DataSource dataSource;

    public MappingImpact(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Marks dirty what the change from {@code before} to {@code after} re-maps; returns how much that is. */
    public Affected markAffected(MappingSet before, MappingSet after) throws SQLException {
        int studies = 0;
        int reports = 0;
        try (Connection c = dataSource.getConnection()) {
            for (Field f : FIELDS) {
                int n = f.columns().size();
                List<List<String>> changed = new ArrayList<>();
                for (int i = 0; i < n; i++) changed.add(new ArrayList<>());
                try (PreparedStatement ps = c.prepareStatement(f.distinctValues()); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] v = new String[n];
                        for (int i = 0; i < n; i++) v[i] = rs.getString(i + 1);
                        String key = f.key().apply(v);
                        if (Objects.equals(before.lookup(f.mapping(), key), after.lookup(f.mapping(), key))) continue;
                        for (int i = 0; i < n; i++) changed.get(i).add(v[i]);
                    }
                }
                if (changed.get(0).isEmpty()) continue;
                try (PreparedStatement ps = c.prepareStatement(f.markStudies())) {
                    for (int i = 0; i < n; i++) ps.setArray(i + 1, c.createArrayOf("text", changed.get(i).toArray()));
                    studies += ps.executeUpdate();
                }
            }
            // a study whose projection failed for a data problem may pass under other mappings: it is tried again
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE radbridge.study SET dirty = true WHERE NOT dirty AND projection_failed_reason IS NOT NULL")) {
                studies += ps.executeUpdate();
            }
            if (REPORT_MAPPINGS.stream().anyMatch(m -> !sameEntries(before, after, m))) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE radbridge.report SET dirty = true WHERE NOT dirty AND link_status = 'linked'")) {
                    reports = ps.executeUpdate();
                }
            }
        }
        return new Affected(studies, reports);
    }

    /** Same rows and rules, wherever they stand in the files (a moved line changes nothing). */
    private static boolean sameEntries(MappingSet before, MappingSet after, String mapping) {
        return contentOf(before, mapping).equals(contentOf(after, mapping));
    }

    private static java.util.Set<List<Object>> contentOf(MappingSet m, String mapping) {
        java.util.Set<List<Object>> out = new java.util.HashSet<>();
        for (MappingSet.Entry e : m.entries(mapping))
            out.add(java.util.Arrays.asList(e.sourceCode(), e.target(), e.from(), e.to()));
        for (org.radbridge.mappings.Rule r : m.rules(mapping))
            out.add(java.util.Arrays.asList(r.order(), r.pattern().pattern(), r.replacement()));
        return out;
    }
}
