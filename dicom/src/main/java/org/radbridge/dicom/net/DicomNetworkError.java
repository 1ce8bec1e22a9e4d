package org.radbridge.dicom.net;

/**
 * A DICOM network operation that failed for good (after retries where they make sense). The message
 * always names the peer as {@code AE@host:port} and says what happened in words an operator understands.
 */
public class DicomNetworkError extends Exception {
    /** Why the operation failed; {@link #UNREACHABLE} and {@link #TIMEOUT} are retried, the others are not. */
    public enum Kind { UNREACHABLE, TIMEOUT, REJECTED, FAILED }

    private final Kind kind;
    private final DicomNode peer;

    public DicomNetworkError(Kind kind, DicomNode peer, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.peer = peer;
    }

    public Kind kind() { return kind; }
    public DicomNode peer() { return peer; }
    public boolean retryable() { return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT; }
}
