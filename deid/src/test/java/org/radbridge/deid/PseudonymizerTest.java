package org.radbridge.deid;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymizerTest {
    private static final String KEY = "a-test-key-of-sufficient-length";

    @Test
    void personPseudonymIsTheKeyedHmacOfIssuerAndPatientId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("person".getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0x1F);
        mac.update("HOSP".getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0x1F);
        mac.update("MRN1".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(mac.doFinal()).substring(0, 40);
        assertThat(new Pseudonymizer(KEY).person("HOSP", "MRN1")).isEqualTo(expected).hasSize(40);
    }

    @Test
    void issuerAndIdAreNotConfusedAcrossTheBoundary() {
        Pseudonymizer p = new Pseudonymizer(KEY);
        assertThat(p.person("HOS", "PMRN1")).isNotEqualTo(p.person("HOSP", "MRN1"));
        assertThat(p.person("OTHER", "MRN1")).isNotEqualTo(p.person("HOSP", "MRN1"));
    }

    @Test
    void anotherKeyGivesUnrelatedPseudonyms() {
        assertThat(new Pseudonymizer(KEY + "x").person("HOSP", "MRN1")).isNotEqualTo(new Pseudonymizer(KEY).person("HOSP", "MRN1"));
    }

    @Test
    void replacementUidsAreValidDeterministicAndDistinct() {
        Pseudonymizer p = new Pseudonymizer(KEY);
        String a = p.uid("1.2.840.113619.2.55.3.1");
        assertThat(a).startsWith("2.25.").matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64);
        assertThat(p.uid("1.2.840.113619.2.55.3.1")).isEqualTo(a);
        assertThat(p.uid("1.2.840.113619.2.55.3.2")).isNotEqualTo(a);
        assertThat(a).doesNotContain("113619");
    }

    @Test
    void refusesAMissingOrShortKey() {
        assertThatThrownBy(() -> new Pseudonymizer(null)).hasMessageContaining("RADBRIDGE_PSEUDONYM_KEY");
        assertThatThrownBy(() -> new Pseudonymizer("short")).hasMessageContaining("16");
    }
}
