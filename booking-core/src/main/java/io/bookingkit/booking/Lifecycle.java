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

import io.bookingkit.internal.Require;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of lifecycle steps: which exist, from which status to which, and which roles
 * may take each. Everything not in the table is refused. README prints {@link #markdown()}.
 */
public final class Lifecycle {

    /** A step an actor asks for. */
    public enum Action {
        CONFIRM, DECLINE, CANCEL, RESCHEDULE, START, COMPLETE, NO_SHOW, EXPIRE;

        /** Lower-case name, for messages. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One row: {@code action} moves a booking from {@code from} to {@code to}, for {@code roles}.
     *
     * @param condition what else must hold, in words; empty when nothing
     */
    public record Step(Action action, BookingStatus from, BookingStatus to, Set<Role> roles, String condition) {
        public Step {
            roles = Set.copyOf(roles);
        }
    }

    private static final List<Step> STEPS = List.of(
            new Step(Action.CONFIRM, HELD, CONFIRMED, EnumSet.of(CUSTOMER, STAFF, ADMIN), "template confirms instantly"),
            new Step(Action.CONFIRM, HELD, PENDING, EnumSet.of(CUSTOMER, STAFF, ADMIN), "template requires confirmation"),
            new Step(Action.CONFIRM, PENDING, CONFIRMED, EnumSet.of(STAFF, ADMIN), ""),
            new Step(Action.DECLINE, PENDING, DECLINED, EnumSet.of(STAFF, ADMIN), "a reason is required"),
            new Step(Action.CANCEL, HELD, CANCELLED, EnumSet.of(CUSTOMER, STAFF, ADMIN), "staff and admins give a reason"),
            new Step(Action.CANCEL, PENDING, CANCELLED, EnumSet.of(CUSTOMER, STAFF, ADMIN),
                    "customers only before the cancellation cutoff; staff and admins give a reason"),
            new Step(Action.CANCEL, CONFIRMED, CANCELLED, EnumSet.of(CUSTOMER, STAFF, ADMIN),
                    "customers only before the cancellation cutoff; staff and admins give a reason"),
            new Step(Action.RESCHEDULE, PENDING, PENDING, EnumSet.of(CUSTOMER, STAFF, ADMIN),
                    "customers only before the cancellation cutoff; the new time passes every rule"),
            new Step(Action.RESCHEDULE, CONFIRMED, CONFIRMED, EnumSet.of(CUSTOMER, STAFF, ADMIN),
                    "customers only before the cancellation cutoff; the new time passes every rule"),
            new Step(Action.START, CONFIRMED, IN_PROGRESS, EnumSet.of(STAFF, ADMIN), ""),
            new Step(Action.COMPLETE, IN_PROGRESS, COMPLETED, EnumSet.of(STAFF, ADMIN), ""),
            new Step(Action.NO_SHOW, CONFIRMED, NO_SHOW, EnumSet.of(STAFF, ADMIN), "the start has passed"),
            new Step(Action.EXPIRE, HELD, EXPIRED, EnumSet.of(SYSTEM), "the hold's expiry has passed"),
            new Step(Action.EXPIRE, PENDING, EXPIRED, EnumSet.of(SYSTEM), "nobody confirmed before the expiry"));

    private Lifecycle() {
    }

    /** Every step, in table order. */
    public static List<Step> steps() {
        return STEPS;
    }

    /** The steps {@code action} offers from {@code from}; empty when it is not allowed at all. */
    public static List<Step> stepsFrom(Action action, BookingStatus from) {
        Require.nonNull(action, "action");
        Require.nonNull(from, "from");
        return STEPS.stream().filter(s -> s.action() == action && s.from() == from).toList();
    }

    /** The step {@code action} takes from {@code from} to {@code to}, if the table has it. */
    public static Optional<Step> step(Action action, BookingStatus from, BookingStatus to) {
        return stepsFrom(action, from).stream().filter(s -> s.to() == to).findFirst();
    }

    /** The table in Markdown, as README shows it. */
    public static String markdown() {
        StringBuilder text = new StringBuilder("| action | from | to | roles | condition |\n|---|---|---|---|---|\n");
        for (Step s : STEPS) {
            text.append("| ").append(s.action().label()).append(" | ").append(s.from()).append(" | ").append(s.to())
                    .append(" | ").append(s.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", ")))
                    .append(" | ").append(s.condition()).append(" |\n");
        }
        return text.toString();
    }
}
