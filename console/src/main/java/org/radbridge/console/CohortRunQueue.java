package org.radbridge.console;

import org.radbridge.ingest.RunningJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cohort runs started from the console, run one at a time on a background thread so the page answers at once (a run
 * on a large OMOP database takes minutes). Each run shows under the Overview's running jobs while it runs (three
 * steps: compiled, cohort selected, manifest written) and here until it is one of the last {@link #KEEP} started,
 * with its outcome: a link to the run, or the error. In memory only, as the running jobs are.
 */
public final class CohortRunQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CohortRunQueue.class);
    static final int KEEP = 10;

    /** What a run does once it is its turn; {@code steps} is told of each step reached (1: compiled, 2: cohort selected). */
    @FunctionalInterface
    public interface Work {
        CohortRuns.Outcome run(Steps steps) throws Exception;
    }

    @FunctionalInterface
    public interface Steps {
        void reached(int step);
    }

    /** Told how a run ended (for the console's audit). */
    @FunctionalInterface
    public interface Ended {
        void ended(Submission s);
    }

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** One run started from the page; fields change as it runs, so the page reads them once per render. */
    public static final class Submission {
        private final long id;
        private final String definition;
        private final String actor;
        private final Instant submitted;
        private volatile State state = State.QUEUED;
        private volatile Long auditId;
        private volatile String message = "";
        private volatile Instant ended;

        Submission(long id, String definition, String actor, Instant submitted) {
            this.id = id;
            this.definition = definition;
            this.actor = actor;
            this.submitted = submitted;
        }

        public long id() { return id; }
        public String definition() { return definition; }
        public String actor() { return actor; }
        public String submittedAt() { return Times.utc(submitted); }
        public String endedAt() { return ended == null ? "" : Times.utc(ended); }
        public State state() { return state; }
        public String stateText() { return state.name().toLowerCase(java.util.Locale.ROOT); }
        public Long auditId() { return auditId; }
        public String message() { return message; }
        public boolean pending() { return state == State.QUEUED || state == State.RUNNING; }
    }

    private final RunningJobs jobs;
    private final AtomicLong ids = new AtomicLong();
    private final Deque<Submission> recent = new ConcurrentLinkedDeque<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-cohort-run");
        t.setDaemon(true);
        return t;
    });

    public CohortRunQueue(RunningJobs jobs) {
        this.jobs = jobs;
    }

    /** Queues a run and returns at once. */
    public Submission submit(String definition, String cohortName, String actor, Work work, Ended ended) {
        Submission s = new Submission(ids.incrementAndGet(), definition, actor, Instant.now());
        recent.addFirst(s);
        while (recent.size() > KEEP) {
            Submission oldest = recent.peekLast();
            if (oldest == null || oldest.pending()) break;
            recent.pollLast();
        }
        executor.execute(() -> {
            s.state = State.RUNNING;
            RunningJobs.Job job = jobs.startSteps("cohort run", "cohort run: " + cohortName, 3);
            try {
                CohortRuns.Outcome o = work.run(step -> job.update(step));
                job.update(3);
                s.auditId = o.auditId();
                s.message = o.text();
                s.state = State.DONE;
                job.finish(true, "written (research_audit " + o.auditId() + ")");
            } catch (Exception | StackOverflowError e) {
                log.warn("Cohort run of {} from the console failed: {}", definition, e.toString());
                s.message = e.getMessage() == null ? e.toString() : e.getMessage();
                s.state = State.FAILED;
                job.finish(false, "nothing was written (the error is on the Cohorts page)");
            } finally {
                s.ended = Instant.now();
                try {
                    ended.ended(s);
                } catch (RuntimeException e) {
                    log.warn("Cohort run of {}: the console audit row could not be written: {}", definition, e.toString());
                }
            }
        });
        return s;
    }

    /** The runs started here lately, newest first. */
    public List<Submission> recent() {
        return new ArrayList<>(recent);
    }

    public Optional<Submission> find(long id) {
        return recent.stream().filter(s -> s.id == id).findFirst();
    }

    public boolean anyPending() {
        return recent.stream().anyMatch(Submission::pending);
    }

    /** An output stream that reports step 2 (the cohort is selected) at the runner's first line of output. */
    static OutputStream firstOutput(OutputStream to, Steps steps) {
        return new OutputStream() {
            private boolean seen;

            @Override
            public void write(int b) throws java.io.IOException {
                seen();
                to.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                seen();
                to.write(b, off, len);
            }

            private void seen() {
                if (!seen) {
                    seen = true;
                    steps.reached(2);
                }
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
