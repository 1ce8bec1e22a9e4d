package org.radbridge.terminology;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SNOMED CT id of the finding and anatomy subsets must carry a valid check digit (the Verhoeff dihedral check the
 * SNOMED CT identifier specification prescribes). A failing id cannot be a SNOMED CT concept, so the row was mistyped or
 * guessed; an evaluation by SNOMED CT code would score it 0 whatever the NLP does (issue 11x found one such row).
 */
class SnomedCheckDigitTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", ".."));

    private static final int[][] DIHEDRAL = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
            {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
            {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
            {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[] PERMUTATION = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};

    static boolean checkDigitValid(String id) {
        int c = 0;
        for (int i = 0; i < id.length(); i++) {
            int digit = id.charAt(id.length() - 1 - i) - '0';
            for (int k = 0; k < i % 8; k++) {
                digit = PERMUTATION[digit];
            }
            c = DIHEDRAL[c][digit];
        }
        return c == 0;
    }

    @Test
    void theCheckRecognisesKnownIdsAndRejectsAMistypedOne() {
        for (String id : List.of("22298006", "8186001", "36118008", "59282003", "8847002", "129113006", "15971541000119105")) {
            assertThat(checkDigitValid(id)).as(id).isTrue();
        }
        // spondylosis carried this id until issue 11x; a one-digit slip of a real id fails as well
        assertThat(checkDigitValid("75320002")).isFalse();
        assertThat(checkDigitValid("22298007")).isFalse();
    }

    @Test
    void everySnomedIdOfTheFindingAndAnatomySubsetsHasAValidCheckDigit() throws Exception {
        List<String> bad = new ArrayList<>();
        for (String file : List.of("radiology-findings.csv", "snomed-anatomy.csv", "snomed-report-qualifiers.csv",
                "snomed-imaging-finding.csv", "site-devices.csv")) {
            Path f = HOME.resolve("terminology/codesystems").resolve(file);
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                    String code = row.get("concept_code");
                    if ("SNOMED".equals(row.get("vocabulary_id")) && code.chars().allMatch(Character::isDigit)
                            && !checkDigitValid(code)) {
                        bad.add(file + ":" + row.getRecordNumber() + " " + code + " " + row.get("concept_name"));
                    }
                }
            }
        }
        assertThat(bad).isEmpty();
    }
}
