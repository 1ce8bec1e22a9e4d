package org.radbridge.bench.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The timed rounds of {@link ParallelTimer} and the peer's RESULT line as {@code bench nlp} reads it: which figures
 * count (the median round's) and how many texts each round analyses. No timing is asserted.
 */
class ParallelTimerRoundsTest {

    @Test
    void timesEachRoundOverEveryPassAndCountsAllOfThem() throws Exception {
        AtomicInteger analysed = new AtomicInteger();
        ParallelTimer.Pipeline p = text -> {
            analysed.incrementAndGet();
            return text.length();
        };
        List<String> texts = List.of("a", "bb", "ccc");
        ParallelTimer.Timing t = ParallelTimer.run(List.of(p, p), texts, 2, 0, 4);

        assertThat(t.rounds()).hasSize(4).allSatisfy(r -> assertThat(r.texts()).isEqualTo(6));
        assertThat(t.texts()).isEqualTo(24);
        // the first pass over 20 texts outside the clock (3 here, per pipeline), then 4 rounds of 2 passes of 3 texts
        assertThat(analysed.get()).isEqualTo(2 * 3 + 24);
        assertThat(t.mentions()).isEqualTo(4 * 2 * (1 + 2 + 3));
        assertThat(t.cpuMsPerTextByRound()).hasSize(4);
        assertThat(t.seconds()).isCloseTo(t.rounds().stream().mapToDouble(ParallelTimer.Round::seconds).sum(), within(1e-9));
    }

    @Test
    void refusesNoRound() {
        assertThatThrownBy(() -> ParallelTimer.run(List.of(text -> 0), List.of("a"), 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
    }

    @Test
    void theMedianRoundCountsNotTheMean() {
        assertThat(ParallelTimer.median(new double[]{0.28, 0.16, 0.17})).isEqualTo(0.17);
        assertThat(ParallelTimer.median(new double[]{4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(ParallelTimer.median(new double[]{7})).isEqualTo(7);
        assertThatThrownBy(() -> ParallelTimer.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThePeersRoundsAndTakesItsMedianRound() {
        NlpBench.Result r = NlpBench.peerResult("RESULT reports=1500 seconds=30.000 mentions=9 peakHeapBytes=100 "
                + "peakAfterGcBytes=50 setupSeconds=20.0 cpuSeconds=60.000 roundReports=500 roundSeconds=8.0000,12.0000,10.0000 "
                + "roundCpuSeconds=15.0000,30.0000,15.0000", 2);
        assertThat(r.reports()).isEqualTo(1500);
        assertThat(r.cpuMsByRound()).containsExactly(30.0, 60.0, 30.0);
        assertThat(r.cpuMsPerReport()).isEqualTo(30.0);
        assertThat(r.msPerReport()).isCloseTo(20.0, within(1e-9));
        assertThat(r.rate()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void aPeerLineWithoutRoundsIsOneRoundOfItsTotals() {
        NlpBench.Result r = NlpBench.peerResult("RESULT reports=200 seconds=4.000 mentions=9 peakHeapBytes=100 "
                + "peakAfterGcBytes=50 setupSeconds=20.0 cpuSeconds=5.000", 2);
        assertThat(r.cpuMsByRound()).containsExactly(25.0);
        assertThat(r.cpuMsPerReport()).isEqualTo(25.0);
        assertThat(r.msPerReport()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void aLineThatIsNoResultIsRefused() {
        assertThatThrownBy(() -> NlpBench.peerResult("Exception in thread main", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a RESULT line");
    }
}
