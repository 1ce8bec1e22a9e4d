package org.radbridge.console;

import org.radbridge.map.CurrentMappings;
import org.radbridge.map.MappingsReport;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;

/** The console's costly figures, each a {@link Snapshot}, computed once in the background when the server is up. */
public final class ConsoleFigures {
    private final Snapshot<OverviewQueries.Counts> counts;
    private final Snapshot<MappingsReport.Result> mappingsReport;
    private final Snapshot<Map<String, DataTable>> population;

    public ConsoleFigures(DataSource ds, CurrentMappings mappings, SmallCells smallCells) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        // what changes when anything arrives, is quarantined, projected or resolved; each part is an index lookup or a few rows
        Callable<Object> data = () -> jdbc.queryForList("SELECT (SELECT max(first_received_at) FROM radbridge.study)::text, "
                + "(SELECT max(received_at) FROM radbridge.report)::text, (SELECT max(quarantined_at) FROM radbridge.quarantine)::text, "
                + "(SELECT count(*) FROM radbridge.quarantine WHERE resolution IS NULL), "
                + "(SELECT count(*) FROM radbridge.study WHERE dirty), (SELECT count(*) FROM radbridge.report WHERE dirty), "
                // instances staged (V18's running count): an instance added to a known study changes no column above
                + "(SELECT sum(records) FROM radbridge.series_source_count WHERE field = 'instances')").get(0).values().stream()
                .map(String::valueOf).toList();
        OverviewQueries overview = new OverviewQueries(ds);
        this.counts = new Snapshot<>("overview-counts", overview::counts, Duration.ofSeconds(30), data);
        MappingsReport report = new MappingsReport(ds, mappings);
        // a reload swaps the mapping set in force: the report is then out of date too
        this.mappingsReport = new Snapshot<>("mappings-report", report::run, Duration.ofSeconds(30),
                () -> List.of(data.call(), System.identityHashCode(mappings.current())));
        PopulationQueries queries = new PopulationQueries(ds, smallCells);
        this.population = new Snapshot<>("population", () -> {
            Map<String, DataTable> out = new LinkedHashMap<>();
            for (String name : PopulationQueries.CHARTS) out.put(name, queries.table(name));
            return out;
        }, Duration.ofMinutes(5), () -> List.of(data.call(), System.identityHashCode(mappings.current())));
    }

    public Snapshot<OverviewQueries.Counts> counts() {
        return counts;
    }

    public Snapshot<MappingsReport.Result> mappingsReport() {
        return mappingsReport;
    }

    public Snapshot<Map<String, DataTable>> population() {
        return population;
    }

    public void warmUp() {
        counts.background();
        mappingsReport.background();
        population.background();
    }
}
