package io.bookingkit.observe;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How one write the engine was asked for ended.
 *
 * @param operation      what was asked
 * @param result         how it ended
 * @param status         the booking's status after a write that was {@link Result#DONE done} or
 *                       {@link Result#REPLAYED replayed}; empty otherwise
 * @param violationCodes the codes of the rules a {@link Result#REFUSED refusal} names (such as
 *                       {@code min-notice} or {@code overlap}), in its order; empty for other
 *                       results and for refusals that name none (access denied, a stale copy)
 * @param elapsed        from the call until it returned or threw, on the JVM's monotonic clock
 */
public record WriteOutcome(Operation operation, Result result, Optional<BookingStatus> status,
                           List<String> violationCodes, Duration elapsed) {

    /** What was asked of the engine. */
    public enum Operation {
        /** {@code book}: a new booking. */
        BOOK,
        /** {@code hold}: seats held for a while. */
        HOLD,
        /** {@code confirm}. */
        CONFIRM,
        /** {@code decline}. */
        DECLINE,
        /** {@code cancel}. */
        CANCEL,
        /** {@code reschedule}. */
        RESCHEDULE,
        /** {@code start}. */
        START,
        /** {@code complete}. */
        COMPLETE,
        /** {@code markNoShow}. */
        NO_SHOW,
        /** {@code expire}. */
        EXPIRE;

        /**
         * The operation of a lifecycle step.
         *
         * @param action the step
         * @return the operation of the same name
         */
        public static Operation of(Lifecycle.Action action) {
            return valueOf(Require.nonNull(action, "action").name());
        }

        /**
         * Lower-case name with hyphens ({@code no-show}), for meter tags and messages.
         *
         * @return the label
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a write ended. */
    public enum Result {
        /** It was carried out and committed. */
        DONE,
        /** A retried request with the same idempotency key got the booking made the first time. */
        REPLAYED,
        /** The engine refused it: a broken rule, a taken time, no permission, a stale copy. */
        REFUSED,
        /** It failed for a reason that is not a decision: the database, or a bug. */
        FAILED;

        /**
         * Lower-case name, for meter tags.
         *
         * @return the label
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the outcome and copies its codes.
     *
     * @param operation      what was asked
     * @param result         how it ended
     * @param status         the booking's status after it, for done and replayed writes
     * @param violationCodes the codes a refusal names
     * @param elapsed        how long the call took
     *
     * @throws InvalidRequestException if a status is given for a result other than done or
     *         replayed, codes for a result other than refused, or the elapsed time is negative
     */
    public WriteOutcome {
        Require.nonNull(operation, "operation");
        Require.nonNull(result, "result");
        Require.nonNull(status, "status");
        violationCodes = List.copyOf(Require.elements(violationCodes, "violationCodes"));
        Require.notNegative(elapsed, "elapsed");
        if (status.isPresent() && result != Result.DONE && result != Result.REPLAYED) {
            throw new InvalidRequestException("A " + result.label() + " write has no status, but " + status.get()
                    + " was given");
        }
        if (!violationCodes.isEmpty() && result != Result.REFUSED) {
            throw new InvalidRequestException("Only a refusal names violations, but a " + result.label()
                    + " write named " + violationCodes);
        }
    }
}
