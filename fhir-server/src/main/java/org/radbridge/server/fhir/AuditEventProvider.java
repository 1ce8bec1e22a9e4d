package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.radbridge.server.security.AuditEventStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Serves the audit trail ({@link AuditEventStore}, table radbridge.audit_event) as AuditEvent, read-only: read, and
 * search by the parameters an access log is asked by (IHE RESTful ATNA's: {@code date} with prefixes, {@code patient},
 * {@code entity}, {@code agent}, {@code type}, {@code subtype}, {@code action}, {@code outcome}, {@code _id}), newest
 * first ({@code _sort=date} for oldest first), paged by offset. The trail is written by the server only; a client's
 * write of an AuditEvent has no handler here and is refused ({@link AuditEventWritesRefused}).
 * <p>What is shown goes through the same pre-show hook as HAPI's JPA storage, so access control checks it and reading
 * the trail is itself audited, as before.
 */
public final class AuditEventProvider implements IResourceProvider {
    /** The search parameters this provider accepts (the CapabilityStatement lists these for AuditEvent). */
    public static final Set<String> SEARCH_PARAMS = Set.of("_id", "date", "patient", "entity", "agent", "type", "subtype", "action", "outcome");
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 1000;
    private static final String ACTION_SYSTEM = "http://hl7.org/fhir/audit-event-action";
    private static final String OUTCOME_SYSTEM = "http://hl7.org/fhir/audit-event-outcome";

    private final AuditEventStore store;

