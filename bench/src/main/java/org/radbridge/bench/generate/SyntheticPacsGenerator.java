package org.radbridge.bench.generate;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radbridge.bench.generate.PhraseCatalog.Equipment;
import org.radbridge.bench.generate.PhraseCatalog.Exam;
import org.radbridge.dicom.write.DicomPart10Writer;
import org.radbridge.dicom.write.SopClassUids;
import org.radbridge.dicom.write.SyntheticInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic PACS: DICOM Part 10 files with realistic headers and tiny pixel data, one plain-text
 * report per study and a truth file per report.
 *
 * <pre>
 * OUT/.radbridge-synthetic                                    marker (lets a later run replace the content)
 * OUT/studies.tsv                                             one line per study
 * OUT/dicom/PATIENT_ID/STUDY_UID/SERIES_NUMBER/INSTANCE_NUMBER.dcm
 * OUT/reports/ACCESSION.txt                                   report: header block, ---, EXAMINATION ... IMPRESSION
 * OUT/reports/ACCESSION.truth.json                            findings inserted (term, assertion, size, site, ...)
 * </pre>
 *
 * <p>Deterministic: every value (names, dates, UIDs, pixel noise) comes from the seed; no clock, no random
 * UUIDs. Each patient has its own random stream derived from (seed, patient index), so patient k is the same
 * whatever the patient count. UIDs are {@code 2.25.} + the decimal of a name-based UUID of
 * (seed, patient, counter).
 */
public final class SyntheticPacsGenerator {

    private static final Logger log = LoggerFactory.getLogger(SyntheticPacsGenerator.class);

    /** Marker file name written at the root of the output directory. */
    public static final String MARKER = ".radbridge-synthetic";
    public static final String MANIFEST = "studies.tsv";
    public static final String DICOM_DIR = "dicom";
    public static final String REPORTS_DIR = "reports";

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate FIRST_STUDY_DAY = LocalDate.of(2018, 1, 1);
    private static final int STUDY_DAY_SPAN = 6 * 365;
    private static final Pattern THICKNESS = Pattern.compile("(?<![\\dA-Za-z])(\\d{1,2}(?:\\.\\d+)?)(?:\\s?MM)?(?![\\d])");

    private final GenerateOptions options;
    private final PhraseCatalog catalog;
    private final ReportBuilder reports;

    public SyntheticPacsGenerator(GenerateOptions options) {
        this.options = options;
        this.catalog = PhraseCatalog.load();
        this.reports = new ReportBuilder(catalog);
    }

    public GenerateOptions options() {
        return options;
    }

