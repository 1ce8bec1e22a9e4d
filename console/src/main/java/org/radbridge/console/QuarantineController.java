package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.radbridge.ingest.IngestService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Page 2: the quarantine, filterable; each item viewable; an admin retries or dismisses it (audited). */
@Controller
public class QuarantineController {
    private final ConsoleSession session;
    private final Pages pages;
    private final QuarantineQueries queries;
    private final QuarantineRetry retry;
    private final ConsoleAudit audit;

    public QuarantineController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds,
                                IngestService ingest, ConsoleAudit audit) {
        this.session = session;
        this.pages = pages;
        this.queries = new QuarantineQueries(ds);
        this.retry = new QuarantineRetry(ingest, queries);
        this.audit = audit;
    }

    @GetMapping("/quarantine")
    public ResponseEntity<String> list(HttpServletRequest request,
                                       @RequestParam(name = "status", required = false) String status,
                                       @RequestParam(name = "kind", required = false) String kind,
                                       @RequestParam(name = "q", required = false) String text,
                                       @RequestParam(name = "page", defaultValue = "0") int page) {
        QuarantineQueries.Page p = queries.list(new QuarantineQueries.Filter(status, kind, text, page));
        Map<String, Object> model = new HashMap<>();
        model.put("result", p);
        model.put("kinds", queries.kinds());
        model.put("message", request.getParameter("message"));
        return pages.render("quarantine", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    @GetMapping("/quarantine/{id}")
    public ResponseEntity<String> item(HttpServletRequest request, @PathVariable("id") long id) {
        var item = queries.item(id);
        if (item.isEmpty()) return notFound(request, "No quarantined item " + id + ".");
        Map<String, Object> model = new HashMap<>();
        model.put("item", item.get());
        model.put("content", ItemContent.of(item.get().storedPath() == null ? null : Path.of(item.get().storedPath()), item.get().kind()));
        model.put("message", request.getParameter("message"));
        return pages.render("quarantine-item", session.user(request).orElseThrow(), session.csrf(request), model);
    }

    @PostMapping("/quarantine/{id}/retry")
    public ResponseEntity<String> retry(HttpServletRequest request, @PathVariable("id") long id) throws Exception {
        var item = queries.item(id);
        if (item.isEmpty()) return notFound(request, "No quarantined item " + id + ".");
        ConsoleUser user = session.user(request).orElseThrow();
        if (!item.get().open()) return back(id, "This item is already " + item.get().resolution() + ".");
        if (!item.get().retryable()) {
            return back(id, "A " + item.get().kind() + " item came over the network; have its sender send it again.");
        }
        QuarantineRetry.Outcome o = retry.retry(item.get());
        if (o.ingested()) queries.resolve(id, "ingested", user.name(), o.message());
        else queries.retryFailed(id, o.message());
        audit.record(user, "quarantine-retry", "quarantine item " + id, o.message());
        return back(id, (o.ingested() ? "Retried: " : "Retry failed, the item stays: ") + o.message());
    }

    @PostMapping("/quarantine/{id}/dismiss")
    public ResponseEntity<String> dismiss(HttpServletRequest request, @PathVariable("id") long id) {
        var item = queries.item(id);
        if (item.isEmpty()) return notFound(request, "No quarantined item " + id + ".");
        ConsoleUser user = session.user(request).orElseThrow();
        if (!item.get().open()) return back(id, "This item is already " + item.get().resolution() + ".");
        queries.resolve(id, "dismissed", user.name(), null);
        audit.record(user, "quarantine-dismiss", "quarantine item " + id, "dismissed");
        return back(id, "Dismissed: the item leaves the open list; its stored copy and row are kept.");
    }

    private ResponseEntity<String> notFound(HttpServletRequest request, String message) {
        return pages.render(HttpStatus.NOT_FOUND, "message", session.user(request).orElseThrow(), session.csrf(request),
                Map.of("title", "Not found", "text", message));
    }

    private static ResponseEntity<String> back(long id, String message) {
        return SignInController.redirect("/quarantine/" + id + "?message=" + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8));
    }
}
