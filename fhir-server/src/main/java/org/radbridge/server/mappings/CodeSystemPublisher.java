package org.radbridge.server.mappings;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.radbridge.terminology.CodeSystemCatalog;
import org.radbridge.terminology.TermConcept;
import org.radbridge.terminology.Terminology;
import org.radbridge.write.fhir.FhirSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes the code systems of {@code terminology/codesystems} as FHIR CodeSystem resources, one per
 * vocabulary that {@code terminology/fhir-codesystems.csv} lists as published: content "fragment" for
 * the subsets of external systems (SNOMED CT, LOINC, RadLex, DICOM, UCUM under their canonical URLs),
 * "complete" for site-defined ones. The HAPI server then answers {@code CodeSystem/$lookup} and
 * validates ConceptMap targets from the same rows the OMOP vocabulary tables are loaded from.
 *
 * <p>The version is a digest of the concepts; a CodeSystem stored at its version is not sent again, so
 * republishing unchanged files leaves the stored resources (and their history) untouched, while an
 * edited file replaces the one resource of its url (a PUT conditional on the url) rather than adding a second.
 */
public class CodeSystemPublisher {
    private static final Logger log = LoggerFactory.getLogger(CodeSystemPublisher.class);

    private final FhirSink fhir;
    private final CanonicalPublication.StoredVersions stored;
    private final Consumer<List<CodeSystem>> onPublished;

    public CodeSystemPublisher(FhirSink fhir) {
        this(fhir, published -> { });
    }

    /** @param onPublished told the CodeSystems once the server has stored them (the $lookup module) */
    public CodeSystemPublisher(FhirSink fhir, Consumer<List<CodeSystem>> onPublished) {
        this(fhir, CanonicalPublication.StoredVersions.NONE, onPublished);
    }

    /**
     * @param stored      the versions the server has stored (those stored at their version are not sent again)
     * @param onPublished told the CodeSystems once the server has stored them (the $lookup module)
     */
    public CodeSystemPublisher(FhirSink fhir, CanonicalPublication.StoredVersions stored, Consumer<List<CodeSystem>> onPublished) {
        this.fhir = fhir;
        this.stored = stored;
        this.onPublished = onPublished;
    }

    /** Publishes; a failure is logged and never stops a start or a reload. Returns the number of CodeSystems written. */
    public int publish(Terminology terminology, CodeSystemCatalog catalog) {
        try {
            List<CodeSystem> systems = codeSystems(terminology, catalog);
            int written = CanonicalPublication.write(fhir, stored, "CodeSystem", systems);
            onPublished.accept(systems);
            log.info("Published {} FHIR CodeSystems from terminology/ ({} changed, written now)", systems.size(), written);
            return systems.size();
        } catch (RuntimeException e) {
            log.warn("Publishing the terminology as FHIR CodeSystems failed; $lookup answers from the previous ones", e);
            return 0;
        }
    }

    /** The CodeSystems of the published vocabularies; a vocabulary absent from the catalog is left out with a warning. */
    static List<CodeSystem> codeSystems(Terminology terminology, CodeSystemCatalog catalog) {
        Map<String, List<TermConcept>> byVocabulary = new LinkedHashMap<>();
        for (TermConcept c : terminology.all()) byVocabulary.computeIfAbsent(c.vocabularyId(), k -> new ArrayList<>()).add(c);
        List<CodeSystem> out = new ArrayList<>();
        byVocabulary.forEach((vocabulary, concepts) -> {
            CodeSystemCatalog.Entry e = catalog.find(vocabulary).orElse(null);
            if (e == null) {
                log.warn("Vocabulary '{}' is not listed in terminology/{}: not published as a FHIR CodeSystem", vocabulary, CodeSystemCatalog.FILE);
            } else if (e.published()) {
                out.add(codeSystem(e, concepts));
            }
        });
        return out;
    }

    static CodeSystem codeSystem(CodeSystemCatalog.Entry e, List<TermConcept> concepts) {
        List<TermConcept> sorted = concepts.stream().sorted(Comparator.comparing(TermConcept::code)).toList();
        CodeSystem cs = new CodeSystem();
        cs.setUrl(e.url());
        cs.setVersion(CanonicalPublication.version(sorted.stream().map(c -> c.code() + "\t" + c.name() + "\t"
                + String.join("|", c.synonyms())).toList()));
        cs.setName(e.name());
        cs.setTitle(e.title());
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setPublisher(e.publisher());
        cs.setCaseSensitive(true);
        boolean complete = "complete".equals(e.content());
        cs.setContent(complete ? CodeSystem.CodeSystemContentMode.COMPLETE : CodeSystem.CodeSystemContentMode.FRAGMENT);
        cs.setDescription((complete ? "Site-defined code system, " : "The codes RadBridge uses of this code system, ")
                + "from RadBridge terminology/codesystems (vocabulary_id '" + e.vocabularyId() + "'); each code's published source is in the "
                + "'source' column of its row.");
        if (complete) cs.setCount(sorted.size());
        for (TermConcept c : sorted) {
            CodeSystem.ConceptDefinitionComponent d = cs.addConcept().setCode(c.code()).setDisplay(c.name());
            for (String s : c.synonyms()) d.addDesignation().setValue(s);
        }
        return cs;
    }
}