    /** Generates everything; replaces the content of an output directory written by an earlier run. */
    public GenerationSummary generate() throws IOException {
        long t0 = System.nanoTime();
        Path out = options.outputDir();
        prepare(out);
        Random master = new Random(options.seed());
        int mrnBase = 100_000 + master.nextInt(900_000);
        int accessionBase = 100_000 + master.nextInt(800_000);
        Counters c = new Counters();
        c.nextAccession = accessionBase;
        StringBuilder manifest = new StringBuilder(
                "patient_id\taccession_number\tstudy_instance_uid\tstudy_date\tmodality\tstudy_description\tregion"
                        + "\tlaterality\tseries\tinstances\treport\n");
        log.info("generating {} patients (seed {}, profile {}) into {}", options.patients(), options.seed(),
                options.profile().id(), out);
        int step = Math.max(1, options.patients() / 10);
        for (int p = 0; p < options.patients(); p++) {
            Random rnd = new Random(mix(options.seed(), p));
            String mrn = String.format(Locale.ROOT, "MRN%07d", mrnBase + p * 7 + rnd.nextInt(7));
            generatePatient(p, mrn, rnd, c, manifest);
            if ((p + 1) % step == 0 || p + 1 == options.patients()) {
                log.info("patient {}/{}: {} studies, {} instances so far", p + 1, options.patients(), c.studies,
                        c.instances);
            }
        }
        byte[] m = manifest.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve(MANIFEST), m);
        c.bytes += m.length;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        GenerationSummary s = new GenerationSummary(options.patients(), c.studies, c.series, c.instances, c.reports,
                c.bytes, ms, out);
        log.info(s.toLine());
        return s;
    }

    private static final class Counters {
        int studies;
        int series;
        long instances;
        int reports;
        long bytes;
        int nextAccession;
    }

    /** Per-patient state: identity and the UID counter. */
    private final class Patient {
        final int index;
        final String mrn;
        final String name;
        final String sex;
        final LocalDate birthDate;
        final String homeInstitution;
        int uidCounter;
        final Map<String, String> lastStudyByRegion = new HashMap<>();

        Patient(int index, String mrn, String name, String sex, LocalDate birthDate, String homeInstitution) {
            this.index = index;
            this.mrn = mrn;
            this.name = name;
            this.sex = sex;
            this.birthDate = birthDate;
            this.homeInstitution = homeInstitution;
        }

        String uid() {
            return uidFor(options.seed(), index, uidCounter++);
        }
    }

    private void generatePatient(int index, String mrn, Random rnd, Counters c, StringBuilder manifest)
            throws IOException {
        int sexRoll = rnd.nextInt(100);
        String sex = sexRoll < 48 ? "M" : sexRoll < 96 ? "F" : "O";
        List<String> given = catalog.names(sex.equals("M") ? "given_m" : sex.equals("F") ? "given_f"
                : rnd.nextBoolean() ? "given_m" : "given_f");
        String name = pick(catalog.names("family"), rnd) + "^" + pick(given, rnd);
        if (rnd.nextInt(5) == 0) {
            name += "^" + pick(catalog.names("middle"), rnd);
        }
        LocalDate firstStudy = FIRST_STUDY_DAY.plusDays(rnd.nextInt(STUDY_DAY_SPAN));
        LocalDate birth = firstStudy.minusYears(18 + rnd.nextInt(72)).minusDays(rnd.nextInt(365));
        Patient patient = new Patient(index, mrn, name, sex, birth, pick(catalog.names("institution"), rnd));

        int roll = rnd.nextInt(100);
        int studies = roll < 50 ? 1 : roll < 85 ? 2 : 3;
        LocalDate day = firstStudy;
        for (int s = 0; s < studies; s++) {
            if (s > 0) {
                day = day.plusDays(14 + rnd.nextInt(400));
            }
            generateStudy(patient, day, rnd, c, manifest);
        }
    }

    private void generateStudy(Patient patient, LocalDate day, Random rnd, Counters c, StringBuilder manifest)
            throws IOException {
        int roll = rnd.nextInt(100);
        String group = roll < 35 ? "CT" : roll < 55 ? "MR" : roll < 85 ? "XR" : "US";
        List<Exam> exams = catalog.examsByModalityGroup.get(group);
        Exam exam = exams.get(rnd.nextInt(exams.size()));
        String modality = exam.modality();
        String side = exam.lateral() ? (rnd.nextBoolean() ? "right" : "left") : null;
        String description = resolveSide(exam.description(), side);
        String part = resolveSide(exam.part(), side);
        Equipment eq = pick(catalog.equipmentFor(modality), rnd);

        c.nextAccession += 1 + rnd.nextInt(3);
        String accession = String.format(Locale.ROOT, "ACC%07d", c.nextAccession);
        String studyUid = patient.uid();
        String studyDate = DA.format(day);
        int studySeconds = 7 * 3600 + rnd.nextInt(12 * 3600);
        Period age = Period.between(patient.birthDate, day);

        SyntheticInstance.Builder b = SyntheticInstance.builder()
                .patientName(patient.name).patientId(patient.mrn).issuerOfPatientId(options.issuerOfPatientId())
                .patientBirthDate(DA.format(patient.birthDate)).patientSex(patient.sex)
                .patientAge(String.format(Locale.ROOT, "%03dY", age.getYears()))
                .studyInstanceUid(studyUid).studyDate(studyDate).studyTime(tm(studySeconds, false))
                .accessionNumber(accession).studyId(Integer.toString(1 + rnd.nextInt(99_999)))
                .studyDescription(description)
                .referringPhysicianName(emptyToNull(pick(catalog.names("referring"), rnd)))
                .institutionName(rnd.nextInt(5) == 0 ? pick(catalog.names("institution"), rnd) : patient.homeInstitution)
                .modality(modality).bodyPartExamined(exam.bodyPart())
                .laterality(side == null ? null : side.equals("left") ? "L" : "R")
                .manufacturer(eq.manufacturer()).manufacturerModelName(eq.model())
                .stationName(eq.station() + (10 + rnd.nextInt(990)))
                .sopClassUid(SopClassUids.forModality(modality))
                .bitsAllocated(modality.equals("US") ? 8 : 16);
        boolean crossSectional = modality.equals("CT") || modality.equals("MR");
        if (modality.equals("MR")) {
            b.magneticFieldStrength(eq.fieldStrength());
        }
        if (crossSectional) {
            b.frameOfReferenceUid(patient.uid())
                    .patientPosition(exam.region().equals("knee") ? "FFS" : "HFS");
        }

        // series and instance counts from the profile
        StudySizeProfile.SizeRange range = options.profile().range(modality);
        int seriesCount = between(rnd, range.minSeries(), range.maxSeries());
        int[] perSeries = new int[seriesCount];
        if (range.instancesPerStudy()) {
            int total = between(rnd, Math.max(range.minInstances(), seriesCount), Math.max(range.maxInstances(), seriesCount));
            for (int i = 0; i < seriesCount; i++) {
                perSeries[i] = 1;
            }
            for (int i = seriesCount; i < total; i++) {
                perSeries[rnd.nextInt(seriesCount)]++;
            }
        } else {
            for (int i = 0; i < seriesCount; i++) {
                perSeries[i] = between(rnd, range.minInstances(), range.maxInstances());
            }
        }
        List<String> seriesDescriptions = chooseSeries(exam.series(), seriesCount, rnd);

        Path studyDir = options.outputDir().resolve(DICOM_DIR).resolve(patient.mrn).resolve(studyUid);
        long studyInstances = 0;
        int seconds = studySeconds + 60 + rnd.nextInt(240);
        double fov = fieldOfView(modality, exam.region(), rnd);
        double spacing = fov / SyntheticInstance.DEFAULT_COLUMNS;
        double kvp = kvp(modality, exam.region(), rnd);
        for (int s = 0; s < seriesCount; s++) {
            String seriesDescription = seriesDescriptions.get(s);
            int seriesNumber = s + 1;
            b.seriesInstanceUid(patient.uid()).seriesNumber(seriesNumber).seriesDate(studyDate)
                    .seriesTime(tm(seconds, false)).seriesDescription(seriesDescription);
            SeriesGeometry g = seriesParameters(b, modality, exam, seriesDescription, fov, spacing, kvp, rnd);
            double stepSeconds = modality.equals("CT") ? 0.35 : modality.equals("MR") ? 2.5 : 12.0;
            for (int i = 0; i < perSeries[s]; i++) {
                int instanceNumber = i + 1;
                b.sopInstanceUid(patient.uid()).instanceNumber(instanceNumber).contentDate(studyDate)
                        .contentTime(tm(seconds + i * stepSeconds, true)).pixelSeed(rnd.nextLong());
                if (g != null) {
                    double offset = g.start + g.direction * i * g.increment;
                    double[] pos = g.position.clone();
                    pos[g.axis] = offset;
                    b.imagePositionPatient(pos).sliceLocation(round3(offset));
                }
                Path file = studyDir.resolve(Integer.toString(seriesNumber)).resolve(instanceNumber + ".dcm");
                c.bytes += DicomPart10Writer.write(b.build(), file);
                studyInstances++;
            }
            c.series++;
            seconds += (int) (perSeries[s] * stepSeconds) + 30 + rnd.nextInt(180);
        }
        c.instances += studyInstances;
        c.studies++;

        // report
        LocalDate reportDay = day.plusDays(rnd.nextInt(10) < 7 ? 0 : 1 + rnd.nextInt(2));
        String previous = patient.lastStudyByRegion.get(exam.region());
        String comparison = previous != null ? previous : rnd.nextInt(4) == 0 ? "None available." : "None.";
        ReportBuilder.Context ctx = new ReportBuilder.Context(accession, patient.mrn, options.issuerOfPatientId(),
                studyUid, description, modality, exam.region(), exam.contrast(), part, side,
                (int) studyInstances, comparison, DA.format(reportDay), rnd.nextInt(10) == 0 ? "preliminary" : "final");
        ReportBuilder.Report report = reports.build(ctx, rnd);
        Path reportDir = options.outputDir().resolve(REPORTS_DIR);
        Files.createDirectories(reportDir);
        byte[] text = report.text().getBytes(StandardCharsets.UTF_8);
        byte[] truth = report.truthJson().getBytes(StandardCharsets.UTF_8);
        Files.write(reportDir.resolve(accession + ".txt"), text);
        Files.write(reportDir.resolve(accession + ".truth.json"), truth);
        c.bytes += text.length + truth.length;
        c.reports++;
        patient.lastStudyByRegion.put(exam.region(),
                description + " dated " + day.toString() + ".");

        manifest.append(patient.mrn).append('\t').append(accession).append('\t').append(studyUid).append('\t')
                .append(studyDate).append('\t').append(modality).append('\t').append(description).append('\t')
                .append(exam.region()).append('\t').append(side == null ? "" : side).append('\t')
                .append(seriesCount).append('\t').append(studyInstances).append('\t')
                .append(REPORTS_DIR).append('/').append(accession).append(".txt\n");
        log.debug("{} {} {} {}: {} series, {} instances", patient.mrn, accession, modality, description,
                seriesCount, studyInstances);
    }

    /** Slice stepping of one CT/MR series. */
    private static final class SeriesGeometry {
        double[] position;
        int axis;
        double start;
        double direction;
        double increment;
    }

    private static SeriesGeometry seriesParameters(SyntheticInstance.Builder b, String modality, Exam exam,
                                                   String seriesDescription, double fov, double spacing, double kvp,
                                                   Random rnd) {
        String d = seriesDescription.toUpperCase(Locale.ROOT);
        String region = exam.region();
        // reset per-series values that only some modalities or series set
        b.imageType("ORIGINAL", "PRIMARY").imagePositionPatient(null).imageOrientationPatient(null)
                .sliceThickness(null).sliceLocation(null).pixelSpacing(null).imagerPixelSpacing(null)
                .kvp(null).xRayTubeCurrent(null).exposureTime(null).ctdiVol(null)
.echoTime(null).repetitionTime(null)
                .scanningSequence(null).sequenceVariant(null).viewPosition(null).patientOrientation((String[]) null)
                .rescaleIntercept(null).rescaleSlope(null).windowCenter(null).windowWidth(null);
        switch (modality) {
            case "CT": {
                boolean localizer = d.contains("TOPOGRAM") || d.contains("SCOUT");
                boolean mpr = d.contains("MPR") || d.startsWith("COR") || d.startsWith("SAG") || d.contains("MIP");
                b.imageType(localizer ? new String[] {"ORIGINAL", "PRIMARY", "LOCALIZER"}
                        : mpr ? new String[] {"DERIVED", "SECONDARY", "MPR"} : new String[] {"ORIGINAL", "PRIMARY", "AXIAL"});
                double thickness = localizer ? 0.6 : thickness(d, rnd);
                b.sliceThickness(thickness).pixelSpacing(spacing, spacing).kvp(kvp)
                        .xRayTubeCurrent(region.equals("brain") ? 250 + rnd.nextInt(150) : 60 + rnd.nextInt(340))
                        .exposureTime(500 + rnd.nextInt(6) * 100)
                        .ctdiVol(round2(ctdi(region, d, rnd)))
                        .rescaleIntercept(-1024.0).rescaleSlope(1.0);
                if (d.contains("LUNG") || d.contains("LUNGE") || d.contains("B70") || d.contains("BL57")) {
                    b.windowCenter(-600.0).windowWidth(1500.0);
                } else if (d.contains("BONE") || d.contains("H70") || d.contains("J70")) {
                    b.windowCenter(450.0).windowWidth(1500.0);
                } else if (region.equals("brain")) {
                    b.windowCenter(40.0).windowWidth(80.0);
                } else {
                    b.windowCenter(40.0).windowWidth(400.0);
                }
                return geometry(b, d, fov, thickness, rnd);
            }
            case "MR": {
                boolean derived = d.contains("ADC");
                b.imageType(derived ? new String[] {"DERIVED", "PRIMARY", "ADC", "ADC"}
                        : new String[] {"ORIGINAL", "PRIMARY", "M", "ND"});
                double thickness = d.contains("MPRAGE") || d.contains("3D") || d.contains("VIBE") ? 1.0
                        : region.equals("knee") ? 3.0 : 4.0 + rnd.nextInt(3) * 0.5;
                b.sliceThickness(thickness).pixelSpacing(spacing, spacing);
                mrTiming(b, d, rnd);
                return geometry(b, d, fov, thickness + (rnd.nextBoolean() ? 0 : thickness * 0.1), rnd);
            }
            case "CR":
            case "DX": {
                b.pixelSpacing(spacing, spacing).imagerPixelSpacing(spacing, spacing).kvp(kvp)
                        .xRayTubeCurrent(200 + rnd.nextInt(300)).exposureTime(5 + rnd.nextInt(36));
                if (d.contains("PA")) {
                    b.viewPosition("PA").patientOrientation("L", "F");
                } else if (d.contains("AP")) {
                    b.viewPosition("AP").patientOrientation("R", "F");
                } else if (d.contains("LAT") && region.equals("chest")) {
                    b.viewPosition("LL").patientOrientation("P", "F");
                }
                return null;
            }
            default: // US
                return null;
        }
    }

    private static SeriesGeometry geometry(SyntheticInstance.Builder b, String d, double fov, double increment,
                                           Random rnd) {
        SeriesGeometry g = new SeriesGeometry();
        double half = round3(fov / 2);
        g.increment = increment;
        if (d.contains("SAG")) {
            b.imageOrientationPatient(0, 1, 0, 0, 0, -1);
            g.position = new double[] {0, -half, half};
            g.axis = 0;
            g.start = round3(-30 - rnd.nextInt(30));
            g.direction = 1;
        } else if (d.startsWith("COR") || d.contains(" COR") || d.contains("COR ")) {
            b.imageOrientationPatient(1, 0, 0, 0, 0, -1);
            g.position = new double[] {-half, 0, half};
            g.axis = 1;
            g.start = round3(-60 - rnd.nextInt(40));
            g.direction = 1;
        } else {
            b.imageOrientationPatient(1, 0, 0, 0, 1, 0);
            g.position = new double[] {-half, -half, 0};
            g.axis = 2;
            g.start = round3(-20 - rnd.nextInt(200) + rnd.nextInt(10) * 0.5);
            g.direction = -1;
        }
        return g;
    }

    private static void mrTiming(SyntheticInstance.Builder b, String d, Random rnd) {
        if (d.contains("FLAIR")) {
            b.repetitionTime(9000.0 + rnd.nextInt(2000)).echoTime(90.0 + rnd.nextInt(30))
                    .scanningSequence("SE\\IR").sequenceVariant("SK\\SP");
        } else if (d.contains("DWI") || d.contains("ADC")) {
            b.repetitionTime(4500.0 + rnd.nextInt(2000)).echoTime(70.0 + rnd.nextInt(25))
                    .scanningSequence("EP").sequenceVariant("SK\\SP");
        } else if (d.contains("T1") || d.contains("MPRAGE") || d.contains("VIBE")) {
            b.repetitionTime(d.contains("SE") ? 450.0 + rnd.nextInt(250) : 5.0 + rnd.nextInt(20) / 10.0)
                    .echoTime(d.contains("SE") ? 10.0 + rnd.nextInt(10) : 2.0 + rnd.nextInt(10) / 10.0)
                    .scanningSequence(d.contains("SE") ? "SE" : "GR").sequenceVariant("SP");
        } else if (d.contains("PD")) {
            b.repetitionTime(2500.0 + rnd.nextInt(1200)).echoTime(25.0 + rnd.nextInt(15))
                    .scanningSequence("SE").sequenceVariant("SK");
        } else if (d.contains("GRE") || d.contains("SWI")) {
            b.repetitionTime(27.0 + rnd.nextInt(20)).echoTime(20.0)
                    .scanningSequence("GR").sequenceVariant("SP");
        } else {
            b.repetitionTime(3000.0 + rnd.nextInt(3000)).echoTime(80.0 + rnd.nextInt(30))
                    .scanningSequence("SE").sequenceVariant("SK");
        }
    }

    private static double thickness(String d, Random rnd) {
        Matcher m = THICKNESS.matcher(d);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            if (v >= 0.5 && v <= 10) {
                return v;
            }
        }
        double[] common = {0.625, 1.0, 1.25, 2.0, 3.0, 5.0};
        return common[rnd.nextInt(common.length)];
    }

    private static double fieldOfView(String modality, String region, Random rnd) {
        switch (region) {
            case "brain": return 220 + rnd.nextInt(5) * 10;
            case "knee": return modality.equals("MR") ? 140 + rnd.nextInt(3) * 10 : 240;
            case "thyroid": return 60;
            case "chest": return modality.equals("CT") ? 340 + rnd.nextInt(8) * 10 : 430;
            default: return modality.equals("US") ? 160 : 360 + rnd.nextInt(8) * 10;
        }
    }

    private static double kvp(String modality, String region, Random rnd) {
        if (modality.equals("CT")) {
            int[] v = {100, 120, 120, 120, 140};
            return v[rnd.nextInt(v.length)];
        }
        if (modality.equals("CR") || modality.equals("DX")) {
            return region.equals("chest") ? 110 + rnd.nextInt(16) : 60 + rnd.nextInt(11);
        }
        return 0;
    }

    private static double ctdi(String region, String d, Random rnd) {
        if (region.equals("brain")) {
            return 40 + rnd.nextDouble() * 20;
        }
        if (d.contains("LDCT") || d.contains("LOW")) {
            return 1 + rnd.nextDouble() * 2;
        }
        return region.equals("chest") ? 3 + rnd.nextDouble() * 12 : 8 + rnd.nextDouble() * 12;
    }

    private static List<String> chooseSeries(List<String> candidates, int count, Random rnd) {
        List<String> out = new ArrayList<>(count);
        if (count <= candidates.size()) {
            // a random subset, kept in acquisition order
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                idx.add(i);
            }
            ReportBuilder.shuffle(idx, rnd);
            List<Integer> keep = new ArrayList<>(idx.subList(0, count));
            keep.sort(null);
            for (int i : keep) {
                out.add(candidates.get(i));
            }
        } else {
            for (int i = 0; i < count; i++) {
                String base = candidates.get(i % candidates.size());
                out.add(i < candidates.size() ? base : base + " (" + (i / candidates.size() + 1) + ")");
            }
        }
        return out;
    }

    // ---- output directory ----

    private void prepare(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            boolean empty;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(out)) {
                empty = !ds.iterator().hasNext();
            }
            if (!empty) {
                if (!Files.exists(out.resolve(MARKER))) {
                    throw new IOException("output directory " + out + " is not empty and was not written by "
                            + "the generator (no " + MARKER + "); choose an empty or new directory");
                }
                deleteTree(out.resolve(DICOM_DIR));
                deleteTree(out.resolve(REPORTS_DIR));
                Files.deleteIfExists(out.resolve(MANIFEST));
            }
        } else if (Files.exists(out)) {
            throw new IOException("output path " + out + " is not a directory");
        }
        Files.createDirectories(out.resolve(DICOM_DIR));
        Files.createDirectories(out.resolve(REPORTS_DIR));
        Files.writeString(out.resolve(MARKER), "RadBridge synthetic PACS: patients=" + options.patients() + " seed="
                + options.seed() + " profile=" + options.profile().id() + "\n", StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---- small helpers ----

    /**
     * A valid UID under {@code 2.25} (ITU-T X.667): the unsigned decimal of a name-based UUID of
     * (seed, patient, counter); at most 44 characters, no leading zeros.
     */
    static String uidFor(long seed, int patient, int counter) {
        ByteBuffer name = ByteBuffer.allocate(24).putLong(seed).putLong(patient).putLong(counter);
        UUID u = UUID.nameUUIDFromBytes(name.array());
        BigInteger v = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return "2.25." + v;
    }

    /** SplitMix64 finaliser of (seed, index): independent per-patient seeds. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String tm(double secondsOfDay, boolean fraction) {
        double s = Math.min(secondsOfDay, 86399.999);
        int whole = (int) Math.floor(s);
        String hms = String.format(Locale.ROOT, "%02d%02d%02d", whole / 3600, (whole / 60) % 60, whole % 60);
        if (!fraction) {
            return hms;
        }
        long micros = Math.round((s - whole) * 1_000_000);
        if (micros >= 1_000_000) {
            micros = 999_999;
        }
        return hms + String.format(Locale.ROOT, ".%06d", micros);
    }

    static String resolveSide(String s, String side) {
        if (side == null) {
            return s;
        }
        boolean left = side.equals("left");
        return s.replace("{LT}", left ? "LT" : "RT").replace("{LEFT}", left ? "LEFT" : "RIGHT")
                .replace("{L}", left ? "L" : "R").replace("{left}", side);
    }

    private static int between(Random rnd, int min, int max) {
        return min + rnd.nextInt(max - min + 1);
    }

    private static <T> T pick(List<T> list, Random rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
