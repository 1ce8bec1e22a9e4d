package org.radbridge.server.security;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores AuditEvents through the DAO on a background thread: the events are produced inside the
 * request's own (read-only) transaction, where a write cannot join. The queue is bounded; if it
 * overflows, the event is logged to the radbridge.audit log instead of being dropped silently.
 */
public final class AuditEventWriter implements IBalpAuditEventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");

    private final IFhirResourceDao<AuditEvent> dao;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "audit-event-writer");
                t.setDaemon(true);
                return t;
            });
    private final AtomicLong written = new AtomicLong();

    public AuditEventWriter(IFhirResourceDao<AuditEvent> dao) {
        this.dao = dao;
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        try {
            executor.execute(() -> store(event));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            audit.warn("audit queue full, event logged only: {} {} by {}", event.getAction(),
                    event.getEntityFirstRep().getWhat().getReference(), event.getAgentFirstRep().getWho().getDisplay());
        }
    }

    private void store(AuditEvent event) {
        try {
            dao.create(event, new SystemRequestDetails());
            written.incrementAndGet();
        } catch (RuntimeException e) {
            log.error("Could not store an AuditEvent ({} {}); logged instead", event.getAction(),
                    event.getEntityFirstRep().getWhat().getReference(), e);
        }
    }

    public long written() { return written.get(); }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS))
            log.warn("{} AuditEvents were still queued at shutdown", executor.getQueue().size());
    }
}
