package org.radbridge.map;

import org.radbridge.mappings.MappingSet;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The interface engineer's to-do list: source values in the staged data that no mapping row
 * covers (unmapped) or that only the normalisation rules bring to a mapping row (rule-only),
 * ranked unmapped first and then by how many records carry them, with example study UIDs; and
 * the coverage of each field (share of records whose value maps).
 */
public final class MappingsReport {
    /** A field of the staged data: which mapping applies, what a record is, and the query counting its values. */
    /**
     * @param valueColumns how many leading columns of {@code sql} make the source value ({@code sourceValue} joins them;
     *                     then come the record count and the example study UIDs)
     */
    public record Field(String name, String mapping, String unit, boolean emptyIsNotApplicable, String sql, int valueColumns,
                        java.util.function.Function<String[], String> sourceValue) {
        public Field(String name, String mapping, String unit, boolean emptyIsNotApplicable, String sql) {
            this(name, mapping, unit, emptyIsNotApplicable, sql, 1, v -> v[0]);
        }
    }

    /** One distinct source value with how many records carry it and a few studies that do. */
    public record SourceCount(String value, long records, List<String> examples) {}

    public record Line(String field, String sourceValue, String key, String status, String target, long records, List<String> examples) {}

    public record Coverage(String field, String unit, long records, long mapped, long ruleOnly) {
        public double percent() {
            return records == 0 ? 100.0 : 100.0 * mapped / records;
        }
    }

    public record Result(List<Line> todo, List<Coverage> coverage) {
        /** The to-do list as CSV: rank, field, source value, normalised key, status, records, example study UIDs. */
        public String todoCsv() {
            return csv(new String[] {"rank", "field", "source_value", "normalised_key", "status", "mapped_to", "records", "example_study_uids"},
                    p -> {
                        int rank = 0;
                        for (Line l : todo)
                            p.printRecord(++rank, l.field(), l.sourceValue(), l.key(), l.status(), l.target(), l.records(), String.join(" ", l.examples()));
                    });
        }

        /** Coverage per field as CSV. */
        public String coverageCsv() {
            return csv(new String[] {"field", "unit", "records", "mapped", "mapped_by_rules_only", "coverage_percent"}, p -> {
                for (Coverage c : coverage)
                    p.printRecord(c.field(), c.unit(), c.records(), c.mapped(), c.ruleOnly(), String.format(Locale.ROOT, "%.1f", c.percent()));
            });
        }

        private interface Rows {
            void print(org.apache.commons.csv.CSVPrinter printer) throws java.io.IOException;
        }

        /** RFC 4180 through Commons CSV (fields quoted where they need it), lines ending in \n. */
        private static String csv(String[] header, Rows rows) {
            StringBuilder b = new StringBuilder();
            try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(b,
                    org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(header).get())) {
                rows.print(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return b.toString();
        }

        public String csv() {
            return todoCsv() + "\n" + coverageCsv();
        }
    }

    public static final List<Field> FIELDS = List.of(
            new Field("study_description", "procedure", "studies", false, byColumn("radbridge.study", "study_description",
                    "study_instance_uid", "study_instance_uid")),
            new Field("modality", "modality", "series", false, bySeries("modality", "value1")),
            new Field("body_part_examined", "body_part", "series", false, bySeries("body_part_examined", "value1")),
            new Field("laterality", "laterality", "series", true, bySeries("laterality", "value1")),
            // the key the device mapping is looked up by (MappingSet.deviceKey), so that spacing or case variants of one
            // scanner count as one source value, mapped or not, as DEVICE_EXPOSURE sees them
            new Field("manufacturer^model", "device", "series", false, bySeries("manufacturer^model", "value1, c.value2"),
                    2, v -> MappingSet.deviceKey(v[0], v[1])),
            new Field("patient_sex", "gender", "studies", false, byColumn("radbridge.study", "patient_sex",
                    "study_instance_uid", "study_instance_uid")),
            new Field("report_status", "report_status", "reports", false, byColumn("radbridge.report", "status",
                    "coalesce(study_instance_uid, 'accession ' || accession_number)", "report_id")));

    /**
     * Values of a column of a narrow table (100,000 studies are one quick pass), each with its first three examples
     * in {@code order}: an index range read per value (V18's (column, order) indexes), not a sort of the whole table.
     */
    private static String byColumn(String table, String column, String example, String order) {
        String examples = "ARRAY(SELECT " + example + " FROM " + table + " WHERE " + column + " %s ORDER BY " + order + " LIMIT 3)";
        return "SELECT g.v, g.n, CASE WHEN g.v IS NULL THEN " + examples.formatted("IS NULL") + " ELSE " + examples.formatted("= g.v")
                + " END FROM (SELECT " + column + " AS v, count(*) AS n FROM " + table + " GROUP BY 1) g";
    }

