package org.radbridge.server.pull;

import org.radbridge.dicom.net.RetryPolicy;
import org.radbridge.dicom.net.StudyQuery;
import org.radbridge.source.PullOptions;
import org.radbridge.source.TimeWindow;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code radbridge pull dimse|dicomweb ...}, parsed the same way whether the command runs the pull
 * itself or hands its arguments to a running server ({@code POST /api/pull}).
 */
public record PullRequest(String kind, Map<String, String> options, boolean cGet) {
    public static final String USAGE = """
            usage: radbridge pull dimse --aet AE --host HOST --port PORT [FILTERS] [--get] [--our-aet AE] [--listen ADDRESS] [OPTIONS]
                   radbridge pull dicomweb --url BASE [FILTERS] [OPTIONS]
              FILTERS  --from YYYY-MM-DD --to YYYY-MM-DD --modality M --patient ID --accession A
              OPTIONS  --concurrency N (2)   --rate STUDIES_PER_MINUTE (no limit)   --window HH:MM-HH:MM (always)
                       --timeout SECONDS per study (1800)   --retries N (4)
              dimse: C-FIND, then C-MOVE of each study to our receiver (AE --our-aet, default RADBRIDGE, on RADBRIDGE_DICOM_PORT,
                     listening on --listen, default RADBRIDGE_BIND_ADDRESS; the PACS must know this AE), or C-GET with --get.
                     When a server runs on the data directory, the pull runs in it and C-MOVE goes to its receiver.
              Running the same command again resumes: studies already pulled are skipped.
            """;

    /** A command line that cannot be a pull; the message says why. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public static PullRequest parse(List<String> args) throws Invalid {
        if (args.isEmpty() || !(args.get(0).equals("dimse") || args.get(0).equals("dicomweb"))) throw new Invalid("");
        Map<String, String> o = new HashMap<>();
        boolean get = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) throw new Invalid("unexpected argument '" + a + "'");
            if (a.equals("--get")) get = true;
            else if (i + 1 < args.size()) o.put(a.substring(2), args.get(++i));
            else throw new Invalid(a + " needs a value");
        }
        String[] required = args.get(0).equals("dimse") ? new String[] {"aet", "host", "port"} : new String[] {"url"};
        for (String k : required) {
            if (!o.containsKey(k)) throw new Invalid(args.get(0) + ": --" + k + " is required");
        }
        PullRequest r = new PullRequest(args.get(0), Map.copyOf(o), get);
        try {
            // fail on malformed values now, not half-way through a pull
            r.query();
            r.pullOptions();
            r.retry();
            r.timeout();
            if (r.dimse()) Integer.parseInt(o.get("port"));
        } catch (RuntimeException e) {
            throw new Invalid("bad value: " + e.getMessage());
        }
        return r;
    }

    public boolean dimse() {
        return kind.equals("dimse");
    }

    public String get(String key) {
        return options.get(key);
    }

    public StudyQuery query() {
        return new StudyQuery(date(options.get("from")), date(options.get("to")), options.get("modality"), options.get("patient"),
                options.get("accession"));
    }

    public PullOptions pullOptions() {
        return new PullOptions(Integer.parseInt(options.getOrDefault("concurrency", "2")),
                Double.parseDouble(options.getOrDefault("rate", "0")), TimeWindow.parse(options.get("window")));
    }

    public RetryPolicy retry() {
        return new RetryPolicy(Integer.parseInt(options.getOrDefault("retries", "4")), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public Duration timeout() {
        return Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "1800")));
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) return null;
        String t = s.trim();
        return t.length() == 8 ? LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(t);
    }
}
