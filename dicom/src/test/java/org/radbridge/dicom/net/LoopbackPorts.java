package org.radbridge.dicom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers a test starts (RadBridge jars, their embedded PostgreSQL, Orthanc, receivers).
 * The port a test picks is only bound later, by another process, so it must stay free in between. Asking the kernel
 * for port 0 hands out ports of its ephemeral range, the range every outgoing connection (a JDBC pool, an HTTP client)
 * also takes its local port from: with several servers starting at once, one of those connections took a picked port
 * before its server bound it (a CI run failed with "Failed to bind to port 42407"). So ports are picked below that
 * range, at random, and each at most once per JVM.
 */
public final class LoopbackPorts {
    private static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {}

    /** A loopback port that nothing listens on now, outside the ephemeral range, not handed out before in this JVM. */
    public static int free() throws IOException {
        int below = ephemeralStart();
        int span = below - LOWEST;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (!HANDED_OUT.add(port)) continue;
            if (bindable(port)) return port;
        }
        throw new IOException("no free loopback port between " + LOWEST + " and " + below);
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux default 32768; read where the kernel tells it). */
    static int ephemeralStart() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            int first = Integer.parseInt(range[0]);
            return first > LOWEST + 1_000 ? first : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
