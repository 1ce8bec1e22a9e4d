package org.radbridge.server;

import org.radbridge.dicom.net.LoopbackPorts;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers the end-to-end suites share: free loopback ports, the admin token, single-number queries, byte search, a renamed study. */
public final class E2eSupport {
    private E2eSupport() {}

    /** A loopback port outside the kernel's ephemeral range (see {@link LoopbackPorts} for why). */
    public static int freePort() throws IOException {
        return LoopbackPorts.free();
    }

    /** The local admin token the server created in its data directory: /fhir and /api need a token. */
    public static String adminToken(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("secrets/admin.token")).trim();
    }

    public static HttpRequest.Builder asAdmin(HttpRequest.Builder b, Path dataDir) throws IOException {
        return b.header("Authorization", "Bearer " + adminToken(dataDir));
    }

    public static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /**
     * Gives every instance of the first study (folders {@code dicom/<patient>/<study>}) whose StudyDescription is long
     * enough the description {@code description}, space-padded to the same length so the files stay valid without
     * rewriting lengths; returns that study's folder name. Suites use it to make a description no mapping knows.
     */
    public static String renameOneStudy(Path dicom, String description) throws IOException {
        byte[] tag = {0x08, 0x00, 0x30, 0x10, 'L', 'O'};
        List<Path> studies;
        try (Stream<Path> s = Files.list(dicom)) {
            studies = s.flatMap(p -> {
                try {
                    return Files.list(p).toList().stream();
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).sorted().toList();
        }
        for (Path study : studies) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(study)) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).toList();
            }
            byte[] first = Files.readAllBytes(files.get(0));
            int at = indexOf(first, tag);
            int len = at < 0 ? 0 : (first[at + 6] & 0xff) | (first[at + 7] & 0xff) << 8;
            if (len < description.length()) continue;
            byte[] value = (description + " ".repeat(len - description.length())).getBytes(StandardCharsets.US_ASCII);
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                System.arraycopy(value, 0, b, indexOf(b, tag) + 8, len);
                Files.write(f, b);
            }
            return study.getFileName().toString();
        }
        throw new IllegalStateException("no study with a StudyDescription of " + description.length() + " characters or more");
    }
}
