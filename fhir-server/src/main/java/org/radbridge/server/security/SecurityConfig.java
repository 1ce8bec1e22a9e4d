package org.radbridge.server.security;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.radbridge.config.RadBridgeSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Access control of the clinical view: bearer tokens for /fhir and /api, role rules, patient search
 * narrowing, and an IHE BALP audit trail of every FHIR access, stored as AuditEvents in its own table.
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

    /** The audit trail's table; after the migrations, which create it. */
    @Bean
    public AuditEventStore auditEventStore(@org.springframework.beans.factory.annotation.Qualifier("radbridgeDataSource") javax.sql.DataSource ds,
                                           org.flywaydb.core.Flyway radbridgeMigrations, ca.uhn.fhir.context.FhirContext fhir) {
        return new AuditEventStore(ds, fhir);
    }

    @Bean(destroyMethod = "close")
    public AuditEventWriter auditEventWriter(AuditEventStore store) {
        return new AuditEventWriter(store);
    }

    /** The audit trail served read-only as AuditEvent, from its table. */
    @Bean
    public org.radbridge.server.fhir.AuditEventProvider auditEventProvider(RestfulServer server, AuditEventStore store) {
        org.radbridge.server.fhir.AuditEventProvider provider = new org.radbridge.server.fhir.AuditEventProvider(store);
        server.registerProvider(provider);
        server.registerInterceptor(new org.radbridge.server.fhir.AuditEventWritesRefused());
        return provider;
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
