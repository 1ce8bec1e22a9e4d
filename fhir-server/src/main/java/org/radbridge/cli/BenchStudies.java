package org.radbridge.cli;

import org.radbridge.dicom.write.SopClassUids;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The studies of `bench fhir` at scale: generated in memory, deterministically from the seed, so that a second run
 * knows the same studies without reading them back, and written as RadBridge writes staged studies (a
 * {@link StudyView} per study) and as small DICOM instances for Orthanc. Every study takes its exam (modality,
 * description) and its report from a pool of reports the synthetic PACS generator wrote; the pool is small, so the NLP
 * runs once per pool report instead of once per study.
 */
final class BenchStudies {
    static final String ISSUER = "HOSP";
    private static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);
    private static final String[] FAMILY = {"Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Moore", "Taylor", "Thomas",
            "Martin", "Lee", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott"};
    private static final String[] GIVEN = {"Anna", "Ben", "Clara", "David", "Eva", "Frank", "Grace", "Henry", "Iris", "Jack", "Kate", "Liam"};

    /** One exam of the report pool: what the study shows and what its report says. */
    record Exam(String modality, String description, String reportText) {}

    /** One generated study; {@code exam} indexes the report pool. */
    record Study(int index, String uid, String mrn, String patientName, LocalDate birthDate, String sex, String accession,
                 LocalDate date, LocalTime time, int series, int exam) {
        String seriesUid(int s) { return BenchStudies.uid(uid + "|series|" + s); }
        String sopUid(int s) { return BenchStudies.uid(uid + "|sop|" + s); }
    }

    private BenchStudies() {}

    /**
     * {@code count} studies over patients of one to three studies each. Patient p's studies follow each other, so the
     * studies of a patient are consecutive in the list.
     */
    static List<Study> generate(int count, int exams, long seed) {
        List<Study> out = new ArrayList<>(count);
        int patient = 0;
        while (out.size() < count) {
            Random rnd = new Random(seed * 1_000_003L + patient);
            String mrn = String.format(Locale.ROOT, "BM%08d", patient);
            String name = FAMILY[rnd.nextInt(FAMILY.length)] + "^" + GIVEN[rnd.nextInt(GIVEN.length)];
            String sex = rnd.nextBoolean() ? "M" : "F";
            LocalDate day = FIRST_DAY.plusDays(rnd.nextInt(3650));
            LocalDate birth = day.minusYears(18 + rnd.nextInt(70)).minusDays(rnd.nextInt(365));
            int studies = 1 + rnd.nextInt(3);
            for (int s = 0; s < studies && out.size() < count; s++) {
                int i = out.size();
                out.add(new Study(i, uid("bench-study|" + seed + "|" + i), mrn, name, birth, sex, String.format(Locale.ROOT, "BA%09d", i),
                        day, LocalTime.of(7 + rnd.nextInt(12), rnd.nextInt(60), rnd.nextInt(60)), 1 + rnd.nextInt(2), rnd.nextInt(exams)));
                day = day.plusDays(14 + rnd.nextInt(300));
            }
            patient++;
        }
        return out;
    }

    /** A UID under 2.25 (a UUID as a decimal integer, PS3.5 B.2) derived from the name. */
    static String uid(String name) {
        UUID u = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /** The study as staging would hold it after ingesting its instances (one instance per series). */
    static StudyView view(Study s, Exam exam) {
        List<InstanceRecord> instances = new ArrayList<>();
        for (int k = 1; k <= s.series(); k++) {
            instances.add(new InstanceRecord(s.sopUid(k), s.uid(), s.seriesUid(k), SopClassUids.forModality(exam.modality()), "1.2.840.10008.1.2.1",
                    1, k, exam.modality(), exam.description() + " series " + k, null, null, s.date(), null, null, s.mrn(), ISSUER,
                    s.patientName(), s.birthDate(), s.sex(), s.accession(), "1", s.date(), s.time(), exam.description(), null, null,
                    "bench", null, 0, Map.of()));
        }
        return new StudyView(s.uid(), s.mrn(), ISSUER, s.patientName(), s.birthDate(), s.sex(), s.accession(), s.date(), s.time(),
                exam.description(), null, instances);
    }
}
