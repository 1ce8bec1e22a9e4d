package org.radbridge.server.security.smart;

import org.junit.jupiter.api.Test;
import org.radbridge.server.security.smart.SmartScopes.Context;
import org.radbridge.server.security.smart.SmartScopes.Interaction;

import static org.assertj.core.api.Assertions.assertThat;

class SmartScopesTest {

    @Test
    void v1ReadCoversReadAndSearchOnly() {
        SmartScopes s = SmartScopes.parse("system/ImagingStudy.read");
        assertThat(s.allows(Context.SYSTEM, "ImagingStudy", Interaction.READ)).isTrue();
        assertThat(s.allows(Context.SYSTEM, "ImagingStudy", Interaction.SEARCH)).isTrue();
        assertThat(s.allows(Context.SYSTEM, "ImagingStudy", Interaction.CREATE)).isFalse();
        assertThat(s.allows(Context.SYSTEM, "DiagnosticReport", Interaction.READ)).isFalse();
        assertThat(s.allows(Context.PATIENT, "ImagingStudy", Interaction.READ)).isFalse();
    }

    @Test
    void v2LettersAreTakenOneByOne() {
        SmartScopes s = SmartScopes.parse("system/*.rs system/DiagnosticReport.cruds patient/Observation.r");
        assertThat(s.allows(Context.SYSTEM, "Patient", Interaction.SEARCH)).isTrue();
        assertThat(s.allows(Context.SYSTEM, "Patient", Interaction.UPDATE)).isFalse();
        assertThat(s.allows(Context.SYSTEM, "DiagnosticReport", Interaction.DELETE)).isTrue();
        assertThat(s.allows(Context.PATIENT, "Observation", Interaction.READ)).isTrue();
        assertThat(s.allows(Context.PATIENT, "Observation", Interaction.SEARCH)).isFalse();
    }

    @Test
    void v1WriteAndStar() {
        SmartScopes s = SmartScopes.parse("user/Patient.write system/Device.*");
        assertThat(s.allows(Context.USER, "Patient", Interaction.CREATE)).isTrue();
        assertThat(s.allows(Context.USER, "Patient", Interaction.READ)).isFalse();
        for (Interaction i : Interaction.values()) assertThat(s.allows(Context.SYSTEM, "Device", i)).isTrue();
    }

    @Test
    void unknownOrMalformedScopesGrantNothing() {
        SmartScopes s = SmartScopes.parse("openid fhirUser launch/patient system/*.srd system/Patient.rs?identifier=x "
                + "system/patient.read system/Patient.readwrite offline_access system/Patient.");
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.text()).isEmpty();
    }

    @Test
    void narrowingKeepsOnlyWhatTheRegistrationCovers() {
        SmartScopes registered = SmartScopes.parse("system/*.read system/DiagnosticReport.cu");
        SmartScopes granted = SmartScopes.parse("system/ImagingStudy.rs system/DiagnosticReport.cruds system/Observation.r "
                + "patient/*.read system/DiagnosticReport.c").narrowTo(registered);
        assertThat(granted.text()).isEqualTo("system/ImagingStudy.rs system/Observation.r system/DiagnosticReport.c");
    }
}