    /**
     * Values of a series attribute: the distinct series per value are counted as instances are staged (V18's trigger
     * fills radbridge.series_source_count), so this reads a few rows per value instead of every instance; the first
     * three studies of a value come from an index range read of radbridge.series_source_value.
     */
    private static String bySeries(String field, String valueColumns) {
        return "SELECT c." + valueColumns + ", c.records, ARRAY(SELECT DISTINCT e.study_instance_uid FROM radbridge.series_source_value e "
                + "WHERE e.field = '" + field + "' AND (e.value1 IS NULL) = (c.value1 IS NULL) AND coalesce(e.value1, '') = coalesce(c.value1, '') "
                + "AND (e.value2 IS NULL) = (c.value2 IS NULL) AND coalesce(e.value2, '') = coalesce(c.value2, '') ORDER BY 1 LIMIT 3) "
                + "FROM (SELECT value1, value2, sum(records) AS records FROM radbridge.series_source_count WHERE field = '" + field + "' "
                + "GROUP BY 1, 2) c";
    }

    /**
     * Folds the count increments staging appended into one row per value (in one statement: increments committed
     * meanwhile stay for the next time, none is lost or counted twice); skipped while another report folds.
     */
    static final String FOLD_COUNTS = "WITH turn AS (SELECT pg_try_advisory_xact_lock(hashtext('radbridge.series_source_count')) AS mine), "
            + "gone AS (DELETE FROM radbridge.series_source_count WHERE (SELECT mine FROM turn) RETURNING field, value1, value2, records) "
            + "INSERT INTO radbridge.series_source_count (field, value1, value2, records) "
            + "SELECT field, value1, value2, sum(records) FROM gone GROUP BY 1, 2, 3";

    private final DataSource dataSource;
    private final CurrentMappings mappings;

    public MappingsReport(DataSource dataSource, CurrentMappings mappings) {
        this.dataSource = dataSource;
        this.mappings = mappings;
    }

    public Result run() throws SQLException {
        return run(FIELDS);
    }

    /** The report over the given fields' queries (a test compares them with the plain GROUP BY over every instance). */
    Result run(List<Field> fields) throws SQLException {
        MappingSet set = mappings.current();
        List<Line> todo = new ArrayList<>();
        List<Coverage> coverage = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.executeUpdate(FOLD_COUNTS);
            for (Field f : fields) {
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(f.sql())) {
                    int n = f.valueColumns();
                    while (rs.next()) {
                        String[] parts = new String[n];
                        for (int i = 0; i < n; i++) parts[i] = rs.getString(i + 1);
                        Array a = rs.getArray(n + 2);
                        List<String> examples = a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
                        rows.add(new Row(parts, rs.getLong(n + 1), examples));
                    }
                }
                coverage.add(classify(f, sourceCounts(f, rows), set, todo));
            }
        }
        return new Result(rank(todo), coverage);
    }

    /** One row of a field's query: its value columns, record count and example studies. */
    record Row(String[] valueColumns, long records, List<String> examples) {}

    /** Rows that give the same source value (as the field forms it) counted as one, with up to three examples. */
    static List<SourceCount> sourceCounts(Field f, List<Row> rows) {
        java.util.Map<String, SourceCount> byValue = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            String value = f.sourceValue().apply(r.valueColumns());
            byValue.merge(String.valueOf(value), new SourceCount(value, r.records(), r.examples()),
                    (x, y) -> new SourceCount(x.value(), x.records() + y.records(),
                            java.util.stream.Stream.concat(x.examples().stream(), y.examples().stream()).sorted().distinct().limit(3).toList()));
        }
        return new ArrayList<>(byValue.values());
    }

    /** Adds the unmapped and rule-only values of one field to the to-do list and returns its coverage. */
    static Coverage classify(Field f, List<SourceCount> counts, MappingSet set, List<Line> todo) {
        long records = 0;
        long mapped = 0;
        long ruleOnly = 0;
        for (SourceCount sc : counts) {
            boolean empty = sc.value() == null || sc.value().isBlank();
            if (empty && f.emptyIsNotApplicable()) continue;
            records += sc.records();
            MappingSet.Resolution r = set.resolve(f.mapping(), sc.value(), null);
            String value = sc.value() == null ? "" : sc.value();
            switch (r.match()) {
                case DIRECT -> mapped += sc.records();
                case RULES -> {
                    mapped += sc.records();
                    ruleOnly += sc.records();
                    todo.add(new Line(f.name(), value, r.key(), "rule-only", target(r), sc.records(), sc.examples()));
                }
                case NONE -> todo.add(new Line(f.name(), value, r.key(), empty ? "empty" : "unmapped", "", sc.records(), sc.examples()));
            }
        }
        return new Coverage(f.name(), f.unit(), records, mapped, ruleOnly);
    }

    private static String target(MappingSet.Resolution r) {
        return r.target().vocabularyId() + " " + (r.target().code() == null ? r.target().conceptId() : r.target().code());
    }

    /** Unmapped values first, then empty ones, then rule-only ones; within each, most records first. */
    static List<Line> rank(List<Line> todo) {
        List<Line> out = new ArrayList<>(todo);
        out.sort(Comparator.comparing((Line l) -> switch (l.status()) {
                    case "unmapped" -> 0;
                    case "empty" -> 1;
                    default -> 2;
                })
                .thenComparing(Comparator.comparingLong(Line::records).reversed())
                .thenComparing(Line::field).thenComparing(Line::sourceValue)
                // an empty value (NULL) and an empty string tie on all the above: their examples keep the order stable
                .thenComparing(l -> String.join(" ", l.examples())));
        return out;
    }
}
