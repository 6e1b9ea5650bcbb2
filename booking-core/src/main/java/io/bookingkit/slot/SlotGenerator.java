package io.bookingkit.slot;

import io.bookingkit.internal.Require;
import io.bookingkit.policy.BookingCheck;
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
import java.util.LinkedHashSet;
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

    private final List<BookingRule> rules;
    // When the built-in opening-hours and conflict rules are in force, most refused starts are
    // settled by a binary search each before the whole rule set is asked about the rest; the
    // answer is the same, as those rules would refuse exactly these starts.
    private final boolean checksOpeningHours;
    private final boolean checksConflicts;

    /** A generator that applies {@code rules}. */
    public SlotGenerator(List<BookingRule> rules) {
        this.rules = List.copyOf(Require.nonNull(rules, "rules"));
        this.checksOpeningHours = this.rules.contains(BookingRules.openingHours());
        this.checksConflicts = this.rules.contains(BookingRules.noConflicts());
    }

    /** A generator with {@link BookingRules#defaults()}. */
    public static SlotGenerator withDefaultRules() {
        return new SlotGenerator(BookingRules.defaults());
    }

    /** The starts on the grid of {@code step} in {@code zone} that lie in {@code window}, in order, without repeats. */
    public static List<Instant> gridStarts(Interval window, ZoneId zone, Duration step) {
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
     */
    public List<Slot> slots(ServiceTemplate template, PoolMode mode, List<ResourceState> states, CustomerState customer,
                            Iterable<Instant> starts, Duration duration, int partySize, Instant now, ZoneId displayZone) {
        List<Slot> slots = new ArrayList<>();
        for (Instant start : starts) {
            Interval interval = Interval.of(start, start.plus(duration));
            Interval occupied = template.occupied(interval);
            if (mode == PoolMode.ALL_OF || states.size() == 1) {
                if (!passesQuickChecks(states, interval, occupied, partySize)) {
                    continue;
                }
                BookingCheck check = new BookingCheck(template, states, interval, occupied, partySize, customer, now, Set.of(), false);
                if (BookingRules.evaluate(rules, check, true).isEmpty()) {
                    int remaining = Integer.MAX_VALUE;
                    List<String> ids = new ArrayList<>(states.size());
                    for (ResourceState s : states) {
                        remaining = Math.min(remaining, s.conflicts().freeSeats(occupied, s.capacity(), Set.of()));
                        ids.add(s.resource().id());
                    }
                    slots.add(new Slot(interval, ids, remaining, displayZone));
                }
                continue;
            }
            ResourceState chosen = null;
            for (ResourceState s : states) {
                if (!passesQuickChecks(List.of(s), interval, occupied, partySize)) {
                    continue;
                }
                BookingCheck check = new BookingCheck(template, List.of(s), interval, occupied, partySize, customer, now, Set.of(), false);
                if (BookingRules.evaluate(rules, check, true).isEmpty()
                        && (chosen == null || lessBooked(s, chosen, start))) {
                    chosen = s;
                }
            }
            if (chosen != null) {
                slots.add(new Slot(interval, List.of(chosen.resource().id()),
                        chosen.conflicts().freeSeats(occupied, chosen.capacity(), Set.of()), displayZone));
            }
        }
        return slots;
    }

    /**
     * Every reason {@code start} cannot be booked; empty when it can. For an ANY_OF pool, the
     * reasons of every resource, and nothing if any one of them is free.
     */
    public List<Violation> explain(ServiceTemplate template, PoolMode mode, List<ResourceState> states,
                                   CustomerState customer, Instant start, Duration duration, int partySize, Instant now,
                                   Set<String> ignoredIds) {
        Interval interval = Interval.of(start, start.plus(duration));
        Interval occupied = template.occupied(interval);
        if (mode == PoolMode.ALL_OF || states.size() == 1) {
            return BookingRules.evaluate(rules,
                    new BookingCheck(template, states, interval, occupied, partySize, customer, now, ignoredIds), false);
        }
        Set<Violation> reasons = new LinkedHashSet<>();
        for (ResourceState s : states) {
            List<Violation> found = BookingRules.evaluate(rules,
                    new BookingCheck(template, List.of(s), interval, occupied, partySize, customer, now, ignoredIds), false);
            if (found.isEmpty()) {
                return List.of();
            }
            reasons.addAll(found);
        }
        return List.copyOf(reasons);
    }

    /**
     * Whether the start survives the opening-hours and conflict rules, where they are in force,
     * on every one of {@code states}: false settles most refused starts quickly.
     */
    private boolean passesQuickChecks(List<ResourceState> states, Interval interval, Interval occupied, int partySize) {
        for (ResourceState s : states) {
            if (checksOpeningHours && !s.open().encloses(interval)) {
                return false;
            }
            if (checksConflicts && !s.conflicts().fits(occupied, partySize, s.capacity(), Set.of())) {
                return false;
            }
        }
        return true;
    }

    /** Spreads load: fewer blocking bookings on the slot's local day wins; ties keep the query's order. */
    private static boolean lessBooked(ResourceState candidate, ResourceState current, Instant start) {
        return candidate.blockingOn(candidate.localDay(start)) < current.blockingOn(current.localDay(start));
    }
}
