package org.radbridge.server;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers the end-to-end suites share: free loopback ports, the admin token, single-number queries, byte search. */
public final class E2eSupport {
    private E2eSupport() {}

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
}
