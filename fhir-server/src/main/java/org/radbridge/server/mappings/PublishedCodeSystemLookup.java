package org.radbridge.server.mappings;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.r4.model.CodeSystem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers {@code CodeSystem/$lookup} from the CodeSystems RadBridge last published. HAPI indexes the
 * concepts of complete CodeSystems only; the fragments (our subsets of SNOMED CT, LOINC, RadLex,
 * DICOM) are stored as resources but its terminology service answers "not found" for their codes.
 * Placed first in the server's validation-support chain, this module gives the display of every code
 * the fragments hold, and leaves codes outside them to the rest of the chain.
 */
public class PublishedCodeSystemLookup implements IValidationSupport {
    private record Published(CodeSystem codeSystem, Map<String, CodeSystem.ConceptDefinitionComponent> byCode) {}

    private final FhirContext fhirContext;
    private final AtomicReference<Map<String, Published>> byUrl = new AtomicReference<>(Map.of());

    public PublishedCodeSystemLookup(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Replaces what is answered with the CodeSystems just written to the server. */
    public void update(List<CodeSystem> published) {
        Map<String, Published> m = new HashMap<>();
        for (CodeSystem cs : published) {
            Map<String, CodeSystem.ConceptDefinitionComponent> codes = new HashMap<>();
            cs.getConcept().forEach(c -> codes.put(c.getCode(), c));
            m.put(cs.getUrl(), new Published(cs, codes));
        }
        byUrl.set(Map.copyOf(m));
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "RadBridge published CodeSystems";
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
        return system != null && byUrl.get().containsKey(system);
    }

    @Override
    public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
        Published p = request.getSystem() == null ? null : byUrl.get().get(request.getSystem());
        if (p == null) return null;
        CodeSystem.ConceptDefinitionComponent concept = p.byCode().get(request.getCode());
        if (concept == null) {
            // a fragment does not know the codes it leaves out: let the rest of the chain answer
            return p.codeSystem().getContent() == CodeSystem.CodeSystemContentMode.COMPLETE
                    ? LookupCodeResult.notFound(request.getSystem(), request.getCode()) : null;
        }
        LookupCodeResult r = new LookupCodeResult().setFound(true).setSearchedForSystem(request.getSystem()).setSearchedForCode(request.getCode());
        r.setCodeDisplay(concept.getDisplay());
        r.setCodeSystemDisplayName(p.codeSystem().getTitle());
        r.setCodeSystemVersion(p.codeSystem().getVersion());
        return r;
    }
}
