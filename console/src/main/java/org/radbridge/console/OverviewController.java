package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
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

    public OverviewController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds, ConsoleFigures figures) {
        this.session = session;
        this.pages = pages;
        this.queries = new OverviewQueries(ds);
        this.counts = figures.counts();
        this.notProjected = new NotProjectedQueries(ds);
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
        model.put("arriving", queries.arriving());
        // counted live: both counts walk a partial index of the few studies concerned
        model.put("notProjected", notProjected.counts());
        model.put("days", days);
        model.put("daysChart", Charts.spec("bar", days.stream().map(d -> d.day().toString()).toList(),
                List.of(new Charts.Series("studies received", days.stream().map(OverviewQueries.Day::studies).toList())), false, false));
        return pages.render("overview", session.user(request).orElseThrow(), session.csrf(request), model);
    }
}
