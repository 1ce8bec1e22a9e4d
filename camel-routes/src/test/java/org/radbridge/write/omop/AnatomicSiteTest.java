package org.radbridge.write.omop;

import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.report.ReportTestData;
import org.radbridge.terminology.TermConcept;
import org.radbridge.terminology.Terminology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Laterality-aware anatomic site of IMAGE_OCCURRENCE from the shipped mapping and terminology files. */
class AnatomicSiteTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 12);
    private static CurrentMappings mappings;
    private static Terminology terminology;
    /** Concept ids as the vocabulary loader would give them: one per terminology concept. */
    private static final Map<String, Integer> ids = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        terminology = Terminology.load(ReportTestData.home().resolve("terminology/codesystems"));
        int next = 2_000_000_000;
        for (TermConcept t : terminology.all()) ids.putIfAbsent(t.vocabularyId() + "|" + t.code(), next++);
        mappings = new CurrentMappings(MappingSet.load(ReportTestData.home().resolve("mappings"), terminology).withConceptIds(ids));
    }

    private static int snomed(String code) {
        return ids.get("SNOMED|" + code);
    }

    @Test
    void aSideGivesTheLateralBodyStructureWhereOneIsMapped() {
        assertThat(AnatomicSite.conceptId(mappings, "BREAST", "L", DAY)).isEqualTo(snomed("80248007"));
        assertThat(AnatomicSite.conceptId(mappings, " breast ", "r", DAY)).isEqualTo(snomed("73056007"));
        assertThat(AnatomicSite.conceptId(mappings, "KNEE", "R", DAY)).isEqualTo(snomed("6757004"));
        assertThat(AnatomicSite.conceptId(mappings, "LUNG", "L", DAY)).isEqualTo(snomed("44029006"));
    }

    @Test
    void withoutASideOrAMappedPairTheBodyPartStays() {
        assertThat(AnatomicSite.conceptId(mappings, "BREAST", null, DAY)).isEqualTo(snomed("76752008"));
        assertThat(AnatomicSite.conceptId(mappings, "BREAST", " ", DAY)).isEqualTo(snomed("76752008"));
        assertThat(AnatomicSite.conceptId(mappings, "KNEE", "U", DAY)).isEqualTo(snomed("72696002"));
        assertThat(AnatomicSite.conceptId(mappings, "CHEST", "L", DAY)).isEqualTo(snomed("816094009"));
        assertThat(AnatomicSite.conceptId(mappings, "NOT A BODY PART", "L", DAY)).isZero();
        assertThat(AnatomicSite.conceptId(mappings, null, "L", DAY)).isZero();
    }

    /** Each lateral row pairs a shipped body part with a shipped side and names a sourced SNOMED CT body structure. */
    @Test
    void everyLateralRowIsABodyPartAndSideWeShipAndASourcedBodyStructure() {
        MappingSet set = mappings.current();
        assertThat(set.entries(AnatomicSite.MAPPING)).isNotEmpty();
        for (MappingSet.Entry e : set.entries(AnatomicSite.MAPPING)) {
            String[] parts = e.sourceCode().split("\\|");
            assertThat(parts).as(e.sourceCode()).hasSize(2);
            assertThat(set.lookup("body_part", parts[0])).as(parts[0]).isPresent();
            assertThat(set.lookup("laterality", parts[1])).as(parts[1]).isPresent();
            MappingTarget t = e.target();
            assertThat(t.vocabularyId()).isEqualTo("SNOMED");
            TermConcept c = terminology.all().stream().filter(x -> x.vocabularyId().equals("SNOMED") && x.code().equals(t.code()))
                    .findFirst().orElseThrow(() -> new AssertionError(t.code() + " is not in the terminology"));
            assertThat(c.conceptClassId()).as(t.code()).isEqualTo("Body Structure");
            assertThat(c.source()).as(t.code()).isNotBlank();
            assertThat(t.code()).as("a lateral structure differs from the body part's own code")
                    .isNotEqualTo(set.lookup("body_part", parts[0]).get().code());
        }
    }
}
