package org.radbridge.server.security;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventIdsTest {

    @Test
    void idsAreVersion7UuidsWhoseTextSortsByTime() {
        long t = 1_764_000_000_000L;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) ids.add(AuditEventIds.next(t + i * 7L));
        for (String id : ids) {
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.toString()).isEqualTo(id);
        }
        assertThat(ids).isSorted();
        assertThat(ids.get(0).replace("-", "")).startsWith(String.format("%012x", t));
        assertThat(UUID.fromString(ids.get(0)).getMostSignificantBits() >>> 16).isEqualTo(t);
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) ids.add(AuditEventIds.next(1_764_000_000_000L));
        assertThat(ids).hasSize(10_000);
        assertThat(AuditEventIds.next()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
