package org.radbridge.server.fhir;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Keeps the FHIR answers' writers from sending a network packet per JSON value. HAPI's JSON encoder writes each string
 * and number value through Jackson's {@code ObjectMapper.writeValue}, which flushes the generator after every value
 * (Jackson's FLUSH_AFTER_WRITE_VALUE); the flush reached Tomcat, which wrote each value to the socket as an HTTP chunk
 * of its own: some thousands of system calls and chunks for a page of 50 studies, about 40 % of the CPU HAPI spent
 * encoding it (JFR, bench fhir modality + date range). Here a flush from the servlet's writer or stream does nothing;
 * Tomcat still sends its buffer whenever it fills, and the whole rest when the request ends (or the writer is closed,
 * or {@code flushBuffer} is called), so every answer arrives complete, only in fewer, larger pieces. No FHIR
 * interaction streams a partial answer that a client must see before the request ends.
 */
public final class CoalescedResponseFlushes extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Unflushed(response));
    }

    private static final class Unflushed extends HttpServletResponseWrapper {
        private PrintWriter writer;
        private ServletOutputStream stream;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new FilterWriter(super.getWriter()) {
                    @Override
                    public void flush() {
                        // the servlet container sends what is written when its buffer fills or the request ends
                    }
                }, false);
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override public void write(int b) throws IOException { out.write(b); }
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                    @Override public void flush() { /* as the writer's */ }
                    @Override public void close() throws IOException { out.close(); }
                    @Override public boolean isReady() { return out.isReady(); }
                    @Override public void setWriteListener(WriteListener listener) { out.setWriteListener(listener); }
                };
            }
            return stream;
        }
    }
}
