package org.radbridge.dicom.web;

/** A DICOMweb request that failed for good; the message names the server URL and what it answered. */
public class DicomWebError extends Exception {
    private final int httpStatus;

    public DicomWebError(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status, or -1 when the server could not be reached. */
    public int httpStatus() { return httpStatus; }
}
