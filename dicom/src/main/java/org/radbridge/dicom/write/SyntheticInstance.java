package org.radbridge.dicom.write;

import java.util.Arrays;
import java.util.Objects;

/**
 * Header fields of one synthetic DICOM image instance, as written by {@link DicomPart10Writer}.
 *
 * <p>Plain value object, no PixelMed types, so callers outside the {@code dicom} module can build one.
 * Dates are {@code YYYYMMDD}, times {@code HHMMSS[.FFFFFF]}, person names in DICOM {@code FAMILY^GIVEN}
 * form. Optional fields are {@code null} and then left out of the file. Build with {@link #builder()};
 * a {@link Builder} can be reused (set patient/study/series fields once, then instance fields and
 * {@link Builder#build()} per instance): {@code build()} copies everything.
 */
public final class SyntheticInstance {

    /** Pixel geometry / format defaults. */
    public static final int DEFAULT_ROWS = 16;
    public static final int DEFAULT_COLUMNS = 16;

    // patient
    private final String patientName;
    private final String patientId;
    private final String issuerOfPatientId;
    private final String patientBirthDate;
    private final String patientSex;
    private final String patientAge;
    // study
    private final String studyInstanceUid;
    private final String studyDate;
    private final String studyTime;
    private final String accessionNumber;
    private final String studyId;
    private final String studyDescription;
    private final String referringPhysicianName;
    private final String institutionName;
    // series / equipment
    private final String seriesInstanceUid;
    private final int seriesNumber;
    private final String seriesDate;
    private final String seriesTime;
    private final String seriesDescription;
    private final String modality;
    private final String bodyPartExamined;
    private final String laterality;
    private final String manufacturer;
    private final String manufacturerModelName;
    private final String stationName;
    private final String frameOfReferenceUid;
    private final String patientPosition;
    private final String viewPosition;
    private final String[] patientOrientation;
    // instance
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final int instanceNumber;
    private final String contentDate;
    private final String contentTime;
    private final String[] imageType;
    private final int rows;
    private final int columns;
    private final int bitsAllocated;
    private final double[] pixelSpacing;
    private final double[] imagerPixelSpacing;
    private final Double sliceThickness;
    private final double[] imagePositionPatient;
    private final double[] imageOrientationPatient;
    private final Double sliceLocation;
    private final Double kvp;
    private final Integer xRayTubeCurrent;
    private final Integer exposureTime;
    private final Double ctdiVol;
    private final Double magneticFieldStrength;
    private final Double echoTime;
    private final Double repetitionTime;
    private final String scanningSequence;
    private final String sequenceVariant;
    private final Double rescaleIntercept;
    private final Double rescaleSlope;
    private final Double windowCenter;
    private final Double windowWidth;
    private final long pixelSeed;

