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
 */
public record SpooledInstance(Path file, String studyInstanceUid, String sopClassUid, String sopInstanceUid,
                              String transferSyntaxUid, String callingAeTitle, String remoteHost) {}
