package org.radbridge.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A RadBridge started inside the test JVM on free loopback ports with its own data directory. RadBridge reads its
 * settings from system properties, so the suites share one JVM only if each restores what it changed: {@link #close}
 * puts every property back as it was.
 */
public final class InProcessServer implements AutoCloseable {
    private static final String[] PROPERTIES = {"radbridge.home", "radbridge.data", "radbridge.http.port", "radbridge.db.port",
            "radbridge.dicom.port", "radbridge.mllp.port", "radbridge.pseudonym.key"};

    private final Map<String, String> saved;
    private final ConfigurableApplicationContext ctx;
    private final Path data;
    private final int httpPort;
    private final int dbPort;

    private InProcessServer(Map<String, String> saved, ConfigurableApplicationContext ctx, Path data, int httpPort, int dbPort) {
        this.saved = saved;
        this.ctx = ctx;
        this.data = data;
        this.httpPort = httpPort;
        this.dbPort = dbPort;
    }

    /** A server whose data directory is {@code work/data}. */
    public static Builder in(Path work) {
        return new Builder(work.resolve("data"));
    }

    public ConfigurableApplicationContext context() {
        return ctx;
    }

    public Path data() {
        return data;
    }

    public int httpPort() {
        return httpPort;
    }

    public int dbPort() {
        return dbPort;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Override
    public void close() {
        try {
            if (ctx != null) ctx.close();
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }

    /** Removes a test's work directory and everything under it. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static final class Builder {
        private final Path data;
        private final Map<String, String> defaults = new LinkedHashMap<>();
        private Path home;
        private String pseudonymKey = "in-process-e2e-key-0123456789abcdef";
        private boolean web = true;

        private Builder(Path data) {
            this.data = data;
        }

        /** A repository root of the test's own (a copy whose mappings the test edits). */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder pseudonymKey(String key) {
            this.pseudonymKey = key;
            return this;
        }

        /**
         * Server mode (receivers, inbox watcher, console jobs) with the quiet period so long that only the test
         * decides when projections run.
         */
        public Builder serverModeTestProjects() {
            defaults.put("radbridge.server", "true");
            defaults.put("radbridge.quiet-period-seconds", "3600");
            return this;
        }

        /** No web server and no receivers: the pipeline and the database only. */
        public Builder pipelineOnly() {
            web = false;
            defaults.put("radbridge.server", "false");
            return this;
        }

        public Builder property(String key, String value) {
            defaults.put(key, value);
            return this;
        }

        public InProcessServer start() throws IOException {
            Map<String, String> saved = new HashMap<>();
            for (String p : PROPERTIES) saved.put(p, System.getProperty(p));
            int httpPort = E2eSupport.freePort();
            int dbPort = E2eSupport.freePort();
            if (home != null) System.setProperty("radbridge.home", home.toString());
            System.setProperty("radbridge.data", data.toString());
            System.setProperty("radbridge.http.port", String.valueOf(httpPort));
            System.setProperty("radbridge.db.port", String.valueOf(dbPort));
            System.setProperty("radbridge.dicom.port", String.valueOf(E2eSupport.freePort()));
            System.setProperty("radbridge.mllp.port", String.valueOf(E2eSupport.freePort()));
            System.setProperty("radbridge.pseudonym.key", pseudonymKey);
            Map<String, Object> props = new LinkedHashMap<>();
            if (web) {
                props.put("server.port", String.valueOf(httpPort));
                props.put("server.address", "127.0.0.1");
            }
            props.putAll(defaults);
            SpringApplication app = new SpringApplication(RadBridgeApplication.class);
            app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
            app.setDefaultProperties(props);
            try {
                return new InProcessServer(saved, app.run(), data, httpPort, dbPort);
            } catch (RuntimeException e) {
                new InProcessServer(saved, null, data, httpPort, dbPort).close();
                throw e;
            }
        }
    }
}
