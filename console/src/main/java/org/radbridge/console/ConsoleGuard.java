package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;

/**
 * Every console page but the sign-in page needs a signed-in user; every POST needs the session's form token (CSRF);
 * every action (a POST other than signing out) needs a user who may act. Refusals go to the audit log.
 */
public final class ConsoleGuard implements HandlerInterceptor {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");

    private final ConsoleSession session;

    public ConsoleGuard(ConsoleSession session) {
        this.session = session;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        // the pages hold identified data: no caching, no framing, scripts and styles from this server only
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/signin")) return true;
        var user = session.user(request);
        boolean post = "POST".equalsIgnoreCase(request.getMethod());
        if (user.isEmpty()) {
            if (post) {
                refuse(response, 401, "Sign in first.");
            } else {
                response.sendRedirect(request.getContextPath() + "/signin");
            }
            return false;
        }
        if (post && !session.csrfMatches(request)) {
            audit.warn("console: refused {} {} by {}: form token missing or wrong", request.getMethod(), path, user.get().name());
            refuse(response, 403, "This form has expired or did not come from the console; reload the page and try again.");
            return false;
        }
        if (post && !path.equals("/signout") && !user.get().canAct()) {
            audit.warn("console: refused {} {} by {} ({}): admin only", request.getMethod(), path, user.get().name(), user.get().role());
            refuse(response, 403, "Your token (role " + user.get().role() + ") may look but not act; an admin token is needed.");
            return false;
        }
        return true;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=UTF-8");
        String body = "<!DOCTYPE html><html><head><title>RadBridge console</title><link rel=\"stylesheet\" href=\"/console/console.css\"></head>"
                + "<body><main><h1>Not allowed</h1><p class=\"refused\">" + org.springframework.web.util.HtmlUtils.htmlEscape(message)
                + "</p><p><a href=\"/\">Back to the console</a></p></main></body></html>";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
