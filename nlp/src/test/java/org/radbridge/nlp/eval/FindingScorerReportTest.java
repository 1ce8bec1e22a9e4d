package org.radbridge.nlp.eval;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scorer's report shows: a blind split keeps its per-finding table and its error rows to itself. */
class FindingScorerReportTest {

    @Test
    void theTableAndTheErrorRowsAreShownOnlyWhenAskedFor() {
        FindingScorer s = new FindingScorer(RadiologyLexicon.fromClasspath());
        s.score("r1", "Small left pleural effusion.", Set.of("60046008:present"), Set.of("60046008:present", "36118008:absent"));

        String full = s.report("set", true, true);
        assertThat(full).contains("TP 1 FP 0 FN 1").contains("36118008").contains("r1");

        String figuresOnly = s.report("set", false, false);
        assertThat(figuresOnly).contains("TP 1 FP 0 FN 1").doesNotContain("36118008").doesNotContain("60046008")
                .doesNotContain("r1");
        assertThat(figuresOnly.lines()).hasSize(1);

        // the two-argument form keeps the table, as every written set prints it
        assertThat(s.report("set", false)).contains("60046008").doesNotContain("r1");
    }
}
