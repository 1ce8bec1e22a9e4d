package org.radbridge.dicom.net;

/**
 * Called once per received instance after it is durable in the spool and BEFORE the sender is told
 * success. Throwing makes the receiver answer with a failure (the association is aborted), so the
 * sender keeps the instance and retries later: nothing is lost.
 */
@FunctionalInterface
public interface SpoolListener {
    void spooled(SpooledInstance instance) throws Exception;
}
