package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.server.security.smart.SmartClient;
import org.radbridge.server.security.smart.SmartClientRegistry;

import java.io.PrintStream;

/**
 * Registers SMART Backend Services clients (data/secrets/smart-clients.json). Works with or without a running server:
 * the server re-reads the file when it changes.
 */
final class ClientCommand {
    static final String USAGE = """
            usage: radbridge client register --name NAME --jwks FILE|URL --scope 'system/*.read' [--patient FHIR_PATIENT_ID]
                   radbridge client list
                   radbridge client remove NAME
            NAME is the client_id (iss and sub of the client's assertions); FILE holds the client's public JWK Set.
            """;

    private ClientCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        SmartClientRegistry registry = new SmartClientRegistry(s.dataDir().resolve("secrets"));
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        switch (args[0]) {
            case "register" -> {
                String name = null, jwks = null, scope = null, patient = null;
                for (int i = 1; i < args.length; i += 2) {
                    if (i + 1 >= args.length) {
                        err.print(USAGE);
                        return 2;
                    }
                    String v = args[i + 1];
                    switch (args[i]) {
                        case "--name" -> name = v;
                        case "--jwks" -> jwks = v;
                        case "--scope" -> scope = v;
                        case "--patient" -> patient = v;
                        default -> {
                            err.print(USAGE);
                            return 2;
                        }
                    }
                }
                if (name == null || jwks == null || scope == null) {
                    err.print(USAGE);
                    return 2;
                }
                try {
                    SmartClient c = registry.register(name, jwks, scope, patient);
                    err.println("Registered client '" + c.clientId() + "' with scopes '" + c.scope() + "'"
                            + (c.patient() == null ? "" : " for Patient/" + c.patient()) + ". Token endpoint: POST "
                            + s.fhirBase().replaceFirst("/fhir$", "") + "/auth/token (see /fhir/.well-known/smart-configuration).");
                    out.println(c.clientId());
                    return 0;
                } catch (IllegalArgumentException e) {
                    err.println("radbridge client register: " + e.getMessage());
                    return 2;
                }
            }
            case "list" -> {
                out.println("client_id,scope,patient,jwks,created");
                for (SmartClient c : registry.list())
                    out.println(c.clientId() + "," + c.scope() + "," + (c.patient() == null ? "" : c.patient()) + ","
                            + (c.jwksUrl() != null ? c.jwksUrl() : "registered") + "," + c.created());
                return 0;
            }
            case "remove" -> {
                if (args.length != 2) {
                    err.print(USAGE);
                    return 2;
                }
                if (!registry.remove(args[1])) {
                    err.println("radbridge client remove: no client named '" + args[1] + "'");
                    return 1;
                }
                out.println("Removed client '" + args[1] + "'.");
                return 0;
            }
            default -> {
                err.print(USAGE);
                return 2;
            }
        }
    }
}
