package org.radbridge.deid.dicom;

/**
 * Decides what a free-text descriptor becomes under the Clean Descriptors option: a value of similar meaning known not
 * to identify anyone (for RadBridge: the value as a mapping file lists it), or null to remove it.
 */
@FunctionalInterface
public interface DescriptorReviewer {
    /** Removes every descriptor: what the Basic Profile alone does. */
    DescriptorReviewer NONE = (group, element, value) -> null;

    String review(int group, int element, String value);
}
