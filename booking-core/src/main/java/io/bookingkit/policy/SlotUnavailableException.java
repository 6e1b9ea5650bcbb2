package io.bookingkit.policy;

import io.bookingkit.error.BookingException;

import io.bookingkit.conflict.Conflict;
import io.bookingkit.policy.Violation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The time is taken: the listed bookings already use the seats (or their buffers overlap).
 * Another time, or another resource, may be free.
 */
public class SlotUnavailableException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final transient List<Conflict> conflicts;
    private final transient List<Violation> violations;

    /**
     * An exception whose message gives each violation's English text.
     *
     * @param conflicts  the bookings in the way, if known; copied
     * @param violations the refusal as violations, each with a code of
     *                   {@link BookingRules#CONFLICT_CODES}; copied
     */
    public SlotUnavailableException(List<Conflict> conflicts, List<Violation> violations) {
        super("The time is not available: " + violations.stream().map(v -> v.message(Locale.ENGLISH))
                .collect(Collectors.joining(" ")));
        this.conflicts = List.copyOf(conflicts);
        this.violations = List.copyOf(violations);
    }

    /**
     * The bookings in the way.
     *
     * @return the conflicts; empty when the store's own overlap constraint refused the write and
     *         the bookings in the way are not known
     */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    /**
     * The same, as violations with localizable messages.
     *
     * @return the violations
     */
    public List<Violation> violations() {
        return violations;
    }
}
