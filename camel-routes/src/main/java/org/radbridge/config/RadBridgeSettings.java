package org.radbridge.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings that every part of RadBridge shares, read from RADBRIDGE_* environment variables or
 * the equivalent system properties (radbridge.data ...), so that several instances can run side by side.
 */
public record RadBridgeSettings(
        Path home,
        Path dataDir,
        int httpPort,
        int dbPort,
        int dicomPort,
        int mllpPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String pseudonymKey,
        String mrnSystem,
        String accessionSystem,
        String bindAddress) {

    public Path mappingsDir() { return home.resolve("mappings"); }
    public Path terminologyDir() { return home.resolve("terminology/codesystems"); }
    public Path quarantineDir() { return dataDir.resolve("quarantine"); }
    public Path inboxDir() { return dataDir.resolve("inbox"); }
    public Path pgDir() { return dataDir.resolve("pg"); }
    public boolean externalDatabase() { return dbUrl != null && !dbUrl.isBlank(); }
    public String fhirBase() { return "http://" + bindAddress + ":" + httpPort + "/fhir"; }

    public static RadBridgeSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    static RadBridgeSettings from(Map<String, String> env, java.util.Properties props) {
        java.util.function.BiFunction<String, String, String> get = (name, dflt) -> {
            String prop = props.getProperty("radbridge." + name.toLowerCase().replace('_', '.'));
            if (prop != null && !prop.isBlank()) return prop;
            String v = env.get("RADBRIDGE_" + name);
            return v == null || v.isBlank() ? dflt : v;
        };
        Path home = Path.of(get.apply("HOME", ".")).toAbsolutePath().normalize();
        Path data = Path.of(get.apply("DATA", home.resolve("data").toString())).toAbsolutePath().normalize();
        return new RadBridgeSettings(
                home,
                data,
                Integer.parseInt(get.apply("HTTP_PORT", "8080")),
                Integer.parseInt(get.apply("DB_PORT", "5433")),
                Integer.parseInt(get.apply("DICOM_PORT", "11112")),
                Integer.parseInt(get.apply("MLLP_PORT", "2575")),
                get.apply("DB_URL", null),
                get.apply("DB_USER", "radbridge"),
                get.apply("DB_PASSWORD", "radbridge"),
                get.apply("PSEUDONYM_KEY", null),
                get.apply("MRN_SYSTEM", "urn:radbridge:mrn"),
                get.apply("ACCESSION_SYSTEM", "urn:radbridge:accession"),
                get.apply("BIND_ADDRESS", "127.0.0.1"));
    }
}
