package org.radbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RadBridge's BALP capture against HAPI's own {@link BalpAuditCaptureInterceptor} as the reference: the same hooks
 * with the same request and resources must give the same AuditEvents (all but the recording time), for searches and
 * their pages, reads, vreads, creates, updates and deletes, in and outside the Patient compartment.
 */
class BalpAuditCaptureTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final IParser JSON = FHIR.newJsonParser();
    private static final RestfulServer SERVER = new RestfulServer(FHIR);

    private static final IBalpAuditContextServices CONTEXT = new IBalpAuditContextServices() {
        @Override
        public Reference getAgentClientWho(RequestDetails request) {
            return new Reference().setDisplay(request.getHeader("User-Agent"));
        }

        @Override
        public Reference getAgentUserWho(RequestDetails request) {
            return new Reference().setIdentifier(new Identifier().setSystem("urn:radbridge:api-token").setValue("ehr"))
                    .setDisplay("ehr (reader)");
        }
    };

    private final List<AuditEvent> ours = new ArrayList<>();
    private final List<AuditEvent> hapis = new ArrayList<>();
    private final InterceptorService oursService = new InterceptorService();
    private final InterceptorService hapiService = new InterceptorService();

    BalpAuditCaptureTest() {
        oursService.registerInterceptor(new BalpAuditCapture(ours::add, CONTEXT));
        hapiService.registerInterceptor(new BalpAuditCaptureInterceptor(hapis::add, CONTEXT));
    }

    @Test
    void searchOfStudiesGivesOnePatientQueryEventPerPatientLikeHapi() {
        List<IBaseResource> page = List.of(study("s1", "p1"), study("s2", "p2"), report("r1", "p1"), study("s3", "p3"));
        for (RestOperationTypeEnum op : List.of(RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.GET_PAGE))
            shown(request(op, "ImagingStudy"), page);
        assertSameAsHapi(6);
        assertThat(ours).extracting(e -> e.getMeta().getProfile().get(0).getValue()).containsOnly(BalpProfileEnum.PATIENT_QUERY.getProfileUrl());
        assertThat(ours.subList(0, 3)).extracting(e -> e.getEntity().get(2).getWhat().getReference())
                .containsExactly("http://rb.test/fhir/Patient/p1", "http://rb.test/fhir/Patient/p2", "http://rb.test/fhir/Patient/p3");
        assertThat(ours.get(0).getText().getDiv()).as("each event its own narrative").isNotSameAs(ours.get(1).getText().getDiv());
        assertThat(ours.get(0).getEntity().get(0)).as("each event its own entities").isNotSameAs(ours.get(1).getEntity().get(0));
    }

    @Test
    void searchOutsideTheCompartmentOrWithoutResultsGivesOneBasicQueryLikeHapi() {
        shown(request(RestOperationTypeEnum.SEARCH_TYPE, "CodeSystem"), List.of(new CodeSystem().setUrl("urn:x").setId("cs1")));
        shown(request(RestOperationTypeEnum.SEARCH_TYPE, "ImagingStudy"), List.of());
        shown(request(RestOperationTypeEnum.SEARCH_SYSTEM, ""), List.of(new Organization().setName("o").setId("o1")));
        assertSameAsHapi(3);
        assertThat(ours).extracting(e -> e.getMeta().getProfile().get(0).getValue()).containsOnly(BalpProfileEnum.BASIC_QUERY.getProfileUrl());
    }

    @Test
    void readsAndVreadsLikeHapi() {
        shown(request(RestOperationTypeEnum.READ, "ImagingStudy/s1"), List.of(study("s1", "p1")));
        shown(request(RestOperationTypeEnum.VREAD, "ImagingStudy/s1/_history/1"), List.of(study("s1", "p1")));
        shown(request(RestOperationTypeEnum.READ, "Patient/p1"), List.of(patient("p1")));
        shown(request(RestOperationTypeEnum.READ, "Organization/o1"), List.of(new Organization().setName("o").setId("o1")));
        assertSameAsHapi(4);
    }

    @Test
    void createsUpdatesAndDeletesLikeHapi() {
        for (IBaseResource r : List.of(study("s1", "p1"), patient("p2"), new Organization().setName("o").setId("o1"))) {
            changed(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, request(RestOperationTypeEnum.CREATE, r.fhirType()), r);
            changed(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, request(RestOperationTypeEnum.UPDATE, r.fhirType()), r, r);
            changed(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, request(RestOperationTypeEnum.DELETE, r.fhirType()), r);
        }
        assertSameAsHapi(9);
    }

    @Test
    void operationsThatShowResourcesWithoutAReadOrSearchAreNotAuditedLikeHapi() {
        shown(request(RestOperationTypeEnum.HISTORY_INSTANCE, "ImagingStudy/s1/_history"), List.of(study("s1", "p1")));
        assertSameAsHapi(0);
    }

    private void assertSameAsHapi(int expected) {
        assertThat(hapis).hasSize(expected);
        assertThat(ours).hasSize(expected);
        for (int i = 0; i < expected; i++) {
            AuditEvent a = ours.get(i);
            AuditEvent h = hapis.get(i);
            assertThat(a.getRecorded()).isNotNull();
            a.setRecorded(null);
            h.setRecorded(null);
            assertThat(JSON.encodeResourceToString(a)).as("event " + i).isEqualTo(JSON.encodeResourceToString(h));
            assertThat(a.equalsDeep(h)).as("event " + i).isTrue();
        }
    }

    private void shown(ServletRequestDetails request, List<IBaseResource> resources) {
        fire(Pointcut.STORAGE_PRESHOW_RESOURCES, request, new SimplePreResourceShowDetails(resources), new ArrayDeque<>());
        fire(Pointcut.STORAGE_PRESHOW_RESOURCES, request, new SimplePreResourceShowDetails(resources), new ArrayDeque<>(), true);
    }

    private void changed(Pointcut pointcut, ServletRequestDetails request, IBaseResource... resources) {
        fire(pointcut, request, null, new ArrayDeque<>(List.of(resources)));
        fire(pointcut, request, null, new ArrayDeque<>(List.of(resources)), true);
    }

    private void fire(Pointcut pointcut, ServletRequestDetails request, IPreResourceShowDetails details, Deque<IBaseResource> resources) {
        fire(pointcut, request, details, resources, false);
    }

    /** Fills the pointcut's parameters in its own order (the storage pointcuts also pass transaction details etc.). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void fire(Pointcut pointcut, ServletRequestDetails request, IPreResourceShowDetails details, Deque<IBaseResource> resources,
                      boolean hapi) {
        HookParams params = new HookParams();
        for (String type : pointcut.getParameterTypes()) {
            Class c;
            try {
                c = Class.forName(type);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            Object value = null;
            if (c == IBaseResource.class) value = resources.poll();
            else if (c == RequestDetails.class || c == ServletRequestDetails.class) value = request;
            else if (c == IPreResourceShowDetails.class) value = details;
            params.add(c, value);
        }
        (hapi ? hapiService : oursService).callHooks(pointcut, params);
    }

    private static ServletRequestDetails request(RestOperationTypeEnum operation, String path) {
        MockHttpServletRequest servlet = new MockHttpServletRequest("GET", "/fhir/" + path);
        servlet.setRemoteAddr("10.1.2.3");
        servlet.addHeader("User-Agent", "EHR test client");
        ServletRequestDetails r = new ServletRequestDetails();
        r.setServer(SERVER);
        r.setServletRequest(servlet);
        r.setRestOperationType(operation);
        r.setRequestType(operation == RestOperationTypeEnum.CREATE ? RequestTypeEnum.POST : RequestTypeEnum.GET);
        r.setFhirServerBase("http://rb.test/fhir");
        r.setRequestPath(path);
        r.setRequestId("req-" + operation.name());
        Map<String, String[]> parameters = new LinkedHashMap<>();
        if (operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.GET_PAGE) {
            parameters.put("modality", new String[]{"http://dicom.nema.org/resources/ontology/DCM|CT"});
            parameters.put("started", new String[]{"ge2024-01-01", "le2024-01-31"});
            parameters.put("_count", new String[]{"50"});
        }
        r.setParameters(parameters);
        r.setCompleteUrl("http://rb.test/fhir/" + path + (parameters.isEmpty() ? "" : "?modality=CT&started=ge2024-01-01"));
        return r;
    }

    private static ImagingStudy study(String id, String patient) {
        ImagingStudy s = new ImagingStudy().setSubject(new Reference("Patient/" + patient));
        s.setId("ImagingStudy/" + id);
        return s;
    }

    private static DiagnosticReport report(String id, String patient) {
        DiagnosticReport r = new DiagnosticReport().setSubject(new Reference("Patient/" + patient));
        r.setId("DiagnosticReport/" + id);
        return r;
    }

    private static Patient patient(String id) {
        Patient p = new Patient();
        p.setId("Patient/" + id);
        return p;
    }
}
