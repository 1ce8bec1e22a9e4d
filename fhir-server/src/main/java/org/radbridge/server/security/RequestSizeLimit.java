package org.radbridge.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses FHIR request bodies over RADBRIDGE_FHIR_MAX_REQUEST_BYTES (default 16 MiB) with 413 and an OperationOutcome,
 * before HAPI reads them into memory: by the declared Content-Length, or, for a chunked body, when the count passes
 * the limit while it is read (HAPI then answers 400 with the cause in its OperationOutcome).
 */
public final class RequestSizeLimit extends OncePerRequestFilter {
    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            response.setStatus(413);
            response.setContentType("application/fhir+json");
            response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-costly\","
                    + "\"diagnostics\":\"request body of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes\"}]}");
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Counted(request, maxBytes), response);
    }

    private static final class Counted extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream in;

        Counted(HttpServletRequest r, long max) {
            super(r);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in != null) return in;
            ServletInputStream raw = super.getInputStream();
            in = new ServletInputStream() {
                long count;

                private void add(long n) throws IOException {
                    count += n;
                    if (count > max) throw new IOException("request body exceeds the limit of " + max + " bytes");
                }

                @Override
                public int read() throws IOException {
                    int b = raw.read();
                    if (b >= 0) add(1);
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = raw.read(b, off, len);
                    if (n > 0) add(n);
                    return n;
                }

                @Override public boolean isFinished() { return raw.isFinished(); }
                @Override public boolean isReady() { return raw.isReady(); }
                @Override public void setReadListener(ReadListener l) { raw.setReadListener(l); }
            };
            return in;
        }
    }
}
