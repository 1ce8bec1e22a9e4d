package org.radbridge.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.server.security.Role;
import org.radbridge.server.security.TokenStore;
import org.radbridge.staging.Quarantine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (Debian's headless Chromium through chromedriver and Selenium) against a running
 * server on end-to-end data: the thin path's bad files, a study whose description no mapping covers, a reader token and
 * a patient token. Every page's numbers are compared with SQL; screenshots land in target/console-screenshots.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserEndToEndTest {
    private static final String UNSEEN = "ZZ CONSOLE EXAM";
    private static final String[] PROPS = {"radbridge.home", "radbridge.data", "radbridge.http.port", "radbridge.db.port",
            "radbridge.dicom.port", "radbridge.mllp.port", "radbridge.pseudonym.key"};
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Map<String, String> saved = new java.util.HashMap<>();
    private Path work;
    private Path home;
    private Path shots;
    private ConfigurableApplicationContext ctx;
    private String base;
    private String adminToken;
    private String readerToken;
    private String patientToken;
    private String unseenUid;
    private Path fresh;
    private WebDriver browser;
    private Path realHome;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian packages chromium and chromium-driver are needed (./radbridge test installs them)");
        for (String p : PROPS) saved.put(p, System.getProperty(p));
        realHome = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("radbridge-console-e2e");
        shots = Files.createDirectories(realHome.resolve("fhir-server/target/console-screenshots"));
        // the console writes mapping rows: into a copy of mappings/, never the repository's files
        home = work.resolve("home");
        copy(realHome.resolve("mappings"), home.resolve("mappings"));
        copy(realHome.resolve("terminology/codesystems"), home.resolve("terminology/codesystems"));
        Files.copy(realHome.resolve("terminology/fhir-codesystems.csv"), home.resolve("terminology/fhir-codesystems.csv"));
        // the cohorts page lists the repository's example definitions and labels manifests with its label sets
        copy(realHome.resolve("sql/cohorts/examples"), home.resolve("sql/cohorts/examples"));
        copy(realHome.resolve("terminology/label-sets"), home.resolve("terminology/label-sets"));
        // and a definition saved in the configured folder (default DATA/cohort-definitions): every CT series
        Files.writeString(Files.createDirectories(work.resolve("data/cohort-definitions")).resolve("all-ct.yaml"),
                "name: console-all-ct\ndescription: every CT series (console test)\nmodality: [CT]\noccurrence: all\nlabels: chexpert\n");
        Files.writeString(work.resolve("data/cohort-definitions/unknown-site.yaml"), "name: console-unknown-site\n"
                + "description: a body site no vocabulary has (console test, the run fails)\nmodality: [CT]\n"
                + "body_site:\n  vocabulary: SNOMED\n  codes: [\"999999999\"]\noccurrence: all\n");

        Path pacs = work.resolve("pacs");
        new SyntheticPacsGenerator(new GenerateOptions(3, 17L, pacs)).generate();
        unseenUid = E2eSupport.renameOneStudy(pacs.resolve("dicom"), UNSEEN);
        Path bad = Files.createDirectories(work.resolve("bad"));
        writeBadFiles(pacs.resolve("dicom"), bad);
        // a study of another generated PACS: quarantined below as if staging had been down, then retried from the console
        Path other = work.resolve("other");
        new SyntheticPacsGenerator(new GenerateOptions(1, 99L, other)).generate();
        try (Stream<Path> s = Files.walk(other.resolve("dicom"))) {
            fresh = s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }

        int port = E2eSupport.freePort();
        System.setProperty("radbridge.home", home.toString());
        System.setProperty("radbridge.data", work.resolve("data").toString());
        System.setProperty("radbridge.http.port", String.valueOf(port));
        System.setProperty("radbridge.db.port", String.valueOf(E2eSupport.freePort()));
        System.setProperty("radbridge.dicom.port", String.valueOf(E2eSupport.freePort()));
        System.setProperty("radbridge.mllp.port", String.valueOf(E2eSupport.freePort()));
        System.setProperty("radbridge.pseudonym.key", "console-e2e-key-0123456789abcdef");
        SpringApplication app = new SpringApplication(RadBridgeApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        // as `serve` runs: the inbox is watched (its files show as a running job); projection of new arrivals waits for a
        // quiet period the test never reaches, so nothing is projected behind the test's back
        app.setDefaultProperties(Map.of("server.port", String.valueOf(port), "server.address", "127.0.0.1",
                "radbridge.server", "true", "radbridge.quiet-period-seconds", "3600"));
        ctx = app.run();
        base = "http://127.0.0.1:" + port;
        IngestSummary s = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports"), bad), "folder");
        assertThat(s.projectionProblems()).isEmpty();
        assertThat(s.quarantined()).hasSize(3);
        ctx.getBean(Quarantine.class).put(fresh, "dicom", "staging database unreachable (simulated outage)", false);

        TokenStore tokens = ctx.getBean(TokenStore.class);
        adminToken = E2eSupport.adminToken(work.resolve("data"));
        readerToken = tokens.create("console-reader", Role.READER, null);
        patientToken = tokens.create("console-patient", Role.PATIENT, "1");

        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1100));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) browser.quit();
        if (ctx != null) ctx.close();
        saved.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
        InProcessServer.deleteTree(work);
    }

    @Test
    @Order(1)
    void withoutATokenOnlyTheSignInPageIsShown() throws Exception {
        for (String page : List.of("/", "/quarantine", "/quarantine/1", "/mappings", "/population", "/study", "/population/age-sex.csv", "/cohorts", "/cohorts/run/1", "/not-projected")) {
            browser.get(base + page);
            assertThat(browser.getCurrentUrl()).as(page).isEqualTo(base + "/signin");
            assertThat(browser.findElements(By.id("token"))).hasSize(1);
            assertThat(browser.getPageSource()).doesNotContain(unseenUid);
        }
        screenshot("0-signin");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/quarantine/1/dismiss"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
        signIn("not-a-token");
        assertThat(browser.findElement(By.className("error")).getText()).contains("not valid");
        signIn(patientToken);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/signin");
        assertThat(browser.findElement(By.className("error")).getText()).contains("patient");
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE resolution IS NOT NULL")).isZero();
    }

    @Test
    @Order(2)
    void theOverviewShowsTheCountsOfTheThreeViews() throws Exception {
        signIn(adminToken);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
        Cookie session = browser.manage().getCookieNamed("RADBRIDGE_CONSOLE");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        assertRow("Studies", count("SELECT count(*) FROM radbridge.study"), fhirCount("ImagingStudy"),
                count("SELECT count(*) FROM omop.procedure_occurrence"));
        assertRow("Series", count("SELECT count(DISTINCT series_instance_uid) FROM radbridge.instance"), null,
                count("SELECT count(*) FROM omop.image_occurrence"));
        assertRow("Instances", count("SELECT count(*) FROM radbridge.instance"), null, null);
        assertRow("Reports linked (accessions)", count("SELECT count(DISTINCT accession_number) FROM radbridge.report WHERE link_status = 'linked'"),
                fhirCount("DiagnosticReport"), count("SELECT count(*) FROM omop.note"));
        assertRow("NLP finding mentions", count("SELECT count(*) FROM radbridge.report_mention"), fhirCount("Observation"),
                count("SELECT count(*) FROM omop.note_nlp"));
        assertRow("Patients / persons", count("SELECT count(DISTINCT patient_id) FROM radbridge.study"), fhirCount("Patient"),
                count("SELECT count(*) FROM omop.person"));
        assertThat(count("SELECT count(*) FROM radbridge.study")).isPositive();
        assertThat(count("SELECT count(*) FROM radbridge.report_mention")).isPositive();
        assertThat(number(browser.findElement(By.id("quarantine-open")))).isEqualTo(count("SELECT count(*) FROM radbridge.quarantine"));
        assertThat(browser.findElement(By.id("arriving")).getText()).isEqualTo("Arriving: " + count("SELECT count(*) FROM radbridge.study "
                + "WHERE first_received_at >= now() - interval '5 minutes'") + " new studies and " + count("SELECT count(*) FROM radbridge.report "
                + "WHERE received_at >= now() - interval '5 minutes'") + " reports in the last 5 minutes");
        // every study arrived today through the ingest command: the receivers table and the last bar of the chart say so
        WebElement receivers = browser.findElement(By.id("receivers"));
        assertThat(receivers.getText()).contains("ingest command (DICOM)").contains(count("SELECT count(*) FROM radbridge.study") + " studies");
        assertThat(browser.findElement(By.id("days-chart")).getAttribute("textContent"))
                .contains("\"data\":[").endsWith("," + count("SELECT count(*) FROM radbridge.study") + "]}],\"stacked\":false,\"horizontal\":false}");
        waitForCharts();
        screenshot("1-overview");
    }

    @Test
    @Order(3)
    void theQuarantineShowsTheBadFilesWithTheirReasonsAndContent() throws Exception {
        browser.get(base + "/quarantine");
        assertThat(number(browser.findElement(By.id("quarantine-total")))).isEqualTo(4);
        List<WebElement> rows = browser.findElements(By.cssSelector("#quarantine tbody tr"));
        assertThat(rows).hasSize(4);
        List<String[]> expected = rows("SELECT original_path, reason FROM radbridge.quarantine ORDER BY quarantined_at DESC, quarantine_id DESC");
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertThat(cells.get(1).getText()).isEqualTo(Path.of(expected.get(i)[0]).getFileName().toString());
            assertThat(cells.get(3).getText()).isEqualTo(expected.get(i)[1]);
        }
        assertThat(browser.findElement(By.id("quarantine")).getText()).contains("notes.dcm", "truncated.dcm", "no-study-uid.dcm");
        screenshot("2-quarantine");

        browser.get(base + "/quarantine?q=truncated");
        assertThat(browser.findElements(By.cssSelector("#quarantine tbody tr"))).hasSize(1);
        submit(browser.findElement(By.linkText("truncated.dcm")));
        assertThat(browser.findElement(By.id("reason")).getText()).contains("truncated");
        // the header dump of a cut file: what could be read, up to the pixel data
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("DICOM header");
        assertThat(browser.findElement(By.id("content")).getText()).contains("(0020,000D) UI StudyInstanceUID").contains("(0008,0060) CS Modality");
        screenshot("3-quarantine-item");

        browser.get(base + "/quarantine?q=notes.dcm");
        submit(browser.findElement(By.linkText("notes.dcm")));
        assertThat(browser.findElement(By.id("content")).getText()).contains("This is a text file that someone saved with a .dcm name.");
    }

    @Test
    @Order(4)
    void aReaderSeesEverythingButCannotAct() throws Exception {
        signOut();
        signIn(readerToken);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
        assertThat(browser.findElement(By.className("who")).getText()).contains("console-reader (reader)");
        long id = count("SELECT quarantine_id FROM radbridge.quarantine WHERE original_path LIKE '%notes.dcm'");
        browser.get(base + "/quarantine/" + id);
        assertThat(browser.findElement(By.id("dismiss")).isEnabled()).isFalse();
        // a reader forging the form anyway is refused by the server
        WebElement dismiss = browser.findElement(By.id("dismiss"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].form.submit()", dismiss);
        waitForNextPage(dismiss);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.getPageSource()).contains("may look but not act");
        browser.get(base + "/mappings");
        assertThat(browser.findElements(By.className("map-link"))).isEmpty();
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE resolution IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM radbridge.console_action")).isZero();
        signOut();
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/signin");
    }

    @Test
    @Order(5)
    void anAdminDismissesAndRetriesEachAudited() throws Exception {
        signIn(adminToken);
        long notes = count("SELECT quarantine_id FROM radbridge.quarantine WHERE original_path LIKE '%notes.dcm'");
        browser.get(base + "/quarantine/" + notes);
        submit(browser.findElement(By.id("dismiss")));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Dismissed");
        assertThat(browser.findElement(By.id("state")).getText()).startsWith("dismissed by local-admin");
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE quarantine_id = " + notes + " AND resolution = 'dismissed'")).isEqualTo(1);

        // a file whose cause is not fixed: the retry fails again and the item stays one item, with the new outcome
        long noUid = count("SELECT quarantine_id FROM radbridge.quarantine WHERE original_path LIKE '%no-study-uid.dcm'");
        browser.get(base + "/quarantine/" + noUid);
        submit(browser.findElement(By.id("retry")));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Retry failed").contains("missing StudyInstanceUID");
        assertThat(count("SELECT count(*) FROM radbridge.quarantine")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE quarantine_id = " + noUid + " AND resolution IS NULL "
                + "AND last_retry_outcome LIKE 'still refused%'")).isEqualTo(1);

        // a file quarantined while staging was down: the retry ingests it and the study appears in all views
        long before = count("SELECT count(*) FROM radbridge.study");
        long outage = count("SELECT quarantine_id FROM radbridge.quarantine WHERE reason LIKE '%simulated outage%'");
        browser.get(base + "/quarantine/" + outage);
        submit(browser.findElement(By.id("retry")));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Retried: ingested: 1 new instances");
        assertThat(count("SELECT count(*) FROM radbridge.study")).isEqualTo(before + 1);
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE quarantine_id = " + outage + " AND resolution = 'ingested'")).isEqualTo(1);

        assertThat(rows("SELECT actor, action, target FROM radbridge.console_action ORDER BY action_id")).extracting(r -> String.join("|", r))
                .containsExactly("local-admin|quarantine-dismiss|quarantine item " + notes, "local-admin|quarantine-retry|quarantine item " + noUid,
                        "local-admin|quarantine-retry|quarantine item " + outage);
        browser.get(base + "/quarantine");
        assertThat(number(browser.findElement(By.id("quarantine-total")))).isEqualTo(2);

        // a form without the session's form token (another site's, a script's) is refused even with the admin's cookie
        String cookie = browser.manage().getCookieNamed("RADBRIDGE_CONSOLE").getValue();
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/quarantine/" + noUid + "/dismiss"))
                .header("Cookie", "RADBRIDGE_CONSOLE=" + cookie).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM radbridge.quarantine WHERE quarantine_id = " + noUid + " AND resolution IS NULL")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aMappingAddedInThePageChangesTheReportAndTheStudysProcedureCode() throws Exception {
        // the report was computed when the reader looked (before the retry added a study): count again now
        browser.get(base + "/mappings?refresh=true");
        WebElement unseen = browser.findElement(By.cssSelector("#todo tr[data-value='" + UNSEEN + "']"));
        assertThat(unseen.getText()).contains("study_description", "unmapped");
        assertThat(unseen.findElement(By.className("records")).getText()).isEqualTo("1");
        assertThat(unseen.getText()).contains(unseenUid.substring(0, 21));
        WebElement coverage = browser.findElement(By.cssSelector("#coverage tr[data-field='study_description']"));
        assertThat(number(coverage.findElement(By.className("records")))).isEqualTo(count("SELECT count(*) FROM radbridge.study"));
        screenshot("4-mappings");

        submit(unseen.findElement(By.className("map-link")));
        // a target the vocabulary does not hold: the reload refuses it, the file is put back, the errors are shown
        String csvBefore = Files.readString(home.resolve("mappings/procedure.csv"));
        WebElement search = browser.findElement(By.id("concept-q"));
        search.clear();
        search.sendKeys("CT chest");
        submit(browser.findElement(By.id("concept-search")));
        List<WebElement> choices = browser.findElements(By.cssSelector("#concepts input[name=target]"));
        assertThat(choices).isNotEmpty();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'LOINC|99999-0'", choices.get(0));
        submit(browser.findElement(By.id("add-mapping")));
        assertThat(browser.findElement(By.id("errors")).getText()).contains("procedure.csv:").contains("99999-0");
        assertThat(Files.readString(home.resolve("mappings/procedure.csv"))).isEqualTo(csvBefore);
        screenshot("5-mapping-refused");

        search = browser.findElement(By.id("concept-q"));
        search.clear();
        search.sendKeys("29252-4");
        submit(browser.findElement(By.id("concept-search")));
        WebElement first = browser.findElements(By.cssSelector("#concepts input[name=target]")).get(0);
        assertThat(first.getAttribute("value")).isEqualTo("LOINC|29252-4");
        screenshot("6-mapping-new");
        submit(browser.findElement(By.id("add-mapping")));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Mapped " + UNSEEN + " to LOINC 29252-4");
        assertThat(Files.readString(home.resolve("mappings/procedure.csv"))).endsWith("\n" + UNSEEN
                + ",Study description," + UNSEEN + ",,LOINC,29252-4,1970-01-01,2099-12-31,\n");
        assertThat(browser.findElements(By.cssSelector("#todo tr[data-value='" + UNSEEN + "']"))).isEmpty();

        // what `mappings report` prints, from the running server
        HttpResponse<String> report = HttpClient.newHttpClient().send(E2eSupport.asAdmin(
                HttpRequest.newBuilder(URI.create(base + "/api/mappings/report")), work.resolve("data")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).doesNotContain(UNSEEN);

        // the reload re-projects the study in the background: OMOP and the study page follow
        String expected = "LOINC 29252-4";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!expected.equals(procedureCode(unseenUid)) && System.nanoTime() < deadline) Thread.sleep(250);
        assertThat(procedureCode(unseenUid)).isEqualTo(expected);
        browser.get(base + "/study?q=" + unseenUid);
        assertThat(browser.findElement(By.id("procedure-concept")).getText()).startsWith(expected);
        assertThat(browser.findElement(By.id("procedure-mapping")).getText()).contains(UNSEEN + " → LOINC 29252-4").contains("direct");
        assertThat(rows("SELECT action, outcome FROM radbridge.console_action WHERE action = 'mapping-add' ORDER BY action_id"))
                .extracting(r -> r[1].substring(0, 8)).containsExactly("refused:", "added an");
    }

    @Test
    @Order(7)
    void thePopulationChartsMatchOmopAndDownloadAsCsv() throws Exception {
        browser.get(base + "/population");
        waitForCharts();
        long persons = count("SELECT count(*) FROM omop.person");
        long inTable = 0;
        for (WebElement r : browser.findElements(By.cssSelector("#table-age-sex tbody tr"))) {
            inTable += Long.parseLong(r.findElements(By.tagName("td")).get(2).getAttribute("textContent").trim());
        }
        assertThat(inTable).isEqualTo(persons);
        long studies = count("SELECT count(*) FROM omop.procedure_occurrence");
        String csv = fetchCsvInBrowser("/population/modality-month.csv");
        assertThat(csv).startsWith("month,modality,studies\n");
        List<org.apache.commons.csv.CSVRecord> perMonth = csv(csv);
        long perModality = perMonth.stream().mapToLong(r -> Long.parseLong(r.get("studies"))).sum();
        // a study with series of two modalities counts once for each
        assertThat(perModality).isGreaterThanOrEqualTo(studies);
        assertThat((long) perMonth.size()).isEqualTo(count("SELECT count(*) FROM (SELECT DISTINCT date_trunc('month', po.procedure_date), "
                + "io.modality_concept_id FROM omop.procedure_occurrence po JOIN omop.image_occurrence io USING (procedure_occurrence_id)) x"));
        List<org.apache.commons.csv.CSVRecord> findings = csv(fetchCsvInBrowser("/population/findings-year.csv"));
        long present = findings.stream().mapToLong(r -> Long.parseLong(r.get("present"))).sum();
        assertThat(present).isPositive().isLessThanOrEqualTo(count("SELECT count(*) FROM omop.note_nlp WHERE term_exists = 'Y'"));
        List<org.apache.commons.csv.CSVRecord> top = csv(fetchCsvInBrowser("/population/top-procedures.csv"));
        // twenty procedures at most are listed; this small archive has fewer
        assertThat(top.stream().mapToLong(r -> Long.parseLong(r.get("studies"))).sum()).isEqualTo(studies);
        screenshot("7-population");
    }

    @Test
    @Order(8)
    void theStudyViewShowsSeriesReportMentionsAndTheKeysOfBothViews() throws Exception {
        String[] s = rows("SELECT s.study_instance_uid, s.accession_number FROM radbridge.study s JOIN radbridge.report r "
                + "ON r.accession_number = s.accession_number JOIN radbridge.report_mention m ON m.report_id = r.report_id "
                + "GROUP BY 1, 2 ORDER BY count(DISTINCT m.assertion) DESC, 1 LIMIT 1").get(0);
        browser.get(base + "/study?q=" + s[1]);
        assertThat(browser.findElement(By.id("accession")).getText()).isEqualTo(s[1]);
        List<WebElement> series = browser.findElements(By.cssSelector("#series tbody tr"));
        assertThat((long) series.size()).isEqualTo(count("SELECT count(DISTINCT series_instance_uid) FROM radbridge.instance WHERE study_instance_uid = '" + s[0] + "'"));
        long instances = series.stream().mapToLong(r -> Long.parseLong(r.findElement(By.className("instances")).getText())).sum();
        assertThat(instances).isEqualTo(count("SELECT count(*) FROM radbridge.instance WHERE study_instance_uid = '" + s[0] + "'"));
        List<WebElement> mentions = browser.findElements(By.cssSelector("#report-text .mention"));
        assertThat((long) mentions.size()).isEqualTo(count("SELECT count(*) FROM radbridge.report_mention m JOIN radbridge.report_projection p "
                + "ON p.report_id = m.report_id WHERE p.accession_number = '" + s[1] + "'"));
        for (WebElement m : mentions) assertThat(m.getAttribute("class")).containsAnyOf("present", "absent", "possible");
        long procedureId = count("SELECT omop_id FROM radbridge.omop_id_map WHERE kind = 'procedure_occurrence' AND natural_key = '" + s[0] + "'");
        assertThat(browser.findElement(By.id("procedure-occurrence-id")).getText()).isEqualTo(String.valueOf(procedureId));
        assertThat(browser.findElement(By.id("person-key")).getText()).isEqualTo(rows("SELECT p.person_source_value FROM omop.person p "
                + "JOIN omop.procedure_occurrence po USING (person_id) WHERE po.procedure_occurrence_id = " + procedureId).get(0)[0]);
        String fhirHref = browser.findElement(By.cssSelector("#links a")).getAttribute("href");
        HttpResponse<String> fhir = HttpClient.newHttpClient().send(E2eSupport.asAdmin(HttpRequest.newBuilder(URI.create(fhirHref)),
                work.resolve("data")).header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fhir.body()).containsPattern("\"total\"\\s*:\\s*1\\b").contains(s[0]);
        screenshot("8-study");
        browser.get(base + "/study?q=NO-SUCH-ACCESSION");
        assertThat(browser.findElement(By.id("not-found")).getText()).contains("No study");
    }

    @Test
    @Order(9)
    void theCtDoseBoxPlotShowsWhatQcStored() throws Exception {
        // seed 17 has no CT of a body part the dose rules cover (chest, head, abdomen-pelvis); seed 26's patient has chest and head CTs
        Path dosePacs = work.resolve("dose-pacs");
        new SyntheticPacsGenerator(new GenerateOptions(1, 26L, dosePacs)).generate();
        assertThat(ctx.getBean(IngestService.class).ingest(List.of(dosePacs.resolve("dicom"), dosePacs.resolve("reports")), "folder")
                .projectionProblems()).isEmpty();
        // what `radbridge qc` does: the rules of the repository over this archive, stored in radbridge.qc_result
        try (Connection c = ctx.getBean("radbridgeDataSource", DataSource.class).getConnection()) {
            var outcomes = org.radbridge.research.qc.QcRunner.run(c, org.radbridge.research.qc.QcRule.load(realHome.resolve("mappings/qc/qc-rules.csv")));
            org.radbridge.research.qc.QcRunner.store(c, outcomes);
        }
        String doseRules = "(rule_id LIKE 'CT\\_CTDIVOL\\_DRL%' OR rule_id LIKE 'CT\\_DLP\\_DRL%') AND value_as_number IS NOT NULL";
        long doseStudies = count("SELECT count(DISTINCT procedure_occurrence_id) FROM research.qc_result WHERE rule_id LIKE 'CT\\_CTDIVOL\\_DRL%' "
                + "AND value_as_number IS NOT NULL");
        assertThat(doseStudies).as("CT studies with a CTDIvol in this archive").isPositive();
        browser.get(base + "/population?refresh=true");
        waitForCharts();
        List<WebElement> plots = browser.findElements(By.cssSelector("#panel-ct-dose figure.boxplot"));
        assertThat((long) plots.size()).isEqualTo(count("SELECT count(DISTINCT rule_id LIKE 'CT\\_CTDIVOL%') FROM research.qc_result WHERE " + doseRules));
        long groups = count("SELECT count(*) FROM (SELECT DISTINCT q.rule_id LIKE 'CT\\_CTDIVOL%', po.procedure_concept_id FROM research.qc_result q "
                + "JOIN omop.procedure_occurrence po USING (procedure_occurrence_id) WHERE " + doseRules + ") g");
        assertThat((long) browser.findElements(By.cssSelector("#panel-ct-dose g.box")).size()).isEqualTo(groups);
        List<org.apache.commons.csv.CSVRecord> dose = csv(fetchCsvInBrowser("/population/ct-dose.csv"));
        assertThat((long) dose.size()).isEqualTo(groups);
        List<org.apache.commons.csv.CSVRecord> ctdi = dose.stream().filter(r -> r.get("dose index").startsWith("CTDIvol")).toList();
        assertThat(ctdi.stream().mapToLong(r -> Long.parseLong(r.get("studies"))).sum()).isEqualTo(doseStudies);
        double max = ctdi.stream().mapToDouble(r -> Double.parseDouble(r.get("max"))).max().orElseThrow();
        assertThat(max).isCloseTo(Double.parseDouble(rows("SELECT max(value_as_number) FROM research.qc_result WHERE rule_id LIKE 'CT\\_CTDIVOL\\_DRL%'")
                .get(0)[0]), org.assertj.core.data.Offset.offset(0.01));
        for (var r : dose) {
            assertThat(Double.parseDouble(r.get("min"))).isLessThanOrEqualTo(Double.parseDouble(r.get("q1")));
            assertThat(Double.parseDouble(r.get("q1"))).isLessThanOrEqualTo(Double.parseDouble(r.get("median")));
            assertThat(Double.parseDouble(r.get("median"))).isLessThanOrEqualTo(Double.parseDouble(r.get("q3")));
            assertThat(Double.parseDouble(r.get("q3"))).isLessThanOrEqualTo(Double.parseDouble(r.get("max")));
        }
        ((JavascriptExecutor) browser).executeScript("document.getElementById('panel-ct-dose').scrollIntoView()");
        screenshot("9-population-dose");
    }

    @Test
    @Order(10)
    void anAdminRunsASavedCohortAndEveryoneSignedInDownloadsItsManifest() throws Exception {
        signOut();
        signIn(adminToken);
        String adminName = browser.findElement(By.className("who")).getText().replaceFirst(" \\(admin\\)$", "");
        browser.get(base + "/cohorts");
        long examples;
        try (Stream<Path> s = Files.list(home.resolve("sql/cohorts/examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        assertThat((long) browser.findElements(By.cssSelector("#cohort-definitions tr[data-definition^='examples/']")).size()).isEqualTo(examples);
        assertThat(browser.findElements(By.id("no-runs"))).hasSize(1);
        long auditsBefore = count("SELECT count(*) FROM radbridge.research_audit");
        WebElement run = browser.findElement(By.cssSelector("#cohort-definitions tr[data-definition='saved/all-ct.yaml'] button"));
        screenshot("10-cohorts-empty");
        org.radbridge.ingest.RunningJobs jobs = ctx.getBean(org.radbridge.ingest.RunningJobs.class);
        // the run goes on in the background: held at its write of omop.cohort (a SHARE lock lets it read, not write), the page
        // has answered, and the run shows as running, on this page and under the Overview's running jobs
        try (Connection hold = ctx.getBean("radbridgeDataSource", DataSource.class).getConnection(); Statement st = hold.createStatement()) {
            hold.setAutoCommit(false);
            st.execute("LOCK TABLE omop.cohort IN SHARE MODE");
            submit(run);
            assertThat(browser.getCurrentUrl()).startsWith(base + "/cohorts?message=");
            assertThat(browser.findElement(By.id("message")).getText()).startsWith("Started the cohort run of saved/all-ct.yaml");
            waitUntil(() -> jobs.running().stream().anyMatch(j -> j.kind().equals("cohort run") && j.done() == 2));
            browser.get(base + "/cohorts");
            WebElement started = browser.findElement(By.cssSelector("#started-runs tbody tr"));
            assertThat(started.getAttribute("data-state")).isEqualTo("running");
            assertThat(started.findElement(By.className("state")).getText()).isEqualTo("running");
            assertThat(browser.findElement(By.id("following")).getText()).contains("reloads every 3 seconds");
            assertThat(count("SELECT count(*) FROM radbridge.research_audit")).isEqualTo(auditsBefore);
            screenshot("10a-cohort-started");
            browser.get(base + "/");
            WebElement job = browser.findElement(By.cssSelector("#jobs tbody tr[data-kind='cohort run']"));
            assertThat(job.findElement(By.className("label")).getText()).isEqualTo("cohort run: console-all-ct");
            assertThat(job.findElement(By.className("done")).getText()).isEqualTo("2");
            assertThat(job.findElement(By.className("total")).getText()).isEqualTo("3");
            assertThat(job.findElement(By.className("percent")).getText()).isEqualTo("66 %");
            // three steps of unequal length: no rate, no ETA made up from them
            assertThat(job.findElement(By.className("rate")).getText()).isEqualTo("—");
            assertThat(job.findElement(By.className("eta")).getText()).isEqualTo("—");
            screenshot("10b-overview-cohort-job");
            hold.rollback();
        }
        // the cohorts page follows the run by reloading itself until it has ended
        browser.get(base + "/cohorts");
        waitUntil(() -> {
            try {
                return "done".equals(browser.findElement(By.cssSelector("#started-runs tbody tr")).getAttribute("data-state"));
            } catch (org.openqa.selenium.WebDriverException e) {
                return false; // the page was being reloaded
            }
        });
        long auditId = count("SELECT max(audit_id) FROM radbridge.research_audit WHERE action = 'cohort-run' AND name = 'console-all-ct'");
        assertThat(count("SELECT count(*) FROM radbridge.research_audit")).isEqualTo(auditsBefore + 1);
        assertThat(browser.findElements(By.id("following"))).isEmpty();
        assertThat(jobs.recentlyFinished()).anySatisfy(j -> {
            assertThat(j.kind()).isEqualTo("cohort run");
            assertThat(j.ok()).isTrue();
            assertThat(j.outcome()).isEqualTo("written (research_audit " + auditId + ")");
        });
        submit(browser.findElement(By.cssSelector("#started-runs tbody tr .outcome a")));
        assertThat(browser.getCurrentUrl()).startsWith(base + "/cohorts/run/" + auditId);
        assertThat(rows("SELECT actor FROM radbridge.research_audit WHERE audit_id = " + auditId).get(0)[0]).startsWith("token:" + adminName + " db:");
        long definitionId = count("SELECT cohort_definition_id FROM omop.cohort_definition WHERE cohort_definition_name = 'console-all-ct'");
        long persons = count("SELECT count(DISTINCT subject_id) FROM omop.cohort WHERE cohort_definition_id = " + definitionId);
        long ctSeries = count("SELECT count(*) FROM omop.image_occurrence io JOIN omop.concept c ON c.concept_id = io.modality_concept_id "
                + "WHERE c.concept_code = 'CT'");
        assertThat(ctSeries).isPositive();
        String[] counts = browser.findElement(By.id("run-counts")).getText().split(" / ");
        assertThat(Long.parseLong(counts[0])).isEqualTo(persons);
        assertThat(Long.parseLong(counts[2])).isEqualTo(ctSeries);
        List<WebElement> attrition = browser.findElements(By.cssSelector("#attrition tbody tr"));
        assertThat(attrition).hasSizeGreaterThanOrEqualTo(2);
        assertThat(attrition.get(attrition.size() - 1).findElements(By.tagName("td")).get(4).getText()).isEqualTo(String.valueOf(ctSeries));
        String manifest = fetchCsvInBrowser("/cohorts/run/" + auditId + "/manifest.csv");
        List<org.apache.commons.csv.CSVRecord> rows = csv(manifest);
        assertThat((long) rows.size()).isEqualTo(ctSeries);
        assertThat(rows.stream().map(r -> r.get("series_uid")).distinct().count()).isEqualTo(ctSeries);
        assertThat(count("SELECT count(*) FROM radbridge.console_action WHERE action = 'cohort-run' AND outcome = 'research_audit " + auditId + "'"))
                .isEqualTo(1);
        screenshot("11-cohort-run");
        browser.get(base + "/cohorts");
        WebElement listed = browser.findElement(By.cssSelector("#cohort-runs tr[data-audit='" + auditId + "']"));
        assertThat(listed.getText()).contains("console-all-ct").contains("cohort-run").contains("token:" + adminName);
        assertThat(listed.findElement(By.className("attrition")).getText())
                .isEqualTo(count("SELECT count(DISTINCT person_id) FROM omop.image_occurrence") + " → " + persons);
        screenshot("12-cohorts");

        signOut();
        signIn(readerToken);
        browser.get(base + "/cohorts");
        assertThat(browser.findElement(By.cssSelector("#cohort-runs tr[data-audit='" + auditId + "']")).getText()).contains("console-all-ct");
        assertThat(fetchCsvInBrowser("/cohorts/run/" + auditId + "/manifest.csv")).isEqualTo(manifest);
        WebElement readerRun = browser.findElement(By.cssSelector("#cohort-definitions tr[data-definition='saved/all-ct.yaml'] button"));
        assertThat(readerRun.isEnabled()).isFalse();
        ((JavascriptExecutor) browser).executeScript("arguments[0].form.submit()", readerRun);
        waitForNextPage(readerRun);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(count("SELECT count(*) FROM radbridge.research_audit")).isEqualTo(auditsBefore + 1);
        signOut();
        browser.get(base + "/cohorts/run/" + auditId + "/manifest.csv");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/signin");

        // a run that fails in the background (its body site code is in no vocabulary: found when it is compiled) shows its error
        signIn(adminToken);
        browser.get(base + "/cohorts");
        submit(browser.findElement(By.cssSelector("#cohort-definitions tr[data-definition='saved/unknown-site.yaml'] button")));
        waitUntil(() -> {
            try {
                return "failed".equals(browser.findElement(By.cssSelector("#started-runs tbody tr")).getAttribute("data-state"));
            } catch (org.openqa.selenium.WebDriverException e) {
                return false;
            }
        });
        WebElement failed = browser.findElement(By.cssSelector("#started-runs tbody tr"));
        assertThat(failed.findElement(By.className("outcome")).getText())
                .startsWith("Failed, nothing was written:").contains("no concept matches SNOMED code '999999999'");
        assertThat(count("SELECT count(*) FROM radbridge.research_audit")).isEqualTo(auditsBefore + 1);
        assertThat(count("SELECT count(*) FROM radbridge.console_action WHERE action = 'cohort-run' AND target = 'cohort definition saved/unknown-site.yaml' "
                + "AND outcome LIKE 'failed: %no concept matches SNOMED code%'")).isEqualTo(1);
        screenshot("12a-cohort-failed");
        browser.get(base + "/");
        WebElement finishedRun = browser.findElement(By.cssSelector("#finished-jobs tbody tr[data-kind='cohort run']"));
        assertThat(finishedRun.findElement(By.className("label")).getText()).isEqualTo("cohort run: console-unknown-site");
        assertThat(finishedRun.findElement(By.className("outcome")).getText()).isEqualTo("FAILED: nothing was written (the error is on the Cohorts page)");
        signOut();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited 60 s in vain");
            Thread.sleep(200);
        }
    }

    @Test
    @Order(11)
    void studiesNotProjectedAreListedWithTheirReasonsAndLinkToTheStudyView() throws Exception {
        // A data-problem failure needs content the FHIR server or PostgreSQL refuses, which the generator cannot make, and the
        // generated patients all have a birth date: so one staged study of each kind gets the columns ingest's projection
        // writes (StagingRepository.markFailed / markOmopExcluded), set here directly.
        List<String[]> two = rows("SELECT study_instance_uid FROM radbridge.study WHERE NOT dirty ORDER BY study_instance_uid LIMIT 2");
        assertThat(two).hasSize(2);
        String failedUid = two.get(0)[0];
        String excludedUid = two.get(1)[0];
        update("UPDATE radbridge.study SET projection_failed_reason = 'FHIR server refused the ImagingStudy: HTTP 422 (console test)', "
                + "projection_failed_at = now() WHERE study_instance_uid = '" + failedUid + "'");
        update("UPDATE radbridge.study SET omop_excluded_reason = 'no year of birth (PatientBirthDate and PatientAge absent) (console test)' "
                + "WHERE study_instance_uid = '" + excludedUid + "'");

        signIn(readerToken);
        assertThat(number(browser.findElement(By.id("not-projected-failed"))))
                .isEqualTo(count("SELECT count(*) FROM radbridge.study WHERE projection_failed_reason IS NOT NULL")).isEqualTo(1);
        assertThat(number(browser.findElement(By.id("not-projected-excluded"))))
                .isEqualTo(count("SELECT count(*) FROM radbridge.study WHERE omop_excluded_reason IS NOT NULL AND projection_failed_reason IS NULL"))
                .isEqualTo(1);
        submit(browser.findElement(By.id("not-projected")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/not-projected");

        assertListMatches("failed", "SELECT study_instance_uid, projection_failed_reason FROM radbridge.study "
                + "WHERE projection_failed_reason IS NOT NULL ORDER BY projection_failed_at DESC, study_instance_uid", 4);
        assertListMatches("excluded", "SELECT study_instance_uid, omop_excluded_reason FROM radbridge.study "
                + "WHERE omop_excluded_reason IS NOT NULL AND projection_failed_reason IS NULL ORDER BY study_instance_uid", 3);
        assertThat(browser.findElement(By.cssSelector("#failed tbody tr td:last-child")).getText())
                .isEqualTo("on new instances or a mappings change");
        assertThat(browser.getPageSource()).doesNotContain(rows("SELECT coalesce(patient_name, 'ZZ NO NAME') FROM radbridge.study WHERE study_instance_uid = '"
                + failedUid + "'").get(0)[0]);
        screenshot("13-not-projected");

        submit(browser.findElement(By.cssSelector("#excluded tbody tr a")));
        String accession = rows("SELECT coalesce(accession_number, '') FROM radbridge.study WHERE study_instance_uid = '" + excludedUid + "'").get(0)[0];
        assertThat(browser.findElement(By.id("accession")).getText()).isEqualTo(accession);
    }

    /** The table's rows are the query's rows, in its order: the Study Instance UID behind each link and the reason. */
    @Test
    @Order(12)
    void aRunningJobShowsOnTheOverviewWithItsProgressAndThenAsFinished() throws Exception {
        // registered in the server's own registry, as IngestService does, so the page is read while the job is surely running
        org.radbridge.ingest.RunningJobs jobs = ctx.getBean(org.radbridge.ingest.RunningJobs.class);
        org.radbridge.ingest.RunningJobs.Job job = jobs.start("ingest", "folder ingest (1,234 files)", 1234);
        Thread.sleep(1100);
        job.update(617);

        signOut();
        signIn(readerToken);
        WebElement row = browser.findElement(By.cssSelector("#jobs tbody tr[data-kind='ingest']"));
        assertThat(row.findElement(By.className("label")).getText()).isEqualTo("folder ingest (1,234 files)");
        assertThat(row.findElement(By.className("done")).getText()).isEqualTo("617");
        assertThat(row.findElement(By.className("total")).getText()).isEqualTo("1,234");
        assertThat(row.findElement(By.className("percent")).getText()).isEqualTo("50 %");
        assertThat(row.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("617");
        assertThat(row.findElement(By.tagName("progress")).getAttribute("max")).isEqualTo("1234");
        // half done after at least a second: the rest takes at least as long again
        assertThat(row.findElement(By.className("eta")).getText()).matches("\\d+ (s|min \\d+ s)").isNotEqualTo("0 s");
        assertThat(browser.findElements(By.id("no-jobs"))).isEmpty();
        screenshot("14-overview-running-job");

        job.update(1234);
        job.finish(true, "1,234 files read, 0 quarantined, 12 studies projected");
        browser.get(base + "/");
        assertThat(browser.findElements(By.id("jobs"))).isEmpty();
        assertThat(browser.findElement(By.id("no-jobs")).getText()).isEqualTo("No ingest, inbox files, re-projection or cohort run running.");
        WebElement finished = browser.findElement(By.cssSelector("#finished-jobs tbody tr[data-kind='ingest']"));
        assertThat(finished.findElement(By.className("label")).getText()).isEqualTo("folder ingest (1,234 files)");
        assertThat(finished.findElement(By.className("outcome")).getText())
                .isEqualTo("done: 1,234 files read, 0 quarantined, 12 studies projected");
        screenshot("15-overview-finished-job");
    }

    /**
     * Files dropped into the inbox show as one running job: taken so far, of how many (the files taken plus those still in
     * the inbox), until the inbox is empty again. One file is kept growing (a copy still being written, which the inbox
     * leaves alone) so that the job is surely running while the page is read.
     */
    @Test
    @Order(13)
    void inboxFilesShowAsARunningJobUntilTheInboxIsEmpty() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(work.resolve("other/dicom"))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().skip(1).limit(2).toList();
        }
        assertThat(files).hasSize(2);
        Path inbox = work.resolve("data/inbox");
        byte[] slow = Files.readAllBytes(files.get(1));
        java.util.concurrent.atomic.AtomicBoolean keepWriting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Path growing = inbox.resolve("b-still-copying.dcm");
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream out = Files.newOutputStream(growing)) {
                int written = 0;
                // a byte every 200 ms while the test reads the page, then the rest: a copy that takes its time
                while (keepWriting.get() && written < slow.length - 1) {
                    out.write(slow[written++]);
                    out.flush();
                    Thread.sleep(200);
                }
                out.write(slow, written, slow.length - written);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "console-test-slow-copy");
        writer.start();
        try {
            Files.copy(files.get(0), inbox.resolve("a-complete.dcm"));
            org.radbridge.ingest.RunningJobs jobs = ctx.getBean(org.radbridge.ingest.RunningJobs.class);
            waitUntil(() -> jobs.running().stream().anyMatch(j -> j.kind().equals("inbox") && j.done() == 1));
            signOut();
            signIn(readerToken);
            WebElement row = browser.findElement(By.cssSelector("#jobs tbody tr[data-kind='inbox']"));
            assertThat(row.findElement(By.className("label")).getText()).isEqualTo("files arriving in the inbox");
            assertThat(row.findElement(By.className("done")).getText()).isEqualTo("1");
            assertThat(row.findElement(By.className("total")).getText()).isEqualTo("2");
            assertThat(row.findElement(By.className("percent")).getText()).isEqualTo("50 %");
            screenshot("16-overview-inbox-job");
        } finally {
            keepWriting.set(false);
            writer.join();
        }
        org.radbridge.ingest.RunningJobs jobs = ctx.getBean(org.radbridge.ingest.RunningJobs.class);
        waitUntil(() -> jobs.running().stream().noneMatch(j -> j.kind().equals("inbox"))
                && jobs.recentlyFinished().stream().anyMatch(j -> j.kind().equals("inbox")));
        browser.get(base + "/");
        WebElement finished = browser.findElement(By.cssSelector("#finished-jobs tbody tr[data-kind='inbox']"));
        assertThat(finished.findElement(By.className("outcome")).getText())
                .isEqualTo("done: inbox empty again: 2 files taken, 0 of them quarantined");
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(count("SELECT count(*) FROM radbridge.instance WHERE source = 'inbox'")).isEqualTo(2);
        // instances added to a known study are counted at once (the overview's figures are recomputed when they arrive)
        assertRow("Instances", count("SELECT count(*) FROM radbridge.instance"), null, null);
        screenshot("17-overview-inbox-finished");
    }

    private void assertListMatches(String table, String sql, int reasonColumn) throws Exception {
        List<String[]> expected = rows(sql);
        List<WebElement> shown = browser.findElements(By.cssSelector("#" + table + " tbody tr"));
        assertThat(shown).hasSize(expected.size());
        assertThat(number(browser.findElement(By.id(table + "-total")))).isEqualTo(expected.size());
        for (int i = 0; i < shown.size(); i++) {
            WebElement row = shown.get(i);
            assertThat(row.getAttribute("data-uid")).isEqualTo(expected.get(i)[0]);
            assertThat(row.findElements(By.tagName("td")).get(reasonColumn).getText()).isEqualTo(expected.get(i)[1]);
            assertThat(row.findElement(By.tagName("a")).getAttribute("href")).isEqualTo(base + "/study?q=" + expected.get(i)[0]);
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = ctx.getBean("radbridgeDataSource", DataSource.class).getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private void signIn(String token) {
        browser.get(base + "/signin");
        WebElement field = browser.findElement(By.id("token"));
        field.sendKeys(token);
        submit(browser.findElement(By.id("signin")));
    }

    /** Clicks a button or link and waits for the page it leads to (a click returns before the navigation it starts ends). */
    private void submit(WebElement e) {
        e.click();
        waitForNextPage(e);
    }

    private void waitForNextPage(WebElement old) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // while the old document is being replaced Chrome may answer this instead of "stale element"
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) return true;
                throw e;
            }
        });
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void signOut() {
        browser.get(base + "/");
        submit(browser.findElement(By.cssSelector("form.signout button")));
    }

    private void assertRow(String what, Long staging, Long fhir, Long omop) {
        WebElement row = browser.findElement(By.cssSelector("#counts tr[data-what='" + what + "']"));
        assertThat(cell(row, "staging")).as(what + " staging").isEqualTo(staging);
        assertThat(cell(row, "fhir")).as(what + " FHIR").isEqualTo(fhir);
        assertThat(cell(row, "omop")).as(what + " OMOP").isEqualTo(omop);
    }

    private static Long cell(WebElement row, String cls) {
        String t = row.findElement(By.className(cls)).getText().trim();
        return t.equals("—") ? null : Long.parseLong(t.replace(",", ""));
    }

    private static long number(WebElement e) {
        return Long.parseLong(e.getText().trim().replace(",", ""));
    }

    /** The chart library draws into each canvas; wait until it has (Chart.js registers every chart it made). */
    private void waitForCharts() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int canvases = browser.findElements(By.cssSelector("canvas[data-chart]")).size();
        while (System.nanoTime() < deadline) {
            Object n = ((JavascriptExecutor) browser).executeScript(
                    "return typeof Chart === 'undefined' ? -1 : Object.keys(Chart.instances).length");
            if (((Number) n).intValue() == canvases) return;
            Thread.sleep(100);
        }
        throw new AssertionError("charts not drawn: Chart.js did not load from the WebJar or failed");
    }

    /** Downloads through the browser's session (fetch with its cookie), as a click on the link would. */
    private String fetchCsvInBrowser(String path) {
        Object text = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done)", path);
        return String.valueOf(text);
    }

    private void screenshot(String name) throws IOException {
        // the whole page, not only the window: grow the window to the document's height for the picture
        Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1400, Math.min(4000, Math.max(900, ((Number) height).intValue() + 140))));
        Files.write(shots.resolve(name + ".png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(before);
    }

    private static List<org.apache.commons.csv.CSVRecord> csv(String text) throws IOException {
        return org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new java.io.StringReader(text)).getRecords();
    }

    private String procedureCode(String studyUid) throws Exception {
        List<String[]> r = rows("SELECT c.vocabulary_id || ' ' || c.concept_code FROM omop.procedure_occurrence p JOIN radbridge.omop_id_map m "
                + "ON m.omop_id = p.procedure_occurrence_id AND m.kind = 'procedure_occurrence' JOIN omop.concept c ON c.concept_id = p.procedure_concept_id "
                + "WHERE m.natural_key = '" + studyUid + "'");
        return r.isEmpty() ? null : r.get(0)[0];
    }

    private long fhirCount(String type) throws Exception {
        return count("SELECT count(*) FROM fhir.hfj_resource WHERE res_type = '" + type + "' AND res_deleted_at IS NULL");
    }

    private long count(String sql) throws Exception {
        return E2eSupport.count(ctx.getBean("radbridgeDataSource", DataSource.class), sql);
    }

    private List<String[]> rows(String sql) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = ctx.getBean("radbridgeDataSource", DataSource.class).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] r = new String[n];
                for (int i = 0; i < n; i++) r[i] = rs.getString(i + 1);
                out.add(r);
            }
        }
        return out;
    }

    /** The thin path's bad files: a text file named .dcm, a DICOM file cut short, one whose StudyInstanceUID tag was renamed. */
    private static void writeBadFiles(Path dicom, Path bad) throws IOException {
        Files.writeString(bad.resolve("notes.dcm"), "This is a text file that someone saved with a .dcm name.\n".repeat(10));
        Path sample;
        try (Stream<Path> s = Files.walk(dicom)) {
            sample = s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sample);
        Files.write(bad.resolve("truncated.dcm"), java.util.Arrays.copyOf(bytes, bytes.length - 200));
        byte[] noStudyUid = bytes.clone();
        int at = E2eSupport.indexOf(noStudyUid, new byte[] {0x20, 0x00, 0x0D, 0x00, 'U', 'I'});
        noStudyUid[at] = 0x21;
        Files.write(bad.resolve("no-study-uid.dcm"), noStudyUid);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
