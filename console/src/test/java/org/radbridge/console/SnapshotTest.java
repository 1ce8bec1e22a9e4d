package org.radbridge.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {
    @Test
    void aQuickFigureIsComputedAgainAsSoonAsItsDataChanged() throws Exception {
        AtomicInteger data = new AtomicInteger(1);
        AtomicInteger computations = new AtomicInteger();
        Snapshot<Integer> s = new Snapshot<>("quick", () -> {
            computations.incrementAndGet();
            return data.get() * 10;
        }, Duration.ofHours(1), data::get);
        assertThat(s.get().value()).isEqualTo(10);
        assertThat(s.get().value()).isEqualTo(10);
        assertThat(computations).hasValue(1);
        data.set(2);
        assertThat(s.get().value()).isEqualTo(20);
        assertThat(computations).hasValue(2);
    }

    @Test
    void aSlowFigureIsServedAsItWasWhileItIsComputedAgainInTheBackground() throws Exception {
        AtomicInteger data = new AtomicInteger(1);
        Snapshot<Integer> s = new Snapshot<>("slow", () -> {
            Thread.sleep(Snapshot.QUICK.toMillis() + 200);
            return data.get();
        }, Duration.ofHours(1), data::get);
        assertThat(s.get().value()).isEqualTo(1);
        data.set(2);
        long t0 = System.nanoTime();
        assertThat(s.get().value()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Snapshot.QUICK);
        assertThat(s.background().get().value()).isEqualTo(2);
        assertThat(s.get().value()).isEqualTo(2);
        // refresh waits only as long as it is told, then gives what there is
        data.set(3);
        assertThat(s.refresh(Duration.ofMillis(10)).value()).isEqualTo(2);
        assertThat(s.fresh().value()).isEqualTo(3);
    }
}
