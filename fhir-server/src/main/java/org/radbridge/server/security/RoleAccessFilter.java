package org.radbridge.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The bearer-token check of the non-FHIR endpoints: a valid token of one of the allowed roles passes, anything else is
 * refused (401 with {@code WWW-Authenticate}, or 403) and audited. The FHIR API has its own (HAPI interceptors,
 * OperationOutcome answers). Each area names its requests in the audit log its own way: the /api path, or for the
 * research DICOMweb only the method, since its paths carry research UIDs.
 */
public final class RoleAccessFilter extends OncePerRequestFilter {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");

    private final BearerAuthentication authentication;
    private final Set<Role> allowed;
    private final String refusal;
    private final Function<HttpServletRequest, String> label;
    private final boolean auditMissingToken;

    private RoleAccessFilter(BearerAuthentication authentication, Set<Role> allowed, String refusal, Function<HttpServletRequest, String> label,
                             boolean auditMissingToken) {
        this.authentication = authentication;
        this.allowed = allowed;
        this.refusal = refusal;
        this.label = label;
        this.auditMissingToken = auditMissingToken;
    }

    /** The /api endpoints start ingests, pulls, reloads and rebuilds on the server: admin tokens only. */
    public static RoleAccessFilter adminApi(BearerAuthentication authentication) {
        return new RoleAccessFilter(authentication, EnumSet.of(Role.ADMIN), "this endpoint needs an admin token",
                r -> r.getMethod() + " " + r.getRequestURI(), true);
    }

    /** The research DICOMweb answers researcher and admin tokens only; clinical readers and patient tokens are refused. */
    public static RoleAccessFilter researchDicomWeb(BearerAuthentication authentication) {
        return new RoleAccessFilter(authentication, EnumSet.of(Role.RESEARCHER, Role.ADMIN), "the research DICOMweb needs a researcher token",
                r -> "research DICOMweb " + r.getMethod(), false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiPrincipal> p = authentication.principal(request.getHeader("Authorization"));
        if (p.isEmpty()) {
            if (auditMissingToken) audit.warn("denied {} from {}: no valid token", label.apply(request), request.getRemoteAddr());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"radbridge\"");
            refuse(response, 401, "Authorization: Bearer token missing or not valid for this server");
            return;
        }
        if (!allowed.contains(p.get().role())) {
            audit.warn("denied {} to {} ({}): {}", label.apply(request), p.get().name(), p.get().role().label(), refusal);
            refuse(response, 403, refusal);
            return;
        }
        audit.info("{} by {}", label.apply(request), p.get().name());
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}
