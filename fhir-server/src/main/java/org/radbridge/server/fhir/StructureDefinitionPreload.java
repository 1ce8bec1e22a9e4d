package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.jpa.searchparam.extractor.BaseSearchParamExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Parses HAPI's built-in R4 StructureDefinitions (several MB of XML) on a thread of its own while the database starts
 * and Spring builds the context. HAPI's search-parameter extractor needs all of them for its FHIRPath engine when it
 * starts, and parsing them there, on the main thread, was about an eighth of the server's start-up. HAPI keeps them
 * once per FHIR version for the whole JVM, so the extractor then finds them parsed; it waits for the preload (at most
 * the time the preload still needs) so that the parse is never done twice. A failed preload only costs the time it
 * took: the extractor then parses them itself, as without it. {@code radbridge.fhir.preload-profiles=false} turns it
 * off (to measure what it saves).
 */
public final class StructureDefinitionPreload {
    private static final Logger log = LoggerFactory.getLogger(StructureDefinitionPreload.class);
    private static volatile Future<?> preload;

    private StructureDefinitionPreload() {}

    /** Starts the parse in the background; called once, before the application context. */
    public static synchronized void start() {
        if (preload != null || "false".equals(System.getProperty("radbridge.fhir.preload-profiles"))) return;
        FutureTask<Object> task = new FutureTask<>(
                () -> new DefaultProfileValidationSupport(FhirContext.forR4Cached()).fetchAllStructureDefinitions());
        Thread t = new Thread(task, "structure-definition-preload");
        t.setDaemon(true);
        t.start();
        preload = task;
    }

    static void await() {
        Future<?> f = preload;
        if (f == null) return;
        try {
            f.get();
        } catch (ExecutionException e) {
            log.debug("preloading HAPI's StructureDefinitions failed; they are parsed when first needed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds back the extractor's start (its @PostConstruct, hence before Spring's own post-processors) until the preload is done. */
    public static BeanPostProcessor awaitBeforeSearchParamExtractor() {
        return new AwaitPreload();
    }

    private static final class AwaitPreload implements BeanPostProcessor, PriorityOrdered {
        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof BaseSearchParamExtractor) await();
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
