package org.radbridge.source;

import org.radbridge.deid.LogRef;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The loop shared by {@link DimsePull} and {@link DicomWebPull}: skip the studies an earlier run finished, retrieve
 * the others on {@code concurrency} workers within the rate limit and time window, record each outcome, stop
 * everything on an error that concerns the whole peer, log progress.
 */
final class StudyPuller {
    /** One study's work; returns instances staged, or throws. */
    interface StudyTask {
        Outcome pull(String studyUid) throws Exception;
    }

    /** Result of one study: counts for the pull state, and a problem line when it is incomplete. */
    record Outcome(int completed, int failed, int warning, long staged, String problem) {}

    /** An error that stops the whole pull (peer unreachable, association rejected). */
    static final class Fatal extends Exception {
        Fatal(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private StudyPuller() {}

    static PullReport run(Logger log, String peer, String kind, String filters, List<org.radbridge.dicom.net.StudyMatch> found,
                          PullStateStore state, PullOptions options, Clock clock, StudyTask task) throws Exception {
        long t0 = System.nanoTime();
        String job = PullStateStore.jobKey(kind, peer, filters);
        state.register(job, kind, peer, filters, found);
        Set<String> done = state.done(job);
        List<String> todo = found.stream().map(org.radbridge.dicom.net.StudyMatch::studyInstanceUid).filter(u -> !done.contains(u))
                .distinct().toList();
        int skipped = found.size() - todo.size();
        log.info("Pull from {} ({}): {} studies match, {} already pulled by an earlier run, {} to go (concurrency {}, {} studies/min, window {})",
                peer, filters, found.size(), skipped, todo.size(), options.concurrency(),
                options.studiesPerMinute() == 0 ? "unlimited" : options.studiesPerMinute(), options.window());
        PullProgress progress = new PullProgress(log, "Pull from " + peer, todo.size());
        RateLimit rate = new RateLimit(options, clock);
        AtomicReference<Fatal> fatal = new AtomicReference<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong staged = new AtomicLong();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "pull-" + kind);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String uid : todo) {
                futures.add(pool.submit(() -> {
                    if (fatal.get() != null) return null;
                    rate.acquire(log);
                    if (fatal.get() != null) return null;
                    try {
                        Outcome o = task.pull(uid);
                        state.markDone(job, uid, o.completed(), o.failed(), o.warning(), o.staged());
                        if (o.problem() != null) problems.add(o.problem());
                        ok.incrementAndGet();
                        staged.addAndGet(o.staged());
                        progress.studyDone(o.staged());
                    } catch (Fatal e) {
                        state.markFailed(job, uid, e.getMessage());
                        fatal.compareAndSet(null, e);
                        log.error("Pull from {} stopped: {}", peer, e.getMessage());
                    } catch (Exception e) {
                        state.markFailed(job, uid, String.valueOf(e.getMessage()));
                        failed.incrementAndGet();
                        problems.add("study " + uid + " failed: " + e.getMessage());
                        log.warn("Pull from {}: study {} failed: {}", peer, LogRef.of(uid), LogRef.text(e.getMessage()));
                        progress.studyDone(0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        if (fatal.get() == null) state.finish(job);
        return new PullReport(peer, found.size(), ok.get(), skipped, failed.get(), staged.get(), List.copyOf(problems),
                (System.nanoTime() - t0) / 1e9, fatal.get() == null ? null : fatal.get().getMessage());
    }
}
