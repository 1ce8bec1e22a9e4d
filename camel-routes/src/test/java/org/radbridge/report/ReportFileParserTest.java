package org.radbridge.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFileParserTest {
    private final ReportFileParser parser = new ReportFileParser();

    @Test
    void readsHeaderBlockAndText() throws Exception {
        ReportFile r = parser.parse(("Accession-Number: ACC1\r\nPatient-ID: MRN9\r\nIssuer-Of-Patient-ID: HOSP\r\n"
                + "Report-Date: 20240312\r\n---\r\nFINDINGS: No pneumothorax.\r\nIMPRESSION: Normal.\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.accessionNumber()).isEqualTo("ACC1");
        assertThat(r.patientId()).isEqualTo("MRN9");
        assertThat(r.issuerOfPatientId()).isEqualTo("HOSP");
        assertThat(r.reportDate()).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(r.status()).isEqualTo("final");
        assertThat(r.text()).isEqualTo("FINDINGS: No pneumothorax.\nIMPRESSION: Normal.");
    }

    @Test
    void rejectsEmptyFiles() {
        assertThatThrownBy(() -> parser.parse(new byte[0])).hasMessage("empty report file");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = "Accession-Number: A\n---\nL\u00e9sion".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(latin1)).hasMessage("report is not valid UTF-8");
    }

    @Test
    void rejectsAMissingHeaderBlockOrAccession() {
        assertThatThrownBy(() -> parser.parse("FINDINGS: normal".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no header block");
        assertThatThrownBy(() -> parser.parse("Patient-ID: X\n---\ntext".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Accession-Number");
        assertThatThrownBy(() -> parser.parse("Accession-Number: A\n---\n   \n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no text");
    }

    @Test
    void acceptsAOneMegabyteReport() throws Exception {
        String body = "FINDINGS: " + "Stable appearance of the chest. ".repeat(33_000);
        byte[] bytes = ("Accession-Number: BIG\n---\n" + body).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1_000_000);
        assertThat(parser.parse(bytes).text()).hasSize(body.strip().length());
    }

    @Test
    void readsTheFieldsFromASidecarInEitherSpelling() throws Exception {
        byte[] text = "FINDINGS: No pneumothorax.\nIMPRESSION: Normal.\n".getBytes(StandardCharsets.UTF_8);
        ReportFile r = parser.parse(text, """
                {"accessionNumber": "ACC7", "patientId": "MRN7", "issuerOfPatientId": "HOSP",
                 "studyInstanceUid": "1.2.3", "reportStatus": "preliminary", "reportDate": "2024-03-12", "comment": "ignored"}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isEqualTo(new ReportFile("ACC7", "MRN7", "HOSP", "1.2.3", "preliminary", LocalDate.of(2024, 3, 12),
                "FINDINGS: No pneumothorax.\nIMPRESSION: Normal."));
        ReportFile headerNames = parser.parse(text, "{\"Accession-Number\": \"ACC8\", \"Patient-ID\": 12345}".getBytes(StandardCharsets.UTF_8));
        assertThat(headerNames.accessionNumber()).isEqualTo("ACC8");
        assertThat(headerNames.patientId()).isEqualTo("12345");
        assertThat(headerNames.status()).isEqualTo("final");
        // with a sidecar the whole file is the text, even a line that looks like a header separator
        assertThat(parser.parse("a\n---\nb".getBytes(StandardCharsets.UTF_8), "{\"accessionNumber\":\"A\"}".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("a\n---\nb");
    }

    @Test
    void rejectsBadSidecars() {
        byte[] text = "FINDINGS: normal".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(text, "{not json".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("sidecar is not valid JSON");
        assertThatThrownBy(() -> parser.parse(text, "[1,2]".getBytes(StandardCharsets.UTF_8))).hasMessage("sidecar is not a JSON object");
        assertThatThrownBy(() -> parser.parse(text, "{\"patientId\":\"X\"}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("Accession-Number");
        assertThatThrownBy(() -> parser.parse(text, "{\"accessionNumber\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a single value");
        assertThatThrownBy(() -> parser.parse(text, new byte[0])).hasMessage("empty sidecar file");
        assertThatThrownBy(() -> parser.parse(new byte[0], "{\"accessionNumber\":\"A\"}".getBytes(StandardCharsets.UTF_8))).hasMessage("empty report file");
        assertThatThrownBy(() -> parser.parse(new byte[] {(byte) 0xC3, 0x28}, "{\"accessionNumber\":\"A\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("report is not valid UTF-8");
    }

    @Test
    void aMissingHeaderBlockIsToldApartFromOtherErrors() {
        assertThatThrownBy(() -> parser.parse("FINDINGS: normal".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(ReportFileParser.isMissingHeaderBlock((ReportParseException) e)).isTrue());
        assertThatThrownBy(() -> parser.parse("Patient-ID: X\n---\ntext".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(ReportFileParser.isMissingHeaderBlock((ReportParseException) e)).isFalse());
    }
}
