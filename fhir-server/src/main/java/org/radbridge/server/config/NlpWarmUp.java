package org.radbridge.server.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.radbridge.report.ReportNlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Loads the report NLP (cTAKES, its models, the dictionary: several seconds) in the background once the server has
 * started, so that the first report after a start is not held up by it. It begins after the other ready work (search
 * parameters, CodeSystem and ConceptMap publication: the last ready listener), not during the start: on a machine of
 * two cores its 8-10 s of CPU otherwise competed with HAPI's start and delayed the moment the server answers. Only while the server runs (radbridge.server), not for
 * one-shot commands, which load it on their first report if they have one; RADBRIDGE_NLP_WARM_UP=false turns it off.
 * The gauge {@code radbridge.nlp.warmed.up} (1 once done) shows it on /actuator/prometheus.
 */
@Component
@ConditionalOnExpression("${radbridge.nlp.warm-up:${radbridge.server:false}}")
public class NlpWarmUp implements ApplicationListener<ApplicationReadyEvent>, Ordered, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(NlpWarmUp.class);

    private final ReportNlp nlp;
    private volatile Thread thread;

    public NlpWarmUp(ReportNlp nlp, ObjectProvider<MeterRegistry> meters) {
        this.nlp = nlp;
        meters.ifAvailable(m -> Gauge.builder("radbridge.nlp.warmed.up", nlp, n -> n.warmedUp() ? 1 : 0)
                .description("1 once the report NLP pipeline is loaded by the start-up warm-up").register(m));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread t = new Thread(this::warmUp, "nlp-warm-up");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void warmUp() {
        try {
            Duration took = nlp.warmUp();
            log.info("Report NLP ({}) warmed up in the background in {} ms", nlp.system(), took.toMillis());
        } catch (RuntimeException | LinkageError e) {
            // not fatal: the first report builds the pipeline again and reports its own error if it still fails
            log.warn("Report NLP warm-up failed; the first report will load the pipeline instead", e);
        }
    }

    @Override
    public void destroy() {
        thread = null;
    }

    /** After every other ready listener (they are ordered before {@link Ordered#LOWEST_PRECEDENCE}). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
