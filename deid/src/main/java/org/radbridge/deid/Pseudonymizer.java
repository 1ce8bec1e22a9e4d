package org.radbridge.deid;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed pseudonyms for the research view: HMAC-SHA-256 with a key that lives in configuration or
 * the environment and never in the database, so a database dump cannot be re-identified by
 * hashing a list of MRNs.
 */
public final class Pseudonymizer {
    private final SecretKeySpec key;

    public Pseudonymizer(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("pseudonymisation key missing or shorter than 16 characters "
                    + "(set RADBRIDGE_PSEUDONYM_KEY or radbridge.pseudonym-key)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private byte[] mac(String domain, String... parts) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(domain.getBytes(StandardCharsets.UTF_8));
            for (String p : parts) {
                // a separator that cannot occur in DICOM values keeps ("A","BC") apart from ("AB","C")
                m.update((byte) 0x1F);
                m.update((p == null ? "" : p).getBytes(StandardCharsets.UTF_8));
            }
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /**
     * The person pseudonym: issuer and patient ID together, as the same ID may exist at two issuers.
     * 160 bits as 40 hex digits, to fit OMOP's person_source_value varchar(50).
     */
    public String person(String issuer, String patientId) {
        return HexFormat.of().formatHex(java.util.Arrays.copyOf(mac("person", issuer, patientId), 20));
    }

    /**
     * A replacement UID under the 2.25 root (a UUID-derived decimal, PS3.5 B.2), deterministic for
     * the same key so that the research view stays linkable across loads without holding real UIDs.
     */
    public String uid(String uid) {
        byte[] h = mac("uid", uid);
        byte[] first16 = java.util.Arrays.copyOf(h, 16);
        return "2.25." + new BigInteger(1, first16);
    }

    /** A keyed 63-bit number for a purpose (date shifts ...), stable for the same key and value. */
    public long number(String purpose, String value) {
        byte[] h = mac(purpose, value);
        return new BigInteger(1, java.util.Arrays.copyOf(h, 8)).longValue() & Long.MAX_VALUE;
    }
}
