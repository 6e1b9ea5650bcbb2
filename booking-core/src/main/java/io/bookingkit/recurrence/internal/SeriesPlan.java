package io.bookingkit.recurrence.internal;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.time.WallClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * Which starts a series tries: the rule's occurrences from the first start (up to its
 * {@code COUNT} or {@code UNTIL}, or to the horizon when it has neither), and, for a rule with
 * a {@code COUNT} under {@link io.bookingkit.recurrence.ConflictPolicy#APPEND_REPLACEMENTS}, the
 * occurrences that follow the last of them up to the horizon.
 *
 * @param planned      the occurrences to book, in order
 * @param replacements the occurrences after them, in order, to take the place of refused ones
 */
public record SeriesPlan(List<Expander.Occurrence> planned, List<Expander.Occurrence> replacements) {

    /**
     * The plan for {@code rule} from {@code first} in {@code zone}, leaving out
     * {@code exceptions}, with the template's horizon ending at {@code horizonEnd}.
     *
     * @throws InvalidRequestException if the first start is not an occurrence of the rule, or
     *                                 the series has more than {@link SeriesRequest#MAX_OCCURRENCES}
     */
    public static SeriesPlan of(RecurrenceRule rule, LocalDateTime first, ZoneId zone, Set<LocalDateTime> exceptions,
                                Instant horizonEnd) {
        Instant start = WallClock.toInstant(first.toLocalDate(), first.toLocalTime(), zone);
        boolean bounded = rule.count().isPresent() || rule.until().isPresent();
        Instant furthest = start.plus(RecurrenceRule.MAX_SPAN);
        Instant end = bounded ? furthest : latest(horizonEnd, start.plusNanos(1));
        List<Expander.Occurrence> planned = Expander.expand(rule, first, zone, Interval.of(start, end), exceptions);
        if (planned.size() > SeriesRequest.MAX_OCCURRENCES) {
            throw new InvalidRequestException("The series " + rule + " from " + first + " has " + planned.size()
                    + " occurrences; a series may have at most " + SeriesRequest.MAX_OCCURRENCES);
        }
        if (planned.isEmpty()) {
            throw new InvalidRequestException("The series " + rule + " from " + first + " has no occurrence to book");
        }
        Instant afterLast = planned.get(planned.size() - 1).start().plusNanos(1);
        List<Expander.Occurrence> replacements = List.of();
        if (rule.count().isPresent() && horizonEnd.isAfter(afterLast)) {
            // Only a COUNT can be made up for: an UNTIL is an end date the customer chose.
            RecurrenceRule open = new RecurrenceRule(rule.frequency(), rule.interval(), OptionalInt.empty(),
                    Optional.empty(), rule.byDay(), rule.byMonthDay(), rule.byMonth(), rule.bySetPos(), rule.weekStart());
            replacements = Expander.expand(open, first, zone, Interval.of(afterLast, earliest(horizonEnd, furthest)),
                    exceptions).stream().limit(SeriesRequest.MAX_OCCURRENCES).toList();
        }
        return new SeriesPlan(planned, replacements);
    }

    /**
     * {@code rule} bounded by a {@code COUNT} of the planned places (those left out as exceptions
     * included), whatever bound it had: what a calendar expands to exactly the planned starts
     * (RFC 5545 wants an {@code UNTIL} at UTC beside a local start, which a rule need not have).
     */
    public RecurrenceRule counted(RecurrenceRule rule) {
        return new RecurrenceRule(rule.frequency(), rule.interval(), OptionalInt.of(planned.get(planned.size() - 1).index() + 1),
                Optional.empty(), rule.byDay(), rule.byMonthDay(), rule.byMonth(), rule.bySetPos(), rule.weekStart());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
