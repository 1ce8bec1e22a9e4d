package org.radbridge.server.config;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.dicom.net.StoreScp;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.server.pull.PullService;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Pulls from a PACS, in the server (handed over by `radbridge pull`) or in a one-shot process. */
@Configuration
public class PullConfig {

    @Bean
    public PullService pullService(RadBridgeSettings settings, IngestService ingest, StagingRepository staging, StudyProjector projector,
                                   Quarantine quarantine, @Qualifier("radbridgeDataSource") DataSource ds, ObjectProvider<StoreScp> receiver) {
        return new PullService(settings, ingest, staging, projector, quarantine, ds, receiver.getIfAvailable());
    }
}
