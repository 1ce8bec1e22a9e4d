package org.radbridge.cli;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BenchStudiesTest {
    @Test
    void generationIsDeterministicWithConsecutiveStudiesPerPatient() {
        List<BenchStudies.Study> a = BenchStudies.generate(500, 7, 3L);
        assertThat(a).hasSize(500).isEqualTo(BenchStudies.generate(500, 7, 3L));
        assertThat(BenchStudies.generate(500, 7, 4L)).isNotEqualTo(a);
        Set<String> finished = new HashSet<>();
        String current = null;
        Set<String> uids = new HashSet<>();
        for (BenchStudies.Study s : a) {
            if (!s.mrn().equals(current)) {
                assertThat(finished.add(s.mrn())).as("studies of " + s.mrn() + " are consecutive").isTrue();
                current = s.mrn();
            }
            assertThat(s.uid()).matches("2\\.25\\.[0-9]+").hasSizeLessThanOrEqualTo(64);
            assertThat(uids.add(s.uid())).isTrue();
            assertThat(s.exam()).isBetween(0, 6);
            assertThat(s.series()).isBetween(1, 2);
        }
        assertThat(finished.size()).isBetween(500 / 3, 500);
    }

    @Test
    void mergedTransactionsWriteASharedEntryOnce() {
        Bundle one = new Bundle();
        one.addEntry().setFullUrl("urn:uuid:p").setResource(new Patient());
        one.addEntry().setFullUrl("urn:uuid:s1");
        Bundle two = new Bundle();
        two.addEntry().setFullUrl("urn:uuid:p").setResource(new Patient());
        two.addEntry().setFullUrl("urn:uuid:s2");
        Bundle merged = FhirBulkLoader.merge(List.of(one, two));
        assertThat(merged.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(merged.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl).containsExactly("urn:uuid:p", "urn:uuid:s1", "urn:uuid:s2");
    }
}
