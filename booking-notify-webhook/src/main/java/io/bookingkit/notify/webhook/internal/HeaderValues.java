package io.bookingkit.notify.webhook.internal;

import java.nio.charset.StandardCharsets;

/** Header values made from text that HTTP would refuse as it is. */
public final class HeaderValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    /**
     * {@code dedupeKey} as the {@code Idempotency-Key} header: unchanged when it is printable ASCII
     * without spaces and {@code %} (every key the engine makes of plain ids is), otherwise with
     * {@code %}, spaces and every character outside printable ASCII percent-encoded as UTF-8
     * ({@code %C3%BC} for {@code ü}), as a header value may not carry them. The encoding is
     * one-to-one: two keys never share a header.
     *
     * @param dedupeKey the notification's dedupe key
     * @return the header value
     */
    public static String idempotencyKey(String dedupeKey) {
        if (dedupeKey.chars().allMatch(HeaderValues::plain)) {
            return dedupeKey;
        }
        StringBuilder encoded = new StringBuilder(dedupeKey.length() + 16);
        for (byte b : dedupeKey.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (plain(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /**
     * Whether {@code value} may be a header value as it is: printable ASCII, spaces inside.
     *
     * @param value the value
     * @return true when it is not empty and has no control character, no character beyond ASCII
     *         and no whitespace at either end
     */
    public static boolean isPrintableAscii(String value) {
        return !value.isEmpty() && value.strip().equals(value) && value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static boolean plain(int c) {
        return c > 0x20 && c < 0x7F && c != '%';
    }
}
