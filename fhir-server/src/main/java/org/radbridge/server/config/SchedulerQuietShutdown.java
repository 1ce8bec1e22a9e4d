package org.radbridge.server.config;

import ca.uhn.fhir.jpa.model.sched.ISchedulerService;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Pauses HAPI's Quartz scheduler as soon as the application context starts closing. HAPI stops it only in its
 * {@code @PreDestroy}, so a job that fires in between (the batch2 maintenance pass runs every few seconds) asks for
 * beans that are already being destroyed, and Quartz logs an ERROR with a stack trace at the end of a one-shot command
 * such as {@code ingest}.
 */
@Component
class SchedulerQuietShutdown implements ApplicationListener<ContextClosedEvent> {
    private final ISchedulerService scheduler;

    SchedulerQuietShutdown(ISchedulerService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        scheduler.pause();
    }
}
