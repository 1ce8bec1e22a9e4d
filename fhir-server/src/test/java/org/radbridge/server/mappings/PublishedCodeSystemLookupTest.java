package org.radbridge.server.mappings;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.junit.jupiter.api.Test;
import org.radbridge.terminology.CodeSystemCatalog;
import org.radbridge.terminology.Terminology;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedCodeSystemLookupTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", ".."));

    @Test
    void answersTheCodesOfThePublishedCodeSystemsAndLeavesTheRestToTheChain() throws Exception {
        PublishedCodeSystemLookup lookup = new PublishedCodeSystemLookup(FhirContext.forR4Cached());
        ValidationSupportContext ctx = new ValidationSupportContext(lookup);
        assertThat(lookup.isCodeSystemSupported(ctx, "http://snomed.info/sct")).isFalse();
        Terminology t = Terminology.load(HOME.resolve("terminology/codesystems"));
        new CodeSystemPublisher(b -> b, lookup::update).publish(t, CodeSystemCatalog.besides(HOME.resolve("terminology/codesystems")));

        assertThat(lookup.isCodeSystemSupported(ctx, "http://snomed.info/sct")).isTrue();
        IValidationSupport.LookupCodeResult chest = lookup.lookupCode(ctx, new LookupCodeRequest("http://snomed.info/sct", "816094009"));
        assertThat(chest.isFound()).isTrue();
        assertThat(chest.getCodeDisplay()).isEqualTo("Chest");
        assertThat(chest.getCodeSystemVersion()).startsWith("radbridge-");
        // a code outside a fragment is not ours to deny; outside a complete site system it is unknown
        assertThat(lookup.lookupCode(ctx, new LookupCodeRequest("http://snomed.info/sct", "22298006"))).isNull();
        assertThat(lookup.lookupCode(ctx, new LookupCodeRequest("urn:radbridge:vocabulary:RadBridge-Device", "NO-SUCH")).isFound()).isFalse();
        assertThat(lookup.lookupCode(ctx, new LookupCodeRequest("http://example.org/other", "x"))).isNull();
    }
}
