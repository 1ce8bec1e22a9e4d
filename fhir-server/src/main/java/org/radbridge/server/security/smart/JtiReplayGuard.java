package org.radbridge.server.security.smart;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the {@code jti} of every accepted client assertion until it expires, so that an assertion is exchanged for
 * a token once only (SMART Backend Services: the server must refuse a replayed jti). Assertions live at most five
 * minutes, so the memory holds at most five minutes of token requests. Kept in memory: a restart forgets them, which
 * leaves a replay window only for assertions issued before the restart and still unexpired.
 */
public final class JtiReplayGuard {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /** True the first time a client presents this jti before {@code expiry}; false for a replay. */
    public boolean firstUse(String clientId, String jti, Instant expiry, Instant now) {
        purge(now);
        return seen.putIfAbsent(clientId + "\u0000" + jti, expiry) == null;
    }

    private void purge(Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            // kept one extra minute past expiry: the assertion check allows that much clock skew
            if (it.next().getValue().plusSeconds(60).isBefore(now)) it.remove();
        }
    }
}
