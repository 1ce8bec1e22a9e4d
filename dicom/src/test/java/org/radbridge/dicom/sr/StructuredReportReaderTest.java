package org.radbridge.dicom.sr;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.dicom.DicomHeaderReader;
import org.radbridge.dicom.DicomParseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredReportReaderTest {
    static final String BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";
    static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";

    @TempDir
    Path tmp;

    private final StructuredReportReader reader = new StructuredReportReader();

    /** A chest CT report as a Comprehensive SR (TID 2000 "Basic Diagnostic Imaging Report" layout). */
    static Path writeChestReport(Path file, String sopClass, String sopUid, String predecessor, String verification) throws Exception {
        SrContent.Code findings = new SrContent.Code("121070", "DCM", "Findings");
        SrContent.Code finding = new SrContent.Code("121071", "DCM", "Finding");
        SrContent.Code impression = new SrContent.Code("121073", "DCM", "Impression");
        List<SrContent> content = List.of(
                new SrContent("HAS OBS CONTEXT", "PNAME", new SrContent.Code("121008", "DCM", "Person Observer Name"), "RADIOLOGIST^ANNA",
                        null, null, List.of()),
                SrContent.container("CONTAINS", findings,
                        SrContent.text(finding, "4 mm nodule in the right upper lobe."),
                        SrContent.num(new SrContent.Code("G-D7FE", "SRT", "Diameter"), "4", "mm"),
                        SrContent.code(new SrContent.Code("G-C0E3", "SRT", "Finding Site"), new SrContent.Code("45653009", "SCT", "Upper lobe of right lung")),
                        SrContent.text(finding, "No pleural effusion. Bl\u00e4schen.")),
                SrContent.container("CONTAINS", impression, SrContent.text(impression, "Small pulmonary nodule; follow-up CT in 12 months.")));
        StructuredReportWriter.write(new StructuredReportWriter.Header(sopClass, sopUid, "2.25.1001", "2.25.1002", "ACC-SR1",
                        "MRN-SR", "HOSP", "DOE^JANE", "20240312", "101500", "COMPLETE", verification, predecessor),
                new SrContent.Code("18748-4", "LN", "Diagnostic Imaging Report"), content, file);
        return file;
    }

    @Test
    void flattensSectionsTextCodesAndNumbers() throws Exception {
        Path f = writeChestReport(tmp.resolve("sr.dcm"), COMPREHENSIVE_SR, "2.25.1003", null, "VERIFIED");
        SrDocument d = reader.read(f).orElseThrow();
        assertThat(d.text()).isEqualTo("""
                FINDINGS:
                4 mm nodule in the right upper lobe.
                Diameter: 4 mm
                Finding Site: Upper lobe of right lung
                No pleural effusion. Bl\u00e4schen.

                IMPRESSION:
                Small pulmonary nodule; follow-up CT in 12 months.""");
        assertThat(d.text()).as("observer context is not report text").doesNotContain("RADIOLOGIST");
        assertThat(d.accessionNumber()).isEqualTo("ACC-SR1");
        assertThat(d.patientId()).isEqualTo("MRN-SR");
        assertThat(d.issuerOfPatientId()).isEqualTo("HOSP");
        assertThat(d.studyInstanceUid()).isEqualTo("2.25.1001");
        assertThat(d.sopInstanceUid()).isEqualTo("2.25.1003");
        assertThat(d.status()).isEqualTo("final");
        assertThat(d.contentDate()).isEqualTo("20240312");
        assertThat(d.title()).isEqualTo("Diagnostic Imaging Report");
        // the header reader, which stops at pixel data, still sees an SR as an ordinary instance
        assertThat(new DicomHeaderReader().read(f).get("SOPClassUID")).isEqualTo(COMPREHENSIVE_SR);
    }

    @Test
    void statusFollowsTheDocumentFlags() throws Exception {
        assertThat(reader.read(writeChestReport(tmp.resolve("p.dcm"), BASIC_TEXT_SR, "2.25.2001", null, "UNVERIFIED")).orElseThrow().status())
                .isEqualTo("preliminary");
        assertThat(reader.read(writeChestReport(tmp.resolve("a.dcm"), BASIC_TEXT_SR, "2.25.2002", "2.25.2001", "VERIFIED")).orElseThrow().status())
                .isEqualTo("amended");
    }

    @Test
    void notAnSrIsRefused() throws Exception {
        Path f = Files.writeString(tmp.resolve("x.dcm"), "not dicom");
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(DicomParseException.class);
        assertThat(StructuredReportReader.isNarrativeSr(BASIC_TEXT_SR)).isTrue();
        assertThat(StructuredReportReader.isNarrativeSr("1.2.840.10008.5.1.4.1.1.88.67")).as("X-Ray Radiation Dose SR").isFalse();
        assertThat(StructuredReportReader.isNarrativeSr("1.2.840.10008.5.1.4.1.1.2")).isFalse();
    }

    /** Public SR samples of the shared corpus (pydicom, OpenREM); skipped where ../shared is absent. */
    @Test
    void readsTheCorpusSrSamples() throws Exception {
        Path corpus = Path.of(System.getProperty("radbridge.home", ".."), "..", "shared", "dicom-corpus").normalize();
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no shared DICOM corpus at " + corpus + ": skipped");
        Path basic = corpus.resolve("pydicom_reportsi.dcm");
        Path comprehensive = corpus.resolve("pydicom_test-SR.dcm");
        Path dose = corpus.resolve("openrem_CT-ESR-GE_Optima.dcm");
        Path enhanced = corpus.resolve("openrem_ESR_non-dose.dcm");
        Assumptions.assumeTrue(Files.exists(basic) && Files.exists(comprehensive) && Files.exists(dose) && Files.exists(enhanced),
                "corpus SR samples missing: skipped");
        SrDocument b = reader.read(basic).orElseThrow();
        assertThat(b.text()).isEqualTo("SECTION HEADING:\nEnter text");
        assertThat(b.status()).isEqualTo("preliminary");
        SrDocument c = reader.read(comprehensive).orElseThrow();
        assertThat(c.text()).contains("A mass of\nDiameter: 3 Length Unit\nwas detected.").contains("Date: 20001206");
        assertThat(c.status()).as("it names predecessor documents").isEqualTo("amended");
        assertThat(c.accessionNumber()).isEmpty();
        SrDocument e = reader.read(enhanced).orElseThrow();
        assertThat(e.text()).as("an Enhanced SR with an empty content tree").isEmpty();
        assertThat(e.accessionNumber()).isEqualTo("7698466579781854");
        Optional<SrDocument> doseReport = reader.read(dose);
        assertThat(doseReport).as("a dose report is not a narrative report").isEmpty();
    }
}
