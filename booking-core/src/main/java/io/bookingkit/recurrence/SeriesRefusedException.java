package io.bookingkit.recurrence;

import io.bookingkit.error.BookingException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A series was not booked: under {@link ConflictPolicy#ALL_OR_NOTHING} because an occurrence
 * was refused, under the other policies because none could be booked. Nothing was written.
 */
public class SeriesRefusedException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final transient List<RefusedOccurrence> refused;

    /**
     * An exception whose message names each refused occurrence and the codes of its reasons.
     *
     * @param refused the refused occurrences, in order; copied
     */
    public SeriesRefusedException(List<RefusedOccurrence> refused) {
        super(refused.size() + " occurrence(s) of the series cannot be booked: " + refused.stream()
                .map(r -> "#" + r.index() + " at " + r.start() + " (" + r.reasons().stream().map(v -> v.code())
                        .distinct().collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; ")));
        this.refused = List.copyOf(refused);
    }

    /**
     * Every refused occurrence, in order, with its reasons.
     *
     * @return the refused occurrences
     */
    public List<RefusedOccurrence> refused() {
        return refused;
    }
}
