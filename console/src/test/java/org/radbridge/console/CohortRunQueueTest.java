package org.radbridge.console;

import org.junit.jupiter.api.Test;
import org.radbridge.ingest.RunningJobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CohortRunQueueTest {
    private record Seen(List<CohortRunQueue.View> queue, List<RunningJobs.View> finishedJobs) {}

    @Test
    void aRunShowsAsEndedOnlyAfterItsJobIsFinishedAndItsAuditRowWritten() throws Exception {
        RunningJobs jobs = new RunningJobs();
        try (CohortRunQueue queue = new CohortRunQueue(jobs)) {
            CompletableFuture<Seen> atEnd = new CompletableFuture<>();
            CohortRunQueue.View submitted = queue.submit("saved/x.yaml", "x", "token:admin",
                    steps -> new CohortRuns.Outcome(42, "written"),
                    end -> atEnd.complete(new Seen(queue.recent(), jobs.recentlyFinished())));
            assertThat(submitted.stateText()).isIn("queued", "running", "done");
            Seen seen = atEnd.get(10, TimeUnit.SECONDS);
            // while the end was being recorded, the page still showed the run as pending ...
            assertThat(seen.queue()).singleElement().satisfies(v -> assertThat(v.pending()).isTrue());
            // ... although its running job had already finished
            assertThat(seen.finishedJobs()).singleElement().satisfies(j -> assertThat(j.outcome()).isEqualTo("written (research_audit 42)"));
            CohortRunQueue.View done = awaitEnd(queue);
            assertThat(done.stateText()).isEqualTo("done");
            assertThat(done.auditId()).isEqualTo(42L);
            assertThat(done.endedAt()).isNotEmpty();
            assertThat(queue.find(done.id())).contains(done);
        }
    }

    @Test
    void aFailedRunKeepsItsErrorAndIsToldAsFailed() throws Exception {
        try (CohortRunQueue queue = new CohortRunQueue(new RunningJobs())) {
            CompletableFuture<CohortRunQueue.View> told = new CompletableFuture<>();
            queue.submit("saved/bad.yaml", "bad", "token:admin", steps -> {
                throw new IllegalStateException("no concept matches SNOMED code '999999999'");
            }, told::complete);
            CohortRunQueue.View end = told.get(10, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(CohortRunQueue.State.FAILED);
            assertThat(end.message()).isEqualTo("no concept matches SNOMED code '999999999'");
            assertThat(awaitEnd(queue)).isEqualTo(end);
        }
    }

    private static CohortRunQueue.View awaitEnd(CohortRunQueue queue) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            CohortRunQueue.View v = queue.recent().get(0);
            if (!v.pending()) return v;
            Thread.sleep(10);
        }
        throw new AssertionError("the run did not end within 10 s");
    }
}
