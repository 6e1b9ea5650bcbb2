package io.bookingkit.notify.mail.internal;

import java.nio.charset.StandardCharsets;

/**
 * The Message-ID of a notification: {@code <tenant.dedupeKey@bookingkit>}, with every character of
 * the tenant and the key that RFC 5322's {@code dot-atom-text} does not allow (and {@code %} and
 * {@code .} themselves) written as {@code %XX} of its UTF-8 bytes, so distinct notifications give
 * distinct ids and every delivery attempt of one notification the same one. The tenant is part of
 * it because booking ids (and so dedupe keys) need only be unique within a tenant, and mail
 * providers drop a message whose Message-ID they already hold. Not API.
 */
public final class MessageIds {

    /** The right-hand side of every id. */
    public static final String DOMAIN = "bookingkit";
    private static final String ATEXT_SPECIALS = "!#$&'*+-/=?^_`{|}~";

    private MessageIds() {
    }

    /**
     * The Message-ID for {@code dedupeKey} of {@code tenantId}, with its angle brackets.
     *
     * @param tenantId  the booking's tenant
     * @param dedupeKey the notification's dedupe key
     * @return such as {@code <shop.b-42%3ACONFIRMED%3Av2@bookingkit>}
     */
    public static String of(String tenantId, String dedupeKey) {
        StringBuilder out = new StringBuilder("<");
        atom(out, tenantId);
        out.append('.');
        atom(out, dedupeKey);
        return out.append('@').append(DOMAIN).append('>').toString();
    }

    /** {@code text} as one dot-free atom: the separator above then cannot come from either part. */
    private static void atom(StringBuilder out, String text) {
        if (text.isEmpty()) {
            // dot-atom-text has at least one character.
            out.append('-');
        }
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || ATEXT_SPECIALS.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }
}
