package org.radbridge.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RunningJobsTest {
    private final HandClock clock = new HandClock();
    private final RunningJobs jobs = new RunningJobs(clock);

    @Test
    void progressRateAndEtaFollowFromDoneTotalAndElapsedTime() {
        RunningJobs.Job job = jobs.start("ingest", "folder ingest (1,000 files)", 1000);
        clock.advance(Duration.ofSeconds(10));
        job.update(250);

        RunningJobs.View v = jobs.running().get(0);
        assertThat(v.done()).isEqualTo(250);
        assertThat(v.percent()).isEqualTo(25);
        assertThat(v.ratePerSecond()).isEqualTo(25.0);
        // 750 left at 25 per second
        assertThat(v.eta()).isEqualTo(Duration.ofSeconds(30));
        assertThat(v.etaText()).isEqualTo("30 s");

        clock.advance(Duration.ofSeconds(290));
        job.update(300);
        // 300 in 300 s: 700 left at 1/s
        assertThat(jobs.running().get(0).etaText()).isEqualTo("11 min 40 s");
    }

    @Test
    void aJobOfStepsShowsItsStepButNoRateOrEta() {
        RunningJobs.Job job = jobs.startSteps("cohort run", "cohort run: x", 3);
        clock.advance(Duration.ofSeconds(2));
        job.update(2);
        RunningJobs.View v = jobs.running().get(0);
        assertThat(v.steps()).isTrue();
        assertThat(v.percent()).isEqualTo(66);
        assertThat(v.ratePerSecond()).isZero();
        assertThat(v.eta()).isNull();
    }

    @Test
    void aTotalLearnedLaterGivesThePercentageAndEta() {
        RunningJobs.Job job = jobs.start("re-projection", "re-projection after a mappings reload", -1);
        assertThat(jobs.running().get(0).percent()).isEqualTo(-1);
        job.total(40);
        clock.advance(Duration.ofSeconds(10));
        job.update(10);
        assertThat(jobs.running().get(0).percent()).isEqualTo(25);
        assertThat(jobs.running().get(0).etaText()).isEqualTo("30 s");
    }

    @Test
    void anUnknownTotalHasNoPercentageAndNoEta() {
        jobs.start("re-projection", "re-projection after a mappings reload", -1);
        clock.advance(Duration.ofSeconds(5));
        RunningJobs.View v = jobs.running().get(0);
        assertThat(v.percent()).isEqualTo(-1);
        assertThat(v.eta()).isNull();
        assertThat(v.etaText()).isEqualTo("—");
    }

    @Test
    void progressNeverGoesBackwardsAndAnEmptyJobIsComplete() {
        RunningJobs.Job job = jobs.start("ingest", "x", 10);
        job.update(7);
        job.update(3);
        assertThat(jobs.running().get(0).done()).isEqualTo(7);
        jobs.start("ingest", "empty", 0);
        assertThat(jobs.running().get(1).percent()).isEqualTo(100);
    }

    @Test
    void aFinishedJobLeavesRunningAndStaysAsTheLastOfItsKindForAFewMinutes() {
        RunningJobs.Job first = jobs.start("ingest", "first", 10);
        first.update(10);
        clock.advance(Duration.ofSeconds(4));
        first.finish(true, "10 files read");
        RunningJobs.Job second = jobs.start("ingest", "second", 5);
        clock.advance(Duration.ofSeconds(1));
        second.finish(false, "stopped");
        // a second finish (close after finish) keeps the first outcome
        second.close();

        assertThat(jobs.running()).isEmpty();
        List<RunningJobs.View> done = jobs.recentlyFinished();
        assertThat(done).hasSize(1);
        assertThat(done.get(0).label()).isEqualTo("second");
        assertThat(done.get(0).ok()).isFalse();
        assertThat(done.get(0).outcome()).isEqualTo("stopped");
        assertThat(done.get(0).finished()).isEqualTo(clock.instant());
        assertThat(done.get(0).eta()).isNull();

        clock.advance(RunningJobs.KEEP_FINISHED.minusSeconds(1));
        assertThat(jobs.recentlyFinished()).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(jobs.recentlyFinished()).isEmpty();
    }

    @Test
    void aJobClosedWithoutFinishingIsShownAsFailed() {
        try (RunningJobs.Job job = jobs.start("ingest", "x", 3)) {
            job.update(1);
        }
        assertThat(jobs.running()).isEmpty();
        assertThat(jobs.recentlyFinished().get(0).ok()).isFalse();
    }

    @Test
    void concurrentUpdatesAndStartsLoseNothing() throws Exception {
        RunningJobs real = new RunningJobs();
        RunningJobs.Job shared = real.start("ingest", "shared", 80_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        shared.advance(1);
                        if (i % 1000 == 0) {
                            RunningJobs.Job j = real.start("re-projection", "r", -1);
                            real.running();
                            j.finish(true, "ok");
                        }
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(real.running()).singleElement().satisfies(v -> {
            assertThat(v.done()).isEqualTo(80_000);
            assertThat(v.percent()).isEqualTo(100);
        });
        assertThat(real.recentlyFinished()).singleElement().satisfies(v -> assertThat(v.kind()).isEqualTo("re-projection"));
    }
}
