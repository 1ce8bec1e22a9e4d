package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.research.export.DeidAudit;
import org.radbridge.server.dicomweb.ResearchDicomWebConfig;
import org.radbridge.server.security.ApiPrincipal;
import org.radbridge.server.security.Role;
import org.radbridge.server.security.TokenStore;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

/**
 * {@code radbridge reidentify}: maps a research person key (OMOP person_source_value, the Patient ID of exports) back
 * to the source patient, for an authorised request. Admin only: the caller shows an admin API token
 * ({@code --token}, or RADBRIDGE_TOKEN; the local admin token of the data directory otherwise), and every request,
 * answered or not, is written to radbridge.deid_audit with its purpose. The key is a keyed hash, so the answer is found
 * by hashing the staged patients with the same key, never stored as a lookup table.
 */
final class ReidentifyCommand {
    static final String USAGE = "usage: radbridge reidentify --person-key KEY --purpose TEXT [--token ADMIN_TOKEN]\n";

    private ReidentifyCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String key = null, purpose = null, token = System.getenv("RADBRIDGE_TOKEN");
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--person-key" -> { key = v; i++; }
                case "--purpose" -> { purpose = v; i++; }
                case "--token" -> { token = v; i++; }
                default -> {
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        if (key == null || key.isBlank() || purpose == null || purpose.isBlank()) {
            err.print(USAGE);
            return 2;
        }
        try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
            TokenStore store = new TokenStore(db.settings().dataDir().resolve("secrets"), System.getenv("RADBRIDGE_ADMIN_TOKEN"));
            if (token == null) token = store.localAdminToken().orElse(null);
            Optional<ApiPrincipal> who = token == null ? Optional.empty() : store.authenticate(token);
            if (who.isEmpty() || who.get().role() != Role.ADMIN) {
                DeidAudit.record(db.dataSource(), "reidentify", who.map(p -> p.name()).orElse(DeidAudit.actor()), purpose, null, null,
                        "person key " + key.strip(), "{\"answered\":false,\"reason\":\"not an admin\"}", ResearchDicomWebConfig.version());
                err.println("radbridge reidentify: refused: an admin token is required (--token or RADBRIDGE_TOKEN)");
                return 3;
            }
            String wanted = key.strip();
            String issuer = null, patient = null;
            int studies = 0;
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT issuer_of_patient_id, patient_id, count(*) FROM radbridge.study GROUP BY 1, 2")) {
                while (rs.next()) {
                    if (db.pseudonymizer().person(rs.getString(1), rs.getString(2)).equals(wanted)) {
                        issuer = rs.getString(1);
                        patient = rs.getString(2);
                        studies = rs.getInt(3);
                        break;
                    }
                }
            }
            DeidAudit.record(db.dataSource(), "reidentify", who.get().name(), purpose, null, null, "person key " + wanted,
                    "{\"answered\":" + (patient != null) + "}", ResearchDicomWebConfig.version());
            if (patient == null) {
                err.println("radbridge reidentify: no staged patient has this research key");
                return 1;
            }
            out.println("issuer_of_patient_id,patient_id,studies");
            out.println(csv(issuer) + "," + csv(patient) + "," + studies);
            return 0;
        }
    }

    private static String csv(String v) {
        if (v == null) return "";
        return v.matches("[^\",\\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
