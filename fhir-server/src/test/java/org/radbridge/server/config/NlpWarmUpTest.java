package org.radbridge.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.radbridge.report.ReportNlp;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warm-up of the report NLP: done in the background for the server, not for one-shot commands. */
class NlpWarmUpTest {
    private static Path codesystems() {
        return Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize().resolve("terminology/codesystems");
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withBean(ReportNlp.class, () -> new ReportNlp(codesystems()))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(NlpWarmUp.class);
    }

    @Test
    void theServerWarmsTheReportNlpInTheBackground() {
        runner().withPropertyValues("radbridge.server=true").run(ctx -> {
            ReportNlp nlp = ctx.getBean(ReportNlp.class);
            assertThat(ctx).hasSingleBean(NlpWarmUp.class);
            // the context is up while the warm-up may still run; wait for it (a bound for a stuck build, not a speed check)
            long deadline = System.currentTimeMillis() + 180_000;
            while (!nlp.warmedUp() && System.currentTimeMillis() < deadline) Thread.sleep(100);
            assertThat(nlp.warmedUp()).isTrue();
            assertThat(nlp.loaded()).isTrue();
            assertThat(ctx.getBean(MeterRegistry.class).get("radbridge.nlp.warmed.up").gauge().value()).isEqualTo(1.0);
            // the warmed pipeline serves reports
            assertThat(nlp.analyze("r1", "No pneumothorax.").mentions()).isNotEmpty();
        });
    }

    @Test
    void oneShotCommandsAndTheSwitchLeaveItCold() {
        runner().withPropertyValues("radbridge.server=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(NlpWarmUp.class);
            assertThat(ctx.getBean(ReportNlp.class).loaded()).isFalse();
        });
        runner().withPropertyValues("radbridge.server=true", "radbridge.nlp.warm-up=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(NlpWarmUp.class);
            assertThat(ctx.getBean(ReportNlp.class).loaded()).isFalse();
        });
    }
}
