package org.radbridge.server.config;

import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;

/**
 * Spring Boot's servlet web-server context, with the bean factory's configuration frozen before the web server is set
 * up rather than just after. Setting up the web server builds every servlet and filter bean and what they depend on,
 * and for HAPI's RestfulServer that is the whole of HAPI FHIR JPA. Until the configuration is frozen Spring does not
 * cache its by-type bean lookups, so each of the thousands of autowired fields of HAPI's beans walked every bean
 * definition: a fifth of the start's main-thread time in a JFR profile. Nothing changes bean definitions at that point
 * (the bean-factory post-processors have all run; Spring itself freezes right after the web server is set up), so the
 * freeze only moves earlier. {@code radbridge.freeze-before-web-server=false} keeps Spring's own order (to compare).
 */
public class FrozenBeforeWebServerContext extends AnnotationConfigServletWebServerApplicationContext {
    @Override
    protected void onRefresh() {
        if (!"false".equals(System.getProperty("radbridge.freeze-before-web-server"))) getBeanFactory().freezeConfiguration();
        super.onRefresh();
    }
}
