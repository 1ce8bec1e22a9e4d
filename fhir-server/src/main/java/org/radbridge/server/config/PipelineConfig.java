package org.radbridge.server.config;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.ReportTextScrubber;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.ReportProjection;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.report.ReportNlp;
import org.radbridge.report.ReportRepository;
import org.radbridge.report.ReportStaging;
import org.radbridge.server.fhir.JpaFhirSink;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;
import org.radbridge.write.omop.CdmSourceWriter;
import org.radbridge.write.omop.OmopReportWriter;
import org.radbridge.write.omop.OmopStudyWriter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.Map;

/** The ingest pipeline: staging, quarantine, mappings, and the two projections. */
@Configuration
public class PipelineConfig {

    @Bean
    public Terminology terminology(RadBridgeSettings settings) throws Exception {
        return Terminology.load(settings.terminologyDir());
    }

    /** Loading the vocabulary needs the migrated schema, hence the Flyway parameter. */
    @Bean
    public CurrentMappings currentMappings(RadBridgeSettings settings, Terminology terminology,
                                           @Qualifier("radbridgeDataSource") DataSource ds, Flyway radbridgeMigrations) throws Exception {
        MappingSet mappings = MappingSet.load(settings.mappingsDir(), terminology);
        Map<String, Integer> ids = new VocabularyLoader(ds).load(terminology);
        new CdmSourceWriter(ds).write();
        return new CurrentMappings(mappings.withConceptIds(ids));
    }

    @Bean
    public Pseudonymizer pseudonymizer(RadBridgeSettings settings) throws Exception {
        String key = PseudonymKey.resolve(settings);
        org.radbridge.deid.LogRef.useKey(key);
        return new Pseudonymizer(key);
    }

    @Bean
    public StagingRepository stagingRepository(@Qualifier("radbridgeDataSource") DataSource ds, Flyway radbridgeMigrations,
                                               RadBridgeSettings settings) {
        return new StagingRepository(ds, org.radbridge.staging.PlaceholderPatientIds.load(
                settings.mappingsDir().resolve(org.radbridge.staging.PlaceholderPatientIds.FILE_NAME)));
    }

    @Bean
    public ReportRepository reportRepository(@Qualifier("radbridgeDataSource") DataSource ds, Flyway radbridgeMigrations) {
        return new ReportRepository(ds);
    }

    @Bean
    public Quarantine quarantine(@Qualifier("radbridgeDataSource") DataSource ds, RadBridgeSettings settings, Flyway radbridgeMigrations) {
        return new Quarantine(ds, settings.quarantineDir());
    }

    /** One NLP pipeline for all projections: it is expensive to build, built by the server's start-up warm-up (NlpWarmUp) or on the first report. */
    @Bean(destroyMethod = "close")
    public ReportNlp reportNlp(RadBridgeSettings settings) {
        return new ReportNlp(settings.terminologyDir());
    }

    @Bean
    public ReportStaging reportStaging(@Qualifier("radbridgeDataSource") DataSource ds, Flyway radbridgeMigrations) {
        return new ReportStaging(ds);
    }

    @Bean
    public StudyProjector studyProjector(StagingRepository staging, CurrentMappings mappings, RadBridgeSettings settings,
                                         IFhirSystemDao<Bundle, Meta> systemDao, Pseudonymizer pseudonymizer,
                                         @Qualifier("radbridgeDataSource") DataSource ds, ReportNlp nlp, ReportStaging reportStaging)
            throws java.sql.SQLException {
        ImagingStudyBundleBuilder builder = new ImagingStudyBundleBuilder(mappings, settings.mrnSystem(), settings.accessionSystem());
        ReportProjection reports = new ReportProjection(reportStaging, nlp,
                new DiagnosticReportBundleBuilder(mappings, settings.accessionSystem(), nlp.name(), nlp.version()),
                new OmopReportWriter(ds, pseudonymizer, mappings, new ReportTextScrubber(), nlp.system()), mappings);
        // studies an OMOP-only projection (omop rebuild, vocab import without a server) left behind in FHIR: due again
        int fhirPending = staging.requeueFhirPending();
        if (fhirPending > 0) {
            org.slf4j.LoggerFactory.getLogger(PipelineConfig.class).info(
                    "{} studies projected into OMOP alone since the last run are due for their FHIR projection", fhirPending);
        }
        return new StudyProjector(staging, builder, new JpaFhirSink(systemDao), new OmopStudyWriter(ds, pseudonymizer, mappings), reports);
    }

    @Bean
    public IngestService ingestService(StagingRepository staging, ReportRepository reports, Quarantine quarantine,
                                       StudyProjector projector, org.radbridge.ingest.RunningJobs jobs) {
        IngestService s = new IngestService(staging, reports, quarantine, projector, Runtime.getRuntime().availableProcessors(), 30_000);
        s.reportTo(jobs);
        return s;
    }

    /** What is running now (ingests, re-projections), for the console's Overview. */
    @Bean
    public org.radbridge.ingest.RunningJobs runningJobs() {
        return new org.radbridge.ingest.RunningJobs();
    }
}
