package io.bookingkit.notify.mail;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.notify.mail.internal.Addresses;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to write to one person.
 *
 * @param address the e-mail address, such as {@code ana@example.com}: one plain address, without a
 *                name or angle brackets
 * @param name    the name to greet them by and to show beside the address; may be empty, then the
 *                address stands in for it
 * @param zone    the zone the person reads times in, if the application knows it; the message then
 *                also gives the booking's times in it when they differ from the resource's
 */
public record Recipient(String address, String name, Optional<ZoneId> zone) {

    /**
     * Validates the components.
     *
     * @param address the e-mail address: one plain address, without a name or angle brackets
     * @param name    the name to greet them by; may be empty
     * @param zone    the zone the person reads times in, or empty
     * @throws NullPointerException    if a component is null
     * @throws InvalidRequestException if the address is not a valid e-mail address
     */
    public Recipient {
        Objects.requireNonNull(address, "address must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        Addresses.requireAddress(address, "address");
    }

    /**
     * A person known only by address.
     *
     * @param address the e-mail address
     * @return the recipient, greeted by address and without a zone of their own
     * @throws InvalidRequestException if the address is not a valid e-mail address
     */
    public static Recipient of(String address) {
        return new Recipient(address, "", Optional.empty());
    }

    /**
     * A person with a name, reading times in the resource's zone.
     *
     * @param address the e-mail address
     * @param name    the name to greet them by
     * @return the recipient
     * @throws InvalidRequestException if the address is not a valid e-mail address
     */
    public static Recipient of(String address, String name) {
        return new Recipient(address, name, Optional.empty());
    }

    /**
     * A person with a name who reads times in {@code zone}.
     *
     * @param address the e-mail address
     * @param name    the name to greet them by
     * @param zone    the zone the person reads times in
     * @return the recipient
     * @throws InvalidRequestException if the address is not a valid e-mail address
     */
    public static Recipient of(String address, String name, ZoneId zone) {
        return new Recipient(address, name, Optional.of(Objects.requireNonNull(zone, "zone must not be null")));
    }

    /**
     * The name to greet the person by: their name, or the address when the name is blank.
     *
     * @return never blank
     */
    public String displayName() {
        return name.isBlank() ? address : name;
    }
}