    public AuditEventProvider(AuditEventStore store) {
        this.store = store;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        List<AuditEvent> found = query("SELECT resource FROM radbridge.audit_event WHERE id = ?", List.of(id.getIdPart()));
        if (found.isEmpty()) throw new ResourceNotFoundException(new IdType("AuditEvent", id.getIdPart()));
        shown(found, request);
        return found.get(0);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "patient") ReferenceAndListParam patient,
            @OptionalParam(name = "entity") ReferenceAndListParam entity,
            @OptionalParam(name = "agent") ReferenceAndListParam agent,
            @OptionalParam(name = "type") TokenAndListParam type,
            @OptionalParam(name = "subtype") TokenAndListParam subtype,
            @OptionalParam(name = "action") TokenAndListParam action,
            @OptionalParam(name = "outcome") TokenAndListParam outcome,
            @Sort SortSpec sort, @Count Integer count, @Offset Integer offset, RequestDetails request) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (date != null) {
            if (date.getLowerBoundAsInstant() != null) { where.append(" AND recorded >= ?"); args.add(new Timestamp(date.getLowerBoundAsInstant().getTime())); }
            if (date.getUpperBoundAsInstant() != null) { where.append(" AND recorded <= ?"); args.add(new Timestamp(date.getUpperBoundAsInstant().getTime())); }
        }
        if (ids != null) for (TokenOrListParam or : ids.getValuesAsQueryTokens())
            overlap(where, args, "ARRAY[id::text]", or.getValuesAsQueryTokens().stream().map(TokenParam::getValue).toList());
        references(where, args, "patient_refs", patient, true);
        references(where, args, "entity_refs", entity, false);
        references(where, args, "agent_refs", agent, false);
        tokens(where, args, "type_tokens", type);
        tokens(where, args, "subtype_tokens", subtype);
        code(where, args, "action", ACTION_SYSTEM, action);
        code(where, args, "outcome", OUTCOME_SYSTEM, outcome);

        boolean oldestFirst = false;
        if (sort != null) {
            if (!"date".equals(sort.getParamName()) || sort.getChain() != null)
                throw new InvalidRequestException("AuditEvent can be sorted by date only (_sort=date or _sort=-date), not " + sort.getParamName());
            oldestFirst = sort.getOrder() != SortOrderEnum.DESC;
        }
        String summary = request.getParameters().containsKey("_summary") ? request.getParameters().get("_summary")[0] : null;
        String total = request.getParameters().containsKey("_total") ? request.getParameters().get("_total")[0] : null;
        int size = count == null ? DEFAULT_PAGE : Math.min(Math.max(count, 0), MAX_PAGE);
        int from = offset == null ? 0 : Math.max(offset, 0);
        Integer counted = null;
        if ("count".equals(summary) || "accurate".equals(total) || "estimated".equals(total) || size == 0)
            counted = countOf("SELECT count(*) FROM radbridge.audit_event" + where, args);
        List<AuditEvent> page = new ArrayList<>();
        if (size > 0 && !"count".equals(summary)) {
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(size);
            pageArgs.add(from);
            String order = oldestFirst ? " ORDER BY recorded, id" : " ORDER BY recorded DESC, id DESC";
            page = query("SELECT resource FROM radbridge.audit_event" + where + order + " LIMIT ? OFFSET ?", pageArgs);
            shown(page, request);
        }
        if (counted == null && page.size() < size) counted = from + page.size();  // the search ends on this page
        SimpleBundleProvider result = new SimpleBundleProvider(new ArrayList<>(page));
        result.setCurrentPageOffset(from);
        result.setCurrentPageSize(size);
        result.setSize(counted);
        return result;
    }

    /** The pre-show hook of the request's interceptors (access control, the BALP capture) on what is about to be shown. */
    private static void shown(List<AuditEvent> resources, RequestDetails request) {
        if (request == null) return;
        IInterceptorBroadcaster broadcaster = request.getInterceptorBroadcaster();
        if (broadcaster == null || !broadcaster.hasHooks(Pointcut.STORAGE_PRESHOW_RESOURCES)) return;
        IPreResourceShowDetails details = new SimplePreResourceShowDetails(resources);
        HookParams params = new HookParams().add(IPreResourceShowDetails.class, details).add(RequestDetails.class, request)
                .addIfMatchesType(ServletRequestDetails.class, request);
        broadcaster.callHooks(Pointcut.STORAGE_PRESHOW_RESOURCES, params);
        for (int i = resources.size() - 1; i >= 0; i--) if (details.getResource(i) == null) resources.remove(i);
    }

    private static void references(StringBuilder where, List<Object> args, String column, ReferenceAndListParam and, boolean patient) {
        if (and == null) return;
        for (ReferenceOrListParam or : and.getValuesAsQueryTokens()) {
            List<String> values = new ArrayList<>();
            for (ReferenceParam r : or.getValuesAsQueryTokens()) {
                if (r.getChain() != null) throw new InvalidRequestException("AuditEvent searches take no chained references");
                String type = r.getResourceType();
                if (patient && type != null && !type.equals("Patient")) { values.add("\u0000"); continue; }
                String idPart = r.getIdPart();
                values.add(patient ? "Patient/" + idPart : type == null ? idPart : type + "/" + idPart);
            }
            overlap(where, args, column, values);
        }
    }

    private static void tokens(StringBuilder where, List<Object> args, String column, TokenAndListParam and) {
        if (and == null) return;
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            List<String> values = new ArrayList<>();
            for (TokenParam t : or.getValuesAsQueryTokens()) {
                if (t.getModifier() != null) throw new InvalidRequestException("AuditEvent token searches take no modifier (" + t.getModifier().getValue() + ")");
                String code = t.getValue() == null ? "" : t.getValue();
                values.add(t.getSystem() == null ? code : t.getSystem() + "|" + code);
            }
            overlap(where, args, column, values);
        }
    }

    /** A code of a fixed system: {@code code} or {@code system|code}; another system matches nothing. */
    private static void code(StringBuilder where, List<Object> args, String column, String system, TokenAndListParam and) {
        if (and == null) return;
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            List<String> values = new ArrayList<>();
            for (TokenParam t : or.getValuesAsQueryTokens()) {
                if (t.getSystem() == null || t.getSystem().equals(system)) values.add(t.getValue());
            }
            overlap(where, args, "ARRAY[" + column + "::text]", values);
        }
    }

    private static void overlap(StringBuilder where, List<Object> args, String column, List<String> values) {
        where.append(" AND ").append(column).append(" && ?");
        args.add(values.toArray(new String[0]));
    }

    private List<AuditEvent> query(String sql, List<Object> args) {
        IParser json = store.fhirContext().newJsonParser();
        List<AuditEvent> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(json.parseResource(AuditEvent.class, rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new InternalErrorException("Could not read the audit trail: " + e.getMessage(), e);
        }
        return out;
    }

    private int countOf(String sql, List<Object> args) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new InternalErrorException("Could not count the audit trail: " + e.getMessage(), e);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] array) ps.setArray(i + 1, c.createArrayOf("text", array));
            else ps.setObject(i + 1, a);
        }
    }
}
