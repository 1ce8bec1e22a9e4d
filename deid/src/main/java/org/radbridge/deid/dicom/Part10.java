package org.radbridge.deid.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a de-identified dataset as a DICOM Part 10 file with a fresh file meta header (Explicit VR Little Endian). */
public final class Part10 {
    public static final String SOURCE_AE = "RADBRIDGE";

    private Part10() {}

    public static byte[] bytes(AttributeList list) throws IOException, DicomException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(list, out, TransferSyntax.ExplicitVRLittleEndian);
        return out.toByteArray();
    }

    public static void write(AttributeList list, Path file) throws IOException, DicomException {
        write(list, file, null);
    }

    /** @param transferSyntax the transfer syntax of pixel data kept as received (compressed stays compressed); null for headers */
    public static void write(AttributeList list, Path file, String transferSyntax) throws IOException, DicomException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(list, out, transferSyntax == null || transferSyntax.isBlank() ? TransferSyntax.ExplicitVRLittleEndian : transferSyntax);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(AttributeList list, OutputStream out, String ts) throws IOException, DicomException {
        list.removeGroup(0x0002);
        FileMetaInformation.addFileMetaInformation(list, ts, SOURCE_AE);
        list.write(out, ts, true, true);
    }
}
