package org.radbridge.console;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DoseBoxPlotTest {
    private static List<Object> row(String index, String protocol, Object n, Double... stats) {
        List<Object> r = new java.util.ArrayList<>(List.of(index, protocol, n));
        r.addAll(Arrays.asList(stats));
        return r;
    }

    @Test
    void onePlotPerDoseIndexOneBoxPerDrawnGroupSmallGroupsListedNotDrawn() {
        SmallCells on = new SmallCells(11);
        DataTable t = new DataTable("ct-dose", "CT dose", List.of("dose index", "protocol", "studies", "min", "q1", "median", "q3", "max"), List.of(
                row("CTDIvol (mGy)", "CT Chest WO contrast", on.cell(40), 4.0, 8.0, 10.0, 12.5, 30.0),
                row("CTDIvol (mGy)", "CT Head <b>", on.cell(3), null, null, null, null, null),
                row("DLP (mGy.cm)", "CT Chest WO contrast", on.cell(12), 100.0, 200.0, 250.0, 300.0, 900.0)));
        String svg = DoseBoxPlot.svg(t);
        assertThat(svg.split("<figure", -1)).hasSize(3);
        assertThat(svg.split("<g class=\"box\"", -1)).hasSize(3);
        assertThat(svg).contains("CT Head &lt;b&gt; (n=&lt;11)").contains("small-cell").doesNotContain("<b>");
        // the CTDIvol axis ends at 50 (round number above the maximum 30): the median 10 sits a fifth of the way along
        double plotW = DoseBoxPlot.WIDTH - DoseBoxPlot.LABEL - 20;
        String x = String.format(java.util.Locale.ROOT, "%.1f", DoseBoxPlot.LABEL + plotW * 10 / 50);
        assertThat(svg).contains("<line x1=\"" + x + "\"");
        // the table and its CSV show the masked count and no quartiles of that group
        assertThat(t.csv()).contains("CTDIvol (mGy),CT Head <b>,<11,,,,,\n");
    }

    @Test
    void axisEndsAtARoundNumber() {
        assertThat(DoseBoxPlot.niceCeiling(30)).isEqualTo(50);
        assertThat(DoseBoxPlot.niceCeiling(443)).isEqualTo(500);
        assertThat(DoseBoxPlot.niceCeiling(12)).isEqualTo(20);
        assertThat(DoseBoxPlot.niceCeiling(0)).isEqualTo(1);
    }
}
