package org.radbridge.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file whose sequences are nested far deeper than any real object (a fuzzer's, or a broken writer's) must cost one
 * file: PixelMed reads sequences recursively, so the reader turns the stack overflow into a parse error with a reason.
 */
class DeepNestingTest {
    private static void element(ByteArrayOutputStream out, int group, int element, String vr, byte[] value) {
        boolean longForm = vr.equals("OB");
        ByteBuffer h = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) group).putShort((short) element).put((byte) vr.charAt(0)).put((byte) vr.charAt(1));
        if (longForm) h.putShort((short) 0).putInt(value.length);
        else h.putShort((short) value.length);
        out.writeBytes(h.array());
        out.writeBytes(value);
    }

    private static byte[] ascii(String s) {
        return (s.length() % 2 == 0 ? s : s + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] nested(int depth) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, 0x0002, "UI", ascii("1.2.840.10008.5.1.4.1.1.7"));
        element(meta, 0x0002, 0x0003, "UI", ascii("1.2.3.4.5"));
        element(meta, 0x0002, 0x0010, "UI", ascii("1.2.840.10008.1.2.1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0002, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
        out.writeBytes(meta.toByteArray());
        element(out, 0x0008, 0x0016, "UI", ascii("1.2.840.10008.5.1.4.1.1.7"));
        element(out, 0x0008, 0x0018, "UI", ascii("1.2.3.4.5"));
        ByteBuffer b = ByteBuffer.allocate(depth * 40).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < depth; i++) {
            // (0040,A730) Content Sequence, undefined length, one item of undefined length, never closed
            b.putShort((short) 0x0040).putShort((short) 0xA730).put((byte) 'S').put((byte) 'Q').putShort((short) 0).putInt(-1);
            b.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        }
        out.write(b.array(), 0, b.position());
        return out.toByteArray();
    }

    @Test
    void aFileNestedThousandsDeepIsAParseErrorNotAStackOverflow(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("deep.dcm");
        Files.write(file, nested(30_000));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        // a small stack, as on a parse worker under load, makes the overflow certain at this depth
        Thread t = new Thread(null, () -> {
            try {
                new DicomHeaderReader().read(file);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(DicomParseException.class);
        assertThat(thrown.get().getMessage()).contains("nested too deeply");
    }
}
