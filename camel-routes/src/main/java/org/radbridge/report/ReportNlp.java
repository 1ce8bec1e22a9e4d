package org.radbridge.report;

import org.radbridge.nlp.NlpResult;
import org.radbridge.nlp.RadiologyNlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The one NLP pipeline of the projection. Building a {@link RadiologyNlp} and its first run load cTAKES, its models
 * and the dictionary (seconds), and its engine is not thread-safe, so a single instance is built lazily (a one-shot
 * command that never sees a report never pays for it) and used by one caller at a time; projection runs one study
 * after another anyway. A server calls {@link #warmUp()} in the background at start, so that its first report does
 * not wait for the loading.
 */
public final class ReportNlp implements AutoCloseable {
    /** A short report that passes every stage of the pipeline (sections, sentences, dictionary, context, sizes). */
    private static final String WARM_UP_TEXT = "FINDINGS: 4 mm nodule in the right upper lobe. No pneumothorax.\nIMPRESSION: Small nodule.";

    private final Path codesystemsDir;
    private final String version;
    private volatile RadiologyNlp nlp;
    private volatile Duration warmUpTime;

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

    /**
     * Builds the pipeline if it is not built yet and runs it once on a short text, so that cTAKES and its models are
     * loaded before the first report comes. A report arriving meanwhile waits for this, as it would for the loading.
     *
     * @return how long it took
     */
    public Duration warmUp() {
        long start = System.nanoTime();
        analyze("warm-up", WARM_UP_TEXT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        warmUpTime = took;
        return took;
    }

    /** Whether {@link #warmUp()} has completed. */
    public boolean warmedUp() {
        return warmUpTime != null;
    }

    /** Whether the cTAKES pipeline is built (by a warm-up or by a report). */
    public boolean loaded() {
        return nlp != null;
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
