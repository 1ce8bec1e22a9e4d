package org.radbridge.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's CPU figures: user + system ticks of a /proc stat line, per request in milliseconds. */
class ServerCpuTest {
    @Test
    void readsUserAndSystemTimeAlsoWhenTheNameHasSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 1 0 500 0 0";
        assertThat(ServerCpu.ticks(stat)).isEqualTo(280);
    }

    @Test
    void givesMillisecondsPerRequestOfTheWindow() {
        ServerCpu.Sample before = new ServerCpu.Sample(1_000, 100, 500);
        ServerCpu.Sample after = new ServerCpu.Sample(1_300, 130, 650);
        // 300, 150 and 30 ticks of 10 ms over 150 requests
        assertThat(after.perRequest(before, 150)).containsExactly(20.0, 10.0, 2.0);
        assertThat(new ServerCpu.Sample(-1, -1, 0).perRequest(before, 150)[0]).isNaN();
    }
}
