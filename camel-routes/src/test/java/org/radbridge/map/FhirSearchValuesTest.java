package org.radbridge.map;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FhirSearchValuesTest {
    @Test
    void searchSpecialCharactersAreEscapedThenUrlEncoded() {
        assertThat(FhirSearchValues.escape("a|b,c$d\\e")).isEqualTo("a\\|b\\,c\\$d\\\\e");
        String token = FhirSearchValues.token("urn:radbridge:mrn", "+oYVjq");
        assertThat(token).isEqualTo("urn%3Aradbridge%3Amrn|%2BoYVjq");
        // what the server reads after URL decoding is the escaped value: one system, one value
        String decoded = URLDecoder.decode(FhirSearchValues.token("urn:radbridge:mrn", "12 34^X|Y,Z"), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("urn:radbridge:mrn|12 34^X\\|Y\\,Z");
    }

    @Test
    void spacesAndNonAsciiArePercentEncoded() {
        assertThat(FhirSearchValues.encode("Müller 1")).isEqualTo("M%C3%BCller%201");
        assertThat(FhirSearchValues.byIdentifier("Patient", "s", "&x=1")).isEqualTo("Patient?identifier=s|%26x%3D1");
    }
}
