package org.radbridge.source;

import java.util.List;

/**
 * What a pull did. {@code skipped} are studies already done by an earlier run of the same pull (resumed);
 * {@code problems} lists one line per study that failed or came back incomplete, naming the study;
 * {@code stoppedBy} is the error that stopped the whole pull (PACS unreachable, association rejected), else null.
 */
public record PullReport(String peer, int studiesFound, int studiesDone, int studiesSkipped, int studiesFailed, long instancesStaged,
                         List<String> problems, double seconds, String stoppedBy) {
    /** True when every study found is now pulled and nothing came back incomplete. */
    public boolean complete() {
        return stoppedBy == null && studiesFailed == 0 && problems.isEmpty();
    }

    public String describe() {
        StringBuilder b = new StringBuilder(String.format(
                "Pull from %s: %d studies found, %d pulled, %d already pulled earlier, %d failed; %d instances staged in %.1f s%n",
                peer, studiesFound, studiesDone, studiesSkipped, studiesFailed, instancesStaged, seconds));
        for (String p : problems) b.append("  ").append(p).append('\n');
        if (stoppedBy != null) {
            b.append("  stopped: ").append(stoppedBy).append('\n')
                    .append("  run the same command again to resume: studies already pulled are skipped\n");
        }
        return b.toString();
    }
}
