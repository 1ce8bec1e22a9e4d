package org.radbridge.report.hl7;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.radbridge.report.ReportRepository;
import org.radbridge.staging.Quarantine;
import org.radbridge.testsupport.TestDatabase;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The MLLP listener on a real socket, staging into a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MllpReportRouteTest {
    @TempDir
    static Path tmp;
    private TestDatabase db;
    private DefaultCamelContext camel;
    private int port;
    private Path quarantineDir;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase(tmp);
        quarantineDir = tmp.resolve("quarantine");
        OruReceiver receiver = new OruReceiver(OruReportReader.Config.DEFAULT, new ReportRepository(db.dataSource()),
                new Quarantine(db.dataSource(), quarantineDir));
        port = freePort();
        camel = new DefaultCamelContext();
        camel.addRoutes(new MllpReportRoute("127.0.0.1", port, receiver));
        camel.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (camel != null) camel.stop();
        if (db != null) db.close();
    }

    static String oru(String controlId, String accession, String status, String... obx) {
        StringBuilder m = new StringBuilder("MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\r"
                + "PID|1||MRN77^^^HOSP^MR||DOE^JANE\r" + OruReportReaderTest.obr(1, accession, status) + "\r");
        for (int i = 0; i < obx.length; i++) m.append("OBX|").append(i + 1).append("|TX|||").append(obx[i]).append("\r");
        return m.toString();
    }

    @Test
    void acceptsStoresOnceAndTakesTheNewerStatusOfTheSameText() throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            String ack = client.send(oru("C1", "ACC-A", "P", "FINDINGS: No pneumothorax.", "IMPRESSION: Normal chest."));
            assertThat(MllpClient.ackCode(ack)).isEqualTo("AA");
            assertThat(MllpClient.segment(ack, "MSA")).isEqualTo("MSA|AA|C1");
            assertThat(MllpClient.segment(ack, "MSH")).contains("|ACK^R01^ACK|").contains("|RADBRIDGE|").contains("|RIS|HOSP|");
            // answered after the commit: the row is there as soon as the AA is
            assertThat(db.rows("SELECT accession_number, patient_id, issuer_of_patient_id, status, source, text, source_message_id "
                    + "FROM radbridge.report WHERE accession_number = 'ACC-A'"))
                    .singleElement().satisfies(r -> assertThat(r).containsExactly("ACC-A", "MRN77", "HOSP", "P", "hl7-mllp",
                            "FINDINGS: No pneumothorax.\nIMPRESSION: Normal chest.", "C1"));
            assertThat(MllpClient.ackCode(client.send(oru("C1", "ACC-A", "P", "FINDINGS: No pneumothorax.", "IMPRESSION: Normal chest."))))
                    .as("a resend").isEqualTo("AA");
            assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-A'")).isEqualTo(1);
            assertThat(MllpClient.ackCode(client.send(oru("C2", "ACC-A", "F", "FINDINGS: No pneumothorax.", "IMPRESSION: Normal chest."))))
                    .isEqualTo("AA");
            assertThat(db.rows("SELECT status, source_message_id, updated_at IS NOT NULL FROM radbridge.report WHERE accession_number = 'ACC-A'"))
                    .singleElement().satisfies(r -> assertThat(r).containsExactly("F", "C2", "t"));
            assertThat(MllpClient.ackCode(client.send(oru("C3", "ACC-A", "C", "FINDINGS: No pneumothorax.",
                    "IMPRESSION: Normal chest.", "ADDENDUM: compared with prior, unchanged.")))).isEqualTo("AA");
            assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-A'")).as("an amended text is a new version").isEqualTo(2);
        }
    }

    /** A RIS that sends the report in NTE segments: after the OBR, after an OBX, and nothing but NTE. */
    @Test
    void nteTextIsStagedInMessageOrderAndAResendIsStoredOnce() throws Exception {
        String mixed = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|N1|P|2.5.1\r"
                + "PID|1||MRN77^^^HOSP^MR||DOE^JANE\rNTE|1|P|Patient note, not report text.\r"
                + OruReportReaderTest.obr(1, "ACC-N1", "F") + "\rNTE|1|L|EXAMINATION: CT CHEST\r"
                + "OBX|1|TX|||FINDINGS: 5 mm nodule in the left lower lobe.\rNTE|1|L|No pleural effusion.\\.br\\No pneumothorax.\r"
                + "OBX|2|TX|||IMPRESSION: Small nodule.\rNTE|1|L|ADDENDUM: discussed with the referring team.\r";
        String nteOnly = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|N2|P|2.5.1\r"
                + "PID|1||MRN77^^^HOSP^MR||DOE^JANE\r" + OruReportReaderTest.obr(1, "ACC-N2", "F") + "\r"
                + "NTE|1|L|FINDINGS: Mild cardiomegaly.~IMPRESSION: Cardiomegaly \\T\\ no edema.\r";
        String nteEmpty = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|N3|P|2.5.1\r"
                + "PID|1||MRN77^^^HOSP^MR||DOE^JANE\r" + OruReportReaderTest.obr(1, "ACC-N3", "F") + "\rNTE|1|L|\r";
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send(mixed))).isEqualTo("AA");
            assertThat(MllpClient.ackCode(client.send(nteOnly))).isEqualTo("AA");
            assertThat(MllpClient.ackCode(client.send(nteOnly))).as("resent").isEqualTo("AA");
            String ae = client.send(nteEmpty);
            assertThat(MllpClient.ackCode(ae)).isEqualTo("AE");
            assertThat(MllpClient.segment(ae, "ERR")).contains("101^Required field missing^HL70357").contains("no report text");
        }
        assertThat(db.rows("SELECT text FROM radbridge.report WHERE accession_number = 'ACC-N1'")).singleElement()
                .satisfies(r -> assertThat(r[0]).isEqualTo("EXAMINATION: CT CHEST\nFINDINGS: 5 mm nodule in the left lower lobe.\n"
                        + "No pleural effusion.\nNo pneumothorax.\nIMPRESSION: Small nodule.\nADDENDUM: discussed with the referring team."));
        assertThat(db.rows("SELECT text, status FROM radbridge.report WHERE accession_number = 'ACC-N2'")).as("stored once").singleElement()
                .satisfies(r -> assertThat(r).containsExactly("FINDINGS: Mild cardiomegaly.\nIMPRESSION: Cardiomegaly & no edema.", "F"));
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-N3'")).isZero();
        assertThat(db.count("SELECT count(*) FROM radbridge.quarantine WHERE original_path = 'mllp:RIS^HOSP/N3'")).isEqualTo(1);
    }

    @Test
    void malformedMessageIsAnsweredAeWithReasonAndQuarantined() throws Exception {
        String message = oru("BAD1", "", "F", "Report without accession.");
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            String ack = client.send(message);
            assertThat(MllpClient.ackCode(ack)).isEqualTo("AE");
            assertThat(MllpClient.segment(ack, "MSA")).startsWith("MSA|AE|BAD1|");
            String err = MllpClient.segment(ack, "ERR");
            assertThat(err).contains("101^Required field missing^HL70357").contains("|E|").contains("no accession number");
            assertThat(MllpClient.ackCode(client.send(message))).as("the same bad message again").isEqualTo("AE");
        }
        List<String[]> q = db.rows("SELECT original_path, kind, reason, stored_path FROM radbridge.quarantine WHERE original_path LIKE '%/BAD1'");
        assertThat(q).as("recorded once").hasSize(1);
        assertThat(q.get(0)[0]).isEqualTo("mllp:RIS^HOSP/BAD1");
        assertThat(q.get(0)[1]).isEqualTo("hl7");
        assertThat(q.get(0)[2]).startsWith("AE: ").contains("no accession number");
        assertThat(Files.readString(Path.of(q.get(0)[3]))).isEqualTo(message);
        assertThat(Path.of(q.get(0)[3] + ".reason.txt")).content().contains("no accession number");
    }

    @Test
    void otherMessageTypesAreRejectedWithAr() throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            String ack = client.send("MSH|^~\\&|ADT|HOSP|RADBRIDGE|RB|20240312||ADT^A01^ADT_A01|ADT9|P|2.5.1\rPID|1||MRN1\r");
            assertThat(MllpClient.ackCode(ack)).isEqualTo("AR");
            assertThat(MllpClient.segment(ack, "ERR")).contains("200^Unsupported message type^HL70357");
        }
    }

    @Test
    void garbageOnTheSocketNeverStopsTheListener() throws Exception {
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            // bytes inside a frame that are no HL7 at all: AE, quarantined
            byte[] garbage = new byte[512];
            new java.util.Random(7).nextBytes(garbage);
            for (int i = 0; i < garbage.length; i++) if (garbage[i] == 0x0B || garbage[i] == 0x1C) garbage[i] = 0x20;
            String ack = client.send(garbage);
            assertThat(MllpClient.ackCode(ack)).isEqualTo("AE");
            assertThat(MllpClient.segment(ack, "ERR")).contains("does not start with an MSH");
        }
        assertThat(db.count("SELECT count(*) FROM radbridge.quarantine WHERE original_path = 'mllp:unparsed'")).isEqualTo(1);
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            // bytes outside any frame, then a proper message on the same connection
            client.writeRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(MllpClient.ackCode(client.send(oru("G2", "ACC-G", "F", "Text after garbage.")))).isEqualTo("AA");
        } catch (java.io.IOException reset) {
            // camel-mllp may reset a connection that sent unframed bytes; the next connection must still work
        }
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send(oru("G3", "ACC-G3", "F", "Still listening.")))).isEqualTo("AA");
        }
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-G3'")).isEqualTo(1);
    }

    @Test
    void aOneMegabyteReportIsAccepted() throws Exception {
        String[] lines = new String[14_000];
        java.util.Arrays.fill(lines, "The lungs are clear. There is no pleural effusion or pneumothorax. Heart size normal.");
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send(oru("BIG1", "ACC-BIG", "F", lines)))).isEqualTo("AA");
        }
        assertThat(db.count("SELECT length(text) FROM radbridge.report WHERE accession_number = 'ACC-BIG'")).isGreaterThan(1_000_000);
    }

    @Test
    void databaseOutageIsAnsweredArAndNothingIsLostOnResend() throws Exception {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setURL("jdbc:postgresql://127.0.0.1:" + freePort() + "/radbridge?connectTimeout=2");
        OruReceiver offline = new OruReceiver(OruReportReader.Config.DEFAULT, new ReportRepository(down), new Quarantine(down, quarantineDir));
        String message = oru("OUT1", "ACC-OUT", "F", "Report sent while the database was down.");
        OruReceiver.Outcome o = offline.receive(message.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(o.ackCode()).isEqualTo("AR");
        String ack = new String(o.ack(), StandardCharsets.UTF_8);
        assertThat(MllpClient.segment(ack, "ERR")).contains("207^Application internal error^HL70357").contains("send it again later");
        // the sender retries once the database is back
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send(message))).isEqualTo("AA");
        }
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-OUT'")).isEqualTo(1);
        // a malformed message during the outage cannot be quarantined in the database either: AR, so it comes again
        assertThat(offline.receive("garbage".getBytes(StandardCharsets.UTF_8), "test").ackCode()).isEqualTo("AR");
    }

    @Test
    void severalReportsInOneMessageAreAllOrNothing() throws Exception {
        String both = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312||ORU^R01|M2|P|2.4\rPID|1||MRN5^^^HOSP\r"
                + OruReportReaderTest.obr(1, "ACC-M1", "F") + "\rOBX|1|TX|||First.\r"
                + OruReportReaderTest.obr(2, "ACC-M2", "F") + "\rOBX|1|TX|||Second.\r";
        String secondBroken = both.replace("OBX|1|TX|||Second.\r", "");
        try (MllpClient client = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.ackCode(client.send(secondBroken))).isEqualTo("AE");
            assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number LIKE 'ACC-M%'")).isZero();
            assertThat(MllpClient.ackCode(client.send(both))).isEqualTo("AA");
            assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number LIKE 'ACC-M%'")).isEqualTo(2);
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
