package org.radbridge.server.fhir;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A servlet that obtains the servlet it stands for only when the container initialises it, and then hands it every
 * request. Registered for HAPI's RestfulServer: a servlet registration bean holding the RestfulServer itself makes
 * Spring build the whole of HAPI FHIR JPA while it sets up the embedded web server, which is before it freezes the
 * bean factory's configuration; until then Spring does not cache its by-type bean lookups, so each of the thousands of
 * autowired fields of HAPI's beans walked every bean definition (a fifth of the start's main-thread time in a JFR
 * profile). Through this servlet HAPI is built with the other singletons, after the freeze, and the container still
 * initialises the RestfulServer at start-up (load-on-startup), before it takes requests.
 */
public final class DeferredServlet extends GenericServlet {
    private final transient Supplier<? extends Servlet> target;
    private transient volatile Servlet servlet;

    public DeferredServlet(Supplier<? extends Servlet> target) {
        this.target = target;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Servlet s = target.get();
        s.init(config);
        servlet = s;
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        Servlet s = servlet;
        if (s == null) throw new ServletException("servlet not initialised");
        s.service(request, response);
    }

    @Override
    public void destroy() {
        Servlet s = servlet;
        if (s != null) s.destroy();
    }

    @Override
    public String getServletInfo() {
        Servlet s = servlet;
        return s == null ? "" : s.getServletInfo();
    }
}
