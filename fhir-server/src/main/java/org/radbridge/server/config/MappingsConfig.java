package org.radbridge.server.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.validation.JpaValidationSupportChain;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.map.CurrentMappings;
import org.radbridge.server.fhir.JpaFhirSink;
import org.radbridge.server.mappings.CanonicalPublication;
import org.radbridge.server.mappings.CodeSystemPublisher;
import org.radbridge.server.mappings.ConceptMapPublisher;
import org.radbridge.server.mappings.MappingsService;
import org.radbridge.server.mappings.PublishedCodeSystemLookup;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import javax.sql.DataSource;

/** Validation, reload and report of the mapping files, their ConceptMaps, and the Athena vocabulary import. */
@Configuration
public class MappingsConfig {
    @Bean
    public MappingsService mappingsService(RadBridgeSettings settings, CurrentMappings mappings,
                                           @Qualifier("radbridgeDataSource") DataSource ds, IFhirSystemDao<Bundle, Meta> systemDao,
                                           PublishedCodeSystemLookup lookup, @Qualifier(ca.uhn.fhir.jpa.config.JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ca.uhn.fhir.context.support.IValidationSupport chain,
                                           ca.uhn.fhir.jpa.api.dao.DaoRegistry daos) {
        JpaFhirSink fhir = new JpaFhirSink(systemDao);
        CanonicalPublication.StoredVersions stored = CanonicalPublication.StoredVersions.of(daos);
        CodeSystemPublisher codeSystems = new CodeSystemPublisher(fhir, stored, published -> {
            lookup.update(published);
            // the chain caches answers (also "unknown system" from before the first publication)
            chain.invalidateCaches();
        });
        return new MappingsService(settings, mappings, ds, new ConceptMapPublisher(fhir, stored), codeSystems);
    }

    /** Reloads re-project the studies whose mapped values changed. */
    @Bean(destroyMethod = "close")
    public org.radbridge.server.mappings.ReloadReprojection reloadReprojection(MappingsService service,
            @Qualifier("radbridgeDataSource") DataSource ds, org.radbridge.ingest.StudyProjector projector,
            org.radbridge.ingest.RunningJobs jobs) {
        org.radbridge.server.mappings.ReloadReprojection r =
                new org.radbridge.server.mappings.ReloadReprojection(new org.radbridge.map.MappingImpact(ds), projector);
        r.reportTo(jobs);
        service.setReprojection(r);
        return r;
    }

    /**
     * Answers $lookup for the published fragments; first in the chain, since HAPI indexes complete CodeSystems only.
     * The chain is asked for by name: HAPI declares it as IValidationSupport, so it is found by its concrete type
     * only once something else has created it (the web server does; the command line without one does not).
     */
    @Bean
    public PublishedCodeSystemLookup publishedCodeSystemLookup(FhirContext fhirContext,
            @Qualifier(ca.uhn.fhir.jpa.config.JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ca.uhn.fhir.context.support.IValidationSupport chain) {
        PublishedCodeSystemLookup lookup = new PublishedCodeSystemLookup(fhirContext);
        ((JpaValidationSupportChain) chain).addValidationSupport(0, lookup);
        return lookup;
    }

    /** The CodeSystems and ConceptMaps follow the files: published once the server is up (and by every reload). */
    @EventListener(ApplicationReadyEvent.class)
    public void publishConceptMaps(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(MappingsService.class).publish();
    }
}
