package org.radbridge.deid;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTextScrubberTest {
    private final ReportTextScrubber scrubber = new ReportTextScrubber();
    private final ReportTextScrubber.Known known = new ReportTextScrubber.Known("DOE^JANE^MARIE", "MRN004567", "HOSP", "ACC000123",
            List.of("1.2.826.0.1.3680043.8.498.12345"));

    private String scrub(String text) {
        return scrubber.scrub(text, known).text();
    }

    @Test
    void removesThePatientsOwnNamePartsAndIdentifiersWhereverTheyStand() {
        String out = scrub("Patient Jane Doe (MRN004567), accession ACC000123. Mrs. DOE tolerated the exam. Marie was calm.");
        assertThat(out).doesNotContainIgnoringCase("jane").doesNotContainIgnoringCase("doe").doesNotContain("Marie")
                .doesNotContain("MRN004567").doesNotContain("ACC000123");
        assertThat(out).contains("[NAME]").contains("[ID]").contains("tolerated the exam");
    }

    @Test
    void removesUidsLabelledIdsAndLongNumbers() {
        String out = scrub("Study UID 1.2.840.113619.2.55.3.604688119 compared with order number 77812A and MRN: X99812 and 123456789.");
        assertThat(out).doesNotContain("1.2.840").doesNotContain("77812A").doesNotContain("X99812").doesNotContain("123456789");
        assertThat(out).contains("order number [ID]").contains("MRN: [ID]");
    }

    @Test
    void removesPhoneNumbersEmailsAndUrls() {
        String out = scrub("Call (555) 123-4567 or 555-987-6543 ext. 12, +49 30 1234 5678, reading@hospital.example.org, "
                + "see https://pacs.hospital.example/viewer?id=5.");
        assertThat(out).doesNotContain("123-4567").doesNotContain("987-6543").doesNotContain("1234 5678")
                .doesNotContain("reading@").doesNotContain("pacs.hospital");
        assertThat(out).contains("[PHONE]").contains("[EMAIL]").contains("[URL]");
    }

    @Test
    void removesDatesInNumericAndWrittenForms() {
        String out = scrub("Compared with 03/12/2024, 2023-11-02, 20220105, March 3, 2021, 4 April 2020 and Jan 2019.");
        assertThat(out).doesNotContain("2024").doesNotContain("2023").doesNotContain("2022").doesNotContain("2021")
                .doesNotContain("2020").doesNotContain("2019").doesNotContain("March").doesNotContain("April");
        assertThat(out.split("\\[DATE]", -1)).hasSize(7);
    }

    @Test
    void removesPhysicianNamesAfterTitlesBeforeDegreesAndInSignatures() {
        String out = scrub("Findings discussed with Dr. Alan Turing at the bedside. Read by: Grace B. Hopper, MD.\n"
                + "Electronically signed by Ada Lovelace\nAttending: Dr. Edsger Dijkstra\nReferring physician: Barbara Liskov");
        assertThat(out).doesNotContain("Alan").doesNotContain("Turing").doesNotContain("Grace").doesNotContain("Hopper")
                .doesNotContain("Lovelace").doesNotContain("Dijkstra").doesNotContain("Liskov");
        assertThat(out).contains("Dr. [NAME]").contains("signed by [NAME]");
    }

    @Test
    void removesAgesOverEightyNineButKeepsYoungerAges() {
        assertThat(scrub("A 93-year-old man. A 67 year old woman.")).contains("[AGE>89]-year-old").contains("67 year old");
    }

    @Test
    void keepsTheClinicalContentIncludingMeasurementsAndLevels() {
        String text = "FINDINGS: 3.2 x 1.5 cm nodule in the right upper lobe, series 4 image 112. No pneumothorax. "
                + "Degenerative change at C5-6 and L4-L5. Order the follow-up CT in 3 months. May represent atelectasis.";
        assertThat(scrub(text)).isEqualTo(text);
    }

    @Test
    void mapsOffsetsOfTheOriginalTextIntoTheScrubbedText() {
        String text = "Patient DOE, JANE. 4 mm nodule. Dr. Smith 555-123-4567. No effusion.";
        ReportTextScrubber.Scrubbed s = scrubber.scrub(text, known);
        for (String word : new String[] {"4 mm nodule", "No effusion", "Patient"}) {
            int start = text.indexOf(word);
            int end = start + word.length();
            assertThat(s.text().substring(s.map(start), s.mapEnd(end))).isEqualTo(word);
        }
        int inName = text.indexOf("Smith") + 2;
        assertThat(s.text().substring(s.map(inName), s.mapEnd(inName + 1))).isEqualTo("[NAME]");
    }

    @Test
    void worksWithoutAnythingKnown() {
        String out = scrubber.scrub("Dr. House called 555-123-4567 on 01/02/2023.", new ReportTextScrubber.Known(null, null, null, null, null)).text();
        assertThat(out).isEqualTo("Dr. [NAME] called [PHONE] on [DATE].");
    }

    @Test
    void removesNamesAfterRelationWordsButNotAbbreviations() {
        assertThat(scrub("History provided by her daughter, Zelda Quorn. Son Tom was present. Wife: Mrs. Ruth Ames called."))
                .isEqualTo("History provided by her daughter, [NAME]. Son [NAME] was present. Wife: Mrs. [NAME] called.");
        assertThat(scrub("Mother with breast cancer. Father CT chest in 2019. Patient's brother-in-law Ed drove her."))
                .isEqualTo("Mother with breast cancer. Father CT chest in 2019. Patient's brother-in-law [NAME] drove her.");
    }

    @Test
    void removesFirstNameSurnamePairsFromThePublicListsAndStaffNames() {
        ReportTextScrubber.Known withStaff = new ReportTextScrubber.Known("DOE^JANE", "MRN1", "H", "ACC1", List.of(),
                List.of("QUILLFEATHER^ORSOLYA"));
        String out = scrubber.scrub("Findings discussed with Quinton Farrow and Mary J. Johnson. JOHNSON, MARY agrees. "
                + "Orsolya Quillfeather reviewed; Quillfeather concurs. May represent atelectasis. Left Lung Mass.", withStaff).text();
        assertThat(out).isEqualTo("Findings discussed with [NAME] and [NAME]. [NAME] agrees. "
                + "[NAME] reviewed; [NAME] concurs. May represent atelectasis. Left Lung Mass.");
    }

    @Test
    void keepsLabelWordsAndLineBreaksAroundARemovedSpan() {
        assertThat(scrub("Dr. Alan Smith\nFax: 555-0100\nPhone: 555-0101"))
                .isEqualTo("Dr. [NAME]\nFax: [PHONE]\nPhone: [PHONE]");
        assertThat(scrub("Read by Dr. Alan Smith\nElectronically signed 03/03/2024"))
                .isEqualTo("Read by Dr. [NAME]\nElectronically signed [DATE]");
        assertThat(scrub("Referring physician: Barbara Liskov\nFax 555-123-4567"))
                .isEqualTo("Referring physician: [NAME]\nFax [PHONE]");
        assertThat(scrub("Accession:\n45 Main Street\nFindings: normal")).isEqualTo("Accession:\n[ADDRESS]\nFindings: normal");
        assertThat(scrub("MRN:\n12345678\nAddress: 4 Elm Rd\nFax")).isEqualTo("MRN:\n[ID]\nAddress: [ADDRESS]\nFax");
    }
}
