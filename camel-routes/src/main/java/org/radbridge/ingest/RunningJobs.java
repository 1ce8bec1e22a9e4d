package org.radbridge.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server is doing right now (folder ingests, re-projections after a mappings reload), for the console's
 * Overview. In memory only: a restart forgets it, as it forgets the work itself. Labels carry counts, never paths or
 * identifiers, because the Overview is read by every signed-in user. The last finished job of each kind stays
 * visible for {@link #KEEP_FINISHED} with its end time and outcome, so a job that ended between two page loads
 * is still seen.
 */
public final class RunningJobs {
    public static final Duration KEEP_FINISHED = Duration.ofMinutes(5);

    /** One snapshot of a job for display; {@code total} is -1 when the job cannot say how much there is. */
    public record View(long id, String kind, String label, Instant started, long done, long total, double ratePerSecond,
                       Duration eta, Instant finished, String outcome, boolean ok, boolean steps) {
        public boolean running() {
            return finished == null;
        }

        /** Percentage done, or -1 when the total is unknown. */
        public int percent() {
            if (total < 0) return -1;
            if (total == 0) return 100;
            return (int) Math.min(100, done * 100 / total);
        }

        /** ETA as people read it: "3 min 20 s", or "—" when it cannot be estimated. */
        public String etaText() {
            if (eta == null) return "—";
            long s = eta.toSeconds();
            if (s < 60) return s + " s";
            if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
    }

    /** A handle the worker updates; finishing it twice keeps the first outcome. */
    public final class Job implements AutoCloseable {
        private final long id;
        private final String kind;
        private final String label;
        private final Instant started;
        private final AtomicLong total;
        private final AtomicLong done = new AtomicLong();
        private final boolean steps;

        private Job(long id, String kind, String label, long total, boolean steps) {
            this.id = id;
            this.kind = kind;
            this.label = label;
            this.steps = steps;
            this.total = new AtomicLong(total);
            this.started = clock.instant();
        }

        /** The amount of work when it becomes known or changes (files keep arriving in the inbox while it is read). */
        public void total(long units) {
            total.set(units);
        }

        public void update(long doneSoFar) {
            done.accumulateAndGet(doneSoFar, Math::max);
        }

        public void advance(long by) {
            done.addAndGet(by);
        }

        public void finish(boolean ok, String outcome) {
            if (running.remove(id) == null) return;
            finished.put(kind, view(clock.instant(), outcome, ok));
        }

        /** A job left without {@link #finish} (an exception went past it) ends as failed. */
        @Override
        public void close() {
            finish(false, "stopped by an error");
        }

        View view(Instant finishedAt, String outcome, boolean ok) {
            long d = done.get();
            long total = this.total.get();
            Instant end = finishedAt == null ? clock.instant() : finishedAt;
            double secs = Math.max(1e-3, Duration.between(started, end).toNanos() / 1e9);
            // steps of unequal length give no rate to extrapolate from
            double rate = steps ? 0 : d / secs;
            Duration eta = !steps && finishedAt == null && total >= 0 && rate > 0 && total > d
                    ? Duration.ofSeconds(Math.round((total - d) / rate)) : null;
            return new View(id, kind, label, started, d, total, rate, eta, finishedAt, outcome, ok, steps);
        }
    }

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Job> running = new ConcurrentHashMap<>();
    private final Map<String, View> finished = new ConcurrentHashMap<>();

    public RunningJobs() {
        this(Clock.systemUTC());
    }

    public RunningJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param kind  what sort of job ("ingest", "re-projection"); the last finished one of each kind is kept
     * @param label a neutral description with counts, no paths or identifiers
     * @param total units of work, or -1 when unknown
     */
    public Job start(String kind, String label, long total) {
        return start(kind, label, total, false);
    }

    /** A job of a few steps of unequal length (a cohort run): shown as step n of N, without a rate or an ETA. */
    public Job startSteps(String kind, String label, int steps) {
        return start(kind, label, steps, true);
    }

    private Job start(String kind, String label, long total, boolean steps) {
        Job j = new Job(ids.incrementAndGet(), kind, label, total, steps);
        running.put(j.id, j);
        return j;
    }

    /** Running jobs, oldest first. */
    public List<View> running() {
        List<View> out = new ArrayList<>();
        for (Job j : running.values()) out.add(j.view(null, null, true));
        out.sort(Comparator.comparing(View::started).thenComparing(View::id));
        return out;
    }

    /** The last finished job of each kind that ended within {@link #KEEP_FINISHED}, latest first. */
    public List<View> recentlyFinished() {
        Instant cutoff = clock.instant().minus(KEEP_FINISHED);
        finished.values().removeIf(v -> v.finished().isBefore(cutoff));
        List<View> out = new ArrayList<>(finished.values());
        out.sort(Comparator.comparing(View::finished).reversed());
        return out;
    }
}
