package org.radbridge.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DicomHeaderReaderTest {
    private final DicomHeaderReader reader = new DicomHeaderReader();

    static Path corpus() {
        String home = System.getProperty("radbridge.home", ".");
        return Path.of(home).toAbsolutePath().resolve("../shared/dicom-corpus").normalize();
    }

    @Test
    void readsTheSharedCorpusAndRejectsOnlyTheBrokenFiles() throws IOException {
        Path dir = corpus();
        assumeTrue(Files.isDirectory(dir), "shared DICOM corpus not present at " + dir + ": skipped");
        List<String> failed = new ArrayList<>();
        int ok = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    DicomHeader h = reader.read(f);
                    assertThat(h.asMap()).isNotEmpty();
                    ok++;
                } catch (DicomParseException e) {
                    failed.add(f.getFileName() + ": " + e.getMessage());
                }
            }
        }
        assertThat(ok).isGreaterThanOrEqualTo(115);
        assertThat(String.join("\n", failed)).contains("pydicom_MR_truncated.dcm");
        assertThat(failed).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void truncatedPixelDataIsReportedAsTruncated() throws Exception {
        Path f = corpus().resolve("pydicom_MR_truncated.dcm");
        assumeTrue(Files.exists(f), "shared DICOM corpus not present: skipped");
        assertThatThrownBy(() -> reader.read(f))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aFileCutShortOfItsPixelsIsRejected(@TempDir Path tmp) throws Exception {
        Path f = corpus().resolve("pydicom_MR_small_expb.dcm");
        Path good = corpus().resolve("pydicom_MR_small_implicit.dcm");
        assumeTrue(Files.exists(good), "shared DICOM corpus not present: skipped");
        byte[] all = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
        assertThat(reader.read(good).sopInstanceUid()).isNotBlank();
        assertThatThrownBy(() -> reader.read(cut)).hasMessageContaining("truncated");
    }

    @Test
    void plainTextIsNotDicom(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("notes.dcm");
        Files.writeString(f, "this is not a DICOM file at all, just some words ".repeat(20));
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(DicomParseException.class);
    }

    @Test
    void emptyFileIsNotDicom(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("empty.dcm");
        Files.createFile(f);
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(DicomParseException.class);
    }

    /** The explicit-VR fast path gives exactly what the PixelMed path gives, on every corpus file it takes. */
    @Test
    void fastPathAgreesWithPixelMedOnTheSharedCorpus() throws Exception {
        Path dir = corpus();
        assumeTrue(Files.isDirectory(dir), "shared DICOM corpus not present at " + dir + ": skipped");
        int fast = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                java.util.Map<String, String> quick = ExplicitLittleEndianHeader.read(f);
                if (quick == null) continue;
                fast++;
                assertThat(quick).as(f.getFileName().toString()).containsExactlyEntriesOf(reader.readWithPixelMed(f).asMap());
            }
        }
        // most of the corpus is explicit VR little endian in a plain repertoire
        assertThat(fast).isGreaterThanOrEqualTo(40);
    }

    /** Every value representation the fast path decodes, written by PixelMed itself, read back the same both ways. */
    @Test
    void fastPathAgreesWithPixelMedOnEveryValueRepresentation(@TempDir Path tmp) throws Exception {
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        put(list, new com.pixelmed.dicom.CodeStringAttribute(com.pixelmed.dicom.TagFromName.SpecificCharacterSet), "ISO_IR 192");
        put(list, new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.SOPClassUID), "1.2.840.10008.5.1.4.1.1.2");
        put(list, new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.SOPInstanceUID), "1.2.3.4.5");
        put(list, new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.StudyInstanceUID), "1.2.3.4");
        put(list, new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.SeriesInstanceUID), "1.2.3.4.1");
        put(list, new com.pixelmed.dicom.CodeStringAttribute(com.pixelmed.dicom.TagFromName.ImageType), "ORIGINAL", "PRIMARY", "AXIAL");
        put(list, new com.pixelmed.dicom.PersonNameAttribute(com.pixelmed.dicom.TagFromName.PatientName), "Müller^Zoë^^Dr.");
        put(list, new com.pixelmed.dicom.LongStringAttribute(com.pixelmed.dicom.TagFromName.InstitutionName), " Hôpital  Saint-Éloi ");
        put(list, new com.pixelmed.dicom.LongTextAttribute(com.pixelmed.dicom.TagFromName.AdditionalPatientHistory), "  two\\lines of text ");
        put(list, new com.pixelmed.dicom.ShortTextAttribute(com.pixelmed.dicom.TagFromName.DerivationDescription), "derived");
        put(list, new com.pixelmed.dicom.DecimalStringAttribute(com.pixelmed.dicom.TagFromName.PixelSpacing), "0.703125", "0.703125");
        put(list, new com.pixelmed.dicom.DecimalStringAttribute(com.pixelmed.dicom.TagFromName.SliceThickness), "1.25");
        put(list, new com.pixelmed.dicom.IntegerStringAttribute(com.pixelmed.dicom.TagFromName.InstanceNumber), "17");
        put(list, new com.pixelmed.dicom.DateAttribute(com.pixelmed.dicom.TagFromName.StudyDate), "20240131");
        put(list, new com.pixelmed.dicom.TimeAttribute(com.pixelmed.dicom.TagFromName.StudyTime), "101530.25");
        put(list, new com.pixelmed.dicom.DateTimeAttribute(com.pixelmed.dicom.TagFromName.AcquisitionDateTime), "20240131101530");
        put(list, new com.pixelmed.dicom.AgeStringAttribute(com.pixelmed.dicom.TagFromName.PatientAge), "045Y");
        put(list, new com.pixelmed.dicom.ApplicationEntityAttribute(new com.pixelmed.dicom.AttributeTag(0x0008, 0x0055)), "CT01");
        put(list, new com.pixelmed.dicom.ShortStringAttribute(com.pixelmed.dicom.TagFromName.AccessionNumber), "ACC1");
        com.pixelmed.dicom.Attribute us = new com.pixelmed.dicom.UnsignedShortAttribute(com.pixelmed.dicom.TagFromName.Rows);
        us.addValue(65535);
        list.put(us);
        com.pixelmed.dicom.Attribute ss = new com.pixelmed.dicom.SignedShortAttribute(com.pixelmed.dicom.TagFromName.PixelPaddingValue);
        ss.addValue(-2000);
        list.put(ss);
        com.pixelmed.dicom.Attribute ul = new com.pixelmed.dicom.UnsignedLongAttribute(new com.pixelmed.dicom.AttributeTag(0x003A, 0x0010));
        ul.addValue(4000000000L);
        ul.addValue(7L);
        list.put(ul);
        com.pixelmed.dicom.Attribute sl = new com.pixelmed.dicom.SignedLongAttribute(com.pixelmed.dicom.TagFromName.ReferencePixelX0);
        sl.addValue(-5);
        list.put(sl);
        com.pixelmed.dicom.Attribute fl = new com.pixelmed.dicom.FloatSingleAttribute(new com.pixelmed.dicom.AttributeTag(0x0018, 0x9087));
        fl.addValue(29.97f);
        list.put(fl);
        com.pixelmed.dicom.Attribute fd = new com.pixelmed.dicom.FloatDoubleAttribute(com.pixelmed.dicom.TagFromName.SpacingBetweenSlices);
        fd.addValue(1.0 / 3);
        fd.addValue(-2.5e-7);
        list.put(fd);
        // a sequence (written with undefined length) and a private element, both left out of the map
        com.pixelmed.dicom.SequenceAttribute seq = new com.pixelmed.dicom.SequenceAttribute(com.pixelmed.dicom.TagFromName.ReferencedImageSequence);
        com.pixelmed.dicom.AttributeList item = new com.pixelmed.dicom.AttributeList();
        put(item, new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.ReferencedSOPInstanceUID), "1.2.3.9");
        seq.addItem(item);
        list.put(seq);
        put(list, new com.pixelmed.dicom.LongStringAttribute(new com.pixelmed.dicom.AttributeTag(0x0009, 0x0010)), "ACME");
        com.pixelmed.dicom.Attribute pixels = new com.pixelmed.dicom.OtherByteAttribute(com.pixelmed.dicom.TagFromName.PixelData);
        pixels.setValues(new byte[64]);
        list.put(pixels);
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, "TEST");
        Path f = tmp.resolve("all-vrs.dcm");
        list.write(f.toString(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);

        java.util.Map<String, String> quick = ExplicitLittleEndianHeader.read(f);
        assertThat(quick).isNotNull();
        assertThat(quick).containsExactlyEntriesOf(reader.readWithPixelMed(f).asMap());
        assertThat(quick).containsEntry("PatientName", "Müller^Zoë^^Dr.").containsEntry("Rows", "65535")
                .containsEntry("PixelSpacing", "0.703125\\0.703125").doesNotContainKey("ReferencedSOPInstanceUID");

        // cut inside the pixel data: the fast path declines, and the PixelMed path reports the truncation
        byte[] all = Files.readAllBytes(f);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
        assertThat(ExplicitLittleEndianHeader.read(cut)).isNull();
        assertThatThrownBy(() -> reader.read(cut)).hasMessageContaining("truncated");

        // implicit VR is left to PixelMed, with the same result through read()
        Path implicit = tmp.resolve("implicit.dcm");
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, com.pixelmed.dicom.TransferSyntax.ImplicitVRLittleEndian, "TEST");
        list.write(implicit.toString(), com.pixelmed.dicom.TransferSyntax.ImplicitVRLittleEndian, true, true);
        assertThat(ExplicitLittleEndianHeader.read(implicit)).isNull();
        assertThat(reader.read(implicit).get("PatientName")).isEqualTo("Müller^Zoë^^Dr.");
    }

    private static void put(com.pixelmed.dicom.AttributeList list, com.pixelmed.dicom.Attribute a, String... values) throws Exception {
        for (String v : values) a.addValue(v);
        list.put(a);
    }
}
