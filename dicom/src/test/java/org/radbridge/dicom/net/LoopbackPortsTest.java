package org.radbridge.dicom.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackPortsTest {
    @Test
    void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = LoopbackPorts.free();
            assertThat(port).isBetween(10_000, LoopbackPorts.ephemeralStart() - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = LoopbackPorts.free();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortSomethingListensOnIsNotHandedOut() throws Exception {
        // hold many ports of the range open: none of them may come back
        Set<Integer> held = new HashSet<>();
        java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int p = 10_000; p < 10_000 + 500; p++) {
                try {
                    sockets.add(new ServerSocket(p, 1, InetAddress.getLoopbackAddress()));
                    held.add(p);
                } catch (java.io.IOException busy) {
                    // taken already: equally unusable
                    held.add(p);
                }
            }
            for (int i = 0; i < 300; i++) assertThat(held).doesNotContain(LoopbackPorts.free());
        } finally {
            for (ServerSocket s : sockets) s.close();
        }
    }
}
