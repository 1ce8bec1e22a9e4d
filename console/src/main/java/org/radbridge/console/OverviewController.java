package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.radbridge.ingest.RunningJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Page 1: counts of the three views side by side, receivers, studies per day, what is running. */
@Controller
public class OverviewController {
    private final ConsoleSession session;
    private final Pages pages;
    private final OverviewQueries queries;
    private final Snapshot<OverviewQueries.Counts> counts;
    private final NotProjectedQueries notProjected;
    private final RunningJobs jobs;

    public OverviewController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds, ConsoleFigures figures,
                              ObjectProvider<RunningJobs> jobs) {
        this.session = session;
        this.pages = pages;
        this.queries = new OverviewQueries(ds);
        this.counts = figures.counts();
        this.notProjected = new NotProjectedQueries(ds);
        // a server without the pipeline beans (none today) simply shows no jobs
        this.jobs = jobs.getIfAvailable(RunningJobs::new);
    }

    @GetMapping("/")
    public ResponseEntity<String> overview(HttpServletRequest request, @RequestParam(name = "refresh", defaultValue = "false") boolean refresh)
            throws Exception {
        Snapshot.Value<OverviewQueries.Counts> c = refresh ? counts.fresh() : counts.get();
        if (c == null) return pages.computing("the counts of the three views", session.user(request).orElseThrow(), session.csrf(request));
        List<OverviewQueries.Day> days = queries.studiesPerDay();
        Map<String, Object> model = new HashMap<>();
        model.put("counts", c.value());
        model.put("countsAt", Times.utc(c.computedAt()));
        model.put("countsTookMs", c.took().toMillis());
        model.put("receivers", queries.receivers());
        model.put("pulls", queries.runningPulls());
        model.put("jobs", jobs.running().stream().map(j -> new Job(j, Times.utc(j.started()))).toList());
        model.put("finishedJobs", jobs.recentlyFinished().stream().map(j -> new FinishedJob(j, Times.utc(j.finished()))).toList());
        model.put("arriving", queries.arriving());
        // counted live: both counts walk a partial index of the few studies concerned
        model.put("notProjected", notProjected.counts());
        model.put("days", days);
        model.put("daysChart", Charts.spec("bar", days.stream().map(d -> d.day().toString()).toList(),
                List.of(new Charts.Series("studies received", days.stream().map(OverviewQueries.Day::studies).toList())), false, false));
        return pages.render("overview", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    /** A running job with its start time as the console prints times. */
    public record Job(RunningJobs.View job, String startedAt) {}

    /** A finished job with its end time as the console prints times. */
    public record FinishedJob(RunningJobs.View job, String endedAt) {}
}
