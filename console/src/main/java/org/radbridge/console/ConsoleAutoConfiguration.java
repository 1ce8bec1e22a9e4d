package org.radbridge.console;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import javax.sql.DataSource;

/**
 * The web console at / of the server's HTTP port. Active in a servlet application that provides a {@link ConsoleSignIn}
 * and a {@link MappingsReloader} (fhir-server does, from its token store and mappings service); the command line's
 * non-web contexts never load it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({SignInController.class, OverviewController.class, QuarantineController.class, MappingsPageController.class,
        PopulationController.class, StudyController.class, CohortsController.class, NotProjectedController.class})
public class ConsoleAutoConfiguration {
    /** The session cookie's name, so the console's cookie settings touch no other cookie. */
    public static final String SESSION_COOKIE = "RADBRIDGE_CONSOLE";
    static final String[] PAGES = {"/", "/signin", "/signout", "/quarantine", "/quarantine/**", "/mappings", "/mappings/**",
            "/population", "/population/**", "/study", "/study/**", "/cohorts", "/cohorts/**", "/not-projected"};

    @Bean
    public Pages consolePages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ConsoleAutoConfiguration.class.getClassLoader());
        resolver.setPrefix("console/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        // pages are rendered outside a servlet web context (see Pages); the server runs at the root context path
        engine.setLinkBuilder(new org.thymeleaf.linkbuilder.StandardLinkBuilder() {
            @Override
            protected String computeContextPath(org.thymeleaf.context.IExpressionContext context, String base, java.util.Map<String, Object> parameters) {
                return "";
            }
        });
        return new Pages(engine);
    }

    @Bean
    public ConsoleFigures consoleFigures(@Qualifier("radbridgeDataSource") DataSource ds, org.radbridge.map.CurrentMappings mappings) {
        return new ConsoleFigures(ds, mappings, SmallCells.fromEnvironment());
    }

    /** The costly figures are computed once the server is up, so the first visitor of a large archive does not wait. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void warmUpConsoleFigures(org.springframework.boot.context.event.ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(ConsoleFigures.class).warmUp();
    }

    @Bean
    public ConsoleSession consoleSession(ConsoleSignIn signIn) {
        return new ConsoleSession(signIn);
    }

    @Bean
    public ConsoleAudit consoleAudit(@Qualifier("radbridgeDataSource") DataSource ds) {
        return new ConsoleAudit(ds);
    }

    @Bean
    public WebMvcConfigurer consoleGuardRegistration(ConsoleSession session) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ConsoleGuard(session)).addPathPatterns(PAGES);
            }
        };
    }

    /** HttpOnly and SameSite=Strict: scripts cannot read the session cookie and other sites cannot send it along. */
    @Bean
    public ServletContextInitializer consoleSessionCookie() {
        return servletContext -> {
            var cookie = servletContext.getSessionCookieConfig();
            cookie.setName(SESSION_COOKIE);
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            // never ;jsessionid= in links: the session id would leak into logs and referrers
            servletContext.setSessionTrackingModes(java.util.Set.of(jakarta.servlet.SessionTrackingMode.COOKIE));
        };
    }

    @Bean
    public CookieSameSiteSupplier consoleCookieSameSite() {
        return CookieSameSiteSupplier.ofStrict().whenHasName(SESSION_COOKIE);
    }
}