    private SyntheticInstance(Builder b) {
        patientName = b.patientName;
        patientId = b.patientId;
        issuerOfPatientId = b.issuerOfPatientId;
        patientBirthDate = b.patientBirthDate;
        patientSex = b.patientSex;
        patientAge = b.patientAge;
        studyInstanceUid = require(b.studyInstanceUid, "studyInstanceUid");
        studyDate = b.studyDate;
        studyTime = b.studyTime;
        accessionNumber = b.accessionNumber;
        studyId = b.studyId;
        studyDescription = b.studyDescription;
        referringPhysicianName = b.referringPhysicianName;
        institutionName = b.institutionName;
        seriesInstanceUid = require(b.seriesInstanceUid, "seriesInstanceUid");
        seriesNumber = b.seriesNumber;
        seriesDate = b.seriesDate;
        seriesTime = b.seriesTime;
        seriesDescription = b.seriesDescription;
        modality = require(b.modality, "modality");
        bodyPartExamined = b.bodyPartExamined;
        laterality = b.laterality;
        manufacturer = b.manufacturer;
        manufacturerModelName = b.manufacturerModelName;
        stationName = b.stationName;
        frameOfReferenceUid = b.frameOfReferenceUid;
        patientPosition = b.patientPosition;
        viewPosition = b.viewPosition;
        patientOrientation = copy(b.patientOrientation);
        sopClassUid = require(b.sopClassUid, "sopClassUid");
        sopInstanceUid = require(b.sopInstanceUid, "sopInstanceUid");
        instanceNumber = b.instanceNumber;
        contentDate = b.contentDate;
        contentTime = b.contentTime;
        imageType = copy(b.imageType);
        rows = b.rows;
        columns = b.columns;
        if (rows <= 0 || columns <= 0 || rows > 4096 || columns > 4096) {
            throw new IllegalArgumentException("rows/columns out of range: " + rows + "x" + columns);
        }
        if (b.bitsAllocated != 8 && b.bitsAllocated != 16) {
            throw new IllegalArgumentException("bitsAllocated must be 8 or 16: " + b.bitsAllocated);
        }
        bitsAllocated = b.bitsAllocated;
        pixelSpacing = copy(b.pixelSpacing, 2, "pixelSpacing");
        imagerPixelSpacing = copy(b.imagerPixelSpacing, 2, "imagerPixelSpacing");
        sliceThickness = b.sliceThickness;
        imagePositionPatient = copy(b.imagePositionPatient, 3, "imagePositionPatient");
        imageOrientationPatient = copy(b.imageOrientationPatient, 6, "imageOrientationPatient");
        sliceLocation = b.sliceLocation;
        kvp = b.kvp;
        xRayTubeCurrent = b.xRayTubeCurrent;
        exposureTime = b.exposureTime;
        ctdiVol = b.ctdiVol;
        magneticFieldStrength = b.magneticFieldStrength;
        echoTime = b.echoTime;
        repetitionTime = b.repetitionTime;
        scanningSequence = b.scanningSequence;
        sequenceVariant = b.sequenceVariant;
        rescaleIntercept = b.rescaleIntercept;
        rescaleSlope = b.rescaleSlope;
        windowCenter = b.windowCenter;
        windowWidth = b.windowWidth;
        pixelSeed = b.pixelSeed;
    }

    private static String require(String v, String name) {
        return Objects.requireNonNull(v, name + " is required");
    }

    private static double[] copy(double[] v, int len, String name) {
        if (v == null) {
            return null;
        }
        if (v.length != len) {
            throw new IllegalArgumentException(name + " needs " + len + " values, got " + v.length);
        }
        return v.clone();
    }

