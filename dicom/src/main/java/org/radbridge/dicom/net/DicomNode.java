package org.radbridge.dicom.net;

import java.util.Objects;

/** A remote DICOM application entity: AE title, host and port. Printed as {@code AE@host:port} in every error. */
public record DicomNode(String aeTitle, String host, int port) {
    public DicomNode {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        if (aeTitle.isBlank() || aeTitle.length() > 16) throw new IllegalArgumentException("AE title must be 1-16 characters: '" + aeTitle + "'");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
