package org.radbridge.console;

import java.util.Optional;

/**
 * Resolves a token typed on the sign-in page. The server answers with the same tokens and roles as /fhir, so the
 * console needs no accounts of its own; a token that may not see everything (a patient's) gives no user.
 */
@FunctionalInterface
public interface ConsoleSignIn {
    Optional<ConsoleUser> authenticate(String token);
}
