package io.bookingkit.booking;

import static io.bookingkit.booking.BookingStatus.CANCELLED;
import static io.bookingkit.booking.BookingStatus.COMPLETED;
import static io.bookingkit.booking.BookingStatus.CONFIRMED;
import static io.bookingkit.booking.BookingStatus.DECLINED;
import static io.bookingkit.booking.BookingStatus.EXPIRED;
import static io.bookingkit.booking.BookingStatus.HELD;
import static io.bookingkit.booking.BookingStatus.IN_PROGRESS;
import static io.bookingkit.booking.BookingStatus.NO_SHOW;
import static io.bookingkit.booking.BookingStatus.PENDING;
import static io.bookingkit.booking.Role.ADMIN;
import static io.bookingkit.booking.Role.CUSTOMER;
import static io.bookingkit.booking.Role.STAFF;
import static io.bookingkit.booking.Role.SYSTEM;

import io.bookingkit.error.BookingException;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.template.ConfirmationMode;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one table of lifecycle steps: which exist, from which status to which, which roles may
 * take each, and the conditions each needs, as code. Everything not in the table is refused.
 * README prints {@link #markdown()}.
 *
 * <p>Rules about changing an agreed booking that a business may want to set differently (the
 * customer's cancellation cutoff) are not conditions here but change rules
 * ({@code io.bookingkit.policy.ChangeRule}), replaceable like booking rules; the rows they
 * apply to say so.
 */
public final class Lifecycle {

    /** A step an actor asks for. */
    public enum Action {
        /** Confirms a hold, or a pending booking. */
        CONFIRM,
        /** Refuses a pending booking. */
        DECLINE,
        /** Calls off a hold, a pending or a confirmed booking. */
        CANCEL,
        /** Moves a pending or confirmed booking to another time. */
        RESCHEDULE,
        /** Marks a confirmed booking as under way. */
        START,
        /** Marks a booking under way as done. */
        COMPLETE,
        /** Marks a confirmed booking whose customer did not come. */
        NO_SHOW,
        /** Ends a hold or a pending booking whose expiry has passed. */
        EXPIRE;

        /**
         * Lower-case name, for messages.
         *
         * @return the name in lower case, with {@code -} for {@code _}, such as {@code no-show}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What a step is judged on.
     *
     * @param action   the step asked for
     * @param booking  the booking as read under the unit's lock
     * @param actor    who asks
     * @param template the booking's template
     * @param reason   the reason given; empty when none
     * @param now      when the step would happen
     */
    public record Request(Action action, Booking booking, Actor actor, ServiceTemplate template, String reason,
                          Instant now) {
        /**
         * Validates the components.
         *
         * @param action   the step asked for
         * @param booking  the booking as read under the unit's lock
         * @param actor    who asks
         * @param template the booking's template
         * @param reason   the reason given; empty when none
         * @param now      when the step would happen
         */
        public Request {
            Require.nonNull(action, "action");
            Require.nonNull(booking, "booking");
            Require.nonNull(actor, "actor");
            Require.nonNull(template, "template");
            Require.nonNull(reason, "reason");
            Require.nonNull(now, "now");
        }
    }

    /**
     * Something a step needs besides its status and roles.
     *
     * @param description the condition in words, as README's table shows it
     * @param holds       whether the request meets it
     * @param refusal     the exception for a request that does not; empty for a condition that
     *                    chooses between two rows of the same action and status instead of
     *                    refusing (the other row applies)
     */
    public record Condition(String description, Predicate<Request> holds,
                            Optional<Function<Request, BookingException>> refusal) {
        /**
         * Validates the components.
         *
         * @param description the condition in words, as README's table shows it
         * @param holds       whether the request meets it
         * @param refusal     the exception for a request that does not; empty for a condition that
         *                    chooses between two rows of the same action and status instead of
         *                    refusing (the other row applies)
         */
        public Condition {
            Require.notBlank(description, "description");
            Require.nonNull(holds, "holds");
            Require.nonNull(refusal, "refusal");
        }

        static Condition requires(String description, Predicate<Request> holds, Function<Request, BookingException> refusal) {
            return new Condition(description, holds, Optional.of(refusal));
        }

        static Condition selects(String description, Predicate<Request> holds) {
            return new Condition(description, holds, Optional.empty());
        }
    }

    /**
     * One row: {@code action} moves a booking from {@code from} to {@code to}, for {@code roles},
     * when every condition holds.
     *
     * @param action      the step asked for
     * @param from        the status it starts from
     * @param to          the status it leads to
     * @param roles       the roles that may take it
     * @param conditions  what it needs besides the status and the role, in the order they are judged
     * @param changeRules whether the engine's change rules judge the step (they concern changes
     *                    of an agreed booking, such as the customer's cancellation cutoff); a
     *                    reschedule's new time is judged by the booking rules besides
     */
    public record Step(Action action, BookingStatus from, BookingStatus to, Set<Role> roles, List<Condition> conditions,
                       boolean changeRules) {
        /**
         * Validates the components.
         *
         * @param action      the step asked for
         * @param from        the status it starts from
         * @param to          the status it leads to
         * @param roles       the roles that may take it
         * @param conditions  what it needs besides the status and the role, in the order they are
         *                    judged
         * @param changeRules whether the engine's change rules judge the step (they concern changes
         *                    of an agreed booking, such as the customer's cancellation cutoff); a
         *                    reschedule's new time is judged by the booking rules besides
         */
        public Step {
            Require.nonNull(action, "action");
            Require.nonNull(from, "from");
            Require.nonNull(to, "to");
            roles = Set.copyOf(roles);
            conditions = List.copyOf(conditions);
        }

        /**
         * The conditions in words, as README's table shows them; empty when there are none.
         *
         * @return the conditions' descriptions and the rules that judge the step, joined by
         *         {@code ; }
         */
        public String condition() {
            List<String> words = conditions.stream().map(Condition::description).collect(Collectors.toList());
            if (action == Action.RESCHEDULE) {
                // The engine judges the new time with the booking rules, as a new booking.
                words.add("the new time passes every booking rule");
            }
            if (changeRules) {
                words.add("the change rules pass (by default: customers only before the cancellation cutoff)");
            }
            return String.join("; ", words);
        }
    }

    private static final Condition CONFIRMS_INSTANTLY = Condition.selects("template confirms instantly",
            r -> r.template().confirmation() == ConfirmationMode.INSTANT);
    private static final Condition NEEDS_CONFIRMATION = Condition.selects("template requires confirmation",
            r -> r.template().confirmation() == ConfirmationMode.MANUAL);
    private static final Condition REASON = Condition.requires("a reason is required",
            r -> !r.reason().isBlank(),
            r -> new InvalidRequestException("Declining booking '" + r.booking().id() + "' needs a reason"));
    private static final Condition STAFF_REASON = Condition.requires("staff, admins and the system give a reason",
            r -> r.actor().role() == CUSTOMER || !r.reason().isBlank(),
            r -> new InvalidRequestException(r.actor().role() + " cancelling booking '" + r.booking().id()
                    + "' must give a reason"));
    private static final Condition STARTED = Condition.requires("the start has passed",
            r -> !r.now().isBefore(r.booking().interval().getStart()),
            r -> new TransitionNotAllowedException(r.booking().id(), r.booking().status(), r.action().label(),
                    "it starts only at " + r.booking().interval().getStart()));
    private static final Condition HOLD_EXPIRED = Condition.requires("the hold's expiry has passed",
            Lifecycle::expiredAtNow, Lifecycle::notExpired);
    private static final Condition NOBODY_CONFIRMED = Condition.requires("nobody confirmed before the expiry",
            Lifecycle::expiredAtNow, Lifecycle::notExpired);

    private static final Set<Role> PEOPLE = EnumSet.of(CUSTOMER, STAFF, ADMIN);
    // The system cancels too: a group session that missed its quorum, an offer whose entry left.
    private static final Set<Role> PEOPLE_AND_SYSTEM = EnumSet.of(CUSTOMER, STAFF, ADMIN, SYSTEM);
    private static final Set<Role> STAFF_AND_ADMINS = EnumSet.of(STAFF, ADMIN);

    private static final List<Step> STEPS = List.of(
            new Step(Action.CONFIRM, HELD, CONFIRMED, PEOPLE, List.of(CONFIRMS_INSTANTLY), false),
            new Step(Action.CONFIRM, HELD, PENDING, PEOPLE, List.of(NEEDS_CONFIRMATION), false),
            new Step(Action.CONFIRM, PENDING, CONFIRMED, STAFF_AND_ADMINS, List.of(), false),
            new Step(Action.DECLINE, PENDING, DECLINED, STAFF_AND_ADMINS, List.of(REASON), false),
            new Step(Action.CANCEL, HELD, CANCELLED, PEOPLE_AND_SYSTEM, List.of(STAFF_REASON), false),
            new Step(Action.CANCEL, PENDING, CANCELLED, PEOPLE_AND_SYSTEM, List.of(STAFF_REASON), true),
            new Step(Action.CANCEL, CONFIRMED, CANCELLED, PEOPLE_AND_SYSTEM, List.of(STAFF_REASON), true),
            new Step(Action.RESCHEDULE, PENDING, PENDING, PEOPLE, List.of(), true),
            new Step(Action.RESCHEDULE, CONFIRMED, CONFIRMED, PEOPLE, List.of(), true),
            new Step(Action.START, CONFIRMED, IN_PROGRESS, STAFF_AND_ADMINS, List.of(), false),
            new Step(Action.COMPLETE, IN_PROGRESS, COMPLETED, STAFF_AND_ADMINS, List.of(), false),
            new Step(Action.NO_SHOW, CONFIRMED, NO_SHOW, STAFF_AND_ADMINS, List.of(STARTED), false),
            new Step(Action.EXPIRE, HELD, EXPIRED, EnumSet.of(SYSTEM), List.of(HOLD_EXPIRED), false),
            new Step(Action.EXPIRE, PENDING, EXPIRED, EnumSet.of(SYSTEM), List.of(NOBODY_CONFIRMED), false));

    private Lifecycle() {
    }

    /**
     * Every step, in table order.
     *
     * @return the table's rows, unmodifiable
     */
    public static List<Step> steps() {
        return STEPS;
    }

    /**
     * The steps {@code action} offers from {@code from}; empty when it is not allowed at all.
     *
     * @param action the step asked for
     * @param from   the booking's status
     * @return the rows of that action from that status, in table order; more than one when a
     *         condition chooses between them
     */
    public static List<Step> stepsFrom(Action action, BookingStatus from) {
        Require.nonNull(action, "action");
        Require.nonNull(from, "from");
        return STEPS.stream().filter(s -> s.action() == action && s.from() == from).toList();
    }

    /**
     * The step {@code action} takes from {@code from} to {@code to}, if the table has it.
     *
     * @param action the step asked for
     * @param from   the status it starts from
     * @param to     the status it leads to
     * @return the row, or empty if the table has none
     */
    public static Optional<Step> step(Action action, BookingStatus from, BookingStatus to) {
        return stepsFrom(action, from).stream().filter(s -> s.to() == to).findFirst();
    }

    /**
     * The step {@code request} takes, once the actor may act on the booking at all (see
     * {@link Permissions#requireMayActOn}).
     *
     * @param request the step asked for, with the booking, the actor and the template
     * @return the row that applies
     * @throws TransitionNotAllowedException if the booking has expired (for every action but
     *                                       expire), the table has no such step, or a condition
     *                                       about the booking's time refuses it
     * @throws AccessDeniedException         if the actor's role may not take the step
     * @throws InvalidRequestException       if a required reason is missing
     */
    public static Step decide(Request request) {
        Require.nonNull(request, "request");
        Booking booking = request.booking();
        BookingStatus from = booking.status();
        if (request.action() != Action.EXPIRE && expiredAtNow(request)) {
            throw new TransitionNotAllowedException(booking.id(), from, request.action().label(),
                    "it expired at " + booking.expiresAt().orElseThrow());
        }
        List<Step> options = stepsFrom(request.action(), from);
        if (options.isEmpty()) {
            throw new TransitionNotAllowedException(booking.id(), from, request.action().label(),
                    "the lifecycle has no such step from " + from);
        }
        Step step = options.stream()
                .filter(s -> s.conditions().stream().allMatch(c -> c.refusal().isPresent() || c.holds().test(request)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No row of " + request.action() + " from " + from + " applies"));
        if (!step.roles().contains(request.actor().role())) {
            throw new AccessDeniedException(request.actor().role() + " may not " + request.action().label() + " a "
                    + from + " booking; allowed: " + step.roles().stream().sorted().toList());
        }
        for (Condition c : step.conditions()) {
            if (c.refusal().isPresent() && !c.holds().test(request)) {
                throw c.refusal().get().apply(request);
            }
        }
        return step;
    }

    /**
     * The booking after {@code step}, one version later with the transition recorded. A hold
     * completed into a request gets the template's whole pending expiry from now, not what is
     * left of the hold's few minutes.
     *
     * @param step    the row {@link #decide} chose for {@code request}
     * @param request the request it was chosen for
     * @return the changed booking
     */
    public static Booking apply(Step step, Request request) {
        Booking next = request.booking().transitioned(step.to(), request.actor(), request.now(), request.reason());
        if (step.from() == HELD && step.to() == PENDING) {
            next = next.withExpiresAt(request.template().pendingExpiresAt(request.now()));
        }
        return next;
    }

    /**
     * The status of a new booking: held on request, else confirmed or pending as the template says.
     *
     * @param hold     whether the customer asked to hold the seats first, as during checkout
     * @param template the booking's template
     * @return {@code HELD}, {@code CONFIRMED} or {@code PENDING}
     */
    public static BookingStatus initialStatus(boolean hold, ServiceTemplate template) {
        if (hold) {
            return HELD;
        }
        return template.confirmation() == ConfirmationMode.INSTANT ? CONFIRMED : PENDING;
    }

    /**
     * When a new booking in {@code status} stops blocking on its own: holds and pending bookings
     * expire.
     *
     * @param status   the new booking's status
     * @param template its template, which sets the hold's length and the pending booking's expiry
     * @param now      when the booking is made
     * @return the expiry of a hold or a pending booking; empty for any other status
     */
    public static Optional<Instant> initialExpiry(BookingStatus status, ServiceTemplate template, Instant now) {
        return switch (status) {
            case HELD -> Optional.of(now.plus(template.holdDuration()));
            case PENDING -> Optional.of(template.pendingExpiresAt(now));
            default -> Optional.empty();
        };
    }

    /**
     * The table in Markdown, as README shows it.
     *
     * @return the table, one row per step, with a header row
     */
    public static String markdown() {
        StringBuilder text = new StringBuilder("| action | from | to | roles | condition |\n|---|---|---|---|---|\n");
        for (Step s : STEPS) {
            text.append("| ").append(s.action().label()).append(" | ").append(s.from()).append(" | ").append(s.to())
                    .append(" | ").append(s.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", ")))
                    .append(" | ").append(s.condition()).append(" |\n");
        }
        return text.toString();
    }

    private static boolean expiredAtNow(Request r) {
        return r.booking().expiresAt().isPresent() && !r.now().isBefore(r.booking().expiresAt().get());
    }

    private static BookingException notExpired(Request r) {
        return new TransitionNotAllowedException(r.booking().id(), r.booking().status(), r.action().label(),
                "it has not expired");
    }
}
