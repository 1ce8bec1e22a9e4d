package org.radbridge.dicom.write;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AgeStringAttribute;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.FloatDoubleAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link SyntheticInstance} as a DICOM Part 10 file (128-byte preamble, {@code DICM}, file meta
 * information group) in Explicit VR Little Endian with PixelMed, with tiny MONOCHROME2 pixel data
 * (16-bit, 12 bits stored by default; 8-bit when {@link SyntheticInstance#bitsAllocated()} is 8).
 *
 * <p>Output is a pure function of the instance: no clock, no random UIDs, so equal instances give
 * byte-identical files. Thread-safe (stateless).
 */
public final class DicomPart10Writer {

    /** Source Application Entity Title recorded in the file meta information. */
    public static final String SOURCE_AE_TITLE = "RADBRIDGEGEN";
    /** Value of Specific Character Set (0008,0005) in every file. */
    public static final String SPECIFIC_CHARACTER_SET = "ISO_IR 100";

    private static final String[] CHARSET_VALUES = {SPECIFIC_CHARACTER_SET};

    // tags not all present in PixelMed's TagFromName subset, so all spelled out here
    static final AttributeTag SPECIFIC_CHARACTER_SET_TAG = tag(0x0008, 0x0005);
    static final AttributeTag IMAGE_TYPE = tag(0x0008, 0x0008);
    static final AttributeTag SOP_CLASS_UID = tag(0x0008, 0x0016);
    static final AttributeTag SOP_INSTANCE_UID = tag(0x0008, 0x0018);
    static final AttributeTag STUDY_DATE = tag(0x0008, 0x0020);
    static final AttributeTag SERIES_DATE = tag(0x0008, 0x0021);
    static final AttributeTag CONTENT_DATE = tag(0x0008, 0x0023);
    static final AttributeTag STUDY_TIME = tag(0x0008, 0x0030);
    static final AttributeTag SERIES_TIME = tag(0x0008, 0x0031);
    static final AttributeTag CONTENT_TIME = tag(0x0008, 0x0033);
    static final AttributeTag ACCESSION_NUMBER = tag(0x0008, 0x0050);
    static final AttributeTag MODALITY = tag(0x0008, 0x0060);
    static final AttributeTag PRESENTATION_INTENT_TYPE = tag(0x0008, 0x0068);
    static final AttributeTag MANUFACTURER = tag(0x0008, 0x0070);
    static final AttributeTag INSTITUTION_NAME = tag(0x0008, 0x0080);
    static final AttributeTag REFERRING_PHYSICIAN_NAME = tag(0x0008, 0x0090);
    static final AttributeTag STATION_NAME = tag(0x0008, 0x1010);
    static final AttributeTag STUDY_DESCRIPTION = tag(0x0008, 0x1030);
    static final AttributeTag SERIES_DESCRIPTION = tag(0x0008, 0x103E);
    static final AttributeTag MANUFACTURER_MODEL_NAME = tag(0x0008, 0x1090);
    static final AttributeTag PATIENT_NAME = tag(0x0010, 0x0010);
    static final AttributeTag PATIENT_ID = tag(0x0010, 0x0020);
    static final AttributeTag ISSUER_OF_PATIENT_ID = tag(0x0010, 0x0021);
    static final AttributeTag PATIENT_BIRTH_DATE = tag(0x0010, 0x0030);
    static final AttributeTag PATIENT_SEX = tag(0x0010, 0x0040);
    static final AttributeTag PATIENT_AGE = tag(0x0010, 0x1010);
    static final AttributeTag BODY_PART_EXAMINED = tag(0x0018, 0x0015);
    static final AttributeTag SCANNING_SEQUENCE = tag(0x0018, 0x0020);
    static final AttributeTag SEQUENCE_VARIANT = tag(0x0018, 0x0021);
    static final AttributeTag SLICE_THICKNESS = tag(0x0018, 0x0050);
    static final AttributeTag KVP = tag(0x0018, 0x0060);
    static final AttributeTag REPETITION_TIME = tag(0x0018, 0x0080);
    static final AttributeTag ECHO_TIME = tag(0x0018, 0x0081);
    static final AttributeTag MAGNETIC_FIELD_STRENGTH = tag(0x0018, 0x0087);
    static final AttributeTag EXPOSURE_TIME = tag(0x0018, 0x1150);
    static final AttributeTag X_RAY_TUBE_CURRENT = tag(0x0018, 0x1151);
    static final AttributeTag IMAGER_PIXEL_SPACING = tag(0x0018, 0x1164);
    static final AttributeTag PATIENT_POSITION = tag(0x0018, 0x5100);
    static final AttributeTag VIEW_POSITION = tag(0x0018, 0x5101);
    static final AttributeTag CTDI_VOL = tag(0x0018, 0x9345);
    static final AttributeTag STUDY_INSTANCE_UID = tag(0x0020, 0x000D);
    static final AttributeTag SERIES_INSTANCE_UID = tag(0x0020, 0x000E);
    static final AttributeTag STUDY_ID = tag(0x0020, 0x0010);
    static final AttributeTag SERIES_NUMBER = tag(0x0020, 0x0011);
    static final AttributeTag INSTANCE_NUMBER = tag(0x0020, 0x0013);
    static final AttributeTag PATIENT_ORIENTATION = tag(0x0020, 0x0020);
    static final AttributeTag IMAGE_POSITION_PATIENT = tag(0x0020, 0x0032);
    static final AttributeTag IMAGE_ORIENTATION_PATIENT = tag(0x0020, 0x0037);
    static final AttributeTag FRAME_OF_REFERENCE_UID = tag(0x0020, 0x0052);
    static final AttributeTag LATERALITY = tag(0x0020, 0x0060);
    static final AttributeTag POSITION_REFERENCE_INDICATOR = tag(0x0020, 0x1040);
    static final AttributeTag SLICE_LOCATION = tag(0x0020, 0x1041);
    static final AttributeTag SAMPLES_PER_PIXEL = tag(0x0028, 0x0002);
    static final AttributeTag PHOTOMETRIC_INTERPRETATION = tag(0x0028, 0x0004);
    static final AttributeTag ROWS = tag(0x0028, 0x0010);
    static final AttributeTag COLUMNS = tag(0x0028, 0x0011);
    static final AttributeTag PIXEL_SPACING = tag(0x0028, 0x0030);
    static final AttributeTag BITS_ALLOCATED = tag(0x0028, 0x0100);
    static final AttributeTag BITS_STORED = tag(0x0028, 0x0101);
    static final AttributeTag HIGH_BIT = tag(0x0028, 0x0102);
    static final AttributeTag PIXEL_REPRESENTATION = tag(0x0028, 0x0103);
    static final AttributeTag BURNED_IN_ANNOTATION = tag(0x0028, 0x0301);
    static final AttributeTag WINDOW_CENTER = tag(0x0028, 0x1050);
    static final AttributeTag WINDOW_WIDTH = tag(0x0028, 0x1051);
    static final AttributeTag RESCALE_INTERCEPT = tag(0x0028, 0x1052);
    static final AttributeTag RESCALE_SLOPE = tag(0x0028, 0x1053);
    static final AttributeTag LOSSY_IMAGE_COMPRESSION = tag(0x0028, 0x2110);
    static final AttributeTag PRESENTATION_LUT_SHAPE = tag(0x2050, 0x0020);
    static final AttributeTag PIXEL_DATA = tag(0x7FE0, 0x0010);

    private DicomPart10Writer() {
    }

    private static AttributeTag tag(int group, int element) {
        return new AttributeTag(group, element);
    }

    /**
     * Writes the instance to {@code file} (parent directories are created, an existing file is replaced).
     *
     * @return the size of the written file in bytes
     * @throws IOException on I/O failure or when PixelMed rejects a value (cause is the DicomException)
     */
    public static long write(SyntheticInstance instance, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 16 * 1024)) {
            writeTo(instance, out);
        }
        return Files.size(file);
    }

    /** Writes the Part 10 byte stream (preamble, meta header, dataset) to {@code out}; does not close it. */
    public static void writeTo(SyntheticInstance instance, OutputStream out) throws IOException {
        AttributeList list = toAttributeList(instance);
        try {
            FileMetaInformation.addFileMetaInformation(list, SopClassUids.EXPLICIT_VR_LITTLE_ENDIAN, SOURCE_AE_TITLE);
            // meta header in explicit VR LE (as Part 10 requires), dataset in explicit VR LE; not closed here
            DicomOutputStream dout = new DicomOutputStream(out,
                    SopClassUids.EXPLICIT_VR_LITTLE_ENDIAN, SopClassUids.EXPLICIT_VR_LITTLE_ENDIAN);
            list.write(dout, true);
            dout.flush();
        } catch (DicomException e) {
            throw new IOException("cannot write " + instance + ": " + e.getMessage(), e);
        }
        out.flush();
    }

    /** The whole Part 10 file as bytes. */
    public static byte[] toBytes(SyntheticInstance instance) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        writeTo(instance, bytes);
        return bytes.toByteArray();
    }

    /** The dataset (without file meta information) as a PixelMed list; visible for the writer tests. */
    static AttributeList toAttributeList(SyntheticInstance in) throws IOException {
        try {
            return build(in);
        } catch (DicomException e) {
            throw new IOException("invalid synthetic instance " + in + ": " + e.getMessage(), e);
        }
    }

    private static AttributeList build(SyntheticInstance in) throws DicomException {
        SpecificCharacterSet cs = new SpecificCharacterSet(CHARSET_VALUES);
        AttributeList l = new AttributeList();
        boolean crossSectional = "CT".equals(in.modality()) || "MR".equals(in.modality());
        boolean dx = "DX".equals(in.modality());

        cs(l, SPECIFIC_CHARACTER_SET_TAG, SPECIFIC_CHARACTER_SET);
        if (in.imageType() != null) {
            cs(l, IMAGE_TYPE, in.imageType());
        }
        ui(l, SOP_CLASS_UID, in.sopClassUid());
        ui(l, SOP_INSTANCE_UID, in.sopInstanceUid());
        da(l, STUDY_DATE, in.studyDate());
        da(l, SERIES_DATE, in.seriesDate());
        da(l, CONTENT_DATE, in.contentDate());
        tm(l, STUDY_TIME, in.studyTime());
        tm(l, SERIES_TIME, in.seriesTime());
        tm(l, CONTENT_TIME, in.contentTime());
        sh(l, cs, ACCESSION_NUMBER, in.accessionNumber());
        cs(l, MODALITY, in.modality());
        if (dx) {
            cs(l, PRESENTATION_INTENT_TYPE, "FOR PRESENTATION");
        }
        lo(l, cs, MANUFACTURER, in.manufacturer());
        lo(l, cs, INSTITUTION_NAME, in.institutionName());
        pn(l, cs, REFERRING_PHYSICIAN_NAME, in.referringPhysicianName());
        sh(l, cs, STATION_NAME, in.stationName());
        lo(l, cs, STUDY_DESCRIPTION, in.studyDescription());
        lo(l, cs, SERIES_DESCRIPTION, in.seriesDescription());
        lo(l, cs, MANUFACTURER_MODEL_NAME, in.manufacturerModelName());

        pn(l, cs, PATIENT_NAME, in.patientName());
        lo(l, cs, PATIENT_ID, in.patientId());
        if (in.issuerOfPatientId() != null) {
            lo(l, cs, ISSUER_OF_PATIENT_ID, in.issuerOfPatientId());
        }
        da(l, PATIENT_BIRTH_DATE, in.patientBirthDate());
        cs(l, PATIENT_SEX, in.patientSex());
        if (in.patientAge() != null) {
            Attribute a = new AgeStringAttribute(PATIENT_AGE);
            a.addValue(in.patientAge());
            l.put(a);
        }

        optCs(l, BODY_PART_EXAMINED, in.bodyPartExamined());
        optCs(l, SCANNING_SEQUENCE, in.scanningSequence());
        optCs(l, SEQUENCE_VARIANT, in.sequenceVariant());
        optDs(l, SLICE_THICKNESS, in.sliceThickness());
        optDs(l, KVP, in.kvp());
        optDs(l, REPETITION_TIME, in.repetitionTime());
        optDs(l, ECHO_TIME, in.echoTime());
        optDs(l, MAGNETIC_FIELD_STRENGTH, in.magneticFieldStrength());
        optIs(l, EXPOSURE_TIME, in.exposureTime());
        optIs(l, X_RAY_TUBE_CURRENT, in.xRayTubeCurrent());
        if (in.imagerPixelSpacing() != null) {
            ds(l, IMAGER_PIXEL_SPACING, in.imagerPixelSpacing());
        }
        optCs(l, PATIENT_POSITION, in.patientPosition());
        optCs(l, VIEW_POSITION, in.viewPosition());
        if (in.ctdiVol() != null) {
            FloatDoubleAttribute a = new FloatDoubleAttribute(CTDI_VOL);
            a.addValue(in.ctdiVol());
            l.put(a);
        }

        ui(l, STUDY_INSTANCE_UID, in.studyInstanceUid());
        ui(l, SERIES_INSTANCE_UID, in.seriesInstanceUid());
        sh(l, cs, STUDY_ID, in.studyId());
        is(l, SERIES_NUMBER, in.seriesNumber());
        is(l, INSTANCE_NUMBER, in.instanceNumber());
        if (in.patientOrientation() != null) {
            cs(l, PATIENT_ORIENTATION, in.patientOrientation());
        } else if (!crossSectional) {
            l.put(new CodeStringAttribute(PATIENT_ORIENTATION)); // type 2, empty
        }
        if (in.imagePositionPatient() != null) {
            ds(l, IMAGE_POSITION_PATIENT, in.imagePositionPatient());
        }
        if (in.imageOrientationPatient() != null) {
            ds(l, IMAGE_ORIENTATION_PATIENT, in.imageOrientationPatient());
        }
        if (in.frameOfReferenceUid() != null) {
            ui(l, FRAME_OF_REFERENCE_UID, in.frameOfReferenceUid());
            l.put(new LongStringAttribute(POSITION_REFERENCE_INDICATOR, cs)); // type 2, empty
        }
        if (in.laterality() != null) {
            cs(l, LATERALITY, in.laterality());
        } else if (!crossSectional && !"US".equals(in.modality())) {
            l.put(new CodeStringAttribute(LATERALITY)); // type 2 in the General Series module for CR/DX
        }
        optDs(l, SLICE_LOCATION, in.sliceLocation());

        int bits = in.bitsAllocated();
        int stored = bits == 16 ? 12 : 8;
        us(l, SAMPLES_PER_PIXEL, 1);
        cs(l, PHOTOMETRIC_INTERPRETATION, "MONOCHROME2");
        us(l, ROWS, in.rows());
        us(l, COLUMNS, in.columns());
        if (in.pixelSpacing() != null) {
            ds(l, PIXEL_SPACING, in.pixelSpacing());
        }
        us(l, BITS_ALLOCATED, bits);
        us(l, BITS_STORED, stored);
        us(l, HIGH_BIT, stored - 1);
        us(l, PIXEL_REPRESENTATION, 0);
        cs(l, BURNED_IN_ANNOTATION, "NO");
        optDs(l, WINDOW_CENTER, in.windowCenter());
        optDs(l, WINDOW_WIDTH, in.windowWidth());
        optDs(l, RESCALE_INTERCEPT, in.rescaleIntercept());
        optDs(l, RESCALE_SLOPE, in.rescaleSlope());
        cs(l, LOSSY_IMAGE_COMPRESSION, "00");
        if (dx) {
            cs(l, PRESENTATION_LUT_SHAPE, "IDENTITY");
        }

        if (bits == 16) {
            OtherWordAttribute px = new OtherWordAttribute(PIXEL_DATA);
            px.setValues(pixels16(in.rows(), in.columns(), stored, in.pixelSeed()));
            l.put(px);
        } else {
            OtherByteAttribute px = new OtherByteAttribute(PIXEL_DATA);
            px.setValues(pixels8(in.rows(), in.columns(), in.pixelSeed()));
            l.put(px);
        }
        return l;
    }

    // ---- pixel patterns: a soft disc plus seeded noise, fully determined by (rows, columns, seed) ----

    static short[] pixels16(int rows, int columns, int bitsStored, long seed) {
        int max = (1 << bitsStored) - 1;
        short[] p = new short[rows * columns];
        long s = mix(seed);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                s = xorshift(s);
                double v = disc(x, y, rows, columns) * max * 0.7 + (s >>> 40) % (max / 8 + 1);
                p[y * columns + x] = (short) Math.min(max, (int) v);
            }
        }
        return p;
    }

    static byte[] pixels8(int rows, int columns, long seed) {
        byte[] p = new byte[rows * columns];
        long s = mix(seed);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                s = xorshift(s);
                double v = disc(x, y, rows, columns) * 180 + (s >>> 40) % 60;
                p[y * columns + x] = (byte) Math.min(255, (int) v);
            }
        }
        return p;
    }

    private static double disc(int x, int y, int rows, int columns) {
        double dx = (x + 0.5) / columns - 0.5;
        double dy = (y + 0.5) / rows - 0.5;
        double r = Math.sqrt(dx * dx + dy * dy) * 2;
        return Math.max(0, 1 - r * r);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = z ^ (z >>> 33);
        return z == 0 ? 0x9E3779B97F4A7C15L : z;
    }

    private static long xorshift(long s) {
        s ^= s << 13;
        s ^= s >>> 7;
        s ^= s << 17;
        return s;
    }

    // ---- attribute helpers; null values become empty (type 2) attributes ----

    private static void ui(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new UniqueIdentifierAttribute(t);
        if (v != null) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void cs(AttributeList l, AttributeTag t, String... values) throws DicomException {
        Attribute a = new CodeStringAttribute(t);
        for (String v : values) {
            if (v != null) {
                a.addValue(v);
            }
        }
        l.put(a);
    }

    private static void optCs(AttributeList l, AttributeTag t, String v) throws DicomException {
        if (v != null) {
            cs(l, t, v);
        }
    }

    private static void da(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new DateAttribute(t);
        if (v != null) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void tm(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new TimeAttribute(t);
        if (v != null) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void sh(AttributeList l, SpecificCharacterSet cs, AttributeTag t, String v) throws DicomException {
        Attribute a = new ShortStringAttribute(t, cs);
        if (v != null) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void lo(AttributeList l, SpecificCharacterSet cs, AttributeTag t, String v) throws DicomException {
        Attribute a = new LongStringAttribute(t, cs);
        if (v != null) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void pn(AttributeList l, SpecificCharacterSet cs, AttributeTag t, String v) throws DicomException {
        Attribute a = new PersonNameAttribute(t, cs);
        if (v != null) {
            a.addValue(v);
        }
        l.put(a);
    }

    private static void is(AttributeList l, AttributeTag t, long v) throws DicomException {
        Attribute a = new IntegerStringAttribute(t);
        a.addValue(Long.toString(v));
        l.put(a);
    }

    private static void optIs(AttributeList l, AttributeTag t, Integer v) throws DicomException {
        if (v != null) {
            is(l, t, v);
        }
    }

    private static void us(AttributeList l, AttributeTag t, int v) throws DicomException {
        Attribute a = new UnsignedShortAttribute(t);
        a.addValue(v);
        l.put(a);
    }

    private static void ds(AttributeList l, AttributeTag t, double... values) throws DicomException {
        Attribute a = new DecimalStringAttribute(t);
        for (double v : values) {
            a.addValue(formatDs(v));
        }
        l.put(a);
    }

    private static void optDs(AttributeList l, AttributeTag t, Double v) throws DicomException {
        if (v != null) {
            ds(l, t, v);
        }
    }

    /** Decimal String value: plain notation, at most 16 characters, no trailing zeros, no "-0". */
    static String formatDs(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("DS value must be finite: " + v);
        }
        for (int scale = 6; scale >= 0; scale--) {
            BigDecimal d = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
            if (d.signum() == 0) {
                return "0";
            }
            String s = d.toPlainString();
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("DS value too large: " + v);
    }
}
