package org.radbridge.bench.peer;

/** What one contestant of a benchmark did: how many items in how many seconds. */
public record PeerResult(String name, long items, long failed, double seconds, String note) {
    public double rate() {
        return seconds <= 0 ? 0 : items / seconds;
    }
}
