package org.radbridge.server.config;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.inbox.InboxRoute;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.ProjectionScheduler;
import org.radbridge.ingest.StudyProjector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/** The sources that run while the server runs (not during a one-off `ingest`): the inbox watcher. */
@Configuration
@ConditionalOnProperty(name = "radbridge.server", havingValue = "true")
public class ContinuousSourcesConfig {

    @Bean
    public InboxRoute inboxRoute(RadBridgeSettings settings, IngestService ingest,
                                 org.springframework.beans.factory.ObjectProvider<org.radbridge.ingest.RunningJobs> jobs) throws IOException {
        Files.createDirectories(settings.inboxDir());
        org.radbridge.ingest.RunningJobs registry = jobs.getIfAvailable();
        return new InboxRoute(settings.inboxDir(), settings.dataDir().resolve("done"), ingest,
                registry == null ? null : new org.radbridge.inbox.InboxProgress(settings.inboxDir(), registry));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public ProjectionScheduler projectionScheduler(StudyProjector projector,
                                                   @Value("${radbridge.quiet-period-seconds:10}") double quietSeconds) {
        return new ProjectionScheduler(projector, Duration.ofMillis((long) (quietSeconds * 1000)));
    }
}
