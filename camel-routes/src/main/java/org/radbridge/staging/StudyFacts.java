package org.radbridge.staging;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the projections may rely on about a study beyond its raw study-level columns, derived from everything its files
 * carry: the date (StudyDate, else SeriesDate, AcquisitionDate, ContentDate, InstanceCreationDate, the earliest of each
 * level), the year of birth (PatientBirthDate, else PatientAge counted back from that date: approximate, since the age
 * is in completed years) and whether the PatientID is empty or a placeholder, so that the study must not be joined to
 * other studies by it.
 *
 * @param date               the study's date, or null when no file has any of the dates
 * @param dateSource         the attribute {@code date} came from, null with it
 * @param yearOfBirth        year of birth, or null when neither PatientBirthDate nor a usable PatientAge is there
 * @param yearOfBirthSource  {@code PatientBirthDate}, or {@code PatientAge} (approximate), null with the year
 * @param placeholderPatient the PatientID is empty or on the configured placeholder list
 */
public record StudyFacts(LocalDate date, String dateSource, Integer yearOfBirth, String yearOfBirthSource, boolean placeholderPatient) {

    /** Instance-level date attributes, in the order they stand in for a missing StudyDate. */
    public static final List<String> DATE_FALLBACKS = List.of("SeriesDate", "AcquisitionDate", "ContentDate", "InstanceCreationDate");

    public static final String FROM_BIRTH_DATE = "PatientBirthDate";
    public static final String FROM_AGE = "PatientAge";

    public boolean yearOfBirthApproximate() {
        return FROM_AGE.equals(yearOfBirthSource);
    }

    /**
     * @param studyDate      the StudyDate column
     * @param birthDate      the PatientBirthDate column
     * @param dates          for each of {@link #DATE_FALLBACKS}, the earliest valid value over the study's instances (absent
     *                       when none)
     * @param patientAge     a PatientAge value of the study (nnnD/W/M/Y), or null
     */
    public static StudyFacts derive(LocalDate studyDate, LocalDate birthDate, Map<String, LocalDate> dates, String patientAge,
                                    boolean placeholderPatient) {
        LocalDate date = studyDate;
        String source = studyDate == null ? null : "StudyDate";
        for (int i = 0; date == null && i < DATE_FALLBACKS.size(); i++) {
            date = dates.get(DATE_FALLBACKS.get(i));
            if (date != null) source = DATE_FALLBACKS.get(i);
        }
        Integer year = null;
        String yearSource = null;
        if (birthDate != null) {
            year = birthDate.getYear();
            yearSource = FROM_BIRTH_DATE;
        } else if (date != null) {
            LocalDate born = bornBefore(date, patientAge);
            if (born != null) {
                year = born.getYear();
                yearSource = FROM_AGE;
            }
        }
        return new StudyFacts(date, source, year, yearSource, placeholderPatient);
    }

    /**
     * The latest possible birth date of someone of {@code age} (DICOM AS: three digits and D, W, M or Y) on {@code on},
     * or null when the value is not a valid AS. Its year is the year of birth to within one year.
     */
    static LocalDate bornBefore(LocalDate on, String age) {
        if (age == null) return null;
        String a = age.trim();
        if (a.length() < 2 || a.length() > 4) return null;
        char unit = Character.toUpperCase(a.charAt(a.length() - 1));
        int n;
        try {
            n = Integer.parseInt(a.substring(0, a.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (n < 0) return null;
        return switch (unit) {
            case 'D' -> on.minusDays(n);
            case 'W' -> on.minusWeeks(n);
            case 'M' -> on.minusMonths(n);
            case 'Y' -> n > 150 ? null : on.minusYears(n);
            default -> null;
        };
    }
}
