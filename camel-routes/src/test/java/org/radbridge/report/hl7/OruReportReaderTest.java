package org.radbridge.report.hl7;

import org.junit.jupiter.api.Test;
import org.radbridge.report.ReportFile;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OruReportReaderTest {
    private final OruReportReader reader = new OruReportReader(new OruReportReader.Config(List.of("OBR-3", "OBR-18"),
            Set.of("P", "D", "T"), List.of("2.3", "2.4", "2.5", "2.6", "2.7", "2.8"), ZoneOffset.UTC));

    static String msh(String type, String version, String processing, String charset) {
        return "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||" + type + "|MSG0001|" + processing + "|" + version
                + "||||||" + charset + "\r";
    }

    static final String PID = "PID|1||MRN123^^^HOSP^MR~999-99-9999^^^SSA^SS||DOE^JANE||19700101|F\r";

    static String oru(String... segments) {
        return msh("ORU^R01^ORU_R01", "2.5.1", "P", "") + String.join("\r", segments) + "\r";
    }

    /** An OBR with the accession in OBR-3 and the result status in OBR-25. */
    static String obr(int setId, String accession, String status) {
        String[] f = new String[26];
        java.util.Arrays.fill(f, "");
        f[0] = "OBR";
        f[1] = String.valueOf(setId);
        f[3] = accession;
        f[4] = "CT^CT EXAM";
        f[25] = status;
        return String.join("|", f);
    }

    private List<ReportFile> read(String message) throws OruRejection {
        return reader.read(message.getBytes(StandardCharsets.UTF_8)).reports();
    }

    @Test
    void readsOneReportWithPatientAccessionStatusDatesStudyUidAndText() throws Exception {
        List<ReportFile> reports = read(oru(PID,
                "ORC|RE|ORD1|ACC100",
                "OBR|1|ORD1|ACC100|71250^CT CHEST WO^CPT|||20240312093000||||||||||PF1|||||20240312101200+0100|||F",
                "OBX|1|TX|18782-3^Study observation^LN||FINDINGS: 4 mm nodule in the right upper lobe.||||||F",
                "OBX|2|FT|18782-3^Study observation^LN||No pleural effusion.\\.br\\IMPRESSION:\\X0A\\Small nodule \\T\\ no effusion.||||||F",
                "OBX|3|ST|19005-8^Impression^LN||Follow-up CT in 12 months.||||||F",
                "OBX|4|UI|113014^Study Instance UID^DCM||1.2.840.113619.2.55.3.1||||||F",
                "OBX|5|NM|8302-2^Height^LN||170|cm|||||F"));
        assertThat(reports).hasSize(1);
        ReportFile r = reports.get(0);
        assertThat(r.accessionNumber()).isEqualTo("ACC100");
        assertThat(r.patientId()).isEqualTo("MRN123");
        assertThat(r.issuerOfPatientId()).isEqualTo("HOSP");
        assertThat(r.status()).isEqualTo("F");
        assertThat(r.studyInstanceUid()).isEqualTo("1.2.840.113619.2.55.3.1");
        assertThat(r.observedAt()).isEqualTo(OffsetDateTime.of(2024, 3, 12, 9, 30, 0, 0, ZoneOffset.UTC));
        assertThat(r.reportedAt()).isEqualTo(OffsetDateTime.of(2024, 3, 12, 10, 12, 0, 0, ZoneOffset.ofHours(1)));
        assertThat(r.reportDate()).hasToString("2024-03-12");
        assertThat(r.sourceMessageId()).isEqualTo("MSG0001");
        assertThat(r.text()).isEqualTo("FINDINGS: 4 mm nodule in the right upper lobe.\nNo pleural effusion.\nIMPRESSION:\n"
                + "Small nodule & no effusion.\nFollow-up CT in 12 months.");
    }

    @Test
    void accessionFieldIsConfigurableAndFallsBackInOrder() throws Exception {
        String msg = oru(PID, "OBR|1|PLC7||71250^CT CHEST^CPT|||20240312|||||||||||ACC18||||||||P", "OBX|1|TX|||Report text.");
        assertThat(read(msg).get(0).accessionNumber()).as("OBR-3 empty, OBR-18 used").isEqualTo("ACC18");
        OruReportReader placer = new OruReportReader(new OruReportReader.Config(List.of("OBR-2"), Set.of("P"), List.of("2.5"), ZoneOffset.UTC));
        assertThat(placer.read(msg.getBytes(StandardCharsets.UTF_8)).reports().get(0).accessionNumber()).isEqualTo("PLC7");
        assertThatThrownBy(() -> new OruReportReader.Config(List.of("PID-3"), Set.of("P"), List.of("2.5"), ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeatedObrGivesOneReportEach() throws Exception {
        List<ReportFile> reports = read(oru(PID,
                obr(1, "ACC1", "P"), "OBX|1|TX|||Chest report.",
                obr(2, "ACC2", "F"), "OBX|1|TX|||Abdomen report.", "OBX|2|TX|||Second line."));
        assertThat(reports).extracting(ReportFile::accessionNumber).containsExactly("ACC1", "ACC2");
        assertThat(reports).extracting(ReportFile::text).containsExactly("Chest report.", "Abdomen report.\nSecond line.");
        assertThat(reports).extracting(ReportFile::status).containsExactly("P", "F");
        assertThat(reports).extracting(ReportFile::patientId).containsExactly("MRN123", "MRN123");
    }

    @Test
    void nteTextJoinsTheReportInMessageOrder() throws Exception {
        List<ReportFile> reports = read(oru(PID,
                "NTE|1|P|Patient prefers morning appointments.",
                obr(1, "ACC1", "F"),
                "NTE|1|L|EXAMINATION: CT CHEST WO",
                "OBX|1|TX|18782-3^Study observation^LN||FINDINGS: 4 mm nodule in the right upper lobe.||||||F",
                "NTE|1|L|Nodule unchanged \\T\\ stable.\\.br\\No effusion.~Second repetition line.",
                "OBX|2|UI|113014^Study Instance UID^DCM||1.2.3.4.5||||||F",
                "OBX|3|TX|19005-8^Impression^LN||IMPRESSION: Stable nodule.||||||F",
                "NTE|1|L|ADDENDUM: compared with the prior CT, unchanged.|RE^Remark^HL70364",
                obr(2, "ACC2", "F"),
                "NTE|1|L|FINDINGS: No pneumothorax.",
                "NTE|2|L|IMPRESSION: Normal chest.",
                "PID|1||MRN456^^^OTHER||ROE^RICHARD",
                "NTE|1|P|Comment on the second patient only.",
                obr(1, "ACC3", "P"),
                "OBX|1|FT|||Text from OBX only."));
        assertThat(reports).extracting(ReportFile::accessionNumber).containsExactly("ACC1", "ACC2", "ACC3");
        assertThat(reports.get(0).text()).isEqualTo("EXAMINATION: CT CHEST WO\nFINDINGS: 4 mm nodule in the right upper lobe.\n"
                + "Nodule unchanged & stable.\nNo effusion.\nSecond repetition line.\nIMPRESSION: Stable nodule.\n"
                + "ADDENDUM: compared with the prior CT, unchanged.");
        assertThat(reports.get(0).studyInstanceUid()).isEqualTo("1.2.3.4.5");
        assertThat(reports.get(0).status()).isEqualTo("F");
        assertThat(reports.get(1).text()).as("text in NTE only").isEqualTo("FINDINGS: No pneumothorax.\nIMPRESSION: Normal chest.");
        assertThat(reports.get(2).text()).as("a patient note before the OBR is not report text").isEqualTo("Text from OBX only.");
        assertThat(reports.get(2).patientId()).isEqualTo("MRN456");
    }

    @Test
    void nteRulesKeepTheStrictChecks() {
        assertRejected(oru(PID, "NTE|1|P|A note but no order."), "AE", "no OBR segment");
        assertRejected(oru(PID, "OBR|1||ACC1", "NTE|1|L|   ", "NTE|2|L|"), "AE", "no report text");
        assertRejected(oru(PID, "NTE|1|P|Note on the patient.", "OBR|1||ACC1"), "AE", "no report text");
        assertRejected(oru(PID, "OBR|1||ACC1", "NTE|1|L|Fine.", "OBR|2||", "NTE|1|L|No accession."), "AE", "OBR 2 of 2");
    }

    @Test
    void eachPatientGroupKeepsItsOwnPatient() throws Exception {
        List<ReportFile> reports = read(oru(PID, "OBR|1||ACC1", "OBX|1|TX|||One.",
                "PID|1||MRN456^^^OTHER||ROE^RICHARD", "OBR|1||ACC2", "OBX|1|TX|||Two."));
        assertThat(reports).extracting(ReportFile::patientId).containsExactly("MRN123", "MRN456");
        assertThat(reports).extracting(ReportFile::issuerOfPatientId).containsExactly("HOSP", "OTHER");
    }

    @Test
    void pv1PatientClassGoesToThatPatientsReportsOnly() throws Exception {
        // PATIENT group 1 with PV1-2 'i' (inpatient, case-folded); group 2 without PV1; group 3 with an empty PV1-2
        List<ReportFile> reports = read(oru(PID, "PV1|1|i|WARD^12^1", "OBR|1||ACC1", "OBX|1|TX|||One.", "OBR|2||ACC2", "OBX|1|TX|||Two.",
                "PID|1||MRN456^^^OTHER||ROE^RICHARD", "OBR|1||ACC3", "OBX|1|TX|||Three.",
                "PID|1||MRN789^^^OTHER||POE^PAT", "PV1|1||ER", "OBR|1||ACC4", "OBX|1|TX|||Four."));
        assertThat(reports).extracting(ReportFile::patientClass).containsExactly("I", "I", null, null);
    }

    @Test
    void pv1WithoutPidOrWithAMalformedClassIsIgnored() throws Exception {
        assertThat(read(oru("PV1|1|E", "OBR|1||ACC1", "OBX|1|TX|||One.")).get(0).patientClass()).isNull();
        assertThat(read(oru(PID, "PV1|1|not a code", "OBR|1||ACC1", "OBX|1|TX|||One.")).get(0).patientClass()).isNull();
        assertThat(read(oru(PID, "PV1|1|E^emergency", "OBR|1||ACC1", "OBX|1|TX|||One.")).get(0).patientClass()).isEqualTo("E");
    }

    @Test
    void twoPidsWithoutAnObrBetweenAreAmbiguous() {
        assertThatThrownBy(() -> read(oru(PID, "PID|1||MRN456^^^OTHER", "OBR|1||ACC1", "OBX|1|TX|||Text.")))
                .isInstanceOf(OruRejection.class).hasMessageContaining("two PID segments")
                .satisfies(e -> assertThat(((OruRejection) e).ackCode()).isEqualTo("AE"));
    }

    @Test
    void missingSegmentsAndContentAreApplicationErrors() {
        assertRejected(oru(PID), "AE", "no OBR segment");
        assertRejected(oru(PID, "OBR|1||ACC1"), "AE", "no report text");
        assertRejected(oru(PID, "OBR|1||ACC1", "OBX|1|TX|||   ", "OBX|2|NM|||5"), "AE", "no report text");
        assertRejected(oru(PID, "OBR|1||", "OBX|1|TX|||Text."), "AE", "no accession number in OBR-3 or OBR-18");
        assertRejected(oru(PID, "OBX|1|TX|||Text.", "OBR|1||ACC1"), "AE", "before any OBR");
        assertRejected(oru("PID|1||^^^HOSP", "OBR|1||ACC1", "OBX|1|TX|||Text."), "AE", "no patient identifier");
        assertRejected(oru(PID, "OBR|1||ACC1", "OBX|1|TX|||One.", "OBR|2||", "OBX|1|TX|||Two."), "AE", "OBR 2 of 2");
        assertRejected("this is not HL7 at all", "AE", "does not start with an MSH");
        assertRejected("", "AE", "does not start with an MSH");
    }

    @Test
    void noPidIsAcceptedAndLinksByAccessionOnly() throws Exception {
        ReportFile r = read(oru("OBR|1||ACC9", "OBX|1|TX|||Text.")).get(0);
        assertThat(r.patientId()).isNull();
        assertThat(r.issuerOfPatientId()).isEmpty();
        assertThat(r.status()).isNull();
    }

    @Test
    void messagesWeDoNotProcessAreRejected() {
        assertRejected(msh("ADT^A01^ADT_A01", "2.5.1", "P", "") + PID, "AR", "only ORU^R01");
        assertRejected(msh("ORU^R01", "2.1", "P", "") + PID, "AR", "version '2.1'");
        assertRejected(msh("ORU^R01", "2.5.1", "X", "") + PID, "AR", "processing id 'X'");
    }

    @Test
    void charsetFromMsh18AndBadBytes() throws Exception {
        String body = "OBR|1||ACC1\rOBX|1|TX|||Fl\u00fcssigkeit im Recessus.\r";
        byte[] latin1 = (msh("ORU^R01", "2.5", "P", "8859/1") + body).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.read(latin1).reports().get(0).text()).isEqualTo("Fl\u00fcssigkeit im Recessus.");
        byte[] utf8 = (msh("ORU^R01", "2.5", "P", "UNICODE UTF-8") + body).getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(utf8).reports().get(0).text()).isEqualTo("Fl\u00fcssigkeit im Recessus.");
        // Latin-1 bytes without MSH-18: not UTF-8, refused with the reason rather than turned into mojibake
        byte[] undeclared = (msh("ORU^R01", "2.5", "P", "") + body).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.read(undeclared)).isInstanceOf(OruRejection.class).hasMessageContaining("not valid UTF-8");
        assertRejected(msh("ORU^R01", "2.5", "P", "EBCDIC") + body, "AE", "not supported");
    }

    @Test
    void escapesAreDecodedByHapiAndFormattingCommandsAfterIt() throws Exception {
        // delimiter escapes (HAPI's parser), formatting and hex data (FormattedText) in OBX-5 and NTE-3
        List<ReportFile> reports = read(oru(PID, "OBR|1||ACC1",
                "OBX|1|FT|||a\\F\\b\\S\\c\\R\\d\\E\\e \\T\\ f",
                "OBX|2|FT|||line1\\.br\\line2\\.sp 1\\line3",
                "OBX|3|FT|||\\H\\bold\\N\\ \\.in+4\\x\\X0D0A\\y",
                "NTE|1|L|Fl\\XC3BC\\ssigkeit\\.br\\unterminated \\ escape"));
        assertThat(reports.get(0).text()).isEqualTo("a|b^c~d\\e & f\nline1\nline2\n\nline3\nbold x\ny\nFl\u00fcssigkeit\n"
                // a lone escape character is no escape sequence: HAPI's parser drops it
                + "unterminated  escape");
    }

    @Test
    void formattingCommandsHapiLeavesInPlaceBecomePlainText() {
        assertThat(FormattedText.plain("line1\\.br\\line2\\.sp 2\\line3", '\\', StandardCharsets.UTF_8)).isEqualTo("line1\nline2\n\n\nline3");
        assertThat(FormattedText.plain("\\H\\bold\\N\\ \\.in+4\\x\\X0D0A\\y", '\\', StandardCharsets.UTF_8)).isEqualTo("bold x\r\ny");
        assertThat(FormattedText.plain("\\XFC\\", '\\', StandardCharsets.ISO_8859_1)).isEqualTo("\u00fc");
        assertThat(FormattedText.plain("\\Zlocal\\kept \\Xnothex\\", '\\', StandardCharsets.UTF_8)).isEqualTo("kept \\Xnothex\\");
        assertThat(FormattedText.plain("unterminated \\ escape", '\\', StandardCharsets.UTF_8)).isEqualTo("unterminated \\ escape");
    }

    @Test
    void versionsFrom23To251AndLineEndingsReadTheSame() throws Exception {
        String body = PID + "PV1|1|O\r" + obr(1, "ACC1", "F") + "\rOBX|1|TX|||One.~Two \\T\\ three\rNTE|1|L|Note.\r";
        List<ReportFile> reference = reader.read((msh("ORU^R01^ORU_R01", "2.5.1", "P", "") + body).getBytes(StandardCharsets.UTF_8)).reports();
        assertThat(reference.get(0).text()).isEqualTo("One.\nTwo & three\nNote.");
        for (String version : List.of("2.3", "2.3.1", "2.4", "2.5", "2.6")) {
            String m = msh("ORU^R01", version, "P", "") + body;
            for (String message : List.of(m, m.replace("\r", "\r\n"), m.replace("\r", "\n"))) {
                assertThat(reader.read(message.getBytes(StandardCharsets.UTF_8)).reports()).as(version).usingRecursiveComparison()
                        .isEqualTo(reference);
            }
        }
    }

    @Test
    void nonStandardDelimitersAreReadFromMsh() throws Exception {
        String m = "MSH#*@!%#RIS#HOSP#RADBRIDGE#RB#20240312101500##ORU*R01#M9#P#2.5.1\r"
                + "PID#1##MRN9***HOSP*MR\rOBR#1##ACC9\rOBX#1#TX###Uses !F! and !S!: a*b@c\r";
        ReportFile r = reader.read(m.getBytes(StandardCharsets.UTF_8)).reports().get(0);
        assertThat(r.patientId()).isEqualTo("MRN9");
        assertThat(r.issuerOfPatientId()).isEqualTo("HOSP");
        assertThat(r.text()).as("@ is the repetition separator here").isEqualTo("Uses # and *: a*b\nc");
    }

    @Test
    void segmentsThatAreNotSegmentsAreRefusedWithTheirPosition() {
        assertRejected(oru(PID, "OBR|1||ACC1", "this line is no segment", "OBX|1|TX|||Text."), "AE",
                "segment 4 does not start with a segment name: 'this line is no segment'");
        assertRejected(oru(PID, "OBR|1||ACC1", "obx|1|TX|||Text."), "AE", "segment 4 does not start with a segment name: 'obx'");
        assertRejected(oru(PID, "OBR|1||ACC1", "OBX|1|TX|||Text.") + msh("ORU^R01", "2.5.1", "P", "") + "OBR|1||ACC2\rOBX|1|TX|||B\r",
                "AE", "a second MSH segment (segment 5)");
    }

    @Test
    void zdsSegmentCarriesTheStudyUid() throws Exception {
        ReportFile r = read(oru(PID, "OBR|1||ACC1", "ZDS|1.2.3.4.5^RADBRIDGE^Application^DICOM", "OBX|1|TX|||Text.")).get(0);
        assertThat(r.studyInstanceUid()).isEqualTo("1.2.3.4.5");
        ReportFile bad = read(oru(PID, "OBR|1||ACC1", "ZDS|not-a-uid", "OBX|1|TX|||Text.")).get(0);
        assertThat(bad.studyInstanceUid()).as("a malformed UID is dropped, the report kept").isNull();
    }

    @Test
    void aOneMegabyteReportIsRead() throws Exception {
        StringBuilder obx = new StringBuilder();
        String line = "The lungs are clear without focal consolidation, effusion or pneumothorax. ";
        int n = 0;
        while (obx.length() < 1_300_000) obx.append("OBX|").append(++n).append("|TX|||").append(line).append('\r');
        ReportFile r = read(oru(PID, "OBR|1||ACCBIG", obx.toString())).get(0);
        assertThat(r.text().split("\n")).hasSize(n);
        assertThat(r.text().length()).isEqualTo(n * (line.strip().length() + 1) - 1).isGreaterThan(1_000_000);
    }

    private void assertRejected(String message, String code, String reason) {
        assertThatThrownBy(() -> read(message)).isInstanceOf(OruRejection.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(((OruRejection) e).ackCode()).isEqualTo(code));
    }
}
