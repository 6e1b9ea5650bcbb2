package io.bookingkit.notify.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Bookingkit-Signature} header's value: {@code v1=} and the lower-case hex of
 * HMAC-SHA256, keyed with the secret's UTF-8 bytes, over the ASCII decimal timestamp, a full
 * stop, and the body's bytes. Thread-safe (a {@link Mac} per call).
 */
public final class Signatures {

    /** The scheme of the one signature the header carries, before its {@code =}. */
    public static final String SCHEME = "v1";

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Signatures() {
    }

    /**
     * The header value for {@code body} sent at {@code epochSeconds}.
     *
     * @param secret       the URL's secret
     * @param epochSeconds the {@code Bookingkit-Timestamp} header's value
     * @param body         the exact bytes sent
     * @return {@code v1=} and 64 lower-case hex digits
     */
    public static String sign(byte[] secret, long epochSeconds, byte[] body) {
        Mac mac;
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            // Every Java platform has HmacSHA256 (a required algorithm), and any non-empty key
            // is a valid HMAC key.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
        mac.update(Long.toString(epochSeconds).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        byte[] digest = mac.doFinal(body);
        StringBuilder value = new StringBuilder(SCHEME.length() + 1 + digest.length * 2).append(SCHEME).append('=');
        for (byte b : digest) {
            value.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return value.toString();
    }
}
