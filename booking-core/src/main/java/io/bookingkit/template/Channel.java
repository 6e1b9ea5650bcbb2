package io.bookingkit.template;

import io.bookingkit.internal.Require;
import java.util.Locale;

/**
 * A way to reach a customer. The set is open: {@code Channel.of("telegram")} is as good as the
 * constants, and the notification port decides what it can deliver.
 *
 * @param name lower-case name, such as {@code email}
 */
public record Channel(String name) {

    /** Email, {@code email}. */
    public static final Channel EMAIL = new Channel("email");
    /** Text message, {@code sms}. */
    public static final Channel SMS = new Channel("sms");
    /** WhatsApp, {@code whatsapp}. */
    public static final Channel WHATSAPP = new Channel("whatsapp");
    /** Push notification to an app, {@code push}. */
    public static final Channel PUSH = new Channel("push");

    /**
     * Normalizes the name to lower case and checks it is a simple word.
     *
     * @param name the name, in any case, without surrounding whitespace: letters, digits, {@code -}
     *             and {@code _}, starting with a letter or digit
     * @throws io.bookingkit.error.InvalidRequestException if the name is blank or holds any other
     *                                                     character
     */
    public Channel {
        Require.notBlank(name, "name");
        name = name.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new io.bookingkit.error.InvalidRequestException("Channel name '" + name
                    + "' must be letters, digits, '-' or '_'");
        }
    }

    /**
     * The channel of {@code name}, as the constructor normalizes it.
     *
     * @param name the name, in any case
     * @return the channel
     * @throws io.bookingkit.error.InvalidRequestException if the name is blank or not a simple word
     */
    public static Channel of(String name) {
        return new Channel(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
