package org.radbridge.research.dq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of a run as a readable table (failures and errors first) and as JSON. */
public final class DqReport {
    private DqReport() {}

    public static Map<DqResult.Status, Integer> counts(List<DqResult> results) {
        Map<DqResult.Status, Integer> n = new EnumMap<>(DqResult.Status.class);
        for (DqResult.Status s : DqResult.Status.values()) n.put(s, 0);
        for (DqResult r : results) n.merge(r.status(), 1, Integer::sum);
        return n;
    }

    /** One line per check that failed or erred, then the totals; {@code all} lists passing and NA checks too. */
    public static void printTable(List<DqResult> results, boolean all, PrintStream out) {
        String fmt = "%-6s %-36s %-22s %-38s %10s %10s %8s %9s%n";
        out.printf(Locale.ROOT, fmt, "STATUS", "CHECK", "TABLE", "FIELD", "VIOLATED", "ROWS", "%", "THRESHOLD");
        List<DqResult> shown = new ArrayList<>();
        for (DqResult.Status s : new DqResult.Status[] {DqResult.Status.ERROR, DqResult.Status.FAIL, DqResult.Status.PASS, DqResult.Status.NA}) {
            for (DqResult r : results) if (r.status() == s && (all || s == DqResult.Status.ERROR || s == DqResult.Status.FAIL)) shown.add(r);
        }
        for (DqResult r : shown) {
            DqCheck c = r.check();
            out.printf(Locale.ROOT, fmt, r.status(), c.name(), c.table(), c.field(), r.violated(), r.denominator(),
                    String.format(Locale.ROOT, "%.2f", r.percentViolated()), String.format(Locale.ROOT, "%.0f", c.threshold()));
            if (r.error() != null) out.println("       error: " + r.error());
        }
        Map<DqResult.Status, Integer> n = counts(results);
        out.printf(Locale.ROOT, "%d checks: %d passed, %d failed, %d not applicable, %d errors%n", results.size(),
                n.get(DqResult.Status.PASS), n.get(DqResult.Status.FAIL), n.get(DqResult.Status.NA), n.get(DqResult.Status.ERROR));
    }

    public static void writeJson(List<DqResult> results, Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Integer> summary = new LinkedHashMap<>();
        counts(results).forEach((k, v) -> summary.put(k.name().toLowerCase(Locale.ROOT), v));
        doc.put("summary", summary);
        List<Map<String, Object>> list = new ArrayList<>();
        for (DqResult r : results) {
            DqCheck c = r.check();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkId", c.id());
            m.put("checkName", c.name());
            m.put("cdmTableName", c.table());
            m.put("cdmFieldName", c.field().isEmpty() ? null : c.field());
            m.put("status", r.status().name());
            m.put("numViolatedRows", r.violated());
            m.put("numDenominatorRows", r.denominator());
            m.put("pctViolatedRows", r.percentViolated());
            m.put("threshold", c.threshold());
            m.put("severity", c.severity());
            m.put("description", c.description());
            m.put("error", r.error());
            m.put("executionTimeMs", r.millis());
            list.add(m);
        }
        doc.put("checks", list);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
