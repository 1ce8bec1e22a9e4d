package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Page 4: the imaged population from OMOP; every chart with its table and a CSV download. */
@Controller
public class PopulationController {
    /** chart: a Chart.js spec; svg: a drawing made here instead (the box plot), null otherwise. */
    public record Panel(DataTable table, String chart, String svg) {}

    private final ConsoleSession session;
    private final Pages pages;
    private final Snapshot<Map<String, DataTable>> tables;
    private final SmallCells smallCells;

    public PopulationController(ConsoleSession session, Pages pages, ConsoleFigures figures) {
        this.session = session;
        this.pages = pages;
        this.tables = figures.population();
        this.smallCells = SmallCells.fromEnvironment();
    }

    @GetMapping("/population")
    public ResponseEntity<String> page(HttpServletRequest request, @RequestParam(name = "refresh", defaultValue = "false") boolean refresh)
            throws Exception {
        Snapshot.Value<Map<String, DataTable>> v = refresh ? tables.fresh() : tables.get();
        if (v == null) return pages.computing("the population charts", session.user(request).orElseThrow(), session.csrf(request));
        List<Panel> panels = new ArrayList<>();
        for (DataTable t : v.value().values()) panels.add(t.name().equals("ct-dose") ? new Panel(t, "{}", DoseBoxPlot.svg(t)) : new Panel(t, chart(t), null));
        Map<String, Object> model = new HashMap<>();
        model.put("panels", panels);
        model.put("computedAt", Times.utc(v.computedAt()));
        model.put("tookMs", v.took().toMillis());
        model.put("smallCell", smallCells.threshold());
        return pages.render("population", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    @GetMapping("/population/{name}.csv")
    public ResponseEntity<String> csv(@PathVariable("name") String name) throws Exception {
        if (!PopulationQueries.CHARTS.contains(name)) return ResponseEntity.notFound().build();
        // the numbers the page shows (a download right after start waits for the first computation)
        Snapshot.Value<Map<String, DataTable>> v = tables.get();
        if (v == null) v = tables.fresh();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").body(v.value().get(name).csv());
    }

    static String chart(DataTable t) {
        return switch (t.name()) {
            case "modality-month" -> pivot(t, 0, 1, 2, "bar", true, false, false);
            case "age-sex" -> pivot(t, 0, 1, 2, "bar", true, true, true);
            case "top-procedures" -> Charts.spec("bar", t.rows().stream().map(r -> r.get(1) + " (" + r.get(0) + ")").toList(),
                    List.of(new Charts.Series("studies", t.rows().stream().map(r -> DataTable.plotted(r.get(2))).toList())), false, true);
            case "findings-year" -> findings(t);
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    /** One dataset per value of the series column; with {@code mirrorMale} the male bars point left (an age pyramid). */
    static String pivot(DataTable t, int labelCol, int seriesCol, int valueCol, String type, boolean stacked, boolean horizontal, boolean mirrorMale) {
        Set<String> labels = new LinkedHashSet<>();
        Map<String, Map<String, Number>> bySeries = new LinkedHashMap<>();
        for (List<Object> r : t.rows()) {
            String label = String.valueOf(r.get(labelCol));
            labels.add(label);
            bySeries.computeIfAbsent(String.valueOf(r.get(seriesCol)), k -> new HashMap<>()).put(label, DataTable.plotted(r.get(valueCol)));
        }
        List<Charts.Series> series = new ArrayList<>();
        bySeries.forEach((name, values) -> series.add(new Charts.Series(name, labels.stream().map(l -> {
            Number n = values.get(l);
            if (n == null) return (Number) null;
            return mirrorMale && name.equals("male") ? (Number) (-n.longValue()) : n;
        }).toList())));
        return Charts.spec(type, List.copyOf(labels), series, stacked, horizontal);
    }

    /** Present and absent mentions of each listed finding, summed over the years shown. */
    static String findings(DataTable t) {
        Map<String, long[]> byFinding = new LinkedHashMap<>();
        for (List<Object> r : t.rows()) {
            long[] pa = byFinding.computeIfAbsent(String.valueOf(r.get(1)), k -> new long[2]);
            Number p = DataTable.plotted(r.get(2));
            Number a = DataTable.plotted(r.get(3));
            pa[0] += p == null ? 0 : p.longValue();
            pa[1] += a == null ? 0 : a.longValue();
        }
        List<String> labels = List.copyOf(byFinding.keySet());
        return Charts.spec("bar", labels, List.of(
                new Charts.Series("present", labels.stream().map(l -> (Number) byFinding.get(l)[0]).toList()),
                new Charts.Series("absent", labels.stream().map(l -> (Number) byFinding.get(l)[1]).toList())), true, true);
    }
}
