package org.radbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's server-side session: the token the user signed in with (kept on the server, never in the cookie) and
 * the form token that every action must send back. The token is checked again on every request, so a revoked token
 * signs its user out at the next click.
 */
public final class ConsoleSession {
    static final String TOKEN = "radbridge.console.token";
    static final String CSRF = "radbridge.console.csrf";
    static final String USER = "radbridge.console.user";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleSignIn signIn;

    public ConsoleSession(ConsoleSignIn signIn) {
        this.signIn = signIn;
    }

    public Optional<ConsoleUser> user(HttpServletRequest request) {
        Object cached = request.getAttribute(USER);
        if (cached instanceof ConsoleUser u) return Optional.of(u);
        HttpSession s = request.getSession(false);
        if (s == null || !(s.getAttribute(TOKEN) instanceof String token)) return Optional.empty();
        Optional<ConsoleUser> u = signIn.authenticate(token);
        if (u.isEmpty()) s.invalidate();
        else request.setAttribute(USER, u.get());
        return u;
    }

    /** Starts a fresh session (a new id: the one before sign-in is never reused) for a valid token. */
    public Optional<ConsoleUser> signIn(HttpServletRequest request, String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        Optional<ConsoleUser> u = signIn.authenticate(token.trim());
        if (u.isEmpty()) return u;
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate();
        HttpSession s = request.getSession(true);
        s.setAttribute(TOKEN, token.trim());
        s.setAttribute(CSRF, newCsrf());
        request.setAttribute(USER, u.get());
        return u;
    }

    public void signOut(HttpServletRequest request) {
        HttpSession s = request.getSession(false);
        if (s != null) s.invalidate();
    }

    public String csrf(HttpServletRequest request) {
        HttpSession s = request.getSession(false);
        return s == null ? "" : String.valueOf(s.getAttribute(CSRF));
    }

    public boolean csrfMatches(HttpServletRequest request) {
        HttpSession s = request.getSession(false);
        String sent = request.getParameter("_csrf");
        if (s == null || sent == null || !(s.getAttribute(CSRF) instanceof String expected)) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String newCsrf() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
