package org.radbridge.cli;

import org.junit.jupiter.api.Test;
import org.radbridge.server.security.AuditEventWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's line on the audit writer says how busy it was and whether searches waited for it. */
class FhirBenchAuditLineTest {
    @Test
    void namesTheShareOfTheWindowSpentStoringAndTheWaits() {
        // 12 s of storing (9 s of it in the database) over a 40 s window; 3 hand-overs waited 1.5 s in all
        AuditEventWriter.Activity a = new AuditEventWriter.Activity(4_900, 7, 100, 12_000_000_000L, 9_000_000_000L, 3, 1_500_000_000L);
        assertThat(FhirBench.describe(a, 40))
                .isEqualTo("4900 events in 100 transactions, 12.0 s storing (30 % of 40 s; database 9.0 s), "
                        + "3 hand-overs waited for queue room (1.5 s in all), 7 logged only");
    }
}
