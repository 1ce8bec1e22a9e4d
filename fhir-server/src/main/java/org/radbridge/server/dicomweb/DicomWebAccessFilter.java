package org.radbridge.server.dicomweb;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.radbridge.server.security.ApiPrincipal;
import org.radbridge.server.security.BearerAuthentication;
import org.radbridge.server.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** The research DICOMweb answers researcher and admin tokens only; clinical readers and patient tokens are refused. */
public final class DicomWebAccessFilter extends OncePerRequestFilter {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");
    private final BearerAuthentication authentication;

    public DicomWebAccessFilter(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiPrincipal> p = authentication.principal(request.getHeader("Authorization"));
        if (p.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"radbridge\"");
            refuse(response, 401, "Authorization: Bearer token missing or not valid for this server");
            return;
        }
        if (p.get().role() != Role.RESEARCHER && p.get().role() != Role.ADMIN) {
            audit.warn("denied research DICOMweb to {} ({}): researcher or admin only", p.get().name(), p.get().role().label());
            refuse(response, 403, "the research DICOMweb needs a researcher token");
            return;
        }
        // research UIDs are keyed hashes, but the log still names only the caller
        audit.info("research DICOMweb {} by {}", request.getMethod(), p.get().name());
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
