package org.radbridge.server.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.radbridge.report.ReportNlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Loads the report NLP (cTAKES, its models, the dictionary: several seconds) in the background when the server starts,
 * so that the first report after a start is not held up by it. Only while the server runs (radbridge.server), not for
 * one-shot commands, which load it on their first report if they have one; RADBRIDGE_NLP_WARM_UP=false turns it off.
 * The gauge {@code radbridge.nlp.warmed.up} (1 once done) shows it on /actuator/prometheus.
 */
@Component
@ConditionalOnExpression("${radbridge.nlp.warm-up:${radbridge.server:false}}")
public class NlpWarmUp implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NlpWarmUp.class);

    private final ReportNlp nlp;
    private volatile Thread thread;

    public NlpWarmUp(ReportNlp nlp, ObjectProvider<MeterRegistry> meters) {
        this.nlp = nlp;
        meters.ifAvailable(m -> Gauge.builder("radbridge.nlp.warmed.up", nlp, n -> n.warmedUp() ? 1 : 0)
                .description("1 once the report NLP pipeline is loaded by the start-up warm-up").register(m));
    }

    @Override
    public void start() {
        Thread t = new Thread(this::warmUp, "nlp-warm-up");
        t.setDaemon(true);
        // below normal priority: the rest of the start (HAPI, routes) goes first on a small machine
        t.setPriority(Thread.NORM_PRIORITY - 1);
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
    public void stop() {
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Started last, after the data sources, HAPI and the Camel routes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
