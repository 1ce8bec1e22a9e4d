package org.radbridge.bench.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mutation of every kind can be produced from any input (also from bytes that are no DICOM at all). */
class MutatorsTest {
    private static byte[] sample() {
        // preamble, meta header naming explicit VR little endian, and a small data set
        byte[] body = concat(el(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.2"), el(0x0010, 0x0020, "LO", "MRN1"),
                el(0x0010, 0x0010, "PN", "DOE^JANE"), el(0x0020, 0x000D, "UI", "1.2.3.4"));
        return DicomMutator.withMeta(body, "1.2.840.10008.1.2.1");
    }

    private static byte[] el(int g, int e, String vr, String v) {
        byte[] value = v.length() % 2 == 0 ? v.getBytes(StandardCharsets.US_ASCII) : (v + " ").getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + value.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) g).putShort((short) e).put((byte) vr.charAt(0)).put((byte) vr.charAt(1)).putShort((short) value.length).put(value);
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void everyDicomKindAppliesToAFileAndToGarbage() {
        DicomMutator m = new DicomMutator();
        Random rnd = new Random(3);
        for (String kind : DicomMutator.kinds()) {
            for (int i = 0; i < 20; i++) {
                assertThat(m.apply(kind, sample(), rnd)).as(kind).isNotNull();
                assertThat(m.apply(kind, new byte[] {1, 2, 3}, rnd)).as(kind + " on garbage").isNotNull();
            }
        }
    }

    @Test
    void elementEditsKeepTheRestOfTheFileParseable() {
        byte[] in = sample();
        byte[] out = DicomMutator.replaceValue(in, 0x00100020, "A|B,C");
        assertThat(DicomMutator.walk(out)).extracting(DicomMutator.Element::tag).containsExactlyElementsOf(
                DicomMutator.walk(in).stream().map(DicomMutator.Element::tag).toList());
        assertThat(new String(out, StandardCharsets.US_ASCII)).contains("A|B,C ");
        byte[] noMeta = DicomMutator.stripMeta(in);
        assertThat(DicomMutator.walk(noMeta).get(0).tag()).isEqualTo(0x00080016);
        assertThat(DicomMutator.undefinedSequence(5000, true, new Random(1))).hasSize(5000 * 36);
    }

    @Test
    void hl7KindsNeverCarryFrameBytes() {
        Hl7Mutator m = new Hl7Mutator();
        Random rnd = new Random(5);
        String valid = Hl7Mutator.oru("C1", "MRN1", "ACC1", "FINDINGS: none.\nIMPRESSION: normal.");
        for (int i = 0; i < 500; i++) {
            byte[] b = m.mutate(valid, rnd).bytes();
            for (byte x : b) assertThat(x).isNotIn((byte) 0x0B, (byte) 0x1C);
        }
        for (String kind : Hl7Mutator.kinds()) assertThat(m.apply(kind, valid, rnd)).as(kind).isNotNull();
    }

    @Test
    void reasonsAreFoldedIntoClasses() {
        assertThat(FuzzTally.generic("invalid StudyInstanceUID '1.2.3x'")).isEqualTo("invalid StudyInstanceUID '…'");
        assertThat(FuzzTally.generic("truncated: pixel data declares 8192 bytes but the file ends 62 bytes early"))
                .isEqualTo("truncated: pixel data declares # bytes but the file ends # bytes early");
        FuzzTally t = new FuzzTally();
        t.add("folder", "quarantined", "missing StudyInstanceUID");
        t.add("folder", "quarantined", "missing StudyInstanceUID");
        t.add("folder", "staged", "flip-bytes");
        assertThat(t.count("folder", "quarantined")).isEqualTo(2);
        assertThat(t.total("folder")).isEqualTo(3);
    }
}
