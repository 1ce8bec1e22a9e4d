package org.radbridge.server.security.smart;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the {@code jti} of every accepted client assertion until it expires, so that an assertion is exchanged for
 * a token once only (SMART Backend Services: the server must refuse a replayed jti). Assertions live at most five
 * minutes, so little is kept. {@link #inMemory()} for tests and one-shot use; the server keeps them in the database
 * ({@link DatabaseJtiReplayGuard}), which survives restarts and is shared by servers on one database.
 */
public interface JtiReplayGuard {
    /** True the first time a client presents this jti; false for a replay. */
    boolean firstUse(String clientId, String jti, Instant expiry, Instant now);

    static JtiReplayGuard inMemory() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return (clientId, jti, expiry, now) -> {
            for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
                // kept one extra minute past expiry: the assertion check allows that much clock skew
                if (it.next().getValue().plusSeconds(60).isBefore(now)) it.remove();
            }
            return seen.putIfAbsent(clientId + "\u0000" + jti, expiry) == null;
        };
    }
}
