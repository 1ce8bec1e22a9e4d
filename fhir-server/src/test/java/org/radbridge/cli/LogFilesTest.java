package org.radbridge.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's logback.xml, loaded as users' commands load it: audit records (INFO included) land in their own
 * audit.log and nowhere else, diagnostics in radbridge.log, framework chatter below WARN nowhere.
 */
class LogFilesTest {

    @Test
    void auditRecordsHaveTheirOwnFileAndDiagnosticsStayInTheMainLog(@TempDir Path dir) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // a context of our own, not the one SLF4J set up
        context.putProperty("radbridge.log.dir", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = Logging.class.getClassLoader().getResource("logback.xml");
        assertThat(config).as("the command line's logback.xml on the class path").isNotNull();
        configurator.doConfigure(config);

        context.getLogger("radbridge.audit").info("GET /api/jobs by reviewer");
        context.getLogger("radbridge.audit").warn("denied GET /api/jobs from 127.0.0.1: no valid token");
        context.getLogger("org.radbridge.server.SomeComponent").info("server ready");
        context.getLogger("org.radbridge.server.SomeComponent").warn("source unreachable");
        context.getLogger("org.hibernate.SomeFrameworkClass").info("framework chatter");
        context.stop();

        String audit = Files.readString(dir.resolve("audit.log"));
        String main = Files.readString(dir.resolve("radbridge.log"));
        assertThat(audit).contains("GET /api/jobs by reviewer").contains("denied GET /api/jobs")
                .doesNotContain("server ready").doesNotContain("source unreachable");
        assertThat(main).contains("server ready").contains("source unreachable")
                .doesNotContain("/api/jobs").doesNotContain("framework chatter");
    }
}
