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

    private static final String STUDY_EXAMPLES = "(array_agg(study_instance_uid ORDER BY study_instance_uid))[1:3]";
    private static final String SERIES_EXAMPLES = "(array_agg(DISTINCT study_instance_uid ORDER BY study_instance_uid))[1:3]";

    public static final List<Field> FIELDS = List.of(
            new Field("study_description", "procedure", "studies", false,
                    "SELECT study_description, count(*), " + STUDY_EXAMPLES + " FROM radbridge.study GROUP BY 1"),
            new Field("modality", "modality", "series", false,
                    "SELECT modality, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES + " FROM radbridge.instance GROUP BY 1"),
            new Field("body_part_examined", "body_part", "series", false,
                    "SELECT body_part_examined, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES + " FROM radbridge.instance GROUP BY 1"),
            new Field("laterality", "laterality", "series", true,
                    "SELECT laterality, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES + " FROM radbridge.instance GROUP BY 1"),
            // the key the device mapping is looked up by (MappingSet.deviceKey), so that spacing or case variants of one
            // scanner count as one source value, mapped or not, as DEVICE_EXPOSURE sees them
            new Field("manufacturer^model", "device", "series", false,
                    "SELECT manufacturer, model_name, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES
                            + " FROM radbridge.instance GROUP BY 1, 2", 2, v -> MappingSet.deviceKey(v[0], v[1])),
            new Field("patient_sex", "gender", "studies", false,
                    "SELECT patient_sex, count(*), " + STUDY_EXAMPLES + " FROM radbridge.study GROUP BY 1"),
            new Field("report_status", "report_status", "reports", false,
                    "SELECT status, count(*), (array_agg(coalesce(study_instance_uid, 'accession ' || accession_number) ORDER BY report_id))[1:3] "
                            + "FROM radbridge.report GROUP BY 1"));

    private final DataSource dataSource;
    private final CurrentMappings mappings;

    public MappingsReport(DataSource dataSource, CurrentMappings mappings) {
        this.dataSource = dataSource;
        this.mappings = mappings;
    }

    public Result run() throws SQLException {
        MappingSet set = mappings.current();
        List<Line> todo = new ArrayList<>();
        List<Coverage> coverage = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Field f : FIELDS) {
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
                .thenComparing(Line::field).thenComparing(Line::sourceValue));
        return out;
    }
}
