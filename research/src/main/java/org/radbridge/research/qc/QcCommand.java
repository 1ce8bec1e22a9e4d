package org.radbridge.research.qc;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.radbridge.research.cli.ConnectionSource;
import org.radbridge.research.governance.AuditLog;
import org.radbridge.research.governance.Sha256;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code radbridge qc [--rules FILE] [--out FILE]}: runs the QC rules, stores them in radbridge.qc_result, prints a
 * summary per rule; --out writes every non-passing result as CSV keyed by OMOP ids (no identifiers).
 */
public final class QcCommand {
    public static final String USAGE = "usage: radbridge qc [--rules FILE] [--out FILE]   (rules: mappings/qc/qc-rules.csv)\n";

    private QcCommand() {}

    public static int run(String[] args, Path home, ConnectionSource db, String tokenName, PrintStream out, PrintStream err) throws Exception {
        Path rulesFile = home.resolve("mappings/qc/qc-rules.csv");
        Path outFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rules") && i + 1 < args.length) rulesFile = Path.of(args[++i]);
            else if (args[i].equals("--out") && i + 1 < args.length) outFile = Path.of(args[++i]);
            else {
                err.print(USAGE);
                return 2;
            }
        }
        List<QcRule> rules;
        try {
            rules = QcRule.load(rulesFile);
        } catch (java.io.IOException e) {
            err.println("radbridge qc: " + e.getMessage());
            return 1;
        }
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            List<QcRunner.Outcome> outcomes = QcRunner.run(c, rules);
            QcRunner.store(c, outcomes);
            Map<String, long[]> counts = new TreeMap<>();
            for (QcRunner.Outcome o : outcomes) {
                long[] n = counts.computeIfAbsent(o.ruleId(), k -> new long[3]);
                n[o.status().equals("pass") ? 0 : o.status().equals("warn") ? 1 : 2]++;
            }
            out.printf("%-28s %8s %8s %8s  %s%n", "rule", "pass", "warn", "fail", "description");
            for (QcRule r : rules) {
                long[] n = counts.getOrDefault(r.id(), new long[3]);
                out.printf("%-28s %8d %8d %8d  %s%n", r.id(), n[0], n[1], n[2], r.description());
            }
            long problems = outcomes.stream().filter(o -> !o.status().equals("pass")).count();
            if (outFile != null) {
                try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                     CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("rule_id", "status", "person_id",
                             "procedure_occurrence_id", "image_occurrence_id", "value", "threshold", "message").build())) {
                    for (QcRunner.Outcome o : outcomes) {
                        if (o.status().equals("pass")) continue;
                        p.printRecord(o.ruleId(), o.status(), o.personId(), o.procedureId(), o.imageId(), o.value(), o.threshold(), o.message());
                    }
                }
                out.println("Wrote " + problems + " QC findings to " + outFile.toAbsolutePath());
            }
            AuditLog.record(c, new AuditLog.Entry("qc", AuditLog.actor(c, tokenName), "qc", Sha256.hex(Files.readString(rulesFile)), null, null, null,
                    (long) outcomes.size(), outFile == null ? "radbridge.qc_result" : outFile.toAbsolutePath().toString(), Map.of("problems", problems)));
            c.commit();
            out.println(problems + " problem(s) in " + outcomes.size() + " checked items; results in radbridge.qc_result");
        }
        return 0;
    }
}
