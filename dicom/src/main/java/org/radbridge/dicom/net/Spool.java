package org.radbridge.dicom.net;

import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomHeaderReader;
import org.radbridge.dicom.DicomParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The durable landing place of instances received over the network. PixelMed writes each data set to a
 * temporary file in {@code SPOOL/.incoming} and renames it there; {@link #commit} then forces it to disk,
 * reads its header and renames it (atomically, same file system) to {@code SPOOL/<StudyUID>/<SOPUID>.dcm},
 * and forces the directory. Only after that does the receiver answer success, so a crash at any point
 * either leaves a complete spooled file or nothing the sender was told it could forget.
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    static final String INCOMING = ".incoming";
    static final String UNPARSED = "unparsed";

    private final Path root;
    private final Path incoming;
    private final DicomHeaderReader reader = new DicomHeaderReader();

    public Spool(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        Files.createDirectories(incoming);
    }

    public Path root() { return root; }

    /** Where PixelMed writes while receiving; not a place to read from. */
    public Path incoming() { return incoming; }

    /** The folder that receives a study's instances. */
    public Path studyDir(String studyInstanceUid) {
        return root.resolve(safe(studyInstanceUid));
    }

    /** Makes a freshly received file durable and moves it into place; see the class comment. */
    public SpooledInstance commit(Path received, String transferSyntaxUid, String callingAe, String remoteHost) throws IOException {
        force(received);
        String study = null, sopClass = null, sop = null;
        DicomHeader h = null;
        String problem = null;
        try {
            h = reader.read(received);
            study = h.studyInstanceUid();
            sopClass = h.get("SOPClassUID");
            sop = h.sopInstanceUid();
        } catch (DicomParseException e) {
            problem = e.getMessage();
            log.warn("received {} from {} ({}) but cannot read its header: {}", received.getFileName(), callingAe, remoteHost, e.getMessage());
        }
        Path dir = study == null ? root.resolve(UNPARSED) : studyDir(study);
        String name = (sop == null ? received.getFileName().toString() : safe(sop)) + ".dcm";
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        try {
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("spool " + root + " must be on one file system (atomic rename failed)", e);
        }
        forceDirectory(dir);
        // the header read here travels with the instance: the listener stages it without parsing the file a second time
        return new SpooledInstance(target, study, sopClass, sop, transferSyntaxUid, callingAe, remoteHost, h, problem);
    }

    /**
     * Files left in {@code .incoming} by a crash were never acknowledged, so the sender still has them;
     * complete ones are committed anyway (harmless: staging is keyed by SOP Instance UID), partial ones deleted.
     */
    public int recover(SpoolListener listener) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) continue;
                try {
                    reader.read(f);
                } catch (DicomParseException e) {
                    log.info("spool recovery: deleting incomplete {} ({})", f.getFileName(), e.getMessage());
                    Files.deleteIfExists(f);
                    continue;
                }
                SpooledInstance s = commit(f, null, null, null);
                n++;
                if (listener != null) {
                    try {
                        listener.spooled(s);
                    } catch (Exception e) {
                        throw new IOException("spool recovery: listener failed on " + s.file() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return n;
    }

    static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open directories; the rename is still atomic there
        }
    }

    /** UIDs are digits and dots; anything else (a hostile peer) must not escape the spool. */
    static String safe(String uid) {
        String s = uid.replaceAll("[^0-9A-Za-z.\\-]", "_");
        if (s.isEmpty() || s.startsWith(".")) s = "_" + s;
        return s;
    }
}
