package org.radbridge.write.fhir;

import org.hl7.fhir.r4.model.Bundle;

/** Where the clinical view is written: the embedded HAPI JPA server, or a remote FHIR server. */
public interface FhirSink {
    Bundle transaction(Bundle bundle);
}
