package org.radbridge.inbox;

import org.radbridge.ingest.RunningJobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The inbox as a running job on the console's Overview: from the first file taken until the inbox is empty again, how
 * many files were taken (moved to done or to the quarantine) and how many still wait, hence a rate and an ETA. Files
 * keep arriving while others are read, so the total is the files taken plus a fresh count of those waiting (a walk of
 * the inbox, at most every {@link #RECOUNT} and at the end of each poll). The label carries counts only, no names.
 */
public final class InboxProgress {
    static final Duration RECOUNT = Duration.ofSeconds(2);

    private final Path inbox;
    private final RunningJobs jobs;
    private final Clock clock;
    private RunningJobs.Job job;
    private long taken;
    private long quarantined;
    private Instant counted;

    public InboxProgress(Path inbox, RunningJobs jobs) {
        this(inbox, jobs, Clock.systemUTC());
    }

    InboxProgress(Path inbox, RunningJobs jobs, Clock clock) {
        this.inbox = inbox;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * After the inbox route handled one file.
     *
     * @param gone        the file left the inbox (staged and moved to done, or quarantined); a file left for a later poll
     *                    (a report waiting for its sidecar) is not counted
     * @param staged      it was taken in rather than quarantined
     * @param endOfPoll   the last file of the route's poll: the count of waiting files is fresh then
     */
    public synchronized void handled(boolean gone, boolean staged, boolean endOfPoll) {
        if (gone) {
            if (job == null) {
                job = jobs.start("inbox", "files arriving in the inbox", -1);
                taken = 0;
                quarantined = 0;
                counted = null;
            }
            taken++;
            if (!staged) quarantined++;
            job.update(taken);
        }
        if (job == null) return;
        Instant now = clock.instant();
        if (!endOfPoll && counted != null && now.isBefore(counted.plus(RECOUNT))) return;
        counted = now;
        long waiting = waiting();
        job.total(taken + waiting);
        if (waiting == 0) {
            job.finish(true, String.format("inbox empty again: %,d files taken, %,d of them quarantined", taken, quarantined));
            job = null;
        }
    }

    /** Files in the inbox the route would take (hidden files and folders are not read, Camel's lock markers are its own). */
    long waiting() {
        if (!Files.isDirectory(inbox)) return 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> files = Files.walk(inbox)) {
                return files.filter(Files::isRegularFile).filter(this::visible).count();
            } catch (IOException | UncheckedIOException e) {
                // a folder was moved away during the walk: walk again
            }
        }
        return 0;
    }

    private boolean visible(Path file) {
        if (file.getFileName().toString().endsWith(".camelLock")) return false;
        for (Path part : inbox.relativize(file)) if (part.toString().startsWith(".")) return false;
        return true;
    }
}
