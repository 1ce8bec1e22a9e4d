package org.radbridge.server.security.smart;

/**
 * Where clients reach the server: {@code radbridge.public-url} (RADBRIDGE_PUBLIC_URL, e.g. https://radbridge.example.org
 * behind a proxy) or, unset, http://BIND_ADDRESS:HTTP_PORT. The token URL is the audience client assertions must name;
 * while no public URL is configured, the URL a request actually reached is accepted as well (a local client may say
 * localhost instead of 127.0.0.1).
 */
public record SmartUrls(String base, boolean configured) {
    public SmartUrls {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String tokenUrl() { return base + "/auth/token"; }
    public String jwksUrl() { return base + "/auth/jwks"; }
    public String fhirBase() { return base + "/fhir"; }
}
