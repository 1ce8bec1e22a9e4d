package org.radbridge.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the A-ASSOCIATE-RQ PDU off a fresh connection before PixelMed sees it, so the receiver can refuse
 * callers by AE title (PixelMed checks only the called AE title). The bytes read are handed back to PixelMed
 * through {@link PrefixedSocket}. See PS3.8 section 9.3.2 for the layout.
 */
final class AssociateRequestPeek {
    static final int MAX_PDU = 1 << 20;

    final byte[] bytes;
    final String calledAeTitle;
    final String callingAeTitle;

    private AssociateRequestPeek(byte[] bytes, String called, String calling) {
        this.bytes = bytes;
        this.calledAeTitle = called;
        this.callingAeTitle = calling;
    }

    /** Reads one whole PDU; fails when it is not an A-ASSOCIATE-RQ. */
    static AssociateRequestPeek read(InputStream in) throws IOException {
        DataInputStream din = new DataInputStream(in);
        byte[] head = new byte[6];
        din.readFully(head);
        if (head[0] != 0x01) throw new IOException("first PDU is not an A-ASSOCIATE-RQ (type 0x" + Integer.toHexString(head[0] & 0xFF) + ")");
        long length = ((head[2] & 0xFFL) << 24) | ((head[3] & 0xFFL) << 16) | ((head[4] & 0xFFL) << 8) | (head[5] & 0xFFL);
        if (length < 68 || length > MAX_PDU) throw new IOException("A-ASSOCIATE-RQ of implausible length " + length);
        byte[] body = new byte[(int) length];
        din.readFully(body);
        ByteArrayOutputStream all = new ByteArrayOutputStream(6 + body.length);
        all.write(head);
        all.write(body);
        String called = new String(body, 4, 16, StandardCharsets.US_ASCII).trim();
        String calling = new String(body, 20, 16, StandardCharsets.US_ASCII).trim();
        return new AssociateRequestPeek(all.toByteArray(), called, calling);
    }

    /** Result 1 (rejected-permanent), source 1 (service user); reason 1 no reason, 3 calling AE, 7 called AE not recognized. */
    static void sendReject(OutputStream out, int reason) throws IOException {
        out.write(new byte[] {0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, (byte) reason});
        out.flush();
    }
}
