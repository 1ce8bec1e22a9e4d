package org.radbridge.server.mappings;

import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.write.fhir.FhirSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes each mapping file as a FHIR ConceptMap (url {@code urn:radbridge:conceptmap:NAME},
 * source system {@code urn:radbridge:source:NAME}, source codes in their normalised form), so that
 * the HAPI server's {@code ConceptMap/$translate} answers from the same rows the pipeline uses.
 * Rows valid today are published; a map stored already at its version (a digest of its rows) is not sent again.
 * The study-description rules are not part of the ConceptMap: $translate takes normalised keys.
 */
public class ConceptMapPublisher {
    private static final Logger log = LoggerFactory.getLogger(ConceptMapPublisher.class);
    public static final String URL_PREFIX = "urn:radbridge:conceptmap:";
    public static final String SOURCE_PREFIX = "urn:radbridge:source:";

    private final FhirSink fhir;
    private final CanonicalPublication.StoredVersions stored;

    public ConceptMapPublisher(FhirSink fhir) {
        this(fhir, CanonicalPublication.StoredVersions.NONE);
    }

    /** @param stored the versions the server has stored (those stored at their version are not sent again) */
    public ConceptMapPublisher(FhirSink fhir, CanonicalPublication.StoredVersions stored) {
        this.fhir = fhir;
        this.stored = stored;
    }

    /**
     * Publishes; a failure is logged and never stops a start or a reload. Returns the number of ConceptMaps published
     * (those stored already at their version are not sent again).
     */
    public int publish(MappingSet mappings) {
        try {
            List<ConceptMap> maps = mappings.mappingNames().stream().map(name -> conceptMap(name, mappings)).toList();
            int written = CanonicalPublication.write(fhir, stored, "ConceptMap", maps);
            log.debug("ConceptMaps: {} published, {} changed and written now", maps.size(), written);
            return maps.size();
        } catch (RuntimeException e) {
            log.warn("Publishing the mappings as FHIR ConceptMaps failed; $translate answers from the previous ones", e);
            return 0;
        }
    }

    static ConceptMap conceptMap(String name, MappingSet mappings) {
        ConceptMap cm = new ConceptMap();
        cm.setUrl(URL_PREFIX + name);
        cm.setName("RadBridge_" + name.replaceAll("[^A-Za-z0-9]", "_"));
        cm.setTitle("RadBridge mapping " + name + " (mappings/" + name + ".csv)");
        cm.setStatus(Enumerations.PublicationStatus.ACTIVE);
        Map<String, ConceptMap.ConceptMapGroupComponent> groups = new LinkedHashMap<>();
        LocalDate today = LocalDate.now();
        for (MappingSet.Entry e : mappings.entries(name)) {
            if (today.isBefore(e.from()) || today.isAfter(e.to())) continue;
            MappingTarget t = e.target();
            String target = t.code() == null ? "urn:radbridge:omop-concept-id" : ImagingStudyBundleBuilder.systemOf(t.vocabularyId());
            ConceptMap.ConceptMapGroupComponent g = groups.computeIfAbsent(target, k -> cm.addGroup().setSource(SOURCE_PREFIX + name).setTarget(k));
            ConceptMap.SourceElementComponent el = g.addElement().setCode(e.sourceCode());
            if (!e.description().isEmpty()) el.setDisplay(e.description());
            ConceptMap.TargetElementComponent te = el.addTarget().setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT);
            if (t.code() != null) te.setCode(t.code()).setDisplay(t.display());
            else te.setCode(String.valueOf(t.conceptId()));
        }
        // the version names the content, so that an unchanged map is not written again (CanonicalPublication)
        List<String> lines = new java.util.ArrayList<>();
        for (ConceptMap.ConceptMapGroupComponent g : cm.getGroup()) {
            for (ConceptMap.SourceElementComponent el : g.getElement()) {
                ConceptMap.TargetElementComponent te = el.getTargetFirstRep();
                lines.add(String.join("\t", g.getSource(), g.getTarget(), el.getCode(), String.valueOf(el.getDisplay()), te.getCode(),
                        String.valueOf(te.getDisplay())));
            }
        }
        cm.setVersion(CanonicalPublication.version(lines));
        return cm;
    }
}
