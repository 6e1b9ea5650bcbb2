package io.bookingkit.policy;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Role;
import io.bookingkit.conflict.Conflict;
import io.bookingkit.internal.DurationText;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The built-in rules, each with the violation codes it reports. Each factory returns the same
 * instance every time, so a rule list can be asked whether it holds a built-in. {@link #defaults()} is the set
 * the engine uses unless told otherwise, cheapest first.
 *
 * <table>
 *   <caption>Rules and codes</caption>
 *   <tr><th>rule</th><th>codes</th></tr>
 *   <tr><td>{@link #notInPast()}</td><td>{@code in-past}</td></tr>
 *   <tr><td>{@link #minimumNotice()}</td><td>{@code min-notice}</td></tr>
 *   <tr><td>{@link #sameDay()}</td><td>{@code same-day}</td></tr>
 *   <tr><td>{@link #horizon()}</td><td>{@code horizon}</td></tr>
 *   <tr><td>{@link #sessionDeadline()}</td><td>{@code session-closed}</td></tr>
 *   <tr><td>{@link #durationBounds()}</td><td>{@code duration}</td></tr>
 *   <tr><td>{@link #partySize()}</td><td>{@code party-size}, {@code seats}</td></tr>
 *   <tr><td>{@link #openingHours()}</td><td>{@code closed}</td></tr>
 *   <tr><td>{@link #resourceLimits()}</td><td>{@code limit-resource-day}, {@code limit-resource-week}</td></tr>
 *   <tr><td>{@link #customerLimits()}</td><td>{@code limit-customer-day}, {@code limit-customer-week}</td></tr>
 *   <tr><td>{@link #noConflicts()}</td><td>{@code overlap}, {@code buffer}, {@code full}</td></tr>
 * </table>
 *
 * <p>The change rules ({@link ChangeRule}), judged when an agreed booking is cancelled or moved:
 * {@link #changeDefaults()} is {@link #cancellationCutoff()}, code {@code cancellation-cutoff}.
 */
public final class BookingRules {

    /** The codes that mean "someone else has this time", as opposed to a business rule. */
    public static final List<String> CONFLICT_CODES = List.of("overlap", "buffer", "full");

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private BookingRules() {
    }

    private static final BookingRule NOT_IN_PAST = (check, report) -> {
        if (check.start().isBefore(check.now())) {
            report(check, report, "in-past", () -> new String[] {"start", local(check.start(), zoneOf(check))});
        }
    };

    private static final BookingRule MINIMUM_NOTICE = (check, report) -> {
        Duration notice = check.template().noticeFor(check.template().joinNotice().isPresent() && joinsSession(check));
        if (!check.start().isBefore(check.now()) && check.start().isBefore(check.now().plus(notice))) {
            report(check, report, "min-notice", () -> new String[] {"notice", DurationText.format(notice),
                    "lead", lead(check)});
        }
    };

    private static final BookingRule SESSION_DEADLINE = (check, report) -> {
        if (check.template().quorum().isEmpty()) {
            return;
        }
        Instant decided = check.template().quorum().get().decidedAt(check.start());
        if (!check.now().isBefore(decided) && !joinsSession(check)) {
            report(check, report, "session-closed", () -> new String[] {"deadline", local(decided, zoneOf(check))});
        }
    };

    private static final BookingRule SAME_DAY = (check, report) -> {
        if (check.template().sameDayAllowed()) {
            return;
        }
        ZoneId zone = zoneOf(check);
        LocalDate today = check.now().atZone(zone).toLocalDate();
        if (!check.start().atZone(zone).toLocalDate().isAfter(today)) {
            report(check, report, "same-day", () -> new String[] {"date", today.toString()});
        }
    };

    private static final BookingRule HORIZON = (check, report) -> {
        Duration horizon = check.template().horizon();
        if (check.start().isAfter(check.now().plus(horizon))) {
            report(check, report, "horizon",
                    () -> new String[] {"horizon", DurationText.format(horizon), "lead", lead(check)});
        }
    };

    private static final BookingRule DURATION_BOUNDS = (check, report) -> {
        ServiceTemplate t = check.template();
        if (!t.allowsDuration(check.duration())) {
            report(check, report, "duration", () -> new String[] {"duration", DurationText.format(check.duration()),
                    "min", DurationText.format(t.minDuration()), "max", DurationText.format(t.maxDuration()),
                    "step", DurationText.format(t.durationStep())});
        }
    };

    private static final BookingRule PARTY_SIZE = (check, report) -> {
        ServiceTemplate t = check.template();
        int party = check.partySize();
        if (party < t.minPartySize() || party > t.maxPartySize()) {
            report(check, report, "party-size", () -> new String[] {"partySize", Integer.toString(party),
                    "min", Integer.toString(t.minPartySize()), "max", Integer.toString(t.maxPartySize())});
        }
        for (ResourceState r : check.resources()) {
            if (party > r.capacity()) {
                report(check, report, "seats", () -> new String[] {"resource", r.resource().name(),
                        "capacity", Integer.toString(r.capacity()), "partySize", Integer.toString(party)});
            }
        }
    };

    private static final BookingRule OPENING_HOURS = (check, report) -> {
        for (ResourceState r : check.resources()) {
            if (!r.open().encloses(check.interval())) {
                ZoneId zone = r.resource().zone();
                report(check, report, "closed", () -> new String[] {"resource", r.resource().name(),
                        "start", local(check.start(), zone), "end", local(check.interval().getEnd(), zone)});
            }
        }
    };

    private static final BookingRule RESOURCE_LIMITS = (check, report) -> {
        Limits limits = check.template().limits();
        if (limits.perResourceDay().isEmpty() && limits.perResourceWeek().isEmpty()) {
            return;
        }
        for (ResourceState r : check.resources()) {
            LocalDate day = r.localDay(check.start());
            if (reached(limits.perResourceDay(), r.templateBookingsOn(day, check.ignoredIds()))) {
                report(check, report, "limit-resource-day", () -> new String[] {"resource", r.resource().name(),
                        "limit", Integer.toString(limits.perResourceDay().getAsInt()), "date", day.toString()});
            }
            if (reached(limits.perResourceWeek(), r.templateBookingsInWeekOf(day, check.ignoredIds()))) {
                report(check, report, "limit-resource-week", () -> new String[] {"resource", r.resource().name(),
                        "limit", Integer.toString(limits.perResourceWeek().getAsInt()),
                        "week", ResourceState.weekOf(day).toString()});
            }
        }
    };

    private static final BookingRule CUSTOMER_LIMITS = (check, report) -> {
        Limits limits = check.template().limits();
        if (check.customer().customerId().isEmpty()
                || (limits.perCustomerDay().isEmpty() && limits.perCustomerWeek().isEmpty())) {
            return;
        }
        ZoneId zone = zoneOf(check);
        LocalDate day = check.start().atZone(zone).toLocalDate();
        if (reached(limits.perCustomerDay(), check.customer().bookingsOn(day, zone, check.ignoredIds()))) {
            report(check, report, "limit-customer-day", () -> new String[] {
                    "limit", Integer.toString(limits.perCustomerDay().getAsInt()), "date", day.toString()});
        }
        if (reached(limits.perCustomerWeek(), check.customer().bookingsInWeekOf(day, zone, check.ignoredIds()))) {
            report(check, report, "limit-customer-week", () -> new String[] {"limit", Integer.toString(limits.perCustomerWeek().getAsInt()),
                    "week", ResourceState.weekOf(day).toString()});
        }
    };

    private static final BookingRule NO_CONFLICTS = (check, report) -> {
        for (ResourceState r : check.resources()) {
            if (!check.explain()) {
                if (!r.conflicts().fits(check.occupied(), check.partySize(), r.capacity(), check.ignoredIds())) {
                    report.accept(Violation.of(r.capacity() > 1 ? "full" : "overlap"));
                }
                continue;
            }
            List<Conflict> conflicts = r.conflicts().conflicts(check.interval(), check.occupied(),
                    check.partySize(), r.capacity(), check.ignoredIds());
            if (conflicts.isEmpty()) {
                continue;
            }
            if (r.capacity() > 1) {
                int free = Math.max(0, r.conflicts().freeSeats(check.occupied(), r.capacity(), check.ignoredIds()));
                report(check, report, "full", () -> new String[] {"resource", r.resource().name(),
                        "free", Integer.toString(free), "partySize", Integer.toString(check.partySize())});
                continue;
            }
            for (Conflict c : conflicts) {
                report(check, report, c.kind() == Conflict.Kind.OVERLAP ? "overlap" : "buffer",
                        () -> new String[] {"resource", r.resource().name(), "booking", c.bookingId()});
            }
        }
    };

    private static final ChangeRule CANCELLATION_CUTOFF = (check, report) -> {
        Booking booking = check.booking();
        // A hold was never agreed: its customer may let it go at any time.
        if (check.actor().role() != Role.CUSTOMER || booking.status() == BookingStatus.HELD) {
            return;
        }
        Instant start = booking.interval().getStart();
        Duration cutoff = check.template().cancellationCutoff();
        if (check.now().isAfter(start.minus(cutoff))) {
            Duration lead = Duration.between(check.now(), start);
            report.accept(Violation.of("cancellation-cutoff", "cutoff", DurationText.format(cutoff),
                    "lead", DurationText.format(lead.isNegative() ? Duration.ZERO : Duration.ofMinutes(lead.toMinutes()))));
        }
    };

    /**
     * Every built-in rule, cheapest first.
     *
     * @return the rules, unmodifiable
     */
    public static List<BookingRule> defaults() {
        return List.of(notInPast(), minimumNotice(), sameDay(), horizon(), sessionDeadline(), durationBounds(),
                partySize(), openingHours(), resourceLimits(), customerLimits(), noConflicts());
    }

    /**
     * The rules of {@code rules} that judge a seat offered to a waitlist entry: all but those
     * about how long before the start a request is made (notice, same day, horizon), which judged
     * the entry when the customer joined, and the customer's own limits, which are judged when
     * they accept the offer, under their lock. The session deadline stays: an offer may fill a
     * session that runs, not start one that no quorum decision would judge.
     *
     * @param rules the engine's booking rules
     * @return those of them that judge an offer, in their order
     */
    public static List<BookingRule> forOffers(List<BookingRule> rules) {
        List<BookingRule> asking = List.of(minimumNotice(), sameDay(), horizon(), customerLimits());
        return rules.stream().filter(r -> !asking.contains(r)).toList();
    }

    /**
     * For templates with a quorum: once a session's decision deadline has passed, a booking may
     * join a session that has participants (it was kept) but not start a new one, which no
     * decision would ever judge.
     *
     * @return the rule
     */
    public static BookingRule sessionDeadline() {
        return SESSION_DEADLINE;
    }

    /**
     * The booking must not start before now.
     *
     * @return the rule
     */
    public static BookingRule notInPast() {
        return NOT_IN_PAST;
    }

    /**
     * The booking must start at least the template's minimum notice after now.
     *
     * @return the rule
     */
    public static BookingRule minimumNotice() {
        return MINIMUM_NOTICE;
    }

    /**
     * Unless the template allows it, the booking must not start on today's date in the resource's
     * zone.
     *
     * @return the rule
     */
    public static BookingRule sameDay() {
        return SAME_DAY;
    }

    /**
     * The booking must not start later than the template's horizon after now.
     *
     * @return the rule
     */
    public static BookingRule horizon() {
        return HORIZON;
    }

    /**
     * The booking's length must be one the template offers.
     *
     * @return the rule
     */
    public static BookingRule durationBounds() {
        return DURATION_BOUNDS;
    }

    /**
     * The party must be within the template's bounds and fit the seats of each resource.
     *
     * @return the rule
     */
    public static BookingRule partySize() {
        return PARTY_SIZE;
    }

    /**
     * Every resource must be open during the whole of the booking's own time (buffers may fall
     * outside).
     *
     * @return the rule
     */
    public static BookingRule openingHours() {
        return OPENING_HOURS;
    }

    /**
     * The template's per-resource daily and weekly limits, on each resource's calendar.
     *
     * @return the rule
     */
    public static BookingRule resourceLimits() {
        return RESOURCE_LIMITS;
    }

    /**
     * The template's per-customer daily and weekly limits, on the (first) resource's calendar.
     *
     * @return the rule
     */
    public static BookingRule customerLimits() {
        return CUSTOMER_LIMITS;
    }

    /**
     * No resource may be over its seats at any instant of the occupied interval, buffers included.
     *
     * @return the rule
     */
    public static BookingRule noConflicts() {
        return NO_CONFLICTS;
    }

    /**
     * The built-in change rules: the customer's cancellation cutoff.
     *
     * @return the rules, unmodifiable
     */
    public static List<ChangeRule> changeDefaults() {
        return List.of(cancellationCutoff());
    }

    /**
     * Customers may not cancel or move a booking (other than a hold) later than the template's
     * cancellation cutoff before its start; staff and admins may.
     *
     * @return the rule
     */
    public static ChangeRule cancellationCutoff() {
        return CANCELLATION_CUTOFF;
    }

    /**
     * Runs the change rules on {@code check}; every violation, in rule order.
     *
     * @param rules the change rules, in order
     * @param check the change
     * @return the violations, empty when every rule passes
     */
    public static List<Violation> evaluate(List<ChangeRule> rules, ChangeCheck check) {
        List<Violation> found = new ArrayList<>(1);
        for (ChangeRule rule : rules) {
            rule.check(check, found::add);
        }
        return found;
    }

    /**
     * Runs {@code rules} on {@code check}.
     *
     * @param firstOnly stop at the first violation, when only "is it bookable?" matters
     * @param rules     the booking rules, in order
     * @param check     the candidate booking
     * @return the violations, empty when every rule passes
     */
    public static List<Violation> evaluate(List<BookingRule> rules, BookingCheck check, boolean firstOnly) {
        List<Violation> found = new ArrayList<>(2);
        Consumer<Violation> report = found::add;
        for (BookingRule rule : rules) {
            rule.check(check, report);
            if (firstOnly && !found.isEmpty()) {
                break;
            }
        }
        return found;
    }

    /**
     * Reports a violation, with its parameters only when the check asks for explanations: slot
     * lists only need to know that a start fails.
     */
    private static void report(BookingCheck check, Consumer<Violation> report, String code, Supplier<String[]> params) {
        report.accept(check.explain() ? Violation.of(code, params.get()) : Violation.of(code));
    }

    /** Whether every resource of the check already has a session of the template at its start. */
    private static boolean joinsSession(BookingCheck check) {
        for (ResourceState r : check.resources()) {
            if (r.sessionSeatsAt(check.start()) == 0) {
                return false;
            }
        }
        return !check.resources().isEmpty();
    }

    private static boolean reached(OptionalInt limit, int count) {
        return limit.isPresent() && count >= limit.getAsInt();
    }

    private static ZoneId zoneOf(BookingCheck check) {
        return check.resources().isEmpty() ? ZoneId.of("UTC") : check.resources().get(0).resource().zone();
    }

    private static String local(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone));
    }

    private static String lead(BookingCheck check) {
        Duration lead = Duration.between(check.now(), check.start());
        return DurationText.format(lead.isNegative() ? Duration.ZERO : lead.withNanos(0).minusSeconds(lead.toSecondsPart()));
    }
}
