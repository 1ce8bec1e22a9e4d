package org.radbridge.deid;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What log lines at INFO and above say instead of an identifier: a short keyed reference ({@code ref:3fa94c1b2e}) for
 * patient ids, accession numbers, UIDs and file names, and {@link #text(String)} for free messages (exception texts,
 * quarantine reasons) that may quote a value. The same identifier gets the same reference for the life of the process
 * (and across processes once {@link #useKey(String)} got the pseudonymisation key), so log lines can still be
 * correlated; the identifiers themselves go to DEBUG lines only.
 */
public final class LogRef {
    private static volatile SecretKeySpec key = randomKey();

    /**
     * DICOM UIDs (five components or more, so that IPv4 addresses stay readable), e-mail addresses, PN values with
     * carets, tokens mixing letters and digits (MRN004567, ACC-2024-88, IM_0001), numbers of six digits or more.
     */
    private static final Pattern IDENTIFYING = Pattern.compile(
            "\\b\\d+(?:\\.\\d+){4,}\\b|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|[\\p{L}\\p{N}'-]*\\^[\\p{L}\\p{N}^'. -]*"
                    + "|\\b(?=[\\p{L}_/-]*\\p{N})(?=[\\p{N}_/-]*\\p{L})[\\p{L}\\p{N}_/-]{4,}\\b|\\b\\d{6,}\\b");

    private LogRef() {}

    /** Keys references with the pseudonymisation secret, so that two processes give the same reference. */
    public static void useKey(String secret) {
        if (secret != null && !secret.isEmpty()) key = new SecretKeySpec(("log-ref:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A reference to one identifier, "-" for none. */
    public static String of(Object identifier) {
        if (identifier == null) return "-";
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            byte[] h = m.doFinal(identifier.toString().getBytes(StandardCharsets.UTF_8));
            return "ref:" + HexFormat.of().formatHex(h, 0, 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** A free message with every identifier-like token replaced by its reference. */
    public static String text(Object message) {
        if (message == null) return null;
        Matcher m = IDENTIFYING.matcher(message.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(of(m.group())));
        m.appendTail(out);
        return out.toString();
    }

    private static SecretKeySpec randomKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new SecretKeySpec(b, "HmacSHA256");
    }
}
