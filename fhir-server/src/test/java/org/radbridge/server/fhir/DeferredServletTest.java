package org.radbridge.server.fhir;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeferredServletTest {
    /** A servlet that records what the container asked of it. */
    private static final class Target extends GenericServlet {
        final List<String> calls = new ArrayList<>();

        @Override
        public void init() {
            calls.add("init " + getServletName());
        }

        @Override
        public void service(ServletRequest req, ServletResponse res) {
            calls.add("service");
        }

        @Override
        public void destroy() {
            calls.add("destroy");
        }
    }

    private static ServletConfig config(String name) {
        return new ServletConfig() {
            public String getServletName() { return name; }
            public ServletContext getServletContext() { return null; }
            public String getInitParameter(String n) { return null; }
            public Enumeration<String> getInitParameterNames() { return Collections.emptyEnumeration(); }
        };
    }

    @Test
    void takesItsServletWhenInitialisedAndHandsItTheConfigAndEveryRequest() throws Exception {
        Target target = new Target();
        AtomicInteger taken = new AtomicInteger();
        DeferredServlet s = new DeferredServlet(() -> {
            taken.incrementAndGet();
            return target;
        });
        assertThat(taken).as("nothing built when registered").hasValue(0);
        assertThatThrownBy(() -> s.service(null, null)).isInstanceOf(ServletException.class);

        s.init(config("fhir"));
        s.service(null, null);
        s.service(null, null);
        s.destroy();

        assertThat(taken).hasValue(1);
        assertThat(target.calls).containsExactly("init fhir", "service", "service", "destroy");
        assertThat(target.getServletConfig().getServletName()).isEqualTo("fhir");
    }
}
