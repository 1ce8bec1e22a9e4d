package org.radbridge.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.radbridge.dicom.write.DicomPart10Writer;
import org.radbridge.dicom.write.SopClassUids;
import org.radbridge.dicom.write.SyntheticInstance;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small generated studies for network tests: three patients, CT/MR/CR on different dates, 2-6 instances each. */
final class TestStudies {
    record Study(String uid, String patientId, String accession, String date, String modality, List<Path> files) {}

    private TestStudies() {}

    static List<Study> write(Path dir, String prefix) throws IOException {
        List<Study> out = new ArrayList<>();
        out.add(study(dir, prefix, 1, "CT", "20200301", 2, 3));
        out.add(study(dir, prefix, 2, "MR", "20210615", 2, 2));
        out.add(study(dir, prefix, 3, "CR", "20220110", 1, 2));
        return out;
    }

    private static Study study(Path dir, String prefix, int n, String modality, String date, int series, int perSeries) throws IOException {
        String studyUid = prefix + "." + n;
        String pid = "MRN" + prefix.hashCode() % 1000 + "" + n;
        pid = pid.replace("-", "");
        String acc = "ACC" + n + Math.abs(prefix.hashCode() % 10000);
        List<Path> files = new ArrayList<>();
        for (int s = 1; s <= series; s++) {
            for (int i = 1; i <= perSeries; i++) {
                SyntheticInstance.Builder b = SyntheticInstance.builder()
                        .patientName("TEST^PATIENT" + n).patientId(pid).issuerOfPatientId("HOSP")
                        .patientBirthDate("19700101").patientSex(n % 2 == 0 ? "F" : "M")
                        .studyInstanceUid(studyUid).studyDate(date).studyTime("101500").accessionNumber(acc).studyId("S" + n)
                        .studyDescription(modality + " TEST STUDY " + n).referringPhysicianName("REF^DOC").institutionName("Test Hospital")
                        .seriesInstanceUid(studyUid + "." + s).seriesNumber(s).seriesDate(date).seriesTime("101600")
                        .seriesDescription(modality + " series " + s).modality(modality).bodyPartExamined("CHEST")
                        .manufacturer("ACME").manufacturerModelName("Model " + modality).stationName("ST" + n)
                        .sopClassUid(SopClassUids.forModality(modality)).sopInstanceUid(studyUid + "." + s + "." + i).instanceNumber(i)
                        .contentDate(date).contentTime("101700").imageType("ORIGINAL", "PRIMARY", "AXIAL")
                        .pixelSpacing(0.5, 0.5).pixelSeed(n * 100 + s * 10 + i);
                if (modality.equals("CT")) {
                    b.frameOfReferenceUid(studyUid + ".99").patientPosition("HFS").sliceThickness(2.5)
                            .imagePositionPatient(-100.0, -100.0, i * 2.5).imageOrientationPatient(1, 0, 0, 0, 1, 0)
                            .sliceLocation(i * 2.5).kvp(120.0).xRayTubeCurrent(200).exposureTime(500).ctdiVol(12.5)
                            .rescaleIntercept(-1024.0).rescaleSlope(1.0).windowCenter(40.0).windowWidth(400.0);
                } else if (modality.equals("MR")) {
                    b.frameOfReferenceUid(studyUid + ".99").patientPosition("HFS").sliceThickness(5.0).magneticFieldStrength(1.5)
                            .echoTime(12.0).repetitionTime(500.0).scanningSequence("SE").sequenceVariant("NONE")
                            .imagePositionPatient(-100.0, -100.0, i * 5.0).imageOrientationPatient(1, 0, 0, 0, 1, 0);
                } else {
                    b.viewPosition("PA").patientOrientation("L", "F").imagerPixelSpacing(0.2, 0.2).kvp(110.0).exposureTime(20);
                }
                Path f = dir.resolve(modality + "_" + n + "_" + s + "_" + i + ".dcm");
                DicomPart10Writer.write(b.build(), f);
                files.add(f);
            }
        }
        return new Study(studyUid, pid, acc, date, modality, files);
    }

    /** The same instance re-encoded in Implicit VR Little Endian (what older modalities send). */
    static Path implicitCopy(Path explicitFile, Path out) throws Exception {
        AttributeList l = new AttributeList();
        l.read(explicitFile.toFile());
        l.removeMetaInformationHeaderAttributes();
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ImplicitVRLittleEndian, "RADBRIDGETEST");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            l.write(new DicomOutputStream(os, TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian), true);
        }
        return out;
    }

    static String sopInstanceUid(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toString(), TagFromName.PixelData);
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(l, TagFromName.SOPInstanceUID);
    }
}
