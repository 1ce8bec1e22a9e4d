package org.radbridge.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Records each console action in radbridge.console_action and the audit log. Targets are internal ids and file names
 * of the mapping folder, never patient data, so the log line may stay at INFO.
 */
public final class ConsoleAudit {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");

    private final JdbcTemplate jdbc;

    public ConsoleAudit(DataSource ds) {
        this.jdbc = new JdbcTemplate(ds);
    }

    public void record(ConsoleUser user, String action, String target, String outcome) {
        jdbc.update("INSERT INTO radbridge.console_action (actor, action, target, outcome) VALUES (?,?,?,?)",
                user.name(), action, target, outcome);
        audit.info("console: {} {} by {}: {}", action, target, user.name(), outcome);
    }
}
