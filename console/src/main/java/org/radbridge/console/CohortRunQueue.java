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

    /** Told how a run ended (for the console's audit), before the page shows the end. */
    @FunctionalInterface
    public interface Ended {
        void ended(View s);
    }

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /**
     * One run as it stood at one moment. The page renders views taken once per request, so a row and the page's
     * "still following" marker never disagree although the run goes on meanwhile.
     */
    public record View(long id, String definition, String actor, Instant submitted, State state, Long auditId, String message,
                       Instant ended) {
        public String submittedAt() { return Times.utc(submitted); }
        public String endedAt() { return ended == null ? "" : Times.utc(ended); }
        public String stateText() { return state.name().toLowerCase(java.util.Locale.ROOT); }
        public boolean pending() { return state == State.QUEUED || state == State.RUNNING; }
    }

    /** One run started from the page; its view is replaced as a whole, and its end only once all that the end causes is done. */
    private static final class Submission {
        private volatile View view;

        Submission(View first) {
            this.view = first;
        }
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
    public View submit(String definition, String cohortName, String actor, Work work, Ended ended) {
        Submission s = new Submission(new View(ids.incrementAndGet(), definition, actor, Instant.now(), State.QUEUED, null, "", null));
        recent.addFirst(s);
        while (recent.size() > KEEP) {
            Submission oldest = recent.peekLast();
            if (oldest == null || oldest.view.pending()) break;
            recent.pollLast();
        }
        executor.execute(() -> {
            View started = s.view;
            s.view = with(started, State.RUNNING, null, "", null);
            RunningJobs.Job job = jobs.startSteps("cohort run", "cohort run: " + cohortName, 3);
            View end;
            try {
                CohortRuns.Outcome o = work.run(step -> job.update(step));
                job.update(3);
                end = with(started, State.DONE, o.auditId(), o.text(), Instant.now());
                job.finish(true, "written (research_audit " + o.auditId() + ")");
            } catch (Exception | StackOverflowError e) {
                log.warn("Cohort run of {} from the console failed: {}", definition, e.toString());
                end = with(started, State.FAILED, null, e.getMessage() == null ? e.toString() : e.getMessage(), Instant.now());
                job.finish(false, "nothing was written (the error is on the Cohorts page)");
            }
            try {
                ended.ended(end);
            } catch (RuntimeException e) {
                log.warn("Cohort run of {}: the console audit row could not be written: {}", definition, e.toString());
            }
            // last: whoever sees the run ended also finds its running job finished and its audit row written
            s.view = end;
        });
        return s.view;
    }

    private static View with(View v, State state, Long auditId, String message, Instant ended) {
        return new View(v.id(), v.definition(), v.actor(), v.submitted(), state, auditId, message, ended);
    }

    /** The runs started here lately, newest first. */
    public List<View> recent() {
        List<View> views = new ArrayList<>();
        for (Submission s : recent) views.add(s.view);
        return views;
    }

    public Optional<View> find(long id) {
        return recent().stream().filter(v -> v.id() == id).findFirst();
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
