package org.radbridge.server.security.smart;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How clients discover the authorization: {@code /fhir/.well-known/smart-configuration} (SMART App Launch 2.x, answered
 * by a filter ahead of the FHIR servlet, public like the capability statement) and the security section of the
 * CapabilityStatement (SMART-on-FHIR service, the oauth-uris extension naming the token endpoint).
 */
@Interceptor
public final class SmartDiscovery extends OncePerRequestFilter {
    public static final String PATH = "/fhir/.well-known/smart-configuration";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmartUrls urls;
    private final AccessTokens tokens;

    public SmartDiscovery(SmartUrls urls, AccessTokens tokens) {
        this.urls = urls;
        this.tokens = tokens;
    }

    public Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", tokens.issuer());
        m.put("jwks_uri", urls.jwksUrl());
        m.put("token_endpoint", urls.tokenUrl());
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        m.put("scopes_supported", List.of("system/*.read", "system/*.rs", "system/*.cruds", "patient/*.read", "patient/*.rs",
                "system/ImagingStudy.rs", "system/DiagnosticReport.rs", "system/Observation.rs", "system/Patient.rs"));
        m.put("response_types_supported", List.of("token"));
        m.put("capabilities", List.of("client-confidential-asymmetric", "permission-v1", "permission-v2"));
        return m;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.sendError(405);
            return;
        }
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-cache");
        JSON.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), configuration());
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertise(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement cs) || cs.getRest().isEmpty()) return;
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = cs.getRestFirstRep().getSecurity();
        security.setCors(false);
        security.getService().clear();
        security.addService(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service",
                "SMART-on-FHIR", "SMART-on-FHIR")));
        security.setDescription("Bearer tokens: SMART Backend Services (client_credentials with a private_key_jwt "
                + "assertion at the token endpoint; system/ and patient/ scopes, v1 and v2 syntax)"
                + (tokens.oidc() != null ? ", access tokens of the OpenID Connect provider " + tokens.oidc().issuer() : "")
                + ", or RadBridge API tokens (radbridge token create)");
        Extension oauth = new Extension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        oauth.addExtension("token", new UriType(urls.tokenUrl()));
        security.getExtension().removeIf(e -> e.getUrl().equals(oauth.getUrl()));
        security.addExtension(oauth);
    }
}
