package org.radbridge.server.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.radbridge.config.RadBridgeSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Access control of the clinical view: bearer tokens for /fhir and /api, role rules, patient search
 * narrowing, and an IHE BALP audit trail of every FHIR access stored as AuditEvent resources.
 */
@Configuration
public class SecurityConfig {

    @Bean
    public TokenStore tokenStore(RadBridgeSettings settings) throws IOException {
        TokenStore store = new TokenStore(settings.dataDir().resolve("secrets"), System.getenv("RADBRIDGE_ADMIN_TOKEN"));
        store.ensureLocalAdmin();
        return store;
    }

    @Bean
    public BearerAuthentication bearerAuthentication(TokenStore tokens, org.radbridge.server.security.smart.AccessTokens jwts) {
        return new BearerAuthentication(tokens, jwts);
    }

    @Bean
    public RefusalAudit refusalAudit(AuditEventWriter audit) {
        return new RefusalAudit(audit);
    }

    @Bean(destroyMethod = "close")
    public AuditEventWriter auditEventWriter(DaoRegistry daos, org.springframework.orm.jpa.JpaTransactionManager transactions) {
        return new AuditEventWriter(daos.getResourceDao(AuditEvent.class), transactions);
    }

    /** Registers the interceptors on the FHIR servlet; returned so other beans can depend on secured FHIR. */
    @Bean
    public FhirAccessRules fhirAccessRules(RestfulServer server, BearerAuthentication authentication, AuditEventWriter audit,
                                           RefusalAudit refusals, org.radbridge.server.security.smart.SmartDiscovery discovery) {
        FhirAccessRules rules = new FhirAccessRules(authentication, refusals);
        server.registerInterceptor(discovery);
        server.registerInterceptor(new SmartInteractionCheck(authentication, refusals));
        server.registerInterceptor(new PatientSearchNarrowing(authentication));
        server.registerInterceptor(rules);
        server.registerInterceptor(new BalpAuditCapture(audit, new AuditContext(authentication)));
        return rules;
    }

    @Bean
    public FilterRegistrationBean<RequestSizeLimit> fhirRequestSizeLimit(
            @org.springframework.beans.factory.annotation.Value("${radbridge.fhir.max-request-bytes:16777216}") long maxBytes) {
        FilterRegistrationBean<RequestSizeLimit> reg = new FilterRegistrationBean<>(new RequestSizeLimit(maxBytes));
        reg.addUrlPatterns("/fhir/*");
        reg.setName("fhirRequestSizeLimit");
        return reg;
    }

    @Bean
    public FilterRegistrationBean<RoleAccessFilter> apiAccessFilter(BearerAuthentication authentication) {
        FilterRegistrationBean<RoleAccessFilter> reg = new FilterRegistrationBean<>(RoleAccessFilter.adminApi(authentication));
        reg.addUrlPatterns("/api/*");
        reg.setName("apiAccess");
        return reg;
    }
}
