package org.radbridge.write.omop;

import org.junit.jupiter.api.Test;
import org.radbridge.write.omop.ConditionEraBuilder.Era;
import org.radbridge.write.omop.ConditionEraBuilder.Occurrence;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionEraBuilderTest {
    private static final LocalDate D = LocalDate.of(2024, 3, 1);

    @Test
    void anOccurrenceWithoutEndIsAOneDayEra() {
        assertThat(ConditionEraBuilder.build(List.of(new Occurrence(100, D, null)))).containsExactly(new Era(100, D, D.plusDays(1), 1));
    }

    @Test
    void occurrencesWithinThePersistenceWindowJoinOneEra() {
        // the second starts 30 days after the first ends (end = start + 1): still inside the window
        List<Era> eras = ConditionEraBuilder.build(List.of(new Occurrence(100, D, null), new Occurrence(100, D.plusDays(31), null)));
        assertThat(eras).containsExactly(new Era(100, D, D.plusDays(32), 2));
    }

    @Test
    void aGapLongerThanTheWindowStartsANewEra() {
        List<Era> eras = ConditionEraBuilder.build(List.of(new Occurrence(100, D.plusDays(32), null), new Occurrence(100, D, null)));
        assertThat(eras).containsExactly(new Era(100, D, D.plusDays(1), 1), new Era(100, D.plusDays(32), D.plusDays(33), 1));
    }

    @Test
    void conceptsMakeSeparateErasAndConceptZeroMakesNone() {
        List<Era> eras = ConditionEraBuilder.build(List.of(new Occurrence(200, D, D.plusDays(10)), new Occurrence(100, D.plusDays(5), null),
                new Occurrence(0, D, null), new Occurrence(200, D.plusDays(3), D.plusDays(4))));
        assertThat(eras).containsExactly(new Era(100, D.plusDays(5), D.plusDays(6), 1), new Era(200, D, D.plusDays(10), 2));
    }

    @Test
    void anOverlappingOccurrenceDoesNotShortenTheEra() {
        List<Era> eras = ConditionEraBuilder.build(List.of(new Occurrence(100, D, D.plusDays(60)), new Occurrence(100, D.plusDays(10), D.plusDays(12)),
                new Occurrence(100, D.plusDays(85), null)));
        assertThat(eras).containsExactly(new Era(100, D, D.plusDays(86), 3));
    }

    @Test
    void anEndBeforeTheStartIsTreatedAsMissing() {
        assertThat(ConditionEraBuilder.build(List.of(new Occurrence(100, D, D.minusDays(3))))).containsExactly(new Era(100, D, D.plusDays(1), 1));
    }
}
