package org.radbridge.server.config;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A servlet bean built while the web server is set up sees the bean factory's configuration frozen. */
class FrozenBeforeWebServerContextTest {
    static final AtomicReference<Boolean> frozenWhenServletBuilt = new AtomicReference<>();

    @Configuration
    static class Web {
        @Bean
        TomcatServletWebServerFactory webServerFactory() throws Exception {
            TomcatServletWebServerFactory f = new TomcatServletWebServerFactory(0);
            f.setAddress(InetAddress.getLoopbackAddress());
            return f;
        }

        @Bean
        GenericServlet servlet(ConfigurableListableBeanFactory beanFactory) {
            frozenWhenServletBuilt.set(beanFactory.isConfigurationFrozen());
            return new GenericServlet() {
                @Override
                public void service(ServletRequest req, ServletResponse res) {}
            };
        }

        @Bean
        ServletRegistrationBean<GenericServlet> registration(GenericServlet servlet) {
            return new ServletRegistrationBean<>(servlet, "/x/*");
        }
    }

    private static Boolean start() {
        frozenWhenServletBuilt.set(null);
        try (FrozenBeforeWebServerContext ctx = new FrozenBeforeWebServerContext()) {
            ctx.register(Web.class);
            ctx.refresh();
        }
        return frozenWhenServletBuilt.get();
    }

    @Test
    void servletsAreBuiltWithTheConfigurationFrozen() {
        assertThat(start()).isTrue();
    }

    @Test
    void springsOwnOrderWhenAskedFor() {
        System.setProperty("radbridge.freeze-before-web-server", "false");
        try {
            assertThat(start()).as("Spring Boot's order: the web server before the freeze").isFalse();
        } finally {
            System.clearProperty("radbridge.freeze-before-web-server");
        }
    }
}
