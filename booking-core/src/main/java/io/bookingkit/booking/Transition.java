package io.bookingkit.booking;

import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a booking's history: who moved it from what to what, when and why.
 *
 * @param from   the status before; empty for the booking's creation
 * @param to     the status after
 * @param actor  who did it
 * @param at     when
 * @param reason why; empty when none was given
 */
public record Transition(Optional<BookingStatus> from, BookingStatus to, Actor actor, Instant at, String reason) {

    /**
     * Validates every component.
     *
     * @param from   the status before; empty for the booking's creation
     * @param to     the status after
     * @param actor  who did it
     * @param at     when
     * @param reason why; empty when none was given
     */
    public Transition {
        Require.nonNull(from, "from");
        Require.nonNull(to, "to");
        Require.nonNull(actor, "actor");
        Require.nonNull(at, "at");
        Require.nonNull(reason, "reason");
    }
}
