package org.radbridge.report;

import org.radbridge.nlp.NlpResult;
import org.radbridge.nlp.RadiologyNlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The one NLP pipeline of the projection. Building a {@link RadiologyNlp} takes about a second and its cTAKES engine
 * is not thread-safe, so a single instance is built lazily (a server that never sees a report never pays for it) and
 * used by one caller at a time; projection runs one study after another anyway.
 */
public final class ReportNlp implements AutoCloseable {
    private final Path codesystemsDir;
    private final String version;
    private RadiologyNlp nlp;

    /** @param codesystemsDir terminology/codesystems (the dictionary follows the files), or null for the jar's copy */
    public ReportNlp(Path codesystemsDir) {
        this.codesystemsDir = codesystemsDir;
        this.version = readVersion();
    }

    public String name() {
        return RadiologyNlp.SYSTEM_NAME;
    }

    /** RadBridge version and the cTAKES release the pipeline runs on, e.g. "0.1.0 (cTAKES 5.1.0)". */
    public String version() {
        return version;
    }

    /** Name and version in one string (NOTE_NLP.nlp_system). */
    public String system() {
        return name() + " " + version;
    }

    public synchronized NlpResult analyze(String reportId, String text) {
        if (nlp == null) nlp = codesystemsDir == null ? new RadiologyNlp() : new RadiologyNlp(codesystemsDir);
        return nlp.analyze(reportId, text);
    }

    @Override
    public synchronized void close() {
        if (nlp != null) nlp.close();
        nlp = null;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = ReportNlp.class.getResourceAsStream("nlp-system.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rb = p.getProperty("radbridge.version", "unknown");
        String ctakes = p.getProperty("ctakes.version", "unknown");
        if (rb.startsWith("${")) rb = "unknown";
        if (ctakes.startsWith("${")) ctakes = "unknown";
        return rb + " (cTAKES " + ctakes + ")";
    }
}
