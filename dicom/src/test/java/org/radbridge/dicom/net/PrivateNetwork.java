package org.radbridge.dicom.net;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Whether this JVM runs where only loopback exists (a private network namespace), so peers it starts are reachable from nowhere else. */
final class PrivateNetwork {
    private PrivateNetwork() {}

    static boolean onlyLoopback() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) return false;
            }
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    /** Why the peer tests cannot run here, or null when they can. */
    static String whyNot() {
        if (onlyLoopback() || Boolean.getBoolean("radbridge.peers.allowNonIsolated")) return null;
        return "this JVM sees non-loopback network interfaces, and Orthanc would listen on all of them: the peer tests run in a "
                + "private network namespace (mvn -Pe2e forks them through scripts/private-netns/bin/java, which needs the right to "
                + "'unshare -n'); set -Dradbridge.peers.allowNonIsolated=true to run them anyway";
    }
}
