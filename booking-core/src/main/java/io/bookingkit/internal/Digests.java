package io.bookingkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one digest of request fingerprints: SHA-256 of the UTF-8 text, as lower-case hex. */
public final class Digests {

    private Digests() {
    }

    /** The SHA-256 of {@code text} in UTF-8, as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
