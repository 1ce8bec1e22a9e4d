package org.radbridge.ingest;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread of the ingest, with its database errors passed on as they were. */
final class Futures {
    private Futures() {}

    /** The result of {@code f}; an SQLException of the work is rethrown as such, anything else wrapped. */
    static <T> T join(Future<T> f) throws SQLException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException q) throw q;
            throw new IllegalStateException(e.getCause());
        }
    }
}
