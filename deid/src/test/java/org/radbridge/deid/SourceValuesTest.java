package org.radbridge.deid;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceValuesTest {
    @Test
    void cleanKeepsOnlyReviewedFormsAndDropKeepsNothing() {
        SourceValues clean = SourceValues.from(Map.of(), new Properties());
        assertThat(clean.mode()).isEqualTo(SourceValues.Mode.CLEAN);
        assertThat(clean.descriptor(" CT CHEST WO ")).isEqualTo("CT CHEST WO");
        assertThat(clean.descriptor(null)).isNull();
        SourceValues drop = SourceValues.from(Map.of("RADBRIDGE_DEID_SOURCE_VALUES", "drop"), new Properties());
        assertThat(drop.descriptor("CT CHEST WO")).isNull();
    }

    @Test
    void aWrongModeIsNamedInTheError() {
        assertThatThrownBy(() -> SourceValues.from(Map.of("RADBRIDGE_DEID_SOURCE_VALUES", "verbatim"), new Properties()))
                .hasMessageContaining("'verbatim'").hasMessageContaining("clean");
    }
}
