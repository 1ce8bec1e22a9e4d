package org.radbridge.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.ingest.HandClock;
import org.radbridge.ingest.RunningJobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InboxProgressTest {
    @Test
    void filesTakenAndWaitingMakeOneJobUntilTheInboxIsEmptyAgain(@TempDir Path inbox) throws Exception {
        HandClock clock = new HandClock();
        RunningJobs jobs = new RunningJobs(clock);
        InboxProgress progress = new InboxProgress(inbox, jobs, clock);
        Files.createDirectories(inbox.resolve("site-a"));
        Files.createDirectories(inbox.resolve(".partial"));
        for (int i = 0; i < 4; i++) Files.writeString(inbox.resolve("site-a/f" + i + ".dcm"), "x");
        Files.writeString(inbox.resolve(".hidden.dcm"), "x");          // not read by the route: not waiting either
        Files.writeString(inbox.resolve(".partial/g.dcm"), "x");
        Files.writeString(inbox.resolve("site-a/f3.dcm.camelLock"), "");   // Camel's marker while it reads a file

        // a file left for a later poll starts nothing
        progress.handled(false, true, false);
        assertThat(jobs.running()).isEmpty();

        Files.delete(inbox.resolve("site-a/f0.dcm"));
        progress.handled(true, true, false);
        RunningJobs.View v = jobs.running().get(0);
        assertThat(v.kind()).isEqualTo("inbox");
        assertThat(v.label()).doesNotContain("site-a", ".dcm");
        assertThat(v.done()).isEqualTo(1);
        assertThat(v.total()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(10));
        Files.delete(inbox.resolve("site-a/f1.dcm"));
        // two more arrive meanwhile
        Files.writeString(inbox.resolve("site-a/f8.dcm"), "x");
        Files.writeString(inbox.resolve("f9.dcm"), "x");
        progress.handled(true, false, false);
        assertThat(jobs.running().get(0).total()).isEqualTo(6);   // 2 taken + 4 waiting
        assertThat(jobs.running().get(0).percent()).isEqualTo(33);
        // 2 files in 10 s, 4 left: 20 s
        assertThat(jobs.running().get(0).etaText()).isEqualTo("20 s");

        // within the recount interval the inbox is not walked again: the total stays until the end of the poll
        Files.delete(inbox.resolve("site-a/f2.dcm"));
        progress.handled(true, true, false);
        assertThat(jobs.running().get(0).total()).isEqualTo(6);
        assertThat(jobs.running().get(0).done()).isEqualTo(3);

        for (String f : new String[] {"site-a/f3.dcm", "site-a/f8.dcm", "f9.dcm"}) {
            clock.advance(Duration.ofMillis(100));
            Files.delete(inbox.resolve(f));
            progress.handled(true, true, f.equals("f9.dcm"));
        }
        assertThat(jobs.running()).isEmpty();
        RunningJobs.View finished = jobs.recentlyFinished().get(0);
        assertThat(finished.done()).isEqualTo(6);
        assertThat(finished.total()).isEqualTo(6);
        assertThat(finished.ok()).isTrue();
        assertThat(finished.outcome()).isEqualTo("inbox empty again: 6 files taken, 1 of them quarantined");

        // the next file starts a new job
        Files.writeString(inbox.resolve("next.dcm"), "x");
        Files.delete(inbox.resolve("next.dcm"));
        progress.handled(true, true, true);
        assertThat(jobs.running()).isEmpty();
        assertThat(jobs.recentlyFinished().get(0).done()).isEqualTo(1);
    }
}
