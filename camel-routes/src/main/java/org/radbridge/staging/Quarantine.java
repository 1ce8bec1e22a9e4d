package org.radbridge.staging;

import org.radbridge.deid.LogRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Items that could not be taken in. Each gets a copy under data/quarantine (the user's own file is
 * never moved or changed; a file that came through the inbox is moved instead) with a
 * {@code .reason.txt} beside it, and a row in radbridge.quarantine keyed by content and origin.
 */
public final class Quarantine {
    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    public record Entry(String originalPath, String kind, String reason, String storedPath) {}

    private final DataSource dataSource;
    private final Path dir;

    public Quarantine(DataSource dataSource, Path dir) {
        this.dataSource = dataSource;
        this.dir = dir;
    }

    /** Returns true when this item was not quarantined before. */
    public boolean put(Path file, String kind, String reason, boolean move) throws IOException, SQLException {
        Files.createDirectories(dir);
        String sha = sha256(file);
        String name = sha.substring(0, 16) + "-" + file.getFileName();
        Path stored = dir.resolve(name);
        if (!Files.exists(stored)) {
            if (move) Files.move(file, stored, StandardCopyOption.REPLACE_EXISTING);
            else Files.copy(file, stored, StandardCopyOption.REPLACE_EXISTING);
        } else if (move) {
            Files.deleteIfExists(file);
        }
        Files.writeString(dir.resolve(name + ".reason.txt"),
                text("file: " + file.toAbsolutePath() + "\nkind: " + kind + "\nreason: " + reason + "\n"), StandardCharsets.UTF_8);
        return record(sha, file.toAbsolutePath().toString(), kind, reason, stored);
    }

    /**
     * Text as PostgreSQL and a UTF-8 file can hold it: NUL and other control characters (a fuzzed MSH field, a binary
     * file name) become {@code \\xNN}, unpaired surrogates U+FFFD. The item's own bytes are kept unchanged in its file.
     */
    static String text(String s) {
        if (s == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = null;
            if (c < 0x20 && c != '\n' && c != '\t') r = String.format("\\x%02x", (int) c);
            else if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) r = "\uFFFD";
            else if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) r = "\uFFFD";
            if (r != null && b == null) b = new StringBuilder(s.substring(0, i));
            if (b != null) b.append(r != null ? r : String.valueOf(c));
        }
        return b == null ? s : b.toString();
    }

    private boolean record(String sha, String origin, String kind, String reason, Path stored) throws SQLException {
        origin = text(origin);
        kind = text(kind);
        reason = text(reason);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO radbridge.quarantine (content_sha256, original_path, kind, reason, stored_path) VALUES (?,?,?,?,?) "
                             + "ON CONFLICT (content_sha256, original_path) DO UPDATE SET reason = EXCLUDED.reason RETURNING (xmax = 0)")) {
            ps.setString(1, sha);
            ps.setString(2, origin);
            ps.setString(3, kind);
            ps.setString(4, reason);
            ps.setString(5, stored.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean fresh = rs.getBoolean(1);
                log.warn("Quarantined {} ({}): {}", LogRef.text(origin), kind, LogRef.text(reason));
                return fresh;
            }
        }
    }

    /**
     * Quarantines content that never was a file of the user's (an HL7 message received over MLLP, a DICOMweb instance's
     * DICOM JSON): it is written
     * under the quarantine as {@code SHA16-name} with its {@code .reason.txt}; {@code origin} stands for the original
     * path and, with the content hash, keys the entry, so the same bad message sent twice is recorded once.
     * Returns true when this item was not quarantined before.
     */
    public boolean putContent(byte[] content, String origin, String name, String kind, String reason) throws IOException, SQLException {
        Files.createDirectories(dir);
        String sha = sha256(content);
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        // the name carries a sender's value (an HL7 control id of any length): file systems allow 255 bytes
        if (safe.length() > 100) safe = safe.substring(0, 60) + "_" + safe.substring(safe.length() - 20);
        String stem = sha.substring(0, 16) + "-" + safe;
        Path stored = dir.resolve(stem);
        if (!Files.exists(stored)) {
            Path tmp = dir.resolve(stem + ".part");
            Files.write(tmp, content);
            Files.move(tmp, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(dir.resolve(stem + ".reason.txt"),
                text("from: " + origin + "\nkind: " + kind + "\nreason: " + reason + "\n"), StandardCharsets.UTF_8);
        return record(sha, origin, kind, reason, stored);
    }

    public List<Entry> list() throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT original_path, kind, reason, stored_path FROM radbridge.quarantine ORDER BY quarantine_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
