package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.map.MappingsReport;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Page 3: what `mappings report` prints (coverage per field, unmapped and rule-only values by frequency with example
 * studies), and for an admin a form that adds a mapping row to the CSV file, then validates and reloads as
 * `mappings reload` does; a refused reload puts the file back as it was and shows the errors.
 */
@Controller
public class MappingsPageController {
    static final int PAGE_SIZE = 50;

    private final ConsoleSession session;
    private final Pages pages;
    private final Snapshot<MappingsReport.Result> report;
    private final MappingRowWriter writer;
    private final VocabularySearch vocabulary;
    private final MappingsReloader reloader;
    private final ConsoleAudit audit;

    public MappingsPageController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds,
                                  ConsoleFigures figures, RadBridgeSettings settings, MappingsReloader reloader, ConsoleAudit audit) {
        this.session = session;
        this.pages = pages;
        this.report = figures.mappingsReport();
        this.writer = new MappingRowWriter(settings.mappingsDir());
        this.vocabulary = new VocabularySearch(ds);
        this.reloader = reloader;
        this.audit = audit;
    }

    @GetMapping("/mappings")
    public ResponseEntity<String> page(HttpServletRequest request, @RequestParam(name = "page", defaultValue = "0") int page,
                                       @RequestParam(name = "field", defaultValue = "") String field,
                                       @RequestParam(name = "refresh", defaultValue = "false") boolean refresh) throws Exception {
        Snapshot.Value<MappingsReport.Result> r = refresh ? report.fresh() : report.get();
        if (r == null) return pages.computing("the mappings report", session.user(request).orElseThrow(), session.csrf(request));
        List<MappingsReport.Line> todo = r.value().todo().stream().filter(l -> field.isEmpty() || l.field().equals(field)).toList();
        int pageCount = Math.max(1, (todo.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(0, page), pageCount - 1);
        Map<String, Object> model = new HashMap<>();
        model.put("coverage", r.value().coverage());
        model.put("todo", todo.subList(p * PAGE_SIZE, Math.min(todo.size(), (p + 1) * PAGE_SIZE)));
        model.put("todoTotal", todo.size());
        model.put("pageNo", p);
        model.put("pages", pageCount);
        model.put("field", field);
        model.put("fields", MappingsReport.FIELDS.stream().map(MappingsReport.Field::name).toList());
        model.put("rankOffset", p * PAGE_SIZE);
        model.put("reportAt", Times.utc(r.computedAt()));
        model.put("reportTookMs", r.took().toMillis());
        model.put("message", request.getParameter("message"));
        return pages.render("mappings", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    @GetMapping(value = "/mappings/report.csv")
    public ResponseEntity<String> csv() throws Exception {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"mappings-report.csv\"").body(report.fresh().value().csv());
    }

    @GetMapping("/mappings/new")
    public ResponseEntity<String> form(HttpServletRequest request, @RequestParam("field") String field, @RequestParam("value") String value,
                                       @RequestParam(name = "q", required = false) String q) throws Exception {
        return formPage(request, HttpStatus.OK, field, value, q == null ? value : q, List.of(), null);
    }

    @PostMapping("/mappings/add")
    public ResponseEntity<String> add(HttpServletRequest request, @RequestParam("field") String field, @RequestParam("value") String value,
                                      @RequestParam("target") String chosen,
                                      @RequestParam(name = "description", defaultValue = "") String description) throws Exception {
        ConsoleUser user = session.user(request).orElseThrow();
        // "VOCABULARY|CODE" of the concept picked in the search results
        int bar = chosen.indexOf('|');
        if (bar <= 0 || bar == chosen.length() - 1) return formPage(request, HttpStatus.BAD_REQUEST, field, value, value,
                List.of("pick a target concept"), "No target was chosen.");
        String targetVocabulary = chosen.substring(0, bar);
        String code = chosen.substring(bar + 1);
        String mapping = MappingRowWriter.mappingOf(field);
        String target = mapping + ".csv: " + value + " -> " + targetVocabulary + " " + code;
        MappingsReloader.Outcome o;
        synchronized (this) {
            byte[] before = writer.append(mapping, new MappingRowWriter.Row(value, description.isBlank() ? value : description, targetVocabulary, code));
            try {
                o = reloader.reload();
            } catch (Exception e) {
                writer.restore(mapping, before);
                throw e;
            }
            if (!o.applied()) writer.restore(mapping, before);
        }
        if (!o.applied()) {
            audit.record(user, "mapping-add", target, "refused: " + String.join("; ", o.errors()));
            return formPage(request, HttpStatus.UNPROCESSABLE_ENTITY, field, value, code, o.errors(),
                    "The reload refused the new row; the file was put back as it was.");
        }
        // on a large archive the report takes a while: the page shows the new one if it is ready within a few seconds
        report.refresh(Duration.ofSeconds(5));
        String outcome = "added and reloaded; " + o.studiesReprojected() + " studies and " + o.reportsReprojected()
                + " reports are re-projected in the background";
        audit.record(user, "mapping-add", target, outcome);
        return SignInController.redirect("/mappings?message=" + URLEncoder.encode(
                "Mapped " + value + " to " + targetVocabulary + " " + code + " in mappings/" + mapping + ".csv: " + outcome, StandardCharsets.UTF_8));
    }

    private ResponseEntity<String> formPage(HttpServletRequest request, HttpStatus status, String field, String value, String q,
                                            List<String> errors, String message) throws Exception {
        String mapping = MappingRowWriter.mappingOf(field);
        MappingRowWriter.FileFacts facts = writer.facts(mapping);
        Map<String, Object> model = new HashMap<>();
        model.put("field", field);
        model.put("value", value);
        model.put("mapping", mapping);
        model.put("vocabularies", facts.targetVocabularies());
        model.put("q", q);
        model.put("results", vocabulary.search(facts.targetVocabularies(), q, 25));
        model.put("errors", errors);
        model.put("message", message);
        return pages.render(status, "mapping-new", session.user(request).orElseThrow(), session.csrf(request), model);
    }
}
