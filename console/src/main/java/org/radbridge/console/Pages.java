package org.radbridge.console;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;

/**
 * Renders a console page from its template. Pages are rendered to a string rather than through a view resolver, so the
 * console's templates never answer for another part of the server (the /fhir, /api and error views stay untouched).
 */
public final class Pages {
    private final ITemplateEngine engine;

    public Pages(ITemplateEngine engine) {
        this.engine = engine;
    }

    public ResponseEntity<String> render(String template, ConsoleUser user, String csrf, Map<String, ?> model) {
        return render(HttpStatus.OK, template, user, csrf, model);
    }

    /** Shown while the first computation of a page's figures is still running (a large archive, just after start). */
    public ResponseEntity<String> computing(String what, ConsoleUser user, String csrf) {
        return render(HttpStatus.OK, "computing", user, csrf, Map.of("what", what));
    }

    public ResponseEntity<String> render(HttpStatus status, String template, ConsoleUser user, String csrf, Map<String, ?> model) {
        Context ctx = new Context(Locale.ROOT);
        ctx.setVariables(new java.util.HashMap<String, Object>(model));
        ctx.setVariable("user", user);
        ctx.setVariable("csrf", csrf);
        ctx.setVariable("page", template);
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType("text/html; charset=UTF-8"))
                .cacheControl(CacheControl.noStore())
                .body(engine.process(template, ctx));
    }
}
