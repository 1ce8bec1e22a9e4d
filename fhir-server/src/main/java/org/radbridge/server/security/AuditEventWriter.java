package org.radbridge.server.security;

import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores AuditEvents in the audit trail's table ({@link AuditEventStore}) on a background thread, off the request
 * path. The queue is bounded. When it is full, the request that audits waits for room (back-pressure: searches slow
 * down to the pace the writer stores their events, instead of their events going missing from /fhir/AuditEvent), up
 * to RADBRIDGE_AUDIT_QUEUE_WAIT_SECONDS (default 30); only if there is still no room then (the database stalled), or
 * the writer has stopped, is the event logged to the radbridge.audit log instead of being stored. Whatever has queued up is written as one JDBC batch in one transaction (up to about {@value #BATCH} events): a
 * search produces one BALP event per patient in its results, handed over as one {@link PatientAuditEvents} (the
 * queue's bound counts its events). (Through HAPI's JPA DAO an event cost about 2 ms of CPU,
 * and the writer fell behind the searches; as a row of its own table it costs its JSON encoding and an insert.)
 *
 * <p>At shutdown the queue is drained for a bounded time; what is left then is logged, not stored: a writer still
 * storing while the application closes re-created the database bean (a second PostgreSQL left running). Once
 * closing, the writer takes no more hand-overs (they are logged: requests that keep coming would otherwise hold the
 * shutdown open until the bounded drain gives up) and stores what is queued. Every event handed over is either stored
 * or logged: the refusal is decided under {@link #lifecycle}, so no hand-over, not even one that was still waiting for
 * room, is left in a queue nobody reads.
 */
public final class AuditEventWriter implements PatientEventsSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");
    static final int BATCH = 200;
    static final int CAPACITY = 10_000;

    private final AuditEventStore store;
    /** {@link AuditEvent}s and {@link PatientAuditEvents}; {@link #room} bounds the events they hold. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(CAPACITY);
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean abandoned;
    /** Guards {@link #stopped} against a hand-over racing the writer's last look at the queue. */
    private final Object lifecycle = new Object();
    private volatile boolean stopped;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong loggedOnly = new AtomicLong();
    /** What {@link #activity()} reports: how busy the writer is and whether requests wait for it. */
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong storeNanos = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    /** How long a request waits for room in a full queue before its events are logged only. */
    private final long waitNanos;

    public AuditEventWriter(AuditEventStore store) {
        this(store, Duration.ofSeconds(Long.parseLong(System.getProperty("radbridge.audit.queue-wait-seconds",
                System.getenv().getOrDefault("RADBRIDGE_AUDIT_QUEUE_WAIT_SECONDS", "30")))));
    }

    AuditEventWriter(AuditEventStore store, Duration queueWait) {
        this.store = store;
        this.waitNanos = queueWait.toNanos();
        this.thread = new Thread(this::drain, "audit-event-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        if (!enqueue(event, 1)) logOnly(refusal(), event);
    }

    @Override
    public void recordAuditEvents(PatientAuditEvents events) {
        if (!enqueue(events, events.size()))
            events.events().forEach(e -> logOnly(refusal(), e));
    }

    private String refusal() {
        return stopped || abandoned ? "audit writer stopped" : "audit queue full";
    }

    private boolean enqueue(Object item, int events) {
        // a hand-over larger than the whole queue could never get room: not worth waiting for
        if (abandoned || stopped || events > CAPACITY || !(room.tryAcquire(events) || awaitRoom(events))) return false;
        synchronized (lifecycle) {
            if (!stopped) {
                queue.add(item);
                return true;
            }
        }
        room.release(events);
        return false;
    }

    private boolean awaitRoom(int events) {
        if (waitNanos <= 0 || closing) return false;
        waits.incrementAndGet();
        long t0 = System.nanoTime();
        try {
            return room.tryAcquire(events, waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waitedNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private static int size(Object item) {
        return item instanceof PatientAuditEvents p ? p.size() : 1;
    }

    private void logOnly(String why, AuditEvent event) {
        loggedOnly.incrementAndGet();
        audit.warn("{}, event logged only: {} {} by {}", why, event.getAction(),
                event.getEntityFirstRep().getWhat().getReference(), event.getAgentFirstRep().getWho().getDisplay());
    }

    private void drain() {
        List<Object> batch = new ArrayList<>();
        while (!abandoned) {
            if (closing) {
                // from here on the queue only shrinks, so requests that keep coming cannot hold the shutdown open
                refuseHandOvers();
                if (queue.isEmpty()) break;
            }
            int events = 0;
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                events = size(first);
                for (Object next; events < BATCH && (next = queue.poll()) != null; events += size(next)) batch.add(next);
                long t0 = System.nanoTime();
                store(batch, events);
                storeNanos.addAndGet(System.nanoTime() - t0);
                batches.incrementAndGet();
            } catch (InterruptedException e) {
                closing = true;
            } finally {
                room.release(events);
                batch.clear();
            }
        }
        if (abandoned) logLeftovers();
    }

    private void refuseHandOvers() {
        synchronized (lifecycle) {
            stopped = true;
        }
    }

    /** Refuses every later hand-over and logs what is still queued; returns how many events that was. */
    private int logLeftovers() {
        refuseHandOvers();
        List<Object> queued = new ArrayList<>();
        queue.drainTo(queued);
        List<AuditEvent> left = eachEvent(queued);
        left.forEach(e -> logOnly("shutdown", e));
        return left.size();
    }

    private void store(List<Object> batch, int events) {
        if (events > 1) {
            try {
                store.insertQueued(batch);
                written.addAndGet(events);
                return;
            } catch (SQLException | RuntimeException e) {
                // one bad event must not cost the others: store them one by one
                log.warn("Could not store {} AuditEvents in one transaction ({}); storing them one by one", events, e.toString());
            }
        }
        for (AuditEvent event : eachEvent(batch)) {
            try {
                store.insert(List.of(event));
                written.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                log.error("Could not store an AuditEvent ({} {}); logged instead", event.getAction(),
                        event.getEntityFirstRep().getWhat().getReference(), e);
                logOnly("not stored", event);
            }
        }
    }

    private static List<AuditEvent> eachEvent(List<Object> items) {
        List<AuditEvent> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof PatientAuditEvents p) out.addAll(p.events());
            else out.add((AuditEvent) item);
        }
        return out;
    }

    public long written() { return written.get(); }

    /** Events handed over but logged to the radbridge.audit log instead of stored. */
    public long loggedOnly() { return loggedOnly.get(); }

    /**
     * The writer's counters since start: events stored, transactions (batches), time spent storing them (encoding
     * included; of it, the time in the database), and how often and how long requests waited for room in a full queue. The benchmark reports them per
     * query kind: a writer that stores for most of the wall time, or requests that wait, cap the searches.
     */
    public Activity activity() {
        return new Activity(written.get(), loggedOnly.get(), batches.get(), storeNanos.get(), store.databaseNanos(),
                waits.get(), waitedNanos.get());
    }

    /** A snapshot of {@link #activity()}; {@link #since} gives the difference to an earlier one. */
    public record Activity(long written, long loggedOnly, long batches, long storeNanos, long databaseNanos, long waits,
                           long waitedNanos) {
        public Activity since(Activity earlier) {
            return new Activity(written - earlier.written, loggedOnly - earlier.loggedOnly, batches - earlier.batches,
                    storeNanos - earlier.storeNanos, databaseNanos - earlier.databaseNanos, waits - earlier.waits,
                    waitedNanos - earlier.waitedNanos);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join(10_000);
        if (!thread.isAlive()) return;
        abandoned = true;
        thread.join(10_000);
        int left = logLeftovers();
        if (left > 0) log.warn("{} AuditEvents were still queued at shutdown; written to the audit log (logs/audit.log) instead", left);
    }
}
