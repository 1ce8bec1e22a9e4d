package org.radbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.UrlUtil;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IHE Basic Audit Logging Pattern (BALP) capture of FHIR REST access: the same AuditEvents, profiles, agents and
 * entities as HAPI's {@code BalpAuditCaptureInterceptor} (read and vread, searches and their pages, create, update,
 * delete; one event per Patient-compartment owner, a "basic" event where there is none). It exists because HAPI's
 * builds every event from scratch, including its fixed narrative: {@code XhtmlNode.setValue} constructs an
 * {@code XhtmlParser}, which fills a map of ~2,000 HTML entities — about a third of the CPU of a search answering 50
 * studies of 50 patients. Here the narrative is parsed once, and the part of the event that depends only on the
 * request (agents, query entity) is built once per request; the events of its patients go to the sink as one
 * {@link PatientAuditEvents} (the audit writer encodes the shared part once), or one by one as copies to any other sink.
 */
public final class BalpAuditCapture {
    private static final String PATIENT = "Patient";
    /** Parsed once; every event gets a copy (a tree copy, no parsing). */
    private static final XhtmlNode NARRATIVE = new XhtmlNode().setValue("<div>Audit Event</div>");
    private static final String QUERY_ROLE_DISPLAY = "Query";

    private final IBalpAuditEventSink sink;
    private final IBalpAuditContextServices context;

