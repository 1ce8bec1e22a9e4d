package org.radbridge.source;

import org.radbridge.dicom.net.StudyMatch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** {@link PullStateStore} in memory: no resume across processes; for tests and database-less tools. */
public final class InMemoryPullStateStore implements PullStateStore {
    private final Map<String, Map<String, String>> jobs = new ConcurrentHashMap<>();

    @Override
    public void register(String jobKey, String kind, String peer, String filters, List<StudyMatch> studies) {
        Map<String, String> s = jobs.computeIfAbsent(jobKey, k -> new ConcurrentHashMap<>());
        for (StudyMatch m : studies) s.putIfAbsent(m.studyInstanceUid(), "pending");
    }

    @Override
    public Set<String> done(String jobKey) {
        return jobs.getOrDefault(jobKey, Map.of()).entrySet().stream().filter(e -> e.getValue().equals("done"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public void markDone(String jobKey, String studyUid, int completed, int failed, int warning, long staged) {
        jobs.get(jobKey).put(studyUid, "done");
    }

    @Override
    public void markFailed(String jobKey, String studyUid, String error) {
        jobs.get(jobKey).put(studyUid, "failed");
    }

    @Override
    public void finish(String jobKey) {
        // nothing to record
    }

    /** State of one study: pending, done or failed (null when unknown). */
    public String status(String jobKey, String studyUid) {
        return jobs.getOrDefault(jobKey, Map.of()).get(studyUid);
    }
}
