package org.radbridge.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomPart10WriterTest {

    @TempDir
    Path tmp;

    static SyntheticInstance.Builder ct() {
        return SyntheticInstance.builder()
                .patientName("MÜLLER^JÖRG").patientId("MRN0012345").issuerOfPatientId("HOSP")
                .patientBirthDate("19610412").patientSex("M").patientAge("062Y")
                .studyInstanceUid("2.25.123456789012345678901234567890123456")
                .studyDate("20240312").studyTime("101502").accessionNumber("ACC000123").studyId("4711")
                .studyDescription("CT CHEST W/O CONTRAST").referringPhysicianName("SMITH^ANNA^^DR")
                .institutionName("General Hospital")
                .seriesInstanceUid("2.25.223456789012345678901234567890123456").seriesNumber(2)
                .seriesDate("20240312").seriesTime("101733").seriesDescription("AXIAL 5.0 B31f")
                .modality("CT").bodyPartExamined("CHEST")
                .manufacturer("SIEMENS").manufacturerModelName("SOMATOM Definition AS").stationName("CTAWP71234")
                .frameOfReferenceUid("2.25.323456789012345678901234567890123456").patientPosition("HFS")
                .sopClassUid(SopClassUids.CT_IMAGE_STORAGE)
                .sopInstanceUid("2.25.423456789012345678901234567890123456").instanceNumber(7)
                .contentDate("20240312").contentTime("101735.125000")
                .imageType("ORIGINAL", "PRIMARY", "AXIAL")
                .pixelSpacing(0.703125, 0.703125).sliceThickness(5.0)
                .imagePositionPatient(-180.0, -180.0, -35.5).imageOrientationPatient(1, 0, 0, 0, 1, 0)
                .sliceLocation(-35.5).kvp(120.0).xRayTubeCurrent(210).exposureTime(500).ctdiVol(7.83)
                .rescaleIntercept(-1024.0).rescaleSlope(1.0).windowCenter(40.0).windowWidth(400.0)
                .pixelSeed(42);
    }

    @Test
    void ctRoundTripKeepsEveryHeaderField() throws Exception {
        Path f = tmp.resolve("a/b/1.dcm");
        long size = DicomPart10Writer.write(ct().build(), f);
        assertThat(size).isEqualTo(Files.size(f)).isGreaterThan(512 + 16 * 16 * 2);

        byte[] bytes = Files.readAllBytes(f);
        assertThat(new String(bytes, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");

        AttributeList l = new AttributeList();
        l.read(f.toFile());
        assertThat(s(l, TagFromName.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(s(l, TagFromName.MediaStorageSOPClassUID)).isEqualTo(SopClassUids.CT_IMAGE_STORAGE);
        assertThat(s(l, TagFromName.MediaStorageSOPInstanceUID)).isEqualTo("2.25.423456789012345678901234567890123456");
        assertThat(s(l, TagFromName.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
        assertThat(s(l, TagFromName.PatientName)).isEqualTo("MÜLLER^JÖRG");
        assertThat(s(l, TagFromName.PatientID)).isEqualTo("MRN0012345");
        assertThat(s(l, TagFromName.IssuerOfPatientID)).isEqualTo("HOSP");
        assertThat(s(l, TagFromName.PatientBirthDate)).isEqualTo("19610412");
        assertThat(s(l, TagFromName.PatientSex)).isEqualTo("M");
        assertThat(s(l, TagFromName.StudyInstanceUID)).isEqualTo("2.25.123456789012345678901234567890123456");
        assertThat(s(l, TagFromName.SeriesInstanceUID)).isEqualTo("2.25.223456789012345678901234567890123456");
        assertThat(s(l, TagFromName.SOPInstanceUID)).isEqualTo("2.25.423456789012345678901234567890123456");
        assertThat(s(l, TagFromName.SOPClassUID)).isEqualTo(SopClassUids.CT_IMAGE_STORAGE);
        assertThat(s(l, TagFromName.StudyDate)).isEqualTo("20240312");
        assertThat(s(l, TagFromName.StudyTime)).isEqualTo("101502");
        assertThat(s(l, TagFromName.SeriesDate)).isEqualTo("20240312");
        assertThat(s(l, TagFromName.SeriesTime)).isEqualTo("101733");
        assertThat(s(l, TagFromName.ContentDate)).isEqualTo("20240312");
        assertThat(s(l, TagFromName.ContentTime)).isEqualTo("101735.125000");
        assertThat(s(l, TagFromName.AccessionNumber)).isEqualTo("ACC000123");
        assertThat(s(l, TagFromName.StudyID)).isEqualTo("4711");
        assertThat(s(l, TagFromName.StudyDescription)).isEqualTo("CT CHEST W/O CONTRAST");
        assertThat(s(l, TagFromName.SeriesDescription)).isEqualTo("AXIAL 5.0 B31f");
        assertThat(s(l, TagFromName.SeriesNumber)).isEqualTo("2");
        assertThat(s(l, TagFromName.InstanceNumber)).isEqualTo("7");
        assertThat(s(l, TagFromName.Modality)).isEqualTo("CT");
        assertThat(s(l, TagFromName.BodyPartExamined)).isEqualTo("CHEST");
        assertThat(s(l, TagFromName.Manufacturer)).isEqualTo("SIEMENS");
        assertThat(s(l, TagFromName.ManufacturerModelName)).isEqualTo("SOMATOM Definition AS");
        assertThat(s(l, TagFromName.InstitutionName)).isEqualTo("General Hospital");
        assertThat(s(l, TagFromName.ReferringPhysicianName)).isEqualTo("SMITH^ANNA^^DR");
        assertThat(s(l, TagFromName.StationName)).isEqualTo("CTAWP71234");
        assertThat(s(l, TagFromName.FrameOfReferenceUID)).isEqualTo("2.25.323456789012345678901234567890123456");
        assertThat(strings(l, TagFromName.PixelSpacing)).containsExactly("0.703125", "0.703125");
        assertThat(s(l, TagFromName.SliceThickness)).isEqualTo("5");
        assertThat(strings(l, TagFromName.ImagePositionPatient)).containsExactly("-180", "-180", "-35.5");
        assertThat(strings(l, TagFromName.ImageOrientationPatient)).containsExactly("1", "0", "0", "0", "1", "0");
        assertThat(s(l, new AttributeTag(0x0018, 0x0060))).isEqualTo("120"); // KVP
        assertThat(s(l, new AttributeTag(0x0018, 0x1151))).isEqualTo("210"); // XRayTubeCurrent
        assertThat(s(l, new AttributeTag(0x0018, 0x1150))).isEqualTo("500"); // ExposureTime
        Attribute ctdi = l.get(new AttributeTag(0x0018, 0x9345));
        assertThat(ctdi.getVR()).isEqualTo(new byte[] {'F', 'D'});
        assertThat(ctdi.getDoubleValues()[0]).isEqualTo(7.83);
        assertThat(l.get(TagFromName.Rows).getSingleIntegerValueOrDefault(0)).isEqualTo(16);
        assertThat(l.get(TagFromName.Columns).getSingleIntegerValueOrDefault(0)).isEqualTo(16);
        assertThat(l.get(TagFromName.BitsAllocated).getSingleIntegerValueOrDefault(0)).isEqualTo(16);
        assertThat(s(l, TagFromName.PhotometricInterpretation)).isEqualTo("MONOCHROME2");
        Attribute px = l.get(TagFromName.PixelData);
        assertThat(px.getVR()).isEqualTo(new byte[] {'O', 'W'});
        assertThat(px.getShortValues()).hasSize(256);
        assertThat(Arrays.stream(toInts(px.getShortValues())).distinct().count()).isGreaterThan(10);
    }

    @Test
    void headerOnlyReadStopsBeforePixelData() throws Exception {
        Path f = tmp.resolve("h.dcm");
        DicomPart10Writer.write(ct().build(), f);
        AttributeList l = new AttributeList();
        l.read(f.toFile(), TagFromName.PixelData);
        assertThat(l.get(TagFromName.PixelData)).isNull();
        assertThat(s(l, TagFromName.Modality)).isEqualTo("CT");
    }

    @Test
    void ultrasoundIsEightBitAndCrCarriesLaterality() throws Exception {
        Path us = tmp.resolve("us.dcm");
        DicomPart10Writer.write(ct().modality("US").sopClassUid(SopClassUids.US_IMAGE_STORAGE).bitsAllocated(8)
                .frameOfReferenceUid(null).imagePositionPatient(null).imageOrientationPatient(null)
                .sliceThickness(null).ctdiVol(null).kvp(null).xRayTubeCurrent(null).exposureTime(null)
                .rescaleIntercept(null).rescaleSlope(null).patientPosition(null).sliceLocation(null)
                .bodyPartExamined("THYROID").build(), us);
        AttributeList l = new AttributeList();
        l.read(us.toFile());
        assertThat(l.get(TagFromName.BitsAllocated).getSingleIntegerValueOrDefault(0)).isEqualTo(8);
        assertThat(l.get(TagFromName.PixelData).getVR()).isEqualTo(new byte[] {'O', 'B'});
        assertThat(l.get(TagFromName.PixelData).getByteValues()).hasSize(256);
        assertThat(l.get(new AttributeTag(0x0018, 0x9345))).isNull();
        assertThat(s(l, TagFromName.SOPClassUID)).isEqualTo(SopClassUids.US_IMAGE_STORAGE);

        Path dx = tmp.resolve("dx.dcm");
        DicomPart10Writer.write(ct().modality("DX").sopClassUid(SopClassUids.DX_IMAGE_STORAGE_FOR_PRESENTATION)
                .laterality("L").viewPosition("PA").patientOrientation("L", "F").bodyPartExamined("KNEE").imageType("ORIGINAL", "PRIMARY")
                .imagerPixelSpacing(0.15, 0.15).imagePositionPatient(null).imageOrientationPatient(null)
                .frameOfReferenceUid(null).ctdiVol(null).build(), dx);
        l = new AttributeList();
        l.read(dx.toFile());
        assertThat(s(l, TagFromName.Laterality)).isEqualTo("L");
        assertThat(s(l, TagFromName.ViewPosition)).isEqualTo("PA");
        assertThat(s(l, TagFromName.PresentationIntentType)).isEqualTo("FOR PRESENTATION");
        assertThat(strings(l, TagFromName.PatientOrientation)).containsExactly("L", "F");
        assertThat(strings(l, TagFromName.ImagerPixelSpacing)).containsExactly("0.15", "0.15");
        assertThat(s(l, TagFromName.SOPClassUID)).isEqualTo(SopClassUids.DX_IMAGE_STORAGE_FOR_PRESENTATION);

        Path mr = tmp.resolve("mr.dcm");
        DicomPart10Writer.write(ct().modality("MR").sopClassUid(SopClassUids.MR_IMAGE_STORAGE).ctdiVol(null).kvp(null)
                .magneticFieldStrength(3.0).echoTime(95.0).repetitionTime(4200.0).scanningSequence("SE")
                .sequenceVariant("SK").imageType("ORIGINAL", "PRIMARY", "M", "ND").build(), mr);
        l = new AttributeList();
        l.read(mr.toFile());
        assertThat(s(l, new AttributeTag(0x0018, 0x0087))).isEqualTo("3"); // MagneticFieldStrength
        assertThat(s(l, TagFromName.EchoTime)).isEqualTo("95");
        assertThat(s(l, TagFromName.RepetitionTime)).isEqualTo("4200");
        assertThat(s(l, new AttributeTag(0x0018, 0x0020))).isEqualTo("SE"); // ScanningSequence
        assertThat(l.get(TagFromName.PatientOrientation)).isNull();
    }

    @Test
    void sameInstanceGivesIdenticalBytesAndSeedChangesPixels() throws Exception {
        byte[] a = DicomPart10Writer.toBytes(ct().build());
        byte[] b = DicomPart10Writer.toBytes(ct().build());
        byte[] c = DicomPart10Writer.toBytes(ct().pixelSeed(43).build());
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c).hasSameSizeAs(c);
        Path f = tmp.resolve("x.dcm");
        DicomPart10Writer.write(ct().build(), f);
        assertThat(Files.readAllBytes(f)).isEqualTo(a);
    }

    @Test
    void decimalStringsStayWithinSixteenCharacters() {
        assertThat(DicomPart10Writer.formatDs(-0.0)).isEqualTo("0");
        assertThat(DicomPart10Writer.formatDs(1.0)).isEqualTo("1");
        assertThat(DicomPart10Writer.formatDs(0.1234567)).isEqualTo("0.123457");
        assertThat(DicomPart10Writer.formatDs(-123456789.123456)).hasSizeLessThanOrEqualTo(16);
        assertThatThrownBy(() -> DicomPart10Writer.formatDs(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingRequiredUidIsRejected() {
        assertThatThrownBy(() -> ct().sopInstanceUid(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ct().bitsAllocated(12).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ct().pixelSpacing(1.0).build()).isInstanceOf(IllegalArgumentException.class);
    }

    private static String s(AttributeList l, AttributeTag t) {
        Attribute a = l.get(t);
        assertThat(a).as("attribute %s", t).isNotNull();
        return a.getSingleStringValueOrNull();
    }

    private static String[] strings(AttributeList l, AttributeTag t) throws Exception {
        Attribute a = l.get(t);
        assertThat(a).as("attribute %s", t).isNotNull();
        return a.getStringValues();
    }

    private static int[] toInts(short[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i];
        }
        return r;
    }
}
