package org.radbridge.server.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.GenerationSummary;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.report.hl7.MllpClient;
import org.radbridge.server.E2eSupport;
import org.radbridge.server.InProcessServer;
import org.radbridge.server.RadBridgeApplication;
import org.radbridge.server.security.smart.SmartClientRegistry;
import org.radbridge.server.security.smart.SmartTestKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FHIR API as an EHR integration uses it, on the real stack (embedded PostgreSQL, HAPI JPA over HTTP, the pipeline):
 * SMART Backend Services with keys generated here and HAPI's generic client, refusals as OperationOutcome and audited,
 * FHIR errors, the imaging-study search parameter, rest-hook Subscriptions to a receiver on loopback (also for a
 * report arriving over MLLP), Bulk Data $export read back as ndjson, and R4 validation of what RadBridge writes.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EhrApiEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROPS = {"radbridge.data", "radbridge.http.port", "radbridge.db.port", "radbridge.dicom.port",
            "radbridge.mllp.port", "radbridge.pseudonym.key"};

    private Path work;
    private Path data;
    private GenerationSummary generated;
    private ConfigurableApplicationContext ctx;
    private int httpPort;
    private String base;
    private String tokenUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer receiver;
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedDeliveries = new AtomicInteger();
    private String subscriptionId;
    private RSAKey rsa;
    private ECKey ec;
    private SmartClientRegistry clients;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("radbridge-ehr");
        data = work.resolve("data");
        generated = new SyntheticPacsGenerator(new GenerateOptions(3, 16L, work.resolve("pacs"))).generate();
        startReceiver();

        httpPort = E2eSupport.freePort();
        base = "http://127.0.0.1:" + httpPort;
        tokenUrl = base + "/auth/token";
        System.setProperty("radbridge.data", data.toString());
        System.setProperty("radbridge.http.port", String.valueOf(httpPort));
        System.setProperty("radbridge.db.port", String.valueOf(E2eSupport.freePort()));
        System.setProperty("radbridge.dicom.port", String.valueOf(E2eSupport.freePort()));
        System.setProperty("radbridge.mllp.port", String.valueOf(E2eSupport.freePort()));
        System.setProperty("radbridge.pseudonym.key", "e2e-ehr-key-0123456789abcdef");
        SpringApplication app = new SpringApplication(RadBridgeApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setDefaultProperties(Map.of("server.port", String.valueOf(httpPort), "server.address", "127.0.0.1",
                "radbridge.server", "true", "radbridge.quiet-period-seconds", "3600", "radbridge.nlp.warm-up", "false",
                "radbridge.fhir.max-request-bytes", "1000000"));
        ctx = app.run();

        // the EHR subscribes before the reports arrive; the receiver refuses its first delivery, so it must be retried
        subscriptionId = subscribe();
        ctx.getBean(IngestService.class).ingest(List.of(work.resolve("pacs/dicom"), work.resolve("pacs/reports")), "folder");

        rsa = SmartTestKeys.rsa();
        ec = SmartTestKeys.ec();
        // registered as `radbridge client register` does, in the data directory of the running server
        clients = new SmartClientRegistry(data.resolve("secrets"));
        clients.register("ehr-reader", SmartTestKeys.publicJwks(work, rsa).toString(), "system/*.read", null);
        clients.register("ehr-imaging", SmartTestKeys.publicJwks(work, ec).toString(), "system/ImagingStudy.rs system/Patient.r", null);
    }

    @AfterAll
    void stop() throws IOException {
        if (ctx != null) ctx.close();
        if (receiver != null) receiver.stop(0);
        for (String p : PROPS) System.clearProperty(p);
        InProcessServer.deleteTree(work);
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (refusedDeliveries.getAndIncrement() == 0) {
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            String path = ex.getRequestURI().getPath();
            String version = body.length == 0 ? "" : JSON.readTree(body).path("meta").path("versionId").asText();
            notifications.add(ex.getRequestMethod() + " " + path + " v" + version);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    private String subscribe() throws Exception {
        String sub = """
                {"resourceType":"Subscription","status":"requested","reason":"final radiology reports for the EHR",
                 "criteria":"DiagnosticReport?status=final",
                 "channel":{"type":"rest-hook","endpoint":"http://127.0.0.1:%d/hook","payload":"application/fhir+json"}}"""
                .formatted(receiver.getAddress().getPort());
        HttpResponse<String> r = send("POST", "/fhir/Subscription", admin(), sub);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = JSON.readTree(r.body()).path("id").asText();
        long deadline = System.currentTimeMillis() + 120_000;
        String status = "";
        while (System.currentTimeMillis() < deadline) {
            status = json("/fhir/Subscription/" + id, admin()).path("status").asText();
            if (status.equals("active")) break;
            Thread.sleep(500);
        }
        assertThat(status).as("subscription activated").isEqualTo("active");
        return id;
    }

    // ---- SMART Backend Services -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void discoveryNamesTheTokenEndpoint() throws Exception {
        HttpResponse<String> r = send("GET", "/fhir/.well-known/smart-configuration", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = JSON.readTree(r.body());
        assertThat(c.path("token_endpoint").asText()).isEqualTo(tokenUrl);
        assertThat(c.path("token_endpoint_auth_signing_alg_values_supported").toString()).contains("RS384", "ES384");
        assertThat(c.path("capabilities").toString()).contains("client-confidential-asymmetric", "permission-v2");
        JsonNode security = json("/fhir/metadata", null).path("rest").get(0).path("security");
        assertThat(security.path("service").get(0).path("coding").get(0).path("code").asText()).isEqualTo("SMART-on-FHIR");
        assertThat(security.path("extension").get(0).path("extension").get(0).path("valueUri").asText()).isEqualTo(tokenUrl);
        String jwks = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/jwks")).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(jwks).contains("\"P-384\"").doesNotContain("\"d\"");
    }

    @Test
    @Order(2)
    void aRegisteredClientQueriesWithHapisGenericClient() throws Exception {
        JsonNode token = tokenResponse(SmartTestKeys.assertion(rsa, "ehr-reader", tokenUrl, Instant.now().plusSeconds(240)), "system/*.read");
        assertThat(token.path("token_type").asText()).isEqualTo("bearer");
        assertThat(token.path("expires_in").asInt()).isBetween(1, 300);
        assertThat(token.path("scope").asText()).isEqualTo("system/*.read");
        IGenericClient fhir = client(token.path("access_token").asText());
        Bundle studies = fhir.search().forResource(ImagingStudy.class).count(200).returnBundle(Bundle.class).execute();
        assertThat(studies.getEntry()).hasSize(generated.studies());
        Bundle reports = fhir.search().byUrl("DiagnosticReport?_count=200").returnBundle(Bundle.class).execute();
        assertThat(reports.getEntry()).isNotEmpty();
        // read but no write, and no audit trail through a wildcard
        org.hl7.fhir.r4.model.Patient p = new org.hl7.fhir.r4.model.Patient();
        p.addName().setFamily("Nobody");
        assertThatThrownBy(() -> fhir.create().resource(p).execute()).isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> fhir.search().byUrl("AuditEvent").returnBundle(Bundle.class).execute()).isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    @Order(3)
    void scopesLimitTypesAndInteractions() throws Exception {
        String t = tokenResponse(SmartTestKeys.assertion(ec, "ehr-imaging", tokenUrl, Instant.now().plusSeconds(240)),
                "system/ImagingStudy.rs system/Patient.r system/DiagnosticReport.rs").path("access_token").asText();
        // DiagnosticReport was not registered for the client: not granted
        assertThat(send("GET", "/fhir/ImagingStudy?_count=1", t, null).statusCode()).isEqualTo(200);
        HttpResponse<String> reports = send("GET", "/fhir/DiagnosticReport", t, null);
        assertThat(reports.statusCode()).isEqualTo(403);
        assertOperationOutcome(reports, "forbidden");
        // Patient.r: read yes, search no
        String patientId = json("/fhir/Patient?_count=1", admin()).path("entry").get(0).path("resource").path("id").asText();
        assertThat(send("GET", "/fhir/Patient/" + patientId, t, null).statusCode()).isEqualTo(200);
        HttpResponse<String> search = send("GET", "/fhir/Patient", t, null);
        assertThat(search.statusCode()).isEqualTo(403);
        assertThat(search.body()).contains("do not allow search on Patient");
        // an include of a type outside the scopes is refused, not leaked
        assertThat(send("GET", "/fhir/ImagingStudy?_revinclude=DiagnosticReport:imaging-study", t, null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void badAssertionsAndTokensAreRefusedAndAudited() throws Exception {
        Instant soon = Instant.now().plusSeconds(240);
        Map<String, HttpResponse<String>> refused = new HashMap<>();
        refused.put("expired", token(SmartTestKeys.assertion(rsa, "ehr-reader", tokenUrl, Instant.now().minusSeconds(600)), "system/*.read"));
        refused.put("not yet valid", token(SmartTestKeys.assertion(rsa, new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("ehr-reader")
                .subject("ehr-reader").audience(tokenUrl).notBeforeTime(java.util.Date.from(soon)).expirationTime(java.util.Date.from(soon.plusSeconds(50)))
                .jwtID(java.util.UUID.randomUUID().toString()).build()), "system/*.read"));
        refused.put("wrongly signed", token(SmartTestKeys.assertion(SmartTestKeys.rsa(), "ehr-reader", tokenUrl, soon), "system/*.read"));
        refused.put("wrong audience", token(SmartTestKeys.assertion(rsa, "ehr-reader", "https://other.example/token", soon), "system/*.read"));
        refused.put("unknown client", token(SmartTestKeys.assertion(rsa, "nobody", tokenUrl, soon), "system/*.read"));
        String once = SmartTestKeys.assertion(rsa, "ehr-reader", tokenUrl, soon);
        assertThat(token(once, "system/*.read").statusCode()).isEqualTo(200);
        refused.put("replayed jti", token(once, "system/*.read"));
        refused.forEach((why, r) -> {
            assertThat(r.statusCode()).as(why).isEqualTo(401);
            assertThat(r.body()).as(why).contains("\"error\":\"invalid_client\"");
        });
        HttpResponse<String> scope = token(SmartTestKeys.assertion(ec, "ehr-imaging", tokenUrl, soon), "system/Observation.read");
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(scope.body()).contains("invalid_scope");

        // at /fhir: no token, a tampered token, a token of the token file that does not exist
        String good = tokenResponse(SmartTestKeys.assertion(rsa, "ehr-reader", tokenUrl, soon), "system/*.read").path("access_token").asText();
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        for (String bad : new String[] {null, tampered, "rb_not-a-token"}) {
            HttpResponse<String> r = send("GET", "/fhir/ImagingStudy", bad, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertOperationOutcome(r, "login");
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer realm=\"radbridge\"");
        }
        assertThat(send("GET", "/fhir/ImagingStudy", tampered, null).headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("error=\"invalid_token\"");

        // every refusal became an AuditEvent with a failure outcome (written in the background)
        List<java.util.function.Predicate<String>> expected = List.of(
                o -> o.startsWith("401") && o.contains("Expired"), o -> o.contains("replay"), o -> o.contains("unknown client"),
                o -> o.contains("aud claim rejected"), o -> o.contains("before use time"), o -> o.contains("invalid_scope"),
                o -> o.startsWith("403"), o -> o.startsWith("401") && o.contains("access token refused"),
                o -> o.startsWith("401") && o.contains("token not valid"));
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> outcomes = new ArrayList<>();
        while (true) {
            outcomes.clear();
            json("/fhir/AuditEvent?type=http://dicom.nema.org/resources/ontology/DCM%7C110113&_count=500", admin())
                    .path("entry").forEach(e -> outcomes.add(e.path("resource").path("outcomeDesc").asText()));
            if (expected.stream().allMatch(p -> outcomes.stream().anyMatch(p)) || System.currentTimeMillis() > deadline) break;
            Thread.sleep(500);
        }
        for (java.util.function.Predicate<String> p : expected) assertThat(outcomes).anyMatch(p);
    }

    // ---- errors as FHIR ---------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void badRequestsAnswer4xxWithAnOperationOutcome() throws Exception {
        String admin = admin();
        HttpResponse<String> unknownType = send("GET", "/fhir/Imagingstudy?_count=1", admin, null);
        assertThat(unknownType.statusCode()).isBetween(400, 404);
        assertOperationOutcome(unknownType, null);
        HttpResponse<String> badDate = send("GET", "/fhir/ImagingStudy?started=not-a-date", admin, null);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertOperationOutcome(badDate, null);
        HttpResponse<String> badParam = send("GET", "/fhir/ImagingStudy?no-such-parameter=1", admin, null);
        assertThat(badParam.statusCode()).isEqualTo(400);
        assertOperationOutcome(badParam, null);
        HttpResponse<String> invalid = send("POST", "/fhir/Patient", admin, "{\"resourceType\":\"Patient\",\"gender\":\"sometimes\"}");
        assertThat(invalid.statusCode()).isBetween(400, 422);
        assertOperationOutcome(invalid, null);
        HttpResponse<String> notJson = send("POST", "/fhir/Patient", admin, "{\"resourceType\":\"Patient\",");
        assertThat(notJson.statusCode()).isBetween(400, 422);
        assertOperationOutcome(notJson, null);
        HttpResponse<String> big = send("POST", "/fhir/Patient", admin, "{\"resourceType\":\"Patient\",\"id\":\"" + "x".repeat(1_200_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertOperationOutcome(big, "too-costly");
    }

    // ---- imaging search -----------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void reportsAreFoundByTheirStudy() throws Exception {
        String admin = admin();
        JsonNode reports = json("/fhir/DiagnosticReport?_count=200", admin);
        int withStudy = 0;
        for (JsonNode e : reports.path("entry")) {
            JsonNode dr = e.path("resource");
            if (dr.path("imagingStudy").isMissingNode()) continue;
            withStudy++;
            String study = dr.path("imagingStudy").get(0).path("reference").asText();
            JsonNode found = json("/fhir/DiagnosticReport?imaging-study=" + study, admin);
            List<String> ids = new ArrayList<>();
            found.path("entry").forEach(f -> ids.add(f.path("resource").path("id").asText()));
            assertThat(ids).contains(dr.path("id").asText());
            JsonNode rev = json("/fhir/" + study.replace("/", "?_id=") + "&_revinclude=DiagnosticReport:imaging-study", admin);
            List<String> types = new ArrayList<>();
            rev.path("entry").forEach(f -> types.add(f.path("resource").path("resourceType").asText()));
            assertThat(types).contains("ImagingStudy", "DiagnosticReport");
        }
        assertThat(withStudy).isPositive();
        // findings point at their study: Observation?derived-from=ImagingStudy/ID
        JsonNode obs = json("/fhir/Observation?_count=200", admin);
        int derived = 0;
        for (JsonNode e : obs.path("entry")) {
            for (JsonNode d : e.path("resource").path("derivedFrom")) {
                String ref = d.path("reference").asText();
                if (!ref.startsWith("ImagingStudy/")) continue;
                derived++;
                List<String> ids = new ArrayList<>();
                json("/fhir/Observation?derived-from=" + ref + "&_count=200", admin).path("entry").forEach(f -> ids.add(f.path("resource").path("id").asText()));
                assertThat(ids).contains(e.path("resource").path("id").asText());
            }
        }
        assertThat(derived).isPositive();
        JsonNode is = json("/fhir/ImagingStudy?_count=1", admin).path("entry").get(0).path("resource");
        String uid = null, acsn = null;
        for (JsonNode id : is.path("identifier")) {
            if (id.path("system").asText().equals("urn:dicom:uid")) uid = id.path("value").asText();
            if (id.path("type").path("coding").path(0).path("code").asText().equals("ACSN")) acsn = id.path("system").asText() + "|" + id.path("value").asText();
        }
        assertThat(json("/fhir/ImagingStudy?identifier=urn:dicom:uid%7C" + uid, admin).path("entry").size()).isEqualTo(1);
        assertThat(json("/fhir/ImagingStudy?identifier=" + URLEncoder.encode(acsn, StandardCharsets.UTF_8), admin).path("entry").size()).isEqualTo(1);
    }

    /**
     * What the search path leaves out of HAPI's work changes no answer: report texts (attachment data HAPI keeps in the
     * binary store) come back filled in, in a search, a read and as {@code _revinclude} of a study, and studies, whose
     * type has nothing in the store, without HAPI's stored-content extension; {@code _include} adds the patients asked
     * for, and the same search without it gives the same studies, in the same order, with the same links, and nothing more.
     */
    @Test
    @Order(6)
    void storedContentAndIncludesAreAnsweredAsBefore() throws Exception {
        String admin = admin();
        org.radbridge.server.fhir.ExternalizedBinaryTypes stored = ctx.getBean(org.radbridge.server.fhir.ExternalizedBinaryTypes.class);
        assertThat(stored.mayHold("DiagnosticReport")).as("the pipeline's report texts are in the store").isTrue();
        assertThat(stored.mayHold("ImagingStudy")).isFalse();
        JsonNode reports = json("/fhir/DiagnosticReport?_count=200", admin);
        assertThat(reports.path("entry").size()).isPositive();
        String study = null;
        for (JsonNode e : reports.path("entry")) {
            JsonNode dr = e.path("resource");
            JsonNode form = dr.path("presentedForm").get(0);
            assertThat(new String(java.util.Base64.getDecoder().decode(form.path("data").asText()), StandardCharsets.UTF_8)).as("report text").isNotBlank();
            assertThat(dr.toString()).doesNotContain("externalized-binary");
            assertThat(json("/fhir/DiagnosticReport/" + dr.path("id").asText(), admin).path("presentedForm")).isEqualTo(dr.path("presentedForm"));
            if (study == null && dr.has("imagingStudy")) {
                study = dr.path("imagingStudy").get(0).path("reference").asText();
                JsonNode rev = json("/fhir/ImagingStudy?_id=" + study.substring(study.indexOf('/') + 1) + "&_revinclude=DiagnosticReport:imaging-study", admin);
                boolean reportShown = false;
                for (JsonNode r : rev.path("entry")) {
                    if (!r.path("resource").path("id").asText().equals(dr.path("id").asText())) continue;
                    reportShown = true;
                    assertThat(r.path("resource").path("presentedForm")).as("report text with its study").isEqualTo(dr.path("presentedForm"));
                }
                assertThat(reportShown).isTrue();
            }
        }
        assertThat(study).isNotNull();

        JsonNode plain = json("/fhir/ImagingStudy?_count=50", admin);
        JsonNode included = json("/fhir/ImagingStudy?_count=50&_include=ImagingStudy:subject", admin);
        List<String> plainIds = new ArrayList<>(), matchIds = new ArrayList<>(), subjects = new ArrayList<>(), patients = new ArrayList<>();
        for (JsonNode e : plain.path("entry")) {
            assertThat(e.path("resource").path("resourceType").asText()).isEqualTo("ImagingStudy");
            assertThat(e.path("search").path("mode").asText()).isEqualTo("match");
            assertThat(e.path("resource").toString()).doesNotContain("externalized-binary");
            plainIds.add(e.path("resource").path("id").asText());
            String subject = e.path("resource").path("subject").path("reference").asText();
            if (!subjects.contains(subject)) subjects.add(subject);
        }
        for (JsonNode e : included.path("entry")) {
            if (e.path("search").path("mode").asText().equals("match")) matchIds.add(e.path("resource").path("id").asText());
            else if (e.path("search").path("mode").asText().equals("include")) patients.add("Patient/" + e.path("resource").path("id").asText());
        }
        assertThat(plainIds).hasSizeGreaterThan(1);
        assertThat(matchIds).isEqualTo(plainIds);
        assertThat(patients).containsExactlyInAnyOrderElementsOf(subjects);
        // the same links (relation and offset; the included search's also carry its _include)
        java.util.regex.Pattern offset = java.util.regex.Pattern.compile("_offset=(\\d+)");
        java.util.function.Function<JsonNode, List<String>> links = bundle -> {
            List<String> out = new ArrayList<>();
            for (JsonNode l : bundle.path("link")) {
                java.util.regex.Matcher m = offset.matcher(l.path("url").asText());
                out.add(l.path("relation").asText() + (m.find() ? " " + m.group(1) : ""));
            }
            return out;
        };
        assertThat(links.apply(plain)).contains("self");
        assertThat(links.apply(included)).isEqualTo(links.apply(plain));
    }

    // ---- subscriptions ------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void finalReportsAreNotifiedOncePerVersionAlsoFromMllp() throws Exception {
        String admin = admin();
        JsonNode finals = json("/fhir/DiagnosticReport?status=final&_count=200", admin);
        assertThat(finals.path("entry").size()).isPositive();
        List<String> expected = new ArrayList<>();
        finals.path("entry").forEach(e -> expected.add("DiagnosticReport/" + e.path("resource").path("id").asText() + " v"
                + e.path("resource").path("meta").path("versionId").asText()));
        awaitNotifications(expected);

        // a new final version of one report arrives from the RIS over MLLP
        String[] st = E2eSupport.count(ds(), "SELECT 1") == 1 ? oneStudy() : null;
        int port = Integer.parseInt(System.getProperty("radbridge.mllp.port"));
        String message = "MSH|^~\\&|RIS|HOSP|RADBRIDGE|RB|20240312101500||ORU^R01^ORU_R01|EHR-1|P|2.5.1||||||UNICODE UTF-8\r"
                + "PID|1||" + st[1] + "^^^" + st[2] + "^MR\r"
                + "OBR|1||" + st[0] + "|71250^CT CHEST^CPT|||20240312093000||||||||||||||||||F\r"
                + "OBX|1|FT|18782-3^Study observation^LN||FINDINGS: No pneumothorax.\\.br\\IMPRESSION: Addendum, normal.||||||F\r";
        try (MllpClient ris = new MllpClient("127.0.0.1", port)) {
            assertThat(MllpClient.segment(ris.send(message), "MSA")).isEqualTo("MSA|AA|EHR-1");
        }
        assertThat(ctx.getBean(StudyProjector.class).projectDirty().problems()).isEmpty();
        JsonNode dr = json("/fhir/DiagnosticReport?identifier=urn:radbridge:accession%7C" + st[0], admin).path("entry").get(0).path("resource");
        assertThat(dr.path("status").asText()).isEqualTo("final");
        expected.add("DiagnosticReport/" + dr.path("id").asText() + " v" + dr.path("meta").path("versionId").asText());
        awaitNotifications(expected);
        assertThat(refusedDeliveries.get()).as("the refused first delivery was retried").isGreaterThan(expected.size());
    }

    private String[] oneStudy() throws Exception {
        try (var c = ds().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT accession_number, patient_id, coalesce(issuer_of_patient_id, '') FROM radbridge.study "
                     + "WHERE accession_number IS NOT NULL ORDER BY study_instance_uid LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
        }
    }

    private void awaitNotifications(List<String> expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && notifications.size() < expected.size()) Thread.sleep(250);
        Thread.sleep(2_000); // a duplicate would arrive about now
        List<String> got = notifications.stream().map(n -> n.substring(n.indexOf("/hook/") + 6)).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    // ---- bulk export --------------------------------------------------------------------------------------------

    @Test
    @Order(8)
    void bulkExportMatchesSearches() throws Exception {
        String t = tokenResponse(SmartTestKeys.assertion(rsa, "ehr-reader", tokenUrl, Instant.now().plusSeconds(240)), "system/*.read")
                .path("access_token").asText();
        String admin = admin();
        Map<String, Integer> counts = export("/fhir/$export?_type=Patient,ImagingStudy,DiagnosticReport,Observation", t);
        for (String type : List.of("Patient", "ImagingStudy", "DiagnosticReport", "Observation"))
            assertThat(counts.getOrDefault(type, 0)).as(type).isEqualTo(json("/fhir/" + type + "?_summary=count", admin).path("total").asInt());
        try (Stream<Path> files = Files.walk(data.resolve("fhir-binary"))) {
            assertThat(files.filter(Files::isRegularFile).count()).as("export files under the data directory").isPositive();
        }
        // Patient level (without HAPI's "index missing fields"): the same resources as the system level, read back from the ndjson
        Map<String, Integer> patientLevel = export("/fhir/Patient/$export", t);
        for (String type : List.of("Patient", "ImagingStudy", "DiagnosticReport", "Observation"))
            assertThat(patientLevel.getOrDefault(type, 0)).as("Patient-level " + type).isEqualTo(counts.getOrDefault(type, 0));
        assertThat(patientLevel.keySet()).as("compartment types RadBridge writes, nothing else").containsOnly("Patient", "ImagingStudy",
                "DiagnosticReport", "Observation");
        HttpResponse<String> auditExport = http.send(HttpRequest.newBuilder(URI.create(base + "/fhir/Patient/%24export?_type=AuditEvent"))
                .header("Authorization", "Bearer " + t).header("Prefer", "respond-async").header("Accept", "application/fhir+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(auditExport.statusCode()).as(auditExport.body()).isEqualTo(400);
        assertOperationOutcome(auditExport, "not-supported");
        // the audit trail has its own table, outside HAPI's storage: not in the system-level export either
        HttpResponse<String> systemAuditExport = http.send(HttpRequest.newBuilder(URI.create(base + "/fhir/%24export?_type=AuditEvent"))
                .header("Authorization", "Bearer " + t).header("Prefer", "respond-async").header("Accept", "application/fhir+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(systemAuditExport.statusCode()).as(systemAuditExport.body()).isBetween(400, 499);
        assertOperationOutcome(systemAuditExport, null);
        HttpResponse<String> auditSubscription = send("POST", "/fhir/Subscription", admin, """
                {"resourceType":"Subscription","status":"requested","reason":"r","criteria":"AuditEvent?outcome=4",
                 "channel":{"type":"rest-hook","endpoint":"http://127.0.0.1:9/hook","payload":"application/fhir+json"}}""");
        assertThat(auditSubscription.statusCode()).as(auditSubscription.body()).isBetween(400, 499);
        assertOperationOutcome(auditSubscription, null);
        Map<String, Integer> since = export("/fhir/$export?_type=ImagingStudy&_since=" + Instant.now().plusSeconds(3600), t);
        assertThat(since.getOrDefault("ImagingStudy", 0)).isZero();

        // a Group of one patient: the group export holds that patient's studies only
        String patientId = json("/fhir/Patient?_count=1", admin).path("entry").get(0).path("resource").path("id").asText();
        int ofPatient = json("/fhir/ImagingStudy?patient=Patient/" + patientId + "&_summary=count", admin).path("total").asInt();
        HttpResponse<String> group = send("POST", "/fhir/Group", admin, "{\"resourceType\":\"Group\",\"type\":\"person\",\"actual\":true,"
                + "\"member\":[{\"entity\":{\"reference\":\"Patient/" + patientId + "\"}}]}");
        String groupId = JSON.readTree(group.body()).path("id").asText();
        assertThat(export("/fhir/Group/" + groupId + "/$export?_type=ImagingStudy", t).get("ImagingStudy")).isEqualTo(ofPatient);
        // one patient's compartment: Patient/ID/$export
        Map<String, Integer> one = export("/fhir/Patient/" + patientId + "/$export?_type=Patient,ImagingStudy,DiagnosticReport", t);
        assertThat(one.get("Patient")).isEqualTo(1);
        assertThat(one.get("ImagingStudy")).isEqualTo(ofPatient);
        assertThat(one.getOrDefault("DiagnosticReport", 0)).isEqualTo(
                json("/fhir/DiagnosticReport?patient=Patient/" + patientId + "&_summary=count", admin).path("total").asInt());

        // the scope system/ImagingStudy.rs is not enough for $export
        String narrow = tokenResponse(SmartTestKeys.assertion(ec, "ehr-imaging", tokenUrl, Instant.now().plusSeconds(240)), "system/ImagingStudy.rs")
                .path("access_token").asText();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/fhir/$export")).header("Authorization", "Bearer " + narrow)
                .header("Prefer", "respond-async").header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    /** Kick-off, status polling, download: resource count per type of the ndjson files. */
    private Map<String, Integer> export(String kickOff, String token) throws Exception {
        HttpResponse<String> k = http.send(HttpRequest.newBuilder(URI.create(base + kickOff.replace("$", "%24"))).header("Authorization", "Bearer " + token)
                .header("Prefer", "respond-async").header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(k.statusCode()).as(k.body()).isEqualTo(202);
        String status = k.headers().firstValue("Content-Location").orElseThrow();
        long deadline = System.currentTimeMillis() + 180_000;
        HttpResponse<String> s;
        do {
            Thread.sleep(1_000);
            s = http.send(HttpRequest.newBuilder(URI.create(status)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } while (s.statusCode() == 202 && System.currentTimeMillis() < deadline);
        assertThat(s.statusCode()).as(s.body()).isEqualTo(200);
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (JsonNode out : JSON.readTree(s.body()).path("output")) {
            HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(out.path("url").asText())).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/fhir+ndjson").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).isEqualTo(200);
            String type = out.path("type").asText();
            for (String line : file.body().split("\n")) {
                if (line.isBlank()) continue;
                assertThat(JSON.readTree(line).path("resourceType").asText()).isEqualTo(type);
                counts.merge(type, 1, Integer::sum);
            }
        }
        return counts;
    }

    // ---- conformance --------------------------------------------------------------------------------------------

    @Test
    @Order(9)
    void everyResourceTypeRadBridgeWritesValidatesAgainstR4() throws Exception {
        FhirContext fc = FhirContext.forR4Cached();
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fc),
                new InMemoryTerminologyServerValidationSupport(fc), new CommonCodeSystemsTerminologyService(fc));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        // HAPI labels its AuditEvents with the IHE BALP profiles, which are not available offline: checked against R4 itself
        instanceValidator.setErrorForUnknownProfiles(false);
        FhirValidator validator = fc.newValidator().registerValidatorModule(instanceValidator);
        IGenericClient fhir = client(admin());
        for (String type : List.of("Patient", "ImagingStudy", "DiagnosticReport", "Observation", "Provenance", "Device", "AuditEvent",
                "CodeSystem", "ConceptMap")) {
            Bundle b = fhir.search().byUrl(type + "?_count=3").returnBundle(Bundle.class).execute();
            assertThat(b.getEntry()).as(type + " written by RadBridge").isNotEmpty();
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                Resource r = e.getResource();
                // checked against R4 itself: the BALP profiles HAPI labels its AuditEvents with cannot be resolved offline
                r.getMeta().getProfile().clear();
                ValidationResult result = validator.validateWithResult(r);
                List<String> errors = result.getMessages().stream()
                        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
                assertThat(errors).as(type + "/" + r.getIdElement().getIdPart()).isEmpty();
            }
        }
        JsonNode cs = json("/fhir/metadata", null);
        List<String> drParams = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        cs.path("rest").get(0).path("resource").forEach(r -> {
            if (r.path("type").asText().equals("DiagnosticReport")) r.path("searchParam").forEach(p -> drParams.add(p.path("name").asText()));
        });
        cs.path("rest").get(0).path("operation").forEach(o -> ops.add(o.path("name").asText()));
        assertThat(drParams).contains("imaging-study");
        assertThat(ops).contains("export");
    }

    /**
     * The CapabilityStatement against what the server does: every type it lists answers a search, every search parameter
     * it lists for a type is accepted with a value of its type, types it does not list are unknown, and the operations it
     * lists run.
     */
    /** The running server has the search-path settings of 2026-12-06 in place (each one's behaviour has its own test). */
    @Test
    @Order(9)
    void searchPathSettingsAreInPlace() {
        assertThat(ctx.getBean("camelBeanPostProcessor")).isInstanceOf(org.radbridge.server.config.CamelSkipsHapiBeans.class);
        assertThat(ctx.getBean(ca.uhn.fhir.context.FhirContext.class).getParserOptions().isAutoContainReferenceTargetsWithNoId()).isFalse();
        assertThat(ctx.getBean(org.radbridge.server.config.BatchMaintenanceWhileJobsRun.class).isRunning()).isTrue();
        assertThat(ctx.getBean(ca.uhn.fhir.context.FhirContext.class)).isInstanceOf(org.radbridge.server.fhir.ServerFhirContext.class);
        assertThat(ctx.getBean(ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc.class)).isInstanceOf(org.radbridge.server.fhir.TypeRecordingBinaryStorage.class);
    }

    @Test
    @Order(10)
    void capabilityStatementListsWhatTheServerAccepts() throws Exception {
        String admin = admin();
        JsonNode rest = json("/fhir/metadata", null).path("rest").get(0);
        Set<String> listed = new java.util.TreeSet<>();
        Map<String, String> values = Map.of("date", "ge2000-01-01", "token", "x", "string", "x", "reference", "Patient/x", "number", "1",
                "quantity", "1", "uri", "http://example.org/x");
        List<String> refused = new ArrayList<>();
        for (JsonNode r : rest.path("resource")) {
            String type = r.path("type").asText();
            listed.add(type);
            List<String> interactions = new ArrayList<>();
            r.path("interaction").forEach(i -> interactions.add(i.path("code").asText()));
            if (interactions.contains("search-type") && !type.equals("Binary")) json("/fhir/" + type + "?_count=1", admin);
            for (JsonNode p : r.path("searchParam")) {
                String value = values.get(p.path("type").asText());
                // composite and special parameters, and _has (a chain in its name), take structured values
                if (value == null || p.path("name").asText().equals("_has")) continue;
                HttpResponse<String> res = send("GET", "/fhir/" + type + "?_count=1&" + p.path("name").asText() + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8), admin, null);
                if (res.statusCode() != 200) refused.add(type + "?" + p.path("name").asText() + " -> " + res.statusCode());
            }
        }
        assertThat(refused).as("search parameters the statement lists but the server refuses").isEmpty();
        // OperationDefinition: the definitions of the operations listed, served by the statement's own provider
        Set<String> served = new java.util.TreeSet<>(org.radbridge.server.fhir.ServedResourceTypes.TYPES);
        served.add("OperationDefinition");
        assertThat(listed).as("the types RadBridge serves, no others").isEqualTo(served);
        for (String other : List.of("Medication", "ValueSet", "Encounter")) {
            HttpResponse<String> r = send("GET", "/fhir/" + other + "?_count=1", admin, null);
            assertThat(r.statusCode()).as(other + " is not served").isEqualTo(404);
            assertOperationOutcome(r, null);
        }
        Set<String> ops = new java.util.HashSet<>();
        rest.path("operation").forEach(o -> ops.add(o.path("name").asText()));
        JsonNode patient = null;
        for (JsonNode r : rest.path("resource")) if (r.path("type").asText().equals("Patient")) patient = r;
        assertThat(patient).isNotNull();
        patient.path("operation").forEach(o -> ops.add(o.path("name").asText()));
        assertThat(ops).contains("export", "everything");
        String patientId = json("/fhir/Patient?_count=1", admin).path("entry").get(0).path("resource").path("id").asText();
        assertThat(json("/fhir/Patient/" + patientId + "/$everything", admin).path("entry").size()).isPositive();
        List<String> interactions = new ArrayList<>();
        patient.path("interaction").forEach(i -> interactions.add(i.path("code").asText()));
        assertThat(interactions).contains("read", "search-type");
        assertThat(rest.path("security").path("service").get(0).path("coding").get(0).path("code").asText()).isEqualTo("SMART-on-FHIR");
    }

    /**
     * Searches are answered straight from the database with a next link by offset that reaches the next page;
     * {@code total} when the client asks for it ({@code _total=accurate} or {@code estimated}) or when the search ends
     * on the page, otherwise absent (counting every page was a second query as costly as the page).
     */
    @Test
    @Order(11)
    void searchesPageByOffsetAndCountWhenAsked() throws Exception {
        String admin = admin();
        int total = json("/fhir/ImagingStudy?_summary=count", admin).path("total").asInt();
        assertThat(total).isGreaterThan(1);
        JsonNode first = json("/fhir/ImagingStudy?_count=1&_sort=_id", admin);
        assertThat(first.path("entry").size()).isEqualTo(1);
        assertThat(first.has("total")).as("not counted unless asked").isFalse();
        String next = null;
        for (JsonNode l : first.path("link")) if (l.path("relation").asText().equals("next")) next = l.path("url").asText();
        assertThat(next).as("next link").contains("_offset=1");
        JsonNode second = json(next.substring(next.indexOf("/fhir/")), admin);
        assertThat(second.path("entry").get(0).path("resource").path("id").asText())
                .isNotEqualTo(first.path("entry").get(0).path("resource").path("id").asText());

        assertThat(json("/fhir/ImagingStudy?_count=1&_total=accurate", admin).path("total").asInt()).isEqualTo(total);
        assertThat(json("/fhir/ImagingStudy?_count=1&_total=estimated", admin).path("total").asInt()).isEqualTo(total);
        JsonNode all = json("/fhir/ImagingStudy?_count=" + (total + 1), admin);
        assertThat(all.path("entry").size()).isEqualTo(total);
        assertThat(all.path("total").asInt()).as("known without counting: the search ends on this page").isEqualTo(total);
        assertThat(json("/fhir/ImagingStudy?_count=1&_total=none", admin).has("total")).isFalse();
    }

    /**
     * Following the next links of a search with small pages gives what one page of the whole search gives: the same
     * resources in the same order, none twice, and the last page says the total. Each page is its own query; without
     * one order for all of them (OffsetPagedSearches sorts by id) the plan's order changed with the page size. The
     * identifier search lists both identifiers of every study, so each study matches through two index rows.
     */
    @Test
    @Order(11)
    void pagesByOffsetAddUpToTheWholeSearch() throws Exception {
        String admin = admin();
        JsonNode studies = json("/fhir/ImagingStudy?_count=500", admin);
        StringBuilder both = new StringBuilder();
        for (JsonNode e : studies.path("entry")) {
            JsonNode ident = e.path("resource").path("identifier");
            assertThat(ident.size()).as("a study has its instance UID and accession number").isGreaterThanOrEqualTo(2);
            for (JsonNode i : ident) both.append(both.isEmpty() ? "" : ",").append(URLEncoder.encode(i.path("system").asText() + "|" + i.path("value").asText(), StandardCharsets.UTF_8));
        }
        for (String search : List.of("/fhir/ImagingStudy?", "/fhir/Observation?", "/fhir/Observation?status=final&", "/fhir/ImagingStudy?identifier=" + both + "&")) {
            List<String> whole = new ArrayList<>();
            JsonNode all = json(search + "_count=500", admin);
            for (JsonNode e : all.path("entry")) whole.add(e.path("resource").path("id").asText());
            assertThat(whole).as(search).hasSizeGreaterThan(2).doesNotHaveDuplicates();
            for (int count : new int[] {1, 2, whole.size() - 1}) {
                List<String> paged = new ArrayList<>();
                String next = search + "_count=" + count;
                JsonNode page = null;
                for (int pages = 0; next != null; pages++) {
                    assertThat(pages).as(search + " pages of " + count).isLessThanOrEqualTo(whole.size());
                    page = json(next.substring(next.indexOf("/fhir/")), admin);
                    assertThat(page.path("entry").size()).as(next).isBetween(1, count);
                    for (JsonNode e : page.path("entry")) paged.add(e.path("resource").path("id").asText());
                    next = null;
                    for (JsonNode l : page.path("link")) if (l.path("relation").asText().equals("next")) next = l.path("url").asText();
                    if (next != null) assertThat(next).contains("_offset=" + paged.size());
                }
                assertThat(paged).as(search + " in pages of " + count).isEqualTo(whole);
                if (page.path("entry").size() < count)
                    assertThat(page.path("total").asInt(-1)).as("a last page that is not full ends the search: total known").isEqualTo(whole.size());
                else if (page.has("total")) assertThat(page.path("total").asInt()).isEqualTo(whole.size());
            }
        }
    }

    /**
     * A study date range finds what the two one-sided searches both find (the server adds the implied first-day bound
     * to the range while every study starts on one day), also after a study that started "some time in a month" is
     * stored: that switches the bound off, and the range still finds the study.
     */
    @Test
    @Order(12)
    void studyDateRangesFindWhatBothBoundsFind() throws Exception {
        String admin = admin();
        org.radbridge.server.fhir.StudyDateRangeBound bound = ctx.getBean(org.radbridge.server.fhir.StudyDateRangeBound.class);
        assertThat(bound.active()).as("the pipeline wrote every start as an instant").isTrue();
        JsonNode any = json("/fhir/ImagingStudy?_count=1", admin).path("entry").get(0).path("resource");
        java.time.LocalDate day = java.time.OffsetDateTime.parse(any.path("started").asText()).toLocalDate();
        String from = day.minusDays(40).toString(), to = day.plusDays(40).toString();
        Set<String> range = ids("/fhir/ImagingStudy?started=ge" + from + "&started=le" + to + "&_count=500", admin);
        assertThat(range).contains(any.path("id").asText());
        Set<String> both = ids("/fhir/ImagingStudy?started=ge" + from + "&_count=500", admin);
        both.retainAll(ids("/fhir/ImagingStudy?started=le" + to + "&_count=500", admin));
        assertThat(range).isEqualTo(both);

        HttpResponse<String> created = send("POST", "/fhir/ImagingStudy", admin, "{\"resourceType\":\"ImagingStudy\",\"status\":\"available\","
                + "\"subject\":{\"reference\":\"" + any.path("subject").path("reference").asText() + "\"},\"started\":\"2003-06\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String monthStudy = JSON.readTree(created.body()).path("id").asText();
        assertThat(bound.active()).as("a start of month precision switches the bound off").isFalse();
        assertThat(ids("/fhir/ImagingStudy?started=ge2003-06-10&started=le2003-06-20&_count=500", admin))
                .as("a study of June 2003 overlaps 10-20 June").contains(monthStudy);
        assertThat(ids("/fhir/ImagingStudy?started=ge" + from + "&started=le" + to + "&_count=500", admin)).isEqualTo(range);
        assertThat(send("DELETE", "/fhir/ImagingStudy/" + monthStudy, admin, null).statusCode()).isEqualTo(200);
    }

    private Set<String> ids(String path, String token) throws Exception {
        Set<String> out = new java.util.TreeSet<>();
        for (JsonNode e : json(path, token).path("entry")) out.add(e.path("resource").path("id").asText());
        return out;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * HAPI's load of a page's resource versions, run with one parameter per id for the lengths HAPI pads its id lists
     * to, finds the rows HAPI's own query (one list parameter) finds, padding included, and Hibernate keeps one plan
     * per length (for HAPI's query it keeps none, so each page built it again).
     */
    @Test
    @Order(13)
    void pageVersionLoadsFindWhatHapisQueryFindsWithAKeptPlan() {
        jakarta.persistence.EntityManagerFactory emf = ctx.getBean(jakarta.persistence.EntityManagerFactory.class);
        ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao dao = ctx.getBean(ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao.class);
        org.hibernate.query.spi.QueryInterpretationCache plans =
                emf.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache();
        // HAPI's repositories require the caller's transaction, as its search has one
        new org.springframework.transaction.support.TransactionTemplate(ctx.getBean("transactionManager",
                org.springframework.transaction.PlatformTransactionManager.class)).executeWithoutResult(tx -> {
            jakarta.persistence.EntityManager em = org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
            List<Long> ids = new ArrayList<>();
            for (ca.uhn.fhir.jpa.model.dao.JpaPid id : em.createQuery("SELECT r.myPid FROM ResourceTable r", ca.uhn.fhir.jpa.model.dao.JpaPid.class).getResultList())
                ids.add(id.getId());
            java.util.Collections.sort(ids);
            assertThat(ids).hasSizeGreaterThan(50);
            for (int length : new int[] {1, 10, 50, 100, 800, 7}) {
                for (int real : new int[] {1, Math.min(length, ids.size()) / 2, Math.min(length, ids.size())}) {
                    if (real < 1) continue;
                    List<ca.uhn.fhir.jpa.model.dao.JpaPid> pids = new ArrayList<>();
                    for (long id : ids.subList(ids.size() - real, ids.size())) pids.add(ca.uhn.fhir.jpa.model.dao.JpaPid.fromId(id));
                    while (pids.size() < length) pids.add(ca.uhn.fhir.jpa.model.dao.JpaPid.fromId(-1L)); // HAPI's padding
                    List<ca.uhn.fhir.jpa.model.dao.JpaPidFk> fks = ca.uhn.fhir.jpa.model.dao.JpaPidFk.fromPids(pids);
                    List<String> hapis = new ArrayList<>();
                    for (ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable v : em.createQuery("SELECT v FROM ResourceHistoryTable v "
                            + "JOIN FETCH v.myResourceTable t WHERE v.myResourcePid IN (:pids) AND t.myVersion = v.myResourceVersion",
                            ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable.class).setParameter("pids", fks).getResultList())
                        hapis.add(v.getResourceId().getId() + "/" + v.getVersion() + "/" + v.getResourceTable().getVersion());
                    List<String> served = new ArrayList<>();
                    for (ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable v : dao.findCurrentVersionsByResourcePidsAndFetchResourceTable(fks))
                        served.add(v.getResourceId().getId() + "/" + v.getVersion() + "/" + v.getResourceTable().getVersion());
                    assertThat(served).as(length + " ids, " + real + " real").isNotEmpty().containsExactlyInAnyOrderElementsOf(hapis);
                }
            }
            List<ca.uhn.fhir.jpa.model.dao.JpaPidFk> fks = ca.uhn.fhir.jpa.model.dao.JpaPidFk.fromPids(
                    java.util.Collections.nCopies(500, ca.uhn.fhir.jpa.model.dao.JpaPid.fromId(ids.get(0))));
            int before = plans.getNumberOfCachedQueryPlans();
            dao.findCurrentVersionsByResourcePidsAndFetchResourceTable(fks);
            assertThat(plans.getNumberOfCachedQueryPlans()).as("the first load of 500 ids keeps its plan").isGreaterThan(before);
            int kept = plans.getNumberOfCachedQueryPlans();
            for (int i = 0; i < 5; i++) dao.findCurrentVersionsByResourcePidsAndFetchResourceTable(fks);
            assertThat(plans.getNumberOfCachedQueryPlans()).as("later loads of 500 reuse it").isLessThanOrEqualTo(kept + 1);
        });
    }

    private DataSource ds() {
        return ctx.getBean("radbridgeDataSource", DataSource.class);
    }

    private String admin() throws IOException {
        return E2eSupport.adminToken(data);
    }

    private IGenericClient client(String token) {
        FhirContext fc = FhirContext.forR4Cached();
        fc.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient c = fc.newRestfulGenericClient(base + "/fhir");
        c.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return c;
    }

    private HttpResponse<String> token(String assertion, String scope) throws Exception {
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
        return http.send(HttpRequest.newBuilder(URI.create(tokenUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode tokenResponse(String assertion, String scope) throws Exception {
        HttpResponse<String> r = token(assertion, scope);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/fhir+json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path, String token) throws Exception {
        HttpResponse<String> r = send("GET", path, token, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void assertOperationOutcome(HttpResponse<String> r, String code) throws IOException {
        JsonNode oo = JSON.readTree(r.body());
        assertThat(oo.path("resourceType").asText()).as(r.body()).isEqualTo("OperationOutcome");
        assertThat(oo.path("issue").get(0).path("severity").asText()).isEqualTo("error");
        if (code != null) assertThat(oo.path("issue").get(0).path("code").asText()).isEqualTo(code);
    }
}
