package org.radbridge.dicom;

/** A file that cannot be taken in as a DICOM instance; the message is the quarantine reason. */
public class DicomParseException extends Exception {
    public DicomParseException(String message) {
        super(message);
    }

    public DicomParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
