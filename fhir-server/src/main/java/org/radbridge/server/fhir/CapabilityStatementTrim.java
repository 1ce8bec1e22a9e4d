package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * HAPI's JPA capability statement lists the search parameters of the registry for every type it names, also for a type
 * the server only reads (OperationDefinition, served for the definitions of the operations): a search on it is refused.
 * A type without the search-type interaction keeps no search parameters, so the statement promises nothing the server
 * refuses. AuditEvent, served by {@link AuditEventProvider} from its own table, lists the parameters that provider takes
 * and no includes.
 */
@Interceptor
public final class CapabilityStatementTrim {
    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void trim(IBaseConformance statement) {
        if (!(statement instanceof CapabilityStatement cs)) return;
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent r : rest.getResource()) {
                boolean searchable = r.getInteraction().stream()
                        .anyMatch(i -> i.getCode() == CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
                if (!searchable) r.getSearchParam().clear();
                if ("AuditEvent".equals(r.getType())) {
                    r.getSearchParam().removeIf(p -> !AuditEventProvider.SEARCH_PARAMS.contains(p.getName()));
                    r.getSearchInclude().clear();
                    r.getSearchRevInclude().clear();
                }
            }
        }
    }
}
