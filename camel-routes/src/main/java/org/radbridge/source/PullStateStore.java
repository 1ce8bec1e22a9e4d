package org.radbridge.source;

import org.radbridge.dicom.net.StudyMatch;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Which studies of a pull are done, kept across runs so a stopped pull resumes (table radbridge.pull_study). */
public interface PullStateStore {
    /** Records the job and its studies; studies already known keep their state. */
    void register(String jobKey, String kind, String peer, String filters, List<StudyMatch> studies) throws Exception;

    /** Study UIDs of the job that are done. */
    Set<String> done(String jobKey) throws Exception;

    void markDone(String jobKey, String studyUid, int completed, int failed, int warning, long staged) throws Exception;

    void markFailed(String jobKey, String studyUid, String error) throws Exception;

    void finish(String jobKey) throws Exception;

    /** Stable key of a pull: the same command against the same peer with the same filters resumes the same job. */
    static String jobKey(String kind, String peer, String filters) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((kind + "\n" + peer + "\n" + filters).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
