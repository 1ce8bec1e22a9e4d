package org.radbridge.server.fhir;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescedResponseFlushesTest {

    /** A servlet that flushes after every value, as HAPI's JSON encoder does through Jackson. */
    private static final class FlushingServlet extends HttpServlet {
        final List<Boolean> committedAfterFlush = new ArrayList<>();
        final boolean stream;

        FlushingServlet(boolean stream) {
            this.stream = stream;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/fhir+json");
            for (String part : new String[] {"{\"resourceType\":", "\"Bundle\",", "\"type\":\"searchset\"}"}) {
                if (stream) {
                    resp.getOutputStream().write(part.getBytes(StandardCharsets.UTF_8));
                    resp.getOutputStream().flush();
                } else {
                    resp.getWriter().write(part);
                    resp.getWriter().flush();
                }
                committedAfterFlush.add(resp.isCommitted());
            }
        }
    }

    private static MockHttpServletResponse run(FlushingServlet servlet) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/ImagingStudy");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CoalescedResponseFlushes().doFilter(request, response, new MockFilterChain(servlet));
        return response;
    }

    @Test
    void writerFlushesDoNotCommitTheAnswerWhichStillArrivesWhole() throws Exception {
        FlushingServlet servlet = new FlushingServlet(false);
        MockHttpServletResponse response = run(servlet);
        assertEquals(List.of(false, false, false), servlet.committedAfterFlush);
        assertEquals("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}", response.getContentAsString());
    }

    @Test
    void streamFlushesDoNotCommitEither() throws Exception {
        FlushingServlet servlet = new FlushingServlet(true);
        MockHttpServletResponse response = run(servlet);
        assertEquals(List.of(false, false, false), servlet.committedAfterFlush);
        assertEquals("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}", response.getContentAsString());
    }

    @Test
    void withoutTheFilterTheSameServletCommitsOnItsFirstFlush() throws Exception {
        FlushingServlet servlet = new FlushingServlet(false);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(servlet).doFilter(new MockHttpServletRequest("GET", "/fhir/ImagingStudy"), response);
        assertTrue(servlet.committedAfterFlush.get(0));
        assertFalse(response.getContentAsString().isEmpty());
    }

    @Test
    void closingTheWriterStillSendsTheAnswer() throws Exception {
        HttpServlet closing = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("{}");
                resp.getWriter().close();
            }
        };
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/metadata");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CoalescedResponseFlushes().doFilter(request, response, new MockFilterChain(closing));
        assertTrue(response.isCommitted());
        assertEquals("{}", response.getContentAsString());
    }
}
