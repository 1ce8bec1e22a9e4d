package org.radbridge.bench.fuzz;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of a fuzz campaign by path ({@code folder}, {@code c-store}, {@code mllp}), outcome and reason. A reason is
 * made generic (quoted values, numbers and UIDs folded) so that the same failure of many inputs counts as one line.
 */
public final class FuzzTally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String path, String outcome, String reason) {
        counts.computeIfAbsent(path + "\t" + outcome + "\t" + generic(reason), k -> new LongAdder()).increment();
    }

    public long count(String path, String outcome) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(path + "\t" + outcome + "\t"))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    public long total(String path) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(path + "\t")).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Folds what differs between inputs out of a reason: quoted text, UIDs and numbers, file names. */
    static String generic(String reason) {
        if (reason == null || reason.isBlank()) return "-";
        String r = reason.replaceAll("\\s+", " ")
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("(/[^\\s:]+)+", "PATH")
                .replaceAll("\\b\\d+(\\.\\d+)+\\b", "UID")
                .replaceAll("0x[0-9a-fA-F]+", "0x#")
                .replaceAll("\\d+", "#");
        return r.length() > 110 ? r.substring(0, 107) + "..." : r;
    }

    /** Lines "path  outcome  count  reason", sorted. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(counts).forEach((k, v) -> {
            String[] p = k.split("\t", 3);
            b.append(String.format("  %-9s %-22s %7d  %s%n", p[0], p[1], v.sum(), p[2]));
        });
        return b.toString();
    }
}
