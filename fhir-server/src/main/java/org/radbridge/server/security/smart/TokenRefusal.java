package org.radbridge.server.security.smart;

/**
 * A refused token request or access token, with the OAuth 2.0 error code (RFC 6749 section 5.2, RFC 6750 section 3.1)
 * and the HTTP status it is answered with. The description names the cause (expired, wrong audience, ...) and never
 * echoes the token.
 */
public final class TokenRefusal extends Exception {
    private final String error;
    private final int status;

    public TokenRefusal(String error, int status, String description) {
        super(description);
        this.error = error;
        this.status = status;
    }

    public static TokenRefusal invalidClient(String description) {
        return new TokenRefusal("invalid_client", 401, description);
    }

    public static TokenRefusal invalidRequest(String description) {
        return new TokenRefusal("invalid_request", 400, description);
    }

    public static TokenRefusal invalidScope(String description) {
        return new TokenRefusal("invalid_scope", 400, description);
    }

    public static TokenRefusal invalidToken(String description) {
        return new TokenRefusal("invalid_token", 401, description);
    }

    public String error() { return error; }
    public int status() { return status; }
}
