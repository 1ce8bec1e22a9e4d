package org.radbridge.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallCellsTest {
    @Test
    void countsFromOneToTenAreMaskedWhenTheRuleIsOnAndZeroStaysVisible() {
        SmallCells on = new SmallCells(11);
        assertThat(on.cell(0)).isEqualTo(0L);
        assertThat(on.cell(1)).hasToString("<11");
        assertThat(on.cell(10)).hasToString("<11");
        assertThat(on.cell(11)).isEqualTo(11L);
        assertThat(new SmallCells(0).cell(3)).isEqualTo(3L);
    }

    @Test
    void maskedCellsAreWrittenAsLessThanInTheCsvAndNotPlotted() {
        SmallCells on = new SmallCells(11);
        DataTable t = new DataTable("x", "X", List.of("month", "modality", "studies"),
                List.of(List.of("2024-01", "CT", on.cell(4)), List.of("2024-01", "MR, 3T", on.cell(40))));
        assertThat(t.csv()).isEqualTo("month,modality,studies\n2024-01,CT,<11\n2024-01,\"MR, 3T\",40\n");
        assertThat(DataTable.plotted(t.rows().get(0).get(2))).isNull();
        assertThat(DataTable.plotted(t.rows().get(1).get(2))).isEqualTo(40L);
    }

    @Test
    void theSettingIsAThresholdOrAnOnOffWord() {
        try {
            System.setProperty("radbridge.console.small-cell", "true");
            assertThat(SmallCells.fromEnvironment().threshold()).isEqualTo(11);
            System.setProperty("radbridge.console.small-cell", "5");
            assertThat(SmallCells.fromEnvironment().threshold()).isEqualTo(5);
            System.setProperty("radbridge.console.small-cell", "off");
            assertThat(SmallCells.fromEnvironment().on()).isFalse();
            System.setProperty("radbridge.console.small-cell", "eleven");
            assertThatThrownBy(SmallCells::fromEnvironment).hasMessageContaining("RADBRIDGE_CONSOLE_SMALL_CELL");
        } finally {
            System.clearProperty("radbridge.console.small-cell");
        }
    }
}
