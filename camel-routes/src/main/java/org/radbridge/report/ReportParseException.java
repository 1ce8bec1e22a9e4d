package org.radbridge.report;

/** A report that cannot be staged; the message is the quarantine reason. */
public class ReportParseException extends Exception {
    public ReportParseException(String message) {
        super(message);
    }
}
