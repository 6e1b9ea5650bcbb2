package io.bookingkit.template;

import io.bookingkit.internal.Require;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * A reminder sent {@code before} the start of a booking through {@code channel}.
 *
 * @param before how long before the start; positive
 * @param channel where to send it
 */
public record Reminder(@NotNull Duration before, @NotNull Channel channel) {

    /**
     * Validates the components.
     *
     * @param before  how long before the start; positive
     * @param channel where to send it
     * @throws io.bookingkit.error.InvalidRequestException if {@code before} is not positive
     */
    public Reminder {
        Require.positive(before, "before");
        Require.nonNull(channel, "channel");
    }

    /**
     * A reminder {@code before} the start through {@code channel}.
     *
     * @param before  how long before the start; positive
     * @param channel where to send it
     * @return the reminder
     * @throws io.bookingkit.error.InvalidRequestException if {@code before} is not positive
     */
    public static Reminder of(Duration before, Channel channel) {
        return new Reminder(before, channel);
    }
}
