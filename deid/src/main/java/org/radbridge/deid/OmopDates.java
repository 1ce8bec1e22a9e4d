package org.radbridge.deid;

import org.radbridge.deid.dicom.DeidProfile;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Dates of the OMOP research view. OHDSI's convention, and RadBridge's default ({@code real}), is a limited data set:
 * real event dates, no names or identifiers, access behind the omop_reader role and a data use agreement. With
 * {@code RADBRIDGE_OMOP_DATES=shifted} every date of a person moves by that person's keyed shift, the same one the
 * de-identification profile gives DICOM exports and the research DICOMweb (so a cohort's OMOP rows and images agree,
 * and intervals within a person are exact); birth is then recorded to the year only. With
 * {@code RADBRIDGE_OMOP_AGES_OVER_89=group}, persons older than 89 at their latest event get a year of birth that makes
 * them 90 then (HIPAA Safe Harbor's aggregation of ages over 89).
 */
public final class OmopDates {
    public enum Mode { REAL, SHIFTED }

    private final Mode mode;
    private final boolean groupAgesOver89;
    private final DateShift shift;

    public OmopDates(Mode mode, boolean groupAgesOver89, DateShift shift) {
        this.mode = mode;
        this.groupAgesOver89 = groupAgesOver89;
        this.shift = shift;
    }

    public static OmopDates fromEnvironment(Pseudonymizer keys) {
        return from(System.getenv(), System.getProperties(), keys);
    }

    static OmopDates from(Map<String, String> env, Properties props, Pseudonymizer keys) {
        String m = props.getProperty("radbridge.omop.dates", env.getOrDefault("RADBRIDGE_OMOP_DATES", "real"));
        String ages = props.getProperty("radbridge.omop.ages.over.89", env.getOrDefault("RADBRIDGE_OMOP_AGES_OVER_89", "keep"));
        Mode mode;
        try {
            mode = Mode.valueOf(m.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RADBRIDGE_OMOP_DATES must be 'real' or 'shifted', not '" + m + "'");
        }
        if (!ages.equals("group") && !ages.equals("keep")) {
            throw new IllegalArgumentException("RADBRIDGE_OMOP_AGES_OVER_89 must be 'group' or 'keep', not '" + ages + "'");
        }
        int range = mode == Mode.SHIFTED ? DeidProfile.fromEnvironment().dateShiftMaxDays() : 0;
        if (mode == Mode.SHIFTED && range == 0) {
            throw new IllegalArgumentException("RADBRIDGE_OMOP_DATES=shifted needs a de-identification profile with a date shift range");
        }
        return new OmopDates(mode, ages.equals("group"), new DateShift(keys, range));
    }

    public Mode mode() {
        return mode;
    }

    /** The person's shift in days (0 for real dates). */
    public int days(String personKey) {
        return mode == Mode.SHIFTED ? shift.days(personKey) : 0;
    }

    /** Month of birth, or null when dates are shifted (birth to the year). */
    public Integer monthOfBirth(LocalDate birth) {
        return birth == null || mode == Mode.SHIFTED ? null : birth.getMonthValue();
    }

    /** Year of birth, raised so that nobody is older than 90 at the latest event when ages over 89 are grouped. */
    public int yearOfBirth(LocalDate birth, LocalDate latestEvent) {
        return yearOfBirth(birth.getYear(), latestEvent);
    }

    /** The same for a year of birth known without its date (derived from PatientAge). */
    public int yearOfBirth(int year, LocalDate latestEvent) {
        if (groupAgesOver89 && latestEvent != null && latestEvent.getYear() - year > 89) return latestEvent.getYear() - 90;
        return year;
    }
}
