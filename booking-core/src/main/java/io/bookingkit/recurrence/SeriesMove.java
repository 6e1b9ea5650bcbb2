package io.bookingkit.recurrence;

import io.bookingkit.internal.Require;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Where "this and following" occurrences of a series move: to another time of day on their
 * own dates, or onto a new rule from a new first start. Create with {@link #toTimeOfDay} or
 * {@link #toRule}; local times are in the zone of the first moving occurrence's resource unless
 * {@link #in(ZoneId)} names another (as a series booked with {@code SeriesRequest.zone} needs).
 *
 * @param timeOfDay  the new local time of day, for a move that keeps the dates
 * @param rule       the new rule, for a move onto a new rule
 * @param firstStart the new rule's first start
 * @param zone       the zone of the local times; empty means the resource's
 */
public record SeriesMove(Optional<LocalTime> timeOfDay, Optional<RecurrenceRule> rule, Optional<Instant> firstStart,
                         Optional<ZoneId> zone) {

    /**
     * Validates the components: either a time of day, or a rule with its first start.
     *
     * @param timeOfDay  the new local time of day, for a move that keeps the dates
     * @param rule       the new rule, for a move onto a new rule
     * @param firstStart the new rule's first start
     * @param zone       the zone of the local times; empty means the resource's
     * @throws io.bookingkit.error.InvalidRequestException unless exactly one of a time of day and a
     *                                                     rule with its first start is given
     */
    public SeriesMove {
        Require.nonNull(timeOfDay, "timeOfDay");
        Require.nonNull(rule, "rule");
        Require.nonNull(firstStart, "firstStart");
        Require.nonNull(zone, "zone");
        if (timeOfDay.isPresent() == rule.isPresent() || rule.isPresent() != firstStart.isPresent()) {
            throw new io.bookingkit.error.InvalidRequestException("A series move gives either a time of day, or a "
                    + "rule with its first start");
        }
    }

    /**
     * Each occurrence moves to {@code time} on its own local date.
     *
     * @param time the new local time of day
     * @return the move
     */
    public static SeriesMove toTimeOfDay(LocalTime time) {
        return new SeriesMove(Optional.of(Require.nonNull(time, "time")), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The occurrences are replaced by {@code rule}'s from {@code firstStart}; a rule without
     * {@code COUNT} or {@code UNTIL} gets as many occurrences as it replaces.
     *
     * @param rule       the new rule
     * @param firstStart the start of the new rule's first occurrence
     * @return the move
     */
    public static SeriesMove toRule(RecurrenceRule rule, Instant firstStart) {
        return new SeriesMove(Optional.empty(), Optional.of(Require.nonNull(rule, "rule")),
                Optional.of(Require.nonNull(firstStart, "firstStart")), Optional.empty());
    }

    /**
     * This move with its local times in {@code zone}.
     *
     * @param zone the zone of the local times
     * @return a copy with that zone
     */
    public SeriesMove in(ZoneId zone) {
        return new SeriesMove(timeOfDay, rule, firstStart, Optional.of(Require.nonNull(zone, "zone")));
    }
}
