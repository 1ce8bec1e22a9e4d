package org.radbridge.server.config;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.jpa.binstore.FilesystemBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.radbridge.config.RadBridgeSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What EHR systems use besides search: R4 rest-hook Subscriptions (HAPI's matcher and delivery, in-process channels;
 * they also see what the pipeline writes through the DAOs) and Bulk Data {@code $export} (system, Patient and Group
 * level, ndjson). Export files are Binary resources whose content lives under data/fhir-binary/, removed with the
 * export job after RADBRIDGE_BULK_EXPORT_RETENTION_HOURS (default 2).
 */
@Configuration
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
public class FhirSubscriptionExportConfig {

    /**
     * HAPI's batch jobs (bulk export among them) advance by a maintenance pass, once a minute by default: an export
     * of a few resources then takes minutes. HAPI's own schedule keeps RADBRIDGE_BATCH_MAINTENANCE_IDLE_MILLIS (default
     * 60000, HAPI's); while a job has not ended the pass runs every RADBRIDGE_BATCH_MAINTENANCE_MILLIS (default 2000),
     * see {@link BatchMaintenanceWhileJobsRun}.
     */
    @Bean
    public static BeanPostProcessor batchMaintenanceFrequency(@Value("${radbridge.batch.maintenance-idle-millis:60000}") long millis) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl m) m.setScheduledJobFrequencyMillis(millis);
                return bean;
            }
        };
    }

    @Bean
    public BatchMaintenanceWhileJobsRun batchMaintenanceWhileJobsRun(ca.uhn.fhir.batch2.api.IJobMaintenanceService maintenance,
            javax.sql.DataSource dataSource, @Value("${radbridge.batch.maintenance-millis:2000}") long millis) {
        return new BatchMaintenanceWhileJobsRun(maintenance, BatchMaintenanceWhileJobsRun.unfinishedJobsIn(dataSource), millis);
    }

    /** Only rest-hook subscriptions are supported (RESTHOOK in SubscriptionSettings); HAPI's processor still asks for a mailer. */
    @Bean
    public ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender noEmailSubscriptions() {
        return details -> {
            throw new UnsupportedOperationException("e-mail subscriptions are not supported; use channel type rest-hook");
        };
    }

    /** The resource types whose content is in the binary store; see {@link org.radbridge.server.fhir.BinaryInflationWhereStored}. */
    @Bean
    public org.radbridge.server.fhir.ExternalizedBinaryTypes externalizedBinaryTypes(RadBridgeSettings settings) throws IOException {
        return org.radbridge.server.fhir.ExternalizedBinaryTypes.of(Files.createDirectories(settings.dataDir().resolve("fhir-binary")));
    }

    @Bean
    public IBinaryStorageSvc binaryStorageSvc(RadBridgeSettings settings, org.radbridge.server.fhir.ExternalizedBinaryTypes types) throws IOException {
        Path dir = Files.createDirectories(settings.dataDir().resolve("fhir-binary"));
        FilesystemBinaryStorageSvcImpl svc = new org.radbridge.server.fhir.TypeRecordingBinaryStorage(dir.toString(), types);
        // every export file goes to the data directory, however small
        svc.setMinimumBinarySize(0);
        return svc;
    }

    /**
     * Registered with the storage interceptors (the export job writes its Binary resources through the DAO), and before
     * HAPI's read-side scan for stored content, RadBridge's check that spares it where no type shown can hold any.
     */
    @Bean
    public Object fhirRestExtensions(RestfulServer server, BulkDataExportProvider export, IInterceptorService storage,
                                     BinaryStorageInterceptor<?> binaries, ca.uhn.fhir.jpa.api.config.JpaStorageSettings settings,
                                     org.radbridge.server.fhir.ExternalizedBinaryTypes binaryTypes) {
        server.registerProvider(export);
        // HAPI's own Patient-level export needs "index missing fields"; while that is off, the export runs as its system-level equivalent
        if (settings.getIndexMissingFields() != ca.uhn.fhir.jpa.api.config.JpaStorageSettings.IndexEnabledEnum.ENABLED)
            server.registerInterceptor(new org.radbridge.server.fhir.PatientExportAsSystemExport());
        storage.registerInterceptor(new org.radbridge.server.fhir.BinaryInflationWhereStored(server.getFhirContext(), binaryTypes));
        storage.registerInterceptor(binaries);
        return new Object();
    }
}
