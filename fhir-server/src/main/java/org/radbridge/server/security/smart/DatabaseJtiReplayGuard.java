package org.radbridge.server.security.smart;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The jti guard in radbridge.smart_assertion_jti: an insert that conflicts is a replay. */
public final class DatabaseJtiReplayGuard implements JtiReplayGuard {
    private final DataSource ds;
    private final AtomicLong inserts = new AtomicLong();

    public DatabaseJtiReplayGuard(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public boolean firstUse(String clientId, String jti, Instant expiry, Instant now) {
        try (Connection c = ds.getConnection()) {
            if (inserts.incrementAndGet() % 100 == 1) {
                try (PreparedStatement purge = c.prepareStatement("DELETE FROM radbridge.smart_assertion_jti WHERE expires_at < ?")) {
                    purge.setTimestamp(1, Timestamp.from(now.minusSeconds(120)));
                    purge.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO radbridge.smart_assertion_jti (client_id, jti, expires_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, clientId);
                p.setString(2, jti.length() > 256 ? jti.substring(0, 256) : jti);
                p.setTimestamp(3, Timestamp.from(expiry.plusSeconds(60)));
                return p.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            // cannot tell a replay from a first use: refuse
            throw new IllegalStateException("jti replay guard unavailable: " + e.getMessage(), e);
        }
    }
}
