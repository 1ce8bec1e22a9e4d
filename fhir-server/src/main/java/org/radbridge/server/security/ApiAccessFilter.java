package org.radbridge.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * The /api endpoints start ingests, pulls, reloads and rebuilds on the server: admin tokens only.
 * (The command line on the same data directory uses the local admin token.)
 */
public final class ApiAccessFilter extends OncePerRequestFilter {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");

    private final BearerAuthentication authentication;

    public ApiAccessFilter(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiPrincipal> p = authentication.principal(request.getHeader("Authorization"));
        if (p.isEmpty()) {
            audit.warn("denied {} {} from {}: no valid token", request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"radbridge\"");
            refuse(response, 401, "Authorization: Bearer token missing or not valid for this server");
            return;
        }
        if (p.get().role() != Role.ADMIN) {
            audit.warn("denied {} {} to {} ({}): admin only", request.getMethod(), request.getRequestURI(), p.get().name(), p.get().role().label());
            refuse(response, 403, "this endpoint needs an admin token");
            return;
        }
        audit.info("{} {} by {}", request.getMethod(), request.getRequestURI(), p.get().name());
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}
