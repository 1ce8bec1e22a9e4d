package org.radbridge.server.security;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The search columns of an AuditEvent row: what a token or reference search matches. */
class AuditEventStoreTest {

    @Test
    void tokensHoldEveryFormATokenSearchCanName() {
        assertThat(AuditEventStore.tokens(List.of(new Coding("http://hl7.org/fhir/restful-interaction", "search-type", null))))
                .containsExactly("search-type", "http://hl7.org/fhir/restful-interaction|search-type", "http://hl7.org/fhir/restful-interaction|");
        assertThat(AuditEventStore.tokens(List.of(new Coding(null, "x", null)))).containsExactly("x", "|x");
        assertThat(AuditEventStore.tokens(List.of(new Coding("http://s", null, "display only")))).isEmpty();
    }

    @Test
    void referencesAsWrittenAsTypeAndIdAndAsId() {
        List<Reference> refs = List.of(new Reference("http://127.0.0.1:8080/fhir/Patient/42"), new Reference("ImagingStudy/7/_history/2"),
                new Reference().setIdentifier(new Identifier().setValue("client")).setDisplay("client"));
        AuditEventStore.ReferenceForms forms = AuditEventStore.ReferenceForms.of(refs);
        assertThat(forms.forms()).containsExactly("http://127.0.0.1:8080/fhir/Patient/42", "Patient/42", "42",
                "ImagingStudy/7/_history/2", "ImagingStudy/7", "7");
        assertThat(forms.patients()).containsExactly("Patient/42");
    }
}
