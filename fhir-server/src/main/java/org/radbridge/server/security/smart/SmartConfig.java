package org.radbridge.server.security.smart;

import org.radbridge.config.RadBridgeSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * SMART Backend Services: registered clients, the server's token-signing key, the token endpoint's verifier and the
 * optional external OpenID Connect provider (RADBRIDGE_OIDC_ISSUER, RADBRIDGE_OIDC_JWKS_URL, RADBRIDGE_OIDC_AUDIENCE;
 * RADBRIDGE_OIDC_SCOPE_CLAIM, default scope, and RADBRIDGE_OIDC_PATIENT_CLAIM, default patient).
 */
@Configuration
public class SmartConfig {

    @Bean
    public SmartUrls smartUrls(RadBridgeSettings settings, @Value("${radbridge.public-url:}") String publicUrl) {
        boolean configured = publicUrl != null && !publicUrl.isBlank();
        return new SmartUrls(configured ? publicUrl.trim() : "http://" + settings.bindAddress() + ":" + settings.httpPort(), configured);
    }

    @Bean
    public SmartClientRegistry smartClientRegistry(RadBridgeSettings settings) {
        return new SmartClientRegistry(settings.dataDir().resolve("secrets"));
    }

    @Bean
    public AccessTokens accessTokens(RadBridgeSettings settings, SmartUrls urls,
                                     @Value("${radbridge.access-token.lifetime-seconds:300}") long lifetime,
                                     @Value("${radbridge.oidc.issuer:}") String oidcIssuer,
                                     @Value("${radbridge.oidc.jwks-url:}") String oidcJwks,
                                     @Value("${radbridge.oidc.audience:}") String oidcAudience,
                                     @Value("${radbridge.oidc.scope-claim:scope}") String scopeClaim,
                                     @Value("${radbridge.oidc.patient-claim:patient}") String patientClaim) throws IOException {
        AccessTokens.OidcProvider oidc = null;
        if (!oidcIssuer.isBlank()) {
            if (oidcJwks.isBlank() || oidcAudience.isBlank())
                throw new IllegalStateException("RADBRIDGE_OIDC_ISSUER needs RADBRIDGE_OIDC_JWKS_URL and RADBRIDGE_OIDC_AUDIENCE as well");
            oidc = new AccessTokens.OidcProvider(oidcIssuer.trim(), oidcJwks.trim(), oidcAudience.trim(), scopeClaim, patientClaim);
        }
        if (lifetime < 30 || lifetime > 3600) throw new IllegalStateException("radbridge.access-token.lifetime-seconds must be 30..3600");
        return new AccessTokens(ServerSigningKey.loadOrCreate(settings.dataDir().resolve("secrets")), urls.base(),
                Duration.ofSeconds(lifetime), Clock.systemUTC(), oidc);
    }

    @Bean
    public ClientAssertionVerifier clientAssertionVerifier(SmartClientRegistry clients,
            @org.springframework.beans.factory.annotation.Qualifier("radbridgeDataSource") javax.sql.DataSource ds,
            org.flywaydb.core.Flyway radbridgeMigrations) {
        return new ClientAssertionVerifier(clients, new DatabaseJtiReplayGuard(ds), Clock.systemUTC());
    }

    @Bean
    public SmartDiscovery smartDiscovery(SmartUrls urls, AccessTokens tokens) {
        return new SmartDiscovery(urls, tokens);
    }

    @Bean
    public FilterRegistrationBean<SmartDiscovery> smartConfigurationEndpoint(SmartDiscovery discovery) {
        FilterRegistrationBean<SmartDiscovery> reg = new FilterRegistrationBean<>(discovery);
        reg.addUrlPatterns(SmartDiscovery.PATH);
        reg.setName("smartConfiguration");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return reg;
    }
}
