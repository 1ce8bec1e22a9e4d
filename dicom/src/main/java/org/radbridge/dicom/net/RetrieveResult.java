package org.radbridge.dicom.net;

/**
 * Outcome of one study's C-MOVE or C-GET: the PACS's final sub-operation counts and status.
 *
 * @param status    final DIMSE status (0x0000 success, 0xB000 warning: some sub-operations failed, 0xA7xx/0xCxxx failure ...)
 * @param received  instances that arrived (C-GET: counted by us; C-MOVE: -1, the receiver counts them)
 */
public record RetrieveResult(String studyInstanceUid, int completed, int failed, int warning, int status, long received) {
    public boolean fullySucceeded() {
        return status == 0 && failed == 0;
    }

    public String describe() {
        return String.format("study %s: %d completed, %d failed, %d warning, status 0x%04X%s", studyInstanceUid, completed, failed, warning,
                status, received >= 0 ? ", " + received + " received" : "");
    }
}
