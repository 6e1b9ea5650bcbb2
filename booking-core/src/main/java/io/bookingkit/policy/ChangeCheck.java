package io.bookingkit.policy;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.internal.Require;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;

/**
 * A change of an agreed booking, as the change rules see it.
 *
 * @param action   cancel or reschedule
 * @param booking  the booking as it is before the change
 * @param actor    who asks for it
 * @param template the booking's template
 * @param now      when the change would happen
 */
public record ChangeCheck(Lifecycle.Action action, Booking booking, Actor actor, ServiceTemplate template, Instant now) {

    /**
     * Validates the components.
     *
     * @param action   cancel or reschedule
     * @param booking  the booking as it is before the change
     * @param actor    who asks for it
     * @param template the booking's template
     * @param now      when the change would happen
     */
    public ChangeCheck {
        Require.nonNull(action, "action");
        Require.nonNull(booking, "booking");
        Require.nonNull(actor, "actor");
        Require.nonNull(template, "template");
        Require.nonNull(now, "now");
    }
}
