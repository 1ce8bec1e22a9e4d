package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.annotation.PreDestroy;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.ingest.RunningJobs;
import org.radbridge.research.cohort.CohortDefinitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Page 6: the cohort runs of the research toolkit with their counts and attrition; an admin runs a saved definition
 * (audited in research_audit by the runner and in console_action); everyone signed in downloads a run's manifest.
 */
@Controller
public class CohortsController {
    private static final Logger log = LoggerFactory.getLogger(CohortsController.class);

    private final ConsoleSession session;
    private final Pages pages;
    private final CohortRuns runs;
    private final ConsoleAudit audit;
    private final CohortRunQueue queue;

    public CohortsController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds, RadBridgeSettings settings,
                             ConsoleAudit audit, ObjectProvider<RunningJobs> jobs) {
        this.session = session;
        this.pages = pages;
        this.runs = new CohortRuns(ds, settings.home(), settings.dataDir(), CohortRuns.savedDir(settings.dataDir()));
        this.audit = audit;
        this.queue = new CohortRunQueue(jobs.getIfAvailable(RunningJobs::new));
    }

    @PreDestroy
    public void close() {
        queue.close();
    }

    @GetMapping("/cohorts")
    public ResponseEntity<String> list(HttpServletRequest request, @RequestParam(name = "page", defaultValue = "0") int page) {
        page = Math.max(0, page);
        List<CohortRuns.Run> found = runs.list(page);
        Map<String, Object> model = new HashMap<>();
        List<CohortRuns.Run> shown = found.subList(0, Math.min(found.size(), CohortRuns.PAGE));
        model.put("runs", shown);
        // persons left after each criterion, from the run's cohort.json (blank when its folder no longer holds this run)
        Map<Long, String> attrition = new HashMap<>();
        for (CohortRuns.Run r : shown) {
            List<CohortRuns.Step> steps = runs.files(r).attrition();
            attrition.put(r.auditId(), String.join(" → ", steps.stream().map(st -> String.valueOf(st.persons())).toList()));
        }
        model.put("attrition", attrition);
        model.put("pageNo", page);
        model.put("more", found.size() > CohortRuns.PAGE);
        model.put("definitions", runs.definitions());
        model.put("examplesDir", runs.examplesDir().toString());
        model.put("savedDir", runs.savedDir().toString());
        model.put("message", request.getParameter("message"));
        List<CohortRunQueue.View> started = queue.recent();
        model.put("started", started);
        model.put("anyPending", started.stream().anyMatch(CohortRunQueue.View::pending));
        return pages.render("cohorts", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    @GetMapping("/cohorts/run/{id}")
    public ResponseEntity<String> run(HttpServletRequest request, @PathVariable("id") long id) {
        var run = runs.run(id);
        if (run.isEmpty()) return notFound(request, "No cohort run with audit id " + id + ".");
        Map<String, Object> model = new HashMap<>();
        model.put("run", run.get());
        model.put("files", runs.files(run.get()));
        model.put("message", request.getParameter("message"));
        return pages.render("cohort-run", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    @GetMapping("/cohorts/run/{id}/manifest.csv")
    public ResponseEntity<Resource> manifest(@PathVariable("id") long id) {
        var run = runs.run(id);
        if (run.isEmpty() || !runs.files(run.get()).manifestHere()) return ResponseEntity.notFound().build();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + run.get().name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-manifest.csv\"")
                .body(new FileSystemResource(runs.manifest(run.get())));
    }

    @PostMapping("/cohorts/run")
    public ResponseEntity<String> runDefinition(HttpServletRequest request, @RequestParam(name = "definition") String definition) {
        ConsoleUser user = session.user(request).orElseThrow();
        String name;
        try {
            // parsed here, so that a definition with a problem is refused on the spot with its file:line error
            name = runs.parse(definition).name();
        } catch (CohortDefinitionException | IllegalArgumentException e) {
            audit.record(user, "cohort-run", "cohort definition " + definition, "refused: " + e.getMessage());
            return SignInController.redirect("/cohorts?message=" + enc("Not run: " + e.getMessage()));
        } catch (Exception e) {
            log.warn("Cohort definition {} could not be read", definition, e);
            audit.record(user, "cohort-run", "cohort definition " + definition, "failed: " + e);
            return SignInController.redirect("/cohorts?message=" + enc("Not run: " + e.getMessage()));
        }
        // the run itself takes minutes on a large OMOP database: it runs in the background and the page follows it
        queue.submit(definition, name, user.name(), steps -> runs.runDefinition(definition, user.name(), steps),
                done -> audit.record(user, "cohort-run", "cohort definition " + definition, done.state() == CohortRunQueue.State.DONE
                        ? "research_audit " + done.auditId() : "failed: " + done.message()));
        return SignInController.redirect("/cohorts?message=" + enc("Started the cohort run of " + definition
                + "; it is listed below under 'Started here' and under the Overview's running jobs."));
    }

    /** Where a run started here ended: its page when written, else the cohorts page with its error. */
    @GetMapping("/cohorts/started/{id}")
    public ResponseEntity<String> started(HttpServletRequest request, @PathVariable("id") long id) {
        var s = queue.find(id);
        if (s.isEmpty()) return notFound(request, "No run " + id + " was started here lately (the server keeps the last " + CohortRunQueue.KEEP + ").");
        if (s.get().state() == CohortRunQueue.State.DONE) {
            return SignInController.redirect("/cohorts/run/" + s.get().auditId() + "?message=" + enc(s.get().message()));
        }
        // no #fragment: the page's self-reload would then only scroll, not fetch the page again
        return SignInController.redirect("/cohorts");
    }

    private ResponseEntity<String> notFound(HttpServletRequest request, String message) {
        return pages.render(HttpStatus.NOT_FOUND, "message", session.user(request).orElseThrow(), session.csrf(request),
                Map.of("title", "Not found", "text", message));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s.length() > 1500 ? s.substring(0, 1500) + "…" : s, StandardCharsets.UTF_8);
    }
}
