package org.radbridge.server.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * HAPI's RestfulServer as a bean that is not itself a servlet. Spring Boot registers every servlet bean with the web
 * server, and to find them it builds them while it sets up the web server; for the RestfulServer that meant all of
 * HAPI FHIR JPA at that early point (see {@link DeferredServlet}). The servlet at /fhir takes it from here.
 */
public record FhirRestServer(RestfulServer servlet) {}