    public BalpAuditCapture(IBalpAuditEventSink sink, IBalpAuditContextServices context) {
        this.sink = sink;
        this.context = context;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void resourcesShown(IPreResourceShowDetails details, ServletRequestDetails request) {
        if (request == null || request.getRestOperationType() == null) return;
        switch (request.getRestOperationType()) {
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> searched(details, request);
            case READ, VREAD -> read(details, request);
            default -> { /* other operations are audited by the storage hooks below, or not at all (as HAPI's) */ }
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, ServletRequestDetails request) {
        changed(resource, request, BalpProfileEnum.BASIC_CREATE, BalpProfileEnum.PATIENT_CREATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, ServletRequestDetails request) {
        changed(resource, request, BalpProfileEnum.BASIC_UPDATE, BalpProfileEnum.PATIENT_UPDATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, ServletRequestDetails request) {
        changed(resource, request, BalpProfileEnum.BASIC_DELETE, BalpProfileEnum.PATIENT_DELETE);
    }

    private void searched(IPreResourceShowDetails details, ServletRequestDetails request) {
        Set<String> owners = compartmentOwners(details.getAllResources(), request);
        if (owners.isEmpty()) {
            sink.recordAuditEvent(query(request, BalpProfileEnum.BASIC_QUERY));
            return;
        }
        perPatient(query(request, BalpProfileEnum.PATIENT_QUERY), owners);
    }

    private void read(IPreResourceShowDetails details, ServletRequestDetails request) {
        if (details.size() != 1)
            throw new IllegalStateException("Unexpected number of results for read: " + details.size());
        IBaseResource resource = details.getResource(0);
        if (resource == null) return;
        String data = context.massageResourceIdForStorage(request, resource, resource.getIdElement());
        Set<String> owners = compartmentOwners(List.of(resource), request);
        if (owners.isEmpty()) {
            sink.recordAuditEvent(addData(common(request, BalpProfileEnum.BASIC_READ), data));
            return;
        }
        perPatient(addData(common(request, BalpProfileEnum.PATIENT_READ), data), owners);
    }

    private void changed(IBaseResource resource, ServletRequestDetails request, BalpProfileEnum basic, BalpProfileEnum patient) {
        if (request == null) return;
        Set<String> owners = compartmentOwners(List.of(resource), request);
        AuditEvent event = addData(common(request, owners.isEmpty() ? basic : patient),
                context.massageResourceIdForStorage(request, resource, resource.getIdElement()));
        for (String owner : owners) addPatient(event, owner);
        sink.recordAuditEvent(event);
    }

    /** The Patient ids (as stored in the events) whose compartment holds any of the resources, in order. */
    private Set<String> compartmentOwners(List<IBaseResource> resources, ServletRequestDetails request) {
        Set<String> owners = new TreeSet<>();
        FhirContext fhir = request.getFhirContext();
        FhirTerser terser = null;
        for (IBaseResource resource : resources) {
            if (resource == null) continue;
            RuntimeResourceDefinition definition = fhir.getResourceDefinition(resource);
            if (definition.getName().equals(PATIENT)) {
                owners.add(context.massageResourceIdForStorage(request, resource, resource.getIdElement()));
            } else if (!definition.getSearchParamsForCompartmentName(PATIENT).isEmpty()) {
                if (terser == null) terser = fhir.newTerser();
                CompartmentSearchParameterModifications unchanged = CompartmentSearchParameterModifications
                        .fromAdditionalAndOmittedSPNames(definition.getName(), Set.of(), Set.of());
                terser.getCompartmentOwnersForResource(PATIENT, resource, unchanged)
                        .forEach(id -> owners.add(context.massageResourceIdForStorage(request, resource, id)));
            }
        }
        return owners;
    }

    /**
     * One event per patient, each a copy of the request's event with that patient: to the audit writer as one hand-over
     * (it encodes the shared part once), to any other sink one by one.
     */
    private void perPatient(AuditEvent template, Set<String> owners) {
        PatientAuditEvents events = new PatientAuditEvents(template, List.copyOf(owners), new Date());
        if (sink instanceof PatientEventsSink grouped) grouped.recordAuditEvents(events);
        else events.events().forEach(sink::recordAuditEvent);
    }

    private AuditEvent common(ServletRequestDetails request, BalpProfileEnum profile) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.GET_PAGE) operation = RestOperationTypeEnum.SEARCH_TYPE;
        String base = request.getFhirServerBase();

        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(profile.getProfileUrl());
        event.getText().setDiv(NARRATIVE.copy()).setStatus(Narrative.NarrativeStatus.GENERATED);
        event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
        event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(operation.getCode()).setDisplay(operation.getCode());
        event.setAction(profile.getAction());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(base);

        String address = context.getNetworkAddress(request);
        AuditEvent.AuditEventAgentComponent client = event.addAgent();
        client.setWho(context.getAgentClientWho(request));
        client.getType().addCoding(profile.getAgentClientTypeCoding());
        client.getWho().setDisplay(address);
        client.getNetwork().setAddress(address).setType(context.getNetworkAddressType(request));
        client.setRequestor(false);

        AuditEvent.AuditEventAgentComponent server = event.addAgent();
        server.getType().addCoding(profile.getAgentServerTypeCoding());
        server.getWho().setDisplay(base);
        server.getNetwork().setAddress(base);
        server.setRequestor(false);

        AuditEvent.AuditEventAgentComponent user = event.addAgent();
        user.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType")
                .setCode("IRCP").setDisplay("information recipient");
        user.setWho(context.getAgentUserWho(request));
        user.setRequestor(true);

        AuditEvent.AuditEventEntityComponent transaction = event.addEntity();
        transaction.getType().setSystem("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType").setCode("XrequestId");
        transaction.getWhat().getIdentifier().setValue(request.getRequestId());
        return event;
    }

    private AuditEvent query(ServletRequestDetails request, BalpProfileEnum profile) {
        AuditEvent event = common(request, profile);
        AuditEvent.AuditEventEntityComponent query = addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
                BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY, BalpConstants.CS_OBJECT_ROLE_24_QUERY, QUERY_ROLE_DISPLAY);
        query.setDescription(request.getRequestType().name() + " " + request.getCompleteUrl());

        StringBuilder url = new StringBuilder(request.getFhirServerBase()).append('/').append(request.getRequestPath());
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                url.append(separator).append(UrlUtil.escapeUrlParam(parameter.getKey())).append('=').append(UrlUtil.escapeUrlParam(value));
                separator = '&';
            }
        }
        query.getQueryElement().setValue(url.toString().getBytes(StandardCharsets.UTF_8));
        return event;
    }

    static AuditEvent addPatient(AuditEvent event, String patientId) {
        addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
                BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY).getWhat().setReference(patientId);
        return event;
    }

    private static AuditEvent addData(AuditEvent event, String resourceId) {
        addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY,
                BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY).getWhat().setReference(resourceId);
        return event;
    }

    /** A new entity of the event with its BALP entity type and object role. */
    private static AuditEvent.AuditEventEntityComponent addEntity(AuditEvent event, String type, String typeDisplay,
                                                                  String role, String roleDisplay) {
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type).setDisplay(typeDisplay);
        entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role).setDisplay(roleDisplay);
        return entity;
    }
}