    private static String[] copy(String[] v) {
        return v == null ? null : v.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String patientName() { return patientName; }
    public String patientId() { return patientId; }
    public String issuerOfPatientId() { return issuerOfPatientId; }
    public String patientBirthDate() { return patientBirthDate; }
    public String patientSex() { return patientSex; }
    public String patientAge() { return patientAge; }
    public String studyInstanceUid() { return studyInstanceUid; }
    public String studyDate() { return studyDate; }
    public String studyTime() { return studyTime; }
    public String accessionNumber() { return accessionNumber; }
    public String studyId() { return studyId; }
    public String studyDescription() { return studyDescription; }
    public String referringPhysicianName() { return referringPhysicianName; }
    public String institutionName() { return institutionName; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public int seriesNumber() { return seriesNumber; }
    public String seriesDate() { return seriesDate; }
    public String seriesTime() { return seriesTime; }
    public String seriesDescription() { return seriesDescription; }
    public String modality() { return modality; }
    public String bodyPartExamined() { return bodyPartExamined; }
    public String laterality() { return laterality; }
    public String manufacturer() { return manufacturer; }
    public String manufacturerModelName() { return manufacturerModelName; }
    public String stationName() { return stationName; }
    public String frameOfReferenceUid() { return frameOfReferenceUid; }
    public String patientPosition() { return patientPosition; }
    public String viewPosition() { return viewPosition; }
    public String[] patientOrientation() { return copy(patientOrientation); }
    public String sopClassUid() { return sopClassUid; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public int instanceNumber() { return instanceNumber; }
    public String contentDate() { return contentDate; }
    public String contentTime() { return contentTime; }
    public String[] imageType() { return copy(imageType); }
    public int rows() { return rows; }
    public int columns() { return columns; }
    public int bitsAllocated() { return bitsAllocated; }
    public double[] pixelSpacing() { return pixelSpacing == null ? null : pixelSpacing.clone(); }
    public double[] imagerPixelSpacing() { return imagerPixelSpacing == null ? null : imagerPixelSpacing.clone(); }
    public Double sliceThickness() { return sliceThickness; }
    public double[] imagePositionPatient() { return imagePositionPatient == null ? null : imagePositionPatient.clone(); }
    public double[] imageOrientationPatient() { return imageOrientationPatient == null ? null : imageOrientationPatient.clone(); }
    public Double sliceLocation() { return sliceLocation; }
    public Double kvp() { return kvp; }
    public Integer xRayTubeCurrent() { return xRayTubeCurrent; }
    public Integer exposureTime() { return exposureTime; }
    public Double ctdiVol() { return ctdiVol; }
    public Double magneticFieldStrength() { return magneticFieldStrength; }
    public Double echoTime() { return echoTime; }
    public Double repetitionTime() { return repetitionTime; }
    public String scanningSequence() { return scanningSequence; }
    public String sequenceVariant() { return sequenceVariant; }
    public Double rescaleIntercept() { return rescaleIntercept; }
    public Double rescaleSlope() { return rescaleSlope; }
    public Double windowCenter() { return windowCenter; }
    public Double windowWidth() { return windowWidth; }
    /** Seed of the deterministic pixel pattern (same seed, same pixels). */
    public long pixelSeed() { return pixelSeed; }

    @Override
    public String toString() {
        return "SyntheticInstance{" + modality + " " + sopInstanceUid + " series " + seriesNumber
                + " #" + instanceNumber + " " + rows + "x" + columns + "x" + bitsAllocated
                + (imageType == null ? "" : " " + Arrays.toString(imageType)) + "}";
    }

    /** Mutable, reusable builder; {@link #build()} validates and copies. */
    public static final class Builder {
        private String patientName;
        private String patientId;
        private String issuerOfPatientId;
        private String patientBirthDate;
        private String patientSex;
        private String patientAge;
        private String studyInstanceUid;
        private String studyDate;
        private String studyTime;
        private String accessionNumber;
        private String studyId;
        private String studyDescription;
        private String referringPhysicianName;
        private String institutionName;
        private String seriesInstanceUid;
        private int seriesNumber = 1;
        private String seriesDate;
        private String seriesTime;
        private String seriesDescription;
        private String modality;
        private String bodyPartExamined;
        private String laterality;
        private String manufacturer;
        private String manufacturerModelName;
        private String stationName;
        private String frameOfReferenceUid;
        private String patientPosition;
        private String viewPosition;
        private String[] patientOrientation;
        private String sopClassUid;
        private String sopInstanceUid;
        private int instanceNumber = 1;
        private String contentDate;
        private String contentTime;
        private String[] imageType;
        private int rows = DEFAULT_ROWS;
        private int columns = DEFAULT_COLUMNS;
        private int bitsAllocated = 16;
        private double[] pixelSpacing;
        private double[] imagerPixelSpacing;
        private Double sliceThickness;
        private double[] imagePositionPatient;
        private double[] imageOrientationPatient;
        private Double sliceLocation;
        private Double kvp;
        private Integer xRayTubeCurrent;
        private Integer exposureTime;
        private Double ctdiVol;
        private Double magneticFieldStrength;
        private Double echoTime;
        private Double repetitionTime;
        private String scanningSequence;
        private String sequenceVariant;
        private Double rescaleIntercept;
        private Double rescaleSlope;
        private Double windowCenter;
        private Double windowWidth;
        private long pixelSeed;

        private Builder() {
        }

        public Builder patientName(String v) { patientName = v; return this; }
        public Builder patientId(String v) { patientId = v; return this; }
        public Builder issuerOfPatientId(String v) { issuerOfPatientId = v; return this; }
        public Builder patientBirthDate(String v) { patientBirthDate = v; return this; }
        /** M, F or O. */
        public Builder patientSex(String v) { patientSex = v; return this; }
        /** DICOM AS, e.g. {@code 054Y}. */
        public Builder patientAge(String v) { patientAge = v; return this; }
        public Builder studyInstanceUid(String v) { studyInstanceUid = v; return this; }
        public Builder studyDate(String v) { studyDate = v; return this; }
        public Builder studyTime(String v) { studyTime = v; return this; }
        public Builder accessionNumber(String v) { accessionNumber = v; return this; }
        public Builder studyId(String v) { studyId = v; return this; }
        public Builder studyDescription(String v) { studyDescription = v; return this; }
        public Builder referringPhysicianName(String v) { referringPhysicianName = v; return this; }
        public Builder institutionName(String v) { institutionName = v; return this; }
        public Builder seriesInstanceUid(String v) { seriesInstanceUid = v; return this; }
        public Builder seriesNumber(int v) { seriesNumber = v; return this; }
        public Builder seriesDate(String v) { seriesDate = v; return this; }
        public Builder seriesTime(String v) { seriesTime = v; return this; }
        public Builder seriesDescription(String v) { seriesDescription = v; return this; }
        /** CT, MR, CR, DX, US, ... */
        public Builder modality(String v) { modality = v; return this; }
        public Builder bodyPartExamined(String v) { bodyPartExamined = v; return this; }
        /** L or R (Laterality, 0020,0060), null when not paired. */
        public Builder laterality(String v) { laterality = v; return this; }
        public Builder manufacturer(String v) { manufacturer = v; return this; }
        public Builder manufacturerModelName(String v) { manufacturerModelName = v; return this; }
        public Builder stationName(String v) { stationName = v; return this; }
        public Builder frameOfReferenceUid(String v) { frameOfReferenceUid = v; return this; }
        /** e.g. HFS (CT/MR). */
        public Builder patientPosition(String v) { patientPosition = v; return this; }
        /** e.g. PA, AP, LL (CR/DX). */
        public Builder viewPosition(String v) { viewPosition = v; return this; }
        /** Patient Orientation (0020,0020), e.g. {@code "L", "F"} for a PA chest; written empty when null for projection images. */
        public Builder patientOrientation(String... v) { patientOrientation = v; return this; }
        public Builder sopClassUid(String v) { sopClassUid = v; return this; }
        public Builder sopInstanceUid(String v) { sopInstanceUid = v; return this; }
        public Builder instanceNumber(int v) { instanceNumber = v; return this; }
        public Builder contentDate(String v) { contentDate = v; return this; }
        public Builder contentTime(String v) { contentTime = v; return this; }
        public Builder imageType(String... v) { imageType = v; return this; }
        public Builder rows(int v) { rows = v; return this; }
        public Builder columns(int v) { columns = v; return this; }
        /** 16 (MONOCHROME2 OW) or 8 (MONOCHROME2 OB, e.g. US). */
        public Builder bitsAllocated(int v) { bitsAllocated = v; return this; }
        /** row spacing, column spacing in mm. */
        public Builder pixelSpacing(double... v) { pixelSpacing = v; return this; }
        public Builder imagerPixelSpacing(double... v) { imagerPixelSpacing = v; return this; }
        public Builder sliceThickness(Double v) { sliceThickness = v; return this; }
        public Builder imagePositionPatient(double... v) { imagePositionPatient = v; return this; }
        public Builder imageOrientationPatient(double... v) { imageOrientationPatient = v; return this; }
        public Builder sliceLocation(Double v) { sliceLocation = v; return this; }
        public Builder kvp(Double v) { kvp = v; return this; }
        /** mA. */
        public Builder xRayTubeCurrent(Integer v) { xRayTubeCurrent = v; return this; }
        /** ms. */
        public Builder exposureTime(Integer v) { exposureTime = v; return this; }
        /** CTDIvol (0018,9345) in mGy. */
        public Builder ctdiVol(Double v) { ctdiVol = v; return this; }
        /** Tesla. */
        public Builder magneticFieldStrength(Double v) { magneticFieldStrength = v; return this; }
        public Builder echoTime(Double v) { echoTime = v; return this; }
        public Builder repetitionTime(Double v) { repetitionTime = v; return this; }
        public Builder scanningSequence(String v) { scanningSequence = v; return this; }
        public Builder sequenceVariant(String v) { sequenceVariant = v; return this; }
        public Builder rescaleIntercept(Double v) { rescaleIntercept = v; return this; }
        public Builder rescaleSlope(Double v) { rescaleSlope = v; return this; }
        public Builder windowCenter(Double v) { windowCenter = v; return this; }
        public Builder windowWidth(Double v) { windowWidth = v; return this; }
        public Builder pixelSeed(long v) { pixelSeed = v; return this; }

        public SyntheticInstance build() {
            return new SyntheticInstance(this);
        }
    }
}
