package org.radbridge.write.omop;

import org.radbridge.map.CurrentMappings;

import java.time.LocalDate;
import java.util.Locale;

/**
 * IMAGE_OCCURRENCE.anatomic_site_concept_id, laterality-aware as MI-CDM asks: body part examined (0018,0015) and
 * side (Laterality 0020,0060, else Image Laterality 0020,0062) give the lateral SNOMED CT body structure where
 * {@code mappings/body_part_laterality.csv} has one ({@code BREAST|L} → Left breast), else the body part alone
 * ({@code mappings/body_part.csv}). Sides other than the mapped ones (U unpaired, a blank) keep the body part.
 */
final class AnatomicSite {
    static final String MAPPING = "body_part_laterality";

    private AnatomicSite() {}

    /** The mapping key of a body part and side: upper-cased, trimmed, joined by '|'; null without both. */
    static String key(String bodyPart, String laterality) {
        if (bodyPart == null || laterality == null || bodyPart.isBlank() || laterality.isBlank()) return null;
        return bodyPart.strip().toUpperCase(Locale.ROOT) + "|" + laterality.strip().toUpperCase(Locale.ROOT);
    }

    static int conceptId(CurrentMappings mappings, String bodyPart, String laterality, LocalDate date) {
        String key = key(bodyPart, laterality);
        if (key != null) {
            int lateral = mappings.conceptId(MAPPING, key, date);
            if (lateral != 0) return lateral;
        }
        return mappings.conceptId("body_part", bodyPart, date);
    }
}
