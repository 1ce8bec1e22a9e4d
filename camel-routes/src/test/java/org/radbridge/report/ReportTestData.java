package org.radbridge.report;

import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.nlp.FindingMention;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;
import org.radbridge.terminology.Terminology;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The shipped mappings and terminology, and a small study with a report, for the report projection tests. */
public final class ReportTestData {
    private ReportTestData() {}

    public static Path home() {
        return Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
    }

    public static CurrentMappings shippedMappings() throws Exception {
        Terminology t = Terminology.load(home().resolve("terminology/codesystems"));
        return new CurrentMappings(MappingSet.load(home().resolve("mappings"), t));
    }

    public static StudyView study(String description) {
        List<InstanceRecord> instances = List.of(instance("1.2.3.4.1", "1.2.3.4.10", 1), instance("1.2.3.4.2", "1.2.3.4.20", 2));
        return new StudyView("1.2.3.4", "MRN004567", "HOSP", "DOE^JANE", LocalDate.of(1950, 3, 4), "F", "ACC000123",
                LocalDate.of(2024, 3, 12), LocalTime.of(9, 30), description, null, instances);
    }

    private static InstanceRecord instance(String sop, String series, int seriesNumber) {
        return new InstanceRecord(sop, "1.2.3.4", series, "1.2.840.10008.5.1.4.1.1.2", null, 1, seriesNumber, "CT", null, "CHEST", null,
                null, null, null, "MRN004567", "HOSP", "DOE^JANE", LocalDate.of(1950, 3, 4), "F", "ACC000123", null,
                LocalDate.of(2024, 3, 12), LocalTime.of(9, 30), "CT CHEST WO", null, null, "folder", null, 0L, Map.of());
    }

    public static StagedReport report(String text, String status) {
        return new StagedReport("ACC000123:abcdef0123456789", "ACC000123", "MRN004567", "HOSP", null, status, LocalDate.of(2024, 3, 12),
                text, "folder", OffsetDateTime.of(2024, 3, 12, 11, 0, 0, 0, ZoneOffset.UTC));
    }

    public static FindingMention mention(String text, int start, String snomed, String display, String radlex, FindingMention.Assertion a,
                                         FindingMention.Temporality t, FindingMention.Subject subject, String section, String laterality,
                                         List<BigDecimal> dims, String site, String siteDisplay, int sentenceStart, int sentenceEnd) {
        return new FindingMention("r", start, start + text.length(), text, snomed, display, radlex, a, t, subject, section, laterality,
                dims, site, siteDisplay, sentenceStart, sentenceEnd);
    }
}
