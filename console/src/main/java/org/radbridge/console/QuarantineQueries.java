package org.radbridge.console;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Quarantined items, newest first, filtered and paged in the database. */
public final class QuarantineQueries {
    public static final int PAGE_SIZE = 50;

    public record Item(long id, String origin, String name, String kind, String reason, String storedPath, String at,
                       String resolution, String resolvedBy, String resolvedAt, String lastRetryOutcome) {
        public boolean open() {
            return resolution == null;
        }

        /** Files can be ingested again; messages received over the network must be sent again by their sender. */
        public boolean retryable() {
            return kind.equals("dicom") || kind.equals("report");
        }
    }

    /** status: open, resolved or all; kind: a kind or empty; text: part of the origin or the reason, or empty. */
    public record Filter(String status, String kind, String text, int page) {
        public Filter {
            status = status == null || !List.of("open", "resolved", "all").contains(status) ? "open" : status;
            kind = kind == null ? "" : kind.trim();
            text = text == null ? "" : text.trim();
            page = Math.max(0, page);
        }
    }

    public record Page(List<Item> items, long total, Filter filter) {
        public int pages() {
            return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        }
    }

    private static final String COLUMNS = "quarantine_id, original_path, kind, reason, stored_path, quarantined_at, resolution, resolved_by, "
            + "resolved_at, last_retry_outcome";
    private static final RowMapper<Item> ITEM = (rs, i) -> {
        String origin = rs.getString(2);
        return new Item(rs.getLong(1), origin, displayName(origin), rs.getString(3), rs.getString(4), rs.getString(5),
                Times.utc(rs.getObject(6, OffsetDateTime.class)), rs.getString(7), rs.getString(8),
                Times.utc(rs.getObject(9, OffsetDateTime.class)), rs.getString(10));
    };

    private final JdbcTemplate jdbc;

    public QuarantineQueries(DataSource ds) {
        this.jdbc = new JdbcTemplate(ds);
    }

    public Page list(Filter f) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.status().equals("open")) where.append(" AND resolution IS NULL");
        if (f.status().equals("resolved")) where.append(" AND resolution IS NOT NULL");
        if (!f.kind().isEmpty()) {
            where.append(" AND kind = ?");
            args.add(f.kind());
        }
        if (!f.text().isEmpty()) {
            where.append(" AND (original_path ILIKE ? OR reason ILIKE ?)");
            String like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(like);
            args.add(like);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM radbridge.quarantine" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(PAGE_SIZE);
        pageArgs.add((long) f.page() * PAGE_SIZE);
        List<Item> items = jdbc.query("SELECT " + COLUMNS + " FROM radbridge.quarantine" + where
                + " ORDER BY quarantined_at DESC, quarantine_id DESC LIMIT ? OFFSET ?", ITEM, pageArgs.toArray());
        return new Page(items, total == null ? 0 : total, f);
    }

    public List<String> kinds() {
        return jdbc.queryForList("SELECT DISTINCT kind FROM radbridge.quarantine ORDER BY 1", String.class);
    }

    public Optional<Item> item(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM radbridge.quarantine WHERE quarantine_id = ?", ITEM, id).stream().findFirst();
    }

    public void resolve(long id, String resolution, String by, String outcome) {
        jdbc.update("UPDATE radbridge.quarantine SET resolution = ?, resolved_by = ?, resolved_at = now(), "
                + "last_retry_outcome = coalesce(?, last_retry_outcome) WHERE quarantine_id = ?", resolution, by, outcome, id);
    }

    public void retryFailed(long id, String outcome) {
        jdbc.update("UPDATE radbridge.quarantine SET last_retry_at = now(), last_retry_outcome = ? WHERE quarantine_id = ?", outcome, id);
    }

    /** Removes the rows a failed retry added for its temporary copy: the item stays one row, with the retry's outcome. */
    public void forgetCopy(String copyPath) {
        jdbc.update("DELETE FROM radbridge.quarantine WHERE original_path = ?", copyPath);
    }

    static String displayName(String origin) {
        if (origin == null) return "";
        int slash = origin.lastIndexOf('/');
        return slash >= 0 && slash < origin.length() - 1 && !origin.contains(":") ? origin.substring(slash + 1) : origin;
    }
}
