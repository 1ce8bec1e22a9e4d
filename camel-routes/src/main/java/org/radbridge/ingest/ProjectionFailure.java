package org.radbridge.ingest;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Why a projection failed, as far as retrying is concerned. A data problem (the FHIR server refuses the content: 400,
 * 412 for a conditional URL that matches several resources, 422; a value PostgreSQL refuses: SQLSTATE class 22 data
 * exception or a violated NOT NULL / CHECK / foreign key) comes back identical on every retry, so the study is marked
 * failed until its data or the mappings change. Everything else (connection lost, table missing, a version conflict
 * between two writers, an unexpected exception) may pass, so it is retried with back-off.
 */
public enum ProjectionFailure {
    DATA, OUTAGE;

    private static final Set<Integer> DATA_STATUS = Set.of(400, 404, 412, 422);

    public static ProjectionFailure classify(Throwable e) {
        // a StackOverflowError building the projection comes back on every attempt: it is the study's data
        if (e instanceof StackOverflowError) return DATA;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BaseServerResponseException r) return DATA_STATUS.contains(r.getStatusCode()) ? DATA : OUTAGE;
            if (t instanceof DataFormatException) return DATA;
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return org.radbridge.staging.SqlStates.isDataProblem(s) ? DATA : OUTAGE;
            }
        }
        return OUTAGE;
    }

    /** The failure in one line: the innermost message that says something, without a stack trace. */
    public static String describe(Throwable e) {
        Throwable shown = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BaseServerResponseException || t instanceof SQLException || t instanceof DataFormatException) {
                shown = t;
                break;
            }
        }
        String m = shown.getMessage();
        String line = shown.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        line = line.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 497) + "..." : line;
    }
}
