package org.radbridge.map;

import org.radbridge.mappings.MappingSet;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which staged studies a mapping edit changes. A reload compares every distinct staged source value
 * under the old and the new mappings and marks dirty only the studies whose mapped value differs, so
 * the projection brings both views up to date without rebuilding everything. Report mappings
 * (findings, assertions, report codes and statuses) reach the reports through the NLP output, which
 * is not staged per value: any change to them re-projects every linked report.
 */
public final class MappingImpact {
    /** A mapping, the staged values it translates, and how to find the studies that hold a value. */
    private record Field(String mapping, String values, String markStudies) {}

    private static final String MARK_BY_STUDY_COLUMN = "UPDATE radbridge.study SET dirty = true WHERE NOT dirty AND %s = ANY(?)";
    private static final String MARK_BY_INSTANCE_COLUMN = "UPDATE radbridge.study s SET dirty = true WHERE NOT s.dirty AND EXISTS "
            + "(SELECT 1 FROM radbridge.instance i WHERE i.study_instance_uid = s.study_instance_uid AND %s = ANY(?))";
    // the device mapping's key, as DeviceExposureWriter forms it (normalised MANUFACTURER^MODEL)
    private static final String DEVICE_KEY = "(upper(regexp_replace(btrim(coalesce(manufacturer, '')), '\\s+', ' ', 'g')) || '^' "
            + "|| upper(regexp_replace(btrim(coalesce(model_name, '')), '\\s+', ' ', 'g')))";

    private static final List<Field> FIELDS = List.of(
            new Field("procedure", "SELECT DISTINCT study_description FROM radbridge.study WHERE study_description IS NOT NULL",
                    MARK_BY_STUDY_COLUMN.formatted("study_description")),
            new Field("gender", "SELECT DISTINCT patient_sex FROM radbridge.study WHERE patient_sex IS NOT NULL",
                    MARK_BY_STUDY_COLUMN.formatted("patient_sex")),
            new Field("modality", "SELECT DISTINCT modality FROM radbridge.instance WHERE modality IS NOT NULL",
                    MARK_BY_INSTANCE_COLUMN.formatted("i.modality")),
            new Field("body_part", "SELECT DISTINCT body_part_examined FROM radbridge.instance WHERE body_part_examined IS NOT NULL",
                    MARK_BY_INSTANCE_COLUMN.formatted("i.body_part_examined")),
            new Field("laterality", "SELECT DISTINCT laterality FROM radbridge.instance WHERE laterality IS NOT NULL",
                    MARK_BY_INSTANCE_COLUMN.formatted("i.laterality")),
            new Field("device", "SELECT DISTINCT " + DEVICE_KEY + " FROM radbridge.instance",
                    MARK_BY_INSTANCE_COLUMN.formatted(DEVICE_KEY.replace("manufacturer", "i.manufacturer").replace("model_name", "i.model_name"))));

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
                List<String> changed = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(f.values()); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String v = rs.getString(1);
                        if (!Objects.equals(before.lookup(f.mapping(), v), after.lookup(f.mapping(), v))) changed.add(v);
                    }
                }
                if (changed.isEmpty()) continue;
                try (PreparedStatement ps = c.prepareStatement(f.markStudies())) {
                    Array values = c.createArrayOf("text", changed.toArray());
                    ps.setArray(1, values);
                    studies += ps.executeUpdate();
                }
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
