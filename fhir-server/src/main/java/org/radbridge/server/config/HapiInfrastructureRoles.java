package org.radbridge.server.config;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's BeanPostProcessorConfig is a configuration class whose only job is to declare a post-processor; Spring has to
 * create it before the post-processors are registered, and then warns on every start that it "is not eligible for
 * getting processed by all BeanPostProcessors". That is what infrastructure beans are for: declaring it one (the role
 * {@code @Role(ROLE_INFRASTRUCTURE)} would give it, had HAPI set it) says the early creation is intended.
 */
@Configuration
public class HapiInfrastructureRoles {
    static final String HAPI_POST_PROCESSOR_CONFIG = "ca.uhn.fhir.jpa.config.BeanPostProcessorConfig";

    @Bean
    public static BeanFactoryPostProcessor hapiPostProcessorConfigIsInfrastructure() {
        return factory -> {
            if (factory.containsBeanDefinition(HAPI_POST_PROCESSOR_CONFIG))
                factory.getBeanDefinition(HAPI_POST_PROCESSOR_CONFIG).setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        };
    }
}
