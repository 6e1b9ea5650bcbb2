package io.bookingkit.recurrence.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.internal.Digests;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesMove;
import io.bookingkit.time.WallClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which occurrences a change to a series touches. */
public final class SeriesEdits {

    private SeriesEdits() {
    }

    /**
     * The occurrences of {@code series} from place {@code fromIndex} on that have not begun at
     * {@code now} and still hold their time (held, pending or confirmed, and not past an expiry),
     * in order of place: what "this and following" changes. Occurrences that began, ended,
     * expired, were cancelled or declined stay as they are.
     */
    public static List<Booking> following(List<Booking> series, int fromIndex, Instant now) {
        return series.stream().filter(b -> b.series().orElseThrow().index() >= fromIndex)
                .filter(b -> b.blocksAt(now) && b.status() != BookingStatus.IN_PROGRESS
                        && b.interval().getStart().isAfter(now))
                .toList();
    }

    /**
     * The id of the series that "this and following" from place {@code index} of
     * {@code seriesId} move into: derived from both, so that a repeated move finds the series
     * the first one made instead of splitting again.
     */
    public static String splitId(String seriesId, int index) {
        return "split-" + Digests.sha256Hex(seriesId + "\u0000" + index).substring(0, 32);
    }

    /**
     * The starts of the occurrences that replace {@code moved} (in order of place): the same
     * local dates at the new time of day, or the new rule's occurrences from its first start
     * (as many as {@code moved} when the rule has no end).
     */
    public static List<Instant> movedStarts(List<Booking> moved, SeriesMove move, ZoneId zone, Instant horizonEnd) {
        if (move.timeOfDay().isPresent()) {
            LocalTime time = move.timeOfDay().get();
            return moved.stream().map(b -> WallClock.toInstant(LocalDateTime.ofInstant(b.interval().getStart(), zone)
                    .toLocalDate(), time, zone)).toList();
        }
        RecurrenceRule rule = movedRule(moved, move);
        LocalDateTime first = LocalDateTime.ofInstant(move.firstStart().orElseThrow(), zone);
        return SeriesPlan.of(rule, first, zone, Set.of(), horizonEnd).planned().stream()
                .map(Expander.Occurrence::start).toList();
    }

    /** The new rule of a move, bounded by the number of occurrences it moves if it had no bound. */
    private static RecurrenceRule movedRule(List<Booking> moved, SeriesMove move) {
        RecurrenceRule rule = move.rule().orElseThrow();
        return rule.count().isEmpty() && rule.until().isEmpty() ? rule.count(moved.size()) : rule;
    }

    /**
     * The pattern of the series a move makes: the new rule from the new first start, counted as
     * {@link #movedStarts} books it; none for a move to another time of day, whose places follow
     * the dates of the old one.
     */
    public static Optional<SeriesLink.Pattern> movedPattern(List<Booking> moved, SeriesMove move, ZoneId zone,
                                                           Instant horizonEnd) {
        if (move.timeOfDay().isPresent()) {
            return Optional.empty();
        }
        RecurrenceRule rule = movedRule(moved, move);
        LocalDateTime first = LocalDateTime.ofInstant(move.firstStart().orElseThrow(), zone);
        SeriesPlan plan = SeriesPlan.of(rule, first, zone, Set.of(), horizonEnd);
        return SeriesLink.Pattern.fitting(plan.counted(rule).toString(), first, zone);
    }

    /** A digest of a move from a split point, so that a repeated move can be told from another one. */
    public static String fingerprint(String seriesId, int index, SeriesMove move, ZoneId zone) {
        return Digests.sha256Hex(String.join("\u0000", seriesId, Integer.toString(index),
                move.timeOfDay().map(Object::toString).orElse(""), move.rule().map(Object::toString).orElse(""),
                move.firstStart().map(Object::toString).orElse(""), zone.getId()));
    }
}
