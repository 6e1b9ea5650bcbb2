package io.bookingkit.slot;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.policy.CustomerState;
import io.bookingkit.policy.ResourceState;
import io.bookingkit.policy.Violation;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * Lists bookable slots by asking the booking rules about every start on the template's grid.
 * Because the very same rules judge a booking when it is written, every offered slot can be
 * booked (unless someone books it first) and every refused start has a reason.
 *
 * <p>The grid begins at each local midnight of the first resource's zone and advances by the
 * template's slot step until the next midnight; each start is derived from its own date by the
 * {@link WallClock} rule, so daylight-saving days keep their wall-clock starts (a start in a
 * gap moves forward, and the repeated hour of an overlap is offered once).
 *
 * <p>Immutable and thread-safe.
 */
public final class SlotGenerator {

    private final PoolChoice choice;

    /**
     * A generator that applies {@code rules}.
     *
     * @param rules the booking rules, in the order they are asked
     */
    public SlotGenerator(List<BookingRule> rules) {
        this.choice = new PoolChoice(rules);
    }

    /**
     * A generator with {@link BookingRules#defaults()}.
     *
     * @return a new generator
     */
    public static SlotGenerator withDefaultRules() {
        return new SlotGenerator(BookingRules.defaults());
    }

    /**
     * The pool choice this generator's slots and reasons come from; writes use the same.
     *
     * @return the pool choice
     */
    public PoolChoice choice() {
        return choice;
    }

    /**
     * The starts on the grid of {@code step} in {@code zone} that lie in {@code window}, in order,
     * without repeats.
     *
     * @param window the starts asked for, bounded
     * @param zone   the zone whose local midnights the grid begins at
     * @param step   the distance between starts: from a second to a day
     * @return the starts
     * @throws InvalidRequestException if {@code step} is under a second or
     *         over a day, or the window is unbounded
     */
    public static List<Instant> gridStarts(Interval window, ZoneId zone, Duration step) {
        Require.bounded(window, "window");
        Require.nonNull(zone, "zone");
        // A step of zero would never move past a day's first start, and one of a nanosecond
        // would list 86.4 trillion starts a day.
        if (Require.nonNull(step, "step").compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidRequestException("step must be from a second to a day, but was " + step);
        }
        List<Instant> starts = new ArrayList<>();
        ZoneRules rules = zone.getRules();
        LocalDate first = window.getStart().atZone(zone).toLocalDate();
        LocalDate last = window.getEnd().atZone(zone).toLocalDate();
        long stepNanos = step.toNanos();
        long dayNanos = Duration.ofDays(1).toNanos();
        Instant dayStart = WallClock.startOfDay(first, zone);
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            Instant nextDayStart = WallClock.startOfDay(date.plusDays(1), zone);
            ZoneOffsetTransition transition = rules.nextTransition(dayStart);
            boolean steadyDay = (transition == null || !transition.getInstant().isBefore(nextDayStart))
                    && rules.getValidOffsets(date.atStartOfDay()).size() == 1;
            List<Instant> day = new ArrayList<>();
            for (long offset = 0; offset < dayNanos; offset += stepNanos) {
                // On a day without a transition, local midnight plus the offset is the instant;
                // on the others each start is resolved on its own by the WallClock rule, which
                // can reorder them (a gap moves starts forward) and make two equal.
                day.add(steadyDay ? dayStart.plusNanos(offset) : WallClock.toInstant(date, LocalTime.ofNanoOfDay(offset), zone));
            }
            if (!steadyDay) {
                day = new ArrayList<>(new java.util.TreeSet<>(day));
            }
            for (Instant start : day) {
                if (window.contains(start) && (starts.isEmpty() || start.isAfter(starts.get(starts.size() - 1)))) {
                    starts.add(start);
                }
            }
            dayStart = nextDayStart;
        }
        return starts;
    }

    /**
     * The slots among {@code starts}.
     *
     * @param states   the rules' view of each resource, in the query's order
     * @param customer the customer asking
     * @param template the service
     * @param mode how the resources are used: any one of them, or all together
     * @param starts the candidate starts, in order, such as {@link #gridStarts}
     * @param duration the length of each slot, positive
     * @param partySize the seats asked for
     * @param now when the question is asked
     * @param displayZone the zone the slots show their times in
     * @return the bookable slots, in the order of {@code starts}
     */
    public List<Slot> slots(ServiceTemplate template, PoolMode mode, List<ResourceState> states, CustomerState customer,
                            Iterable<Instant> starts, Duration duration, int partySize, Instant now, ZoneId displayZone) {
        List<Slot> slots = new ArrayList<>();
        // Copied once: a candidate per start then keeps this list instead of copying it again.
        List<ResourceState> fixed = List.copyOf(states);
        for (Instant start : starts) {
            Interval interval = Interval.of(start, start.plus(duration));
            Interval occupied = template.occupied(interval);
            // Most refused starts are closed or taken: settled here, without a candidate (an
            // empty interval goes on, for the candidate to refuse it as before).
            if (!interval.isEmpty() && !choice.mayList(mode, fixed, interval, occupied, partySize)) {
                continue;
            }
            PoolChoice.Choice chosen = choice.choose(
                    new PoolChoice.Candidate(template, mode, fixed, interval, partySize, customer, now, Set.of()),
                    PoolChoice.Purpose.LIST);
            if (chosen.chosen().isEmpty()) {
                continue;
            }
            int remaining = Integer.MAX_VALUE;
            List<String> ids = new ArrayList<>(fixed.size());
            for (ResourceState s : chosen.chosen().get()) {
                remaining = Math.min(remaining, s.conflicts().freeSeats(occupied, s.capacity(), Set.of()));
                ids.add(s.resource().id());
            }
            slots.add(new Slot(interval, ids, remaining, displayZone));
        }
        return slots;
    }

    /**
     * Every reason {@code start} cannot be booked; empty when it can. For an ANY_OF pool, the
     * reasons of every resource, and nothing if any one of them is free.
     *
     * @param template   the service
     * @param mode       how the resources are used: any one of them, or all together
     * @param states     the rules' view of each resource, in the request's order
     * @param customer   the customer asking
     * @param start      the start asked about
     * @param duration   the length asked for, positive
     * @param partySize  the seats asked for
     * @param now        when the question is asked
     * @param ignoredIds bookings to leave out, such as the one being moved
     * @return the violations, without repeats
     */
    public List<Violation> explain(ServiceTemplate template, PoolMode mode, List<ResourceState> states,
                                   CustomerState customer, Instant start, Duration duration, int partySize, Instant now,
                                   Set<String> ignoredIds) {
        PoolChoice.Choice chosen = choice.choose(new PoolChoice.Candidate(template, mode, states,
                Interval.of(start, start.plus(duration)), partySize, customer, now, ignoredIds), PoolChoice.Purpose.EXPLAIN);
        return chosen.chosen().isPresent() ? List.of() : chosen.reasons();
    }
}
