package org.radbridge.report.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain-socket MLLP sender (0x0B, payload, 0x1C 0x0D, as HL7 v2 MLLP frames messages), the way a RIS talks to
 * the receiver; the tests and the end-to-end suite use it, and it serves any tool that replays messages.
 */
public final class MllpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one framed message and returns the acknowledgement's payload. */
    public String send(byte[] payload) throws IOException {
        out.write(0x0B);
        out.write(payload);
        out.write(0x1C);
        out.write(0x0D);
        out.flush();
        return readFrame();
    }

    public String send(String payload) throws IOException {
        return send(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes as they are, with no framing. */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private String readFrame() throws IOException {
        int b;
        while ((b = in.read()) != 0x0B) {
            if (b < 0) throw new IOException("connection closed before an acknowledgement");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1C) {
            if (b < 0) throw new IOException("connection closed inside an acknowledgement");
            buf.write(b);
        }
        in.read(); // the closing carriage return
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** MSA-1 of an acknowledgement, read by HAPI's parser; null when the answer is not an HL7 message with an MSA. */
    public static String ackCode(String ack) {
        try {
            for (ca.uhn.hl7v2.model.Segment s : Er7Parsing.inOrder(Er7Parsing.parse(ack))) {
                if (s.getName().equals("MSA")) return Er7Parsing.first(s, 1);
            }
            return null;
        } catch (ca.uhn.hl7v2.HL7Exception | RuntimeException e) {
            return null;
        }
    }

    /** The segment of an acknowledgement that starts with the name, as sent (for tests that check its wording), or null. */
    public static String segment(String ack, String name) {
        for (String seg : ack.split("\r")) {
            if (seg.startsWith(name + "|")) return seg;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
