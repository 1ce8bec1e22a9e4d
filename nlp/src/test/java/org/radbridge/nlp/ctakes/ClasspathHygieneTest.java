package org.radbridge.nlp.ctakes;

import org.junit.jupiter.api.Test;
import org.springframework.core.SpringVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the exclusions in nlp/pom.xml: the lean pipeline must share one JVM with Spring Boot 3 (Spring 6.1,
 * logback) and HAPI FHIR 8.4 (Lucene 9). Runs with this module's test classpath, on which the pipeline tests pass.
 */
class ClasspathHygieneTest {

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ClasspathHygieneTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void springIsVersion6() {
        assertThat(SpringVersion.getVersion()).startsWith("6.");
    }

    @Test
    void log4jOneApiIsTheSlf4jBridgeNotLog4j() {
        assertThat(present("org.apache.log4j.Logger")).as("cTAKES needs the log4j-1 API").isTrue();
        assertThat(present("org.apache.log4j.Log4jLoggerFactory")).as("log4j-over-slf4j provides it").isTrue();
        assertThat(present("org.apache.log4j.net.SocketServer")).as("real log4j 1.2 jar").isFalse();
    }

    @Test
    void noCompetingSlf4jBindingsOrCommonsLogging() {
        assertThat(present("org.slf4j.simple.SimpleServiceProvider")).as("slf4j-simple").isFalse();
        assertThat(present("org.slf4j.impl.Reload4jLoggerAdapter")).as("slf4j-reload4j").isFalse();
        assertThat(present("org.slf4j.impl.Log4jLoggerAdapter")).as("slf4j-log4j12").isFalse();
        // org.apache.commons.logging must come from spring-jcl only
        assertThat(present("org.apache.commons.logging.impl.Log4JLogger")).as("commons-logging(-api)").isFalse();
    }

    @Test
    void noLucene4NoHsqldbNoJunit4NoCpe() {
        assertThat(present("org.apache.lucene.util.Version")).as("Lucene (4.0 via ctakes-utils)").isFalse();
        assertThat(present("org.apache.lucene.analysis.util.CharArraySet")).as("lucene-analyzers-common 4").isFalse();
        assertThat(present("org.hsqldb.jdbc.JDBCDriver")).as("hsqldb").isFalse();
        assertThat(present("org.junit.Assert")).as("junit 4").isFalse();
        assertThat(present("org.cleartk.util.ViewUriUtil")).as("cleartk-util").isFalse();
        assertThat(present("org.apache.uima.collection.impl.cpm.engine.CPMEngine")).as("uimaj-cpe").isFalse();
        assertThat(present("org.apache.xerces.parsers.SAXParser")).as("xercesImpl").isFalse();
    }
}
