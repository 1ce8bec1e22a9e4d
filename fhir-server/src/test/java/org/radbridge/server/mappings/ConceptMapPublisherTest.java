package org.radbridge.server.mappings;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ConceptMap;
import org.junit.jupiter.api.Test;
import org.radbridge.mappings.MappingSet;
import org.radbridge.terminology.Terminology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConceptMapPublisherTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", ".."));

    @Test
    void eachMappingBecomesAConceptMapWithOneGroupPerTargetSystem() throws Exception {
        MappingSet m = MappingSet.load(HOME.resolve("mappings"), Terminology.load(HOME.resolve("terminology/codesystems")));
        ConceptMap procedure = ConceptMapPublisher.conceptMap("procedure", m);
        assertThat(procedure.getUrl()).isEqualTo("urn:radbridge:conceptmap:procedure");
        assertThat(procedure.getGroup()).hasSize(1);
        ConceptMap.ConceptMapGroupComponent g = procedure.getGroupFirstRep();
        assertThat(g.getSource()).isEqualTo("urn:radbridge:source:procedure");
        assertThat(g.getTarget()).isEqualTo("http://loinc.org");
        assertThat(g.getElement()).anySatisfy(e -> {
            assertThat(e.getCode()).isEqualTo("CT CHEST WO");
            assertThat(e.getTargetFirstRep().getCode()).isEqualTo("29252-4");
        });
        ConceptMap gender = ConceptMapPublisher.conceptMap("gender", m);
        assertThat(gender.getGroup()).extracting(ConceptMap.ConceptMapGroupComponent::getTarget)
                .containsExactly("urn:radbridge:vocabulary:Gender", "urn:radbridge:omop-concept-id");

        List<Bundle> sent = new ArrayList<>();
        int n = new ConceptMapPublisher(b -> {
            sent.add(b);
            return b;
        }).publish(m);
        assertThat(n).isEqualTo(m.mappingNames().size());
        assertThat(sent.get(0).getEntry()).allSatisfy(e -> assertThat(e.getRequest().getUrl()).startsWith("ConceptMap?url=urn:radbridge:conceptmap:"));
        // a failing server is logged, not thrown
        assertThat(new ConceptMapPublisher(b -> {
            throw new IllegalStateException("down");
        }).publish(m)).isZero();
    }
}
