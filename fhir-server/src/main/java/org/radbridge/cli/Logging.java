package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's log goes, decided before the first logger exists (logback reads these properties when it
 * configures itself from logback.xml): always the data directory's logs/radbridge.log; standard error only gets
 * log lines with {@code --verbose} (or RADBRIDGE_VERBOSE=1), otherwise errors alone; standard output never, since it
 * carries the command's result. Spring Boot's own logging system is switched off so that it does not configure
 * logback a second time (with a console appender on standard output).
 */
final class Logging {
    static final String VERBOSE_FLAG = "--verbose";

    private Logging() {}

    /** Sets up logging for this process and returns the arguments without the {@code --verbose} flag. */
    static String[] configure(String[] args) {
        List<String> rest = new ArrayList<>();
        boolean verbose = "1".equals(System.getenv("RADBRIDGE_VERBOSE")) || "true".equalsIgnoreCase(System.getenv("RADBRIDGE_VERBOSE"));
        for (String a : args) {
            if (a.equals(VERBOSE_FLAG)) verbose = true;
            else rest.add(a);
        }
        if (System.getProperty("radbridge.log.dir") == null) {
            System.setProperty("radbridge.log.dir", RadBridgeSettings.fromEnvironment().dataDir().resolve("logs").toString());
        }
        if (verbose) System.setProperty("radbridge.log.console", "ALL");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // the nlp command points logback at a configuration of its own unless one is set: ours covers it
        if (System.getProperty("logback.configurationFile") == null) System.setProperty("logback.configurationFile", "logback.xml");
        // Tomcat and a few libraries log through java.util.logging, whose default handler writes to standard error:
        // into SLF4J with them (Spring Boot's logging system did this; it is off)
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return rest.toArray(String[]::new);
    }
}
