package org.radbridge.deid;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OmopDatesTest {
    private final Pseudonymizer keys = new Pseudonymizer("omop-dates-test-key-0123456789");

    @Test
    void realDatesByDefaultShiftedDatesKeepIntervalsAndBirthToTheYear() {
        OmopDates real = OmopDates.from(Map.of(), new Properties(), keys);
        assertThat(real.days("p")).isZero();
        assertThat(real.monthOfBirth(LocalDate.of(1950, 7, 4))).isEqualTo(7);
        OmopDates shifted = OmopDates.from(Map.of("RADBRIDGE_OMOP_DATES", "shifted"), new Properties(), keys);
        int d = shifted.days("person-1");
        assertThat(d).isNotZero().isBetween(-365, 365).isEqualTo(shifted.days("person-1"));
        // the same shift as the research profile gives DICOM exports of this person
        assertThat(d).isEqualTo(new DateShift(keys, 365).days("person-1"));
        assertThat(shifted.monthOfBirth(LocalDate.of(1950, 7, 4))).isNull();
    }

    @Test
    void agesOverEightyNineAreGroupedWhenConfigured() {
        OmopDates group = OmopDates.from(Map.of("RADBRIDGE_OMOP_AGES_OVER_89", "group"), new Properties(), keys);
        assertThat(group.yearOfBirth(LocalDate.of(1925, 1, 1), LocalDate.of(2024, 3, 1))).isEqualTo(1934);
        assertThat(group.yearOfBirth(LocalDate.of(1950, 1, 1), LocalDate.of(2024, 3, 1))).isEqualTo(1950);
        assertThatThrownBy(() -> OmopDates.from(Map.of("RADBRIDGE_OMOP_DATES", "fuzzy"), new Properties(), keys)).hasMessageContaining("'fuzzy'");
    }
}
