package org.radbridge.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;

/**
 * The RadBridge server: HAPI FHIR JPA, the ingest pipeline and the Camel context in one process.
 * Data sources, JPA and Flyway are configured explicitly (see config/), because Spring Boot's
 * auto-configuration of them collides with HAPI's own.
 */
@SpringBootApplication(exclude = {
        DataSourceAutoConfiguration.class,
        HibernateJpaAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        ThymeleafAutoConfiguration.class})
public class RadBridgeApplication {
}
