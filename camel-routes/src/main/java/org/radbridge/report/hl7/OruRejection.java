package org.radbridge.report.hl7;

import ca.uhn.hl7v2.ErrorCode;

/**
 * Why a message was not accepted, as it goes into the acknowledgement: the MSA-1 code (AE for a message we cannot
 * take in as it is, AR for one we do not process or cannot process now), the HL7 table 0357 error code and location
 * of ERR-3 and ERR-2, and a reason a person can read (ERR-8, MSA-3, and the quarantine).
 */
public final class OruRejection extends Exception {
    private final String ackCode;
    private final ErrorCode errorCode;
    private final String location;

    private OruRejection(String ackCode, ErrorCode errorCode, String location, String reason) {
        super(reason);
        this.ackCode = ackCode;
        this.errorCode = errorCode;
        this.location = location;
    }

    /** AE: the message is malformed or lacks required content; resending it unchanged will not help. */
    static OruRejection error(ErrorCode code, String location, String reason) {
        return new OruRejection("AE", code, location, reason);
    }

    /** AR: a message we do not process (type, version, processing id), or cannot process now. */
    static OruRejection reject(ErrorCode code, String location, String reason) {
        return new OruRejection("AR", code, location, reason);
    }

    public String ackCode() { return ackCode; }
    public ErrorCode errorCode() { return errorCode; }
    /** ERR-2 error location, {@code SEGMENT^sequence^field}, or null. */
    public String location() { return location; }
}
