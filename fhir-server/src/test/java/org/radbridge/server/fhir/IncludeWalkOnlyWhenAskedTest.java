package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.api.BundleLinks;
import ca.uhn.fhir.rest.api.IVersionSpecificBundleFactory;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's bundle factory gives the bundles HAPI's R4 factory gives, for search pages with and without includes,
 * under both inclusion rules, also when references carry their target objects (the case the walk is for).
 */
class IncludeWalkOnlyWhenAskedTest {
    private static final FhirContext HAPI = FhirContext.forR4Cached();
    private static final ServerFhirContext SERVER = new ServerFhirContext();

    /** A page as a search with _include would give it: two studies, the patient of one attached to its reference, a report. */
    private static List<IBaseResource> page() {
        Patient patient = new Patient();
        patient.setId("Patient/p1");
        patient.addName().setFamily("Doe");
        ImagingStudy withTarget = new ImagingStudy();
        withTarget.setId("ImagingStudy/s1/_history/2");
        Reference attached = new Reference("Patient/p1");
        attached.setResource(patient);
        withTarget.setSubject(attached);
        ImagingStudy plain = new ImagingStudy();
        plain.setId("ImagingStudy/s2");
        plain.setSubject(new Reference("Patient/p2"));
        DiagnosticReport included = new DiagnosticReport();
        included.setId("DiagnosticReport/r1");
        included.addImagingStudy(new Reference("ImagingStudy/s1"));
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(included, BundleEntrySearchModeEnum.INCLUDE);
        return new ArrayList<>(List.of(withTarget, plain, included));
    }

    private static String bundle(FhirContext ctx, BundleTypeEnum type, BundleInclusionRule rule, Set<Include> includes) {
        IVersionSpecificBundleFactory f = ctx.newBundleFactory();
        f.addRootPropertiesToBundle("b1", new BundleLinks("http://h/fhir", Set.of(), false, type).setSelf("http://h/fhir/ImagingStudy").setNext("http://h/fhir/ImagingStudy?_offset=3"),
                null, null);
        f.addResourcesToBundle(page(), type, "http://h/fhir", rule, includes);
        return ctx.newJsonParser().encodeResourceToString(f.getResourceBundle());
    }

    @Test
    void bundlesAreHapisWithAndWithoutIncludesUnderEitherRule() {
        List<Set<Include>> includeSets = new ArrayList<>();
        includeSets.add(null);
        includeSets.add(Set.of());
        includeSets.add(Set.of(new Include("ImagingStudy:subject")));
        includeSets.add(Set.of(new Include("*")));
        for (BundleTypeEnum type : List.of(BundleTypeEnum.SEARCHSET, BundleTypeEnum.HISTORY, BundleTypeEnum.TRANSACTION_RESPONSE))
            for (BundleInclusionRule rule : BundleInclusionRule.values())
                for (Set<Include> includes : includeSets)
                    assertThat(bundle(SERVER, type, rule, includes)).as(type + " " + rule + " " + includes).isEqualTo(bundle(HAPI, type, rule, includes));
        // the attached patient is in the bundle when asked for, and only then (the walk runs when it can include)
        assertThat(bundle(SERVER, BundleTypeEnum.SEARCHSET, BundleInclusionRule.BASED_ON_INCLUDES, Set.of(new Include("ImagingStudy:subject")))).contains("\"family\":\"Doe\"");
        assertThat(bundle(SERVER, BundleTypeEnum.SEARCHSET, BundleInclusionRule.BASED_ON_INCLUDES, Set.of())).doesNotContain("\"family\":\"Doe\"");
    }

    @Test
    void onlyTheWalkOfABundleWithoutIncludesFindsNoReferences() {
        ImagingStudy study = (ImagingStudy) page().get(0);
        assertThat(SERVER.newTerser().getClass()).isEqualTo(FhirTerser.class);
        assertThat(SERVER.newTerser().getAllResourceReferences(study)).hasSize(1);
        SERVER.withoutReferenceWalk(() -> assertThat(SERVER.newTerser().getAllResourceReferences(study)).isEmpty());
        assertThat(SERVER.newTerser().getAllResourceReferences(study)).as("only inside the bundle's walk").hasSize(1);
        assertThat(IncludeWalkOnlyWhenAsked.walkCanInclude(BundleInclusionRule.BASED_ON_INCLUDES, Set.of())).isFalse();
        assertThat(IncludeWalkOnlyWhenAsked.walkCanInclude(BundleInclusionRule.BASED_ON_INCLUDES, null)).isFalse();
        assertThat(IncludeWalkOnlyWhenAsked.walkCanInclude(BundleInclusionRule.BASED_ON_RESOURCE_PRESENCE, Set.of())).isTrue();
        assertThat(IncludeWalkOnlyWhenAsked.walkCanInclude(null, Set.of())).isTrue();
        assertThat(IncludeWalkOnlyWhenAsked.walkCanInclude(BundleInclusionRule.BASED_ON_INCLUDES, Set.of(new Include("ImagingStudy:subject")))).isTrue();
    }
}
