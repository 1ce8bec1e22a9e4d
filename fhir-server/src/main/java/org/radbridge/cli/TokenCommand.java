package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.server.security.Role;
import org.radbridge.server.security.TokenStore;

import java.io.PrintStream;

/**
 * Manages the API tokens of a data directory. Works with or without a running server: the server
 * re-reads the token file when it changes.
 */
final class TokenCommand {
    static final String USAGE = """
            usage: radbridge token create --name NAME --role admin|reader|patient|researcher [--patient FHIR_PATIENT_ID]
                   radbridge token list
                   radbridge token revoke NAME
            """;

    private TokenCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        TokenStore store = new TokenStore(s.dataDir().resolve("secrets"), System.getenv("RADBRIDGE_ADMIN_TOKEN"));
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        switch (args[0]) {
            case "create" -> {
                String name = null, role = null, patient = null;
                for (int i = 1; i < args.length; i++) {
                    String v = i + 1 < args.length ? args[i + 1] : null;
                    switch (args[i]) {
                        case "--name" -> name = v;
                        case "--role" -> role = v;
                        case "--patient" -> patient = v;
                        default -> {
                            err.print(USAGE);
                            return 2;
                        }
                    }
                    i++;
                }
                if (name == null || role == null) {
                    err.print(USAGE);
                    return 2;
                }
                try {
                    String raw = store.create(name, Role.parse(role), patient);
                    err.println("Created token '" + name + "' (" + role + (patient == null ? "" : ", Patient/" + patient)
                            + "). It is shown once; send it as 'Authorization: Bearer TOKEN'.");
                    out.println(raw);
                    return 0;
                } catch (IllegalArgumentException e) {
                    err.println("radbridge token create: " + e.getMessage());
                    return 2;
                }
            }
            case "list" -> {
                StringBuilder csv = new StringBuilder();
                try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(csv, org.apache.commons.csv.CSVFormat.RFC4180
                        .builder().setRecordSeparator('\n').setHeader("name", "role", "patient", "created").get())) {
                    for (TokenStore.Entry e : store.list())
                        p.printRecord(e.principal().name(), e.principal().role().label(), e.principal().patientId(), e.created());
                }
                out.print(csv);
                return 0;
            }
            case "revoke" -> {
                if (args.length != 2) {
                    err.print(USAGE);
                    return 2;
                }
                int n = store.revoke(args[1]);
                if (n == 0) {
                    err.println("radbridge token revoke: no token named '" + args[1] + "'");
                    return 1;
                }
                err.println("Revoked token '" + args[1] + "'.");
                return 0;
            }
            default -> {
                err.print(USAGE);
                return 2;
            }
        }
    }
}
