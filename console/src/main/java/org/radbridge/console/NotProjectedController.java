package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/** Studies not projected, and why: projection failed for a data problem; in FHIR, not in OMOP. Each list paged on its own. */
@Controller
public class NotProjectedController {
    private final ConsoleSession session;
    private final Pages pages;
    private final NotProjectedQueries queries;

    public NotProjectedController(ConsoleSession session, Pages pages, @Qualifier("radbridgeDataSource") DataSource ds) {
        this.session = session;
        this.pages = pages;
        this.queries = new NotProjectedQueries(ds);
    }

    @GetMapping("/not-projected")
    public ResponseEntity<String> list(HttpServletRequest request,
                                       @RequestParam(name = "failed", defaultValue = "0") int failedPage,
                                       @RequestParam(name = "excluded", defaultValue = "0") int excludedPage) {
        Map<String, Object> model = new HashMap<>();
        model.put("failed", queries.failed(failedPage));
        model.put("excluded", queries.excluded(excludedPage));
        return pages.render("not-projected", session.user(request).orElseThrow(), session.csrf(request), model);
    }
}
