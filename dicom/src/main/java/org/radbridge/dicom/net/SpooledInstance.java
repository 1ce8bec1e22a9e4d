package org.radbridge.dicom.net;

import java.nio.file.Path;

/**
 * One instance received over the network and already durable in the spool (fsynced, renamed into place).
 *
 * @param file             the spooled Part 10 file, {@code SPOOL/<StudyInstanceUID>/<SOPInstanceUID>.dcm}
 *                         ({@code SPOOL/unparsed/...} when its header could not be read)
 * @param studyInstanceUid null when the header could not be read
 * @param callingAeTitle   the peer's AE title (for C-GET: the PACS we called)
 * @param remoteHost       the peer's address
 * @param header           the header as the spool read it (so the listener need not parse the file again), or null
 * @param headerProblem    why the header could not be read, or null
 */
public record SpooledInstance(Path file, String studyInstanceUid, String sopClassUid, String sopInstanceUid,
                              String transferSyntaxUid, String callingAeTitle, String remoteHost,
                              org.radbridge.dicom.DicomHeader header, String headerProblem) {
    /** An instance whose header the listener reads itself. */
    public SpooledInstance(Path file, String studyInstanceUid, String sopClassUid, String sopInstanceUid,
                           String transferSyntaxUid, String callingAeTitle, String remoteHost) {
        this(file, studyInstanceUid, sopClassUid, sopInstanceUid, transferSyntaxUid, callingAeTitle, remoteHost, null, null);
    }
}
