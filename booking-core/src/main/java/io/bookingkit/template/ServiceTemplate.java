package io.bookingkit.template;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.valueextraction.Unwrapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.threeten.extra.Interval;

/**
 * How one service of a vertical is booked: a 30-minute haircut, a 50-minute session with a
 * 10-minute buffer, a 12-seat class. Build one in code with {@link #builder(String)} or load it
 * with {@link TemplateCatalog}; the keys of the {@code .properties} form are listed in README.
 *
 * <p>Every invariant is checked when the template is built, so a template in hand is valid.
 * The components also carry Bean Validation annotations for applications that validate their
 * configuration that way.
 *
 * @param name               unique name in a catalog, such as {@code barber-haircut}
 * @param minDuration        shortest booking
 * @param maxDuration        longest booking; equal to {@code minDuration} for a fixed duration
 * @param durationStep       lengths between the two come in steps of this
 * @param bufferBefore       time blocked before each booking (preparation)
 * @param bufferAfter        time blocked after each booking (cleaning, notes)
 * @param slotStep           distance between offered start times, counted from local midnight
 * @param seats              most seats one session offers, capped by the resource's capacity;
 *                           empty means the resource's capacity (so its {@code @NotNull} is on
 *                           the OptionalInt itself, not unwrapped to the int it may hold)
 * @param minPartySize       fewest seats one booking takes
 * @param maxPartySize       most seats one booking takes
 * @param minNotice          how long before its start a booking must be made
 * @param sameDayAllowed     whether a booking may start on the day (resource's calendar) it is made
 * @param horizon            how far ahead a booking may start
 * @param cancellationCutoff customers may not cancel later than this before the start
 * @param confirmation       instant, or pending until staff confirm
 * @param pendingExpiry      how long a pending booking waits for confirmation before it expires
 * @param holdDuration       how long a hold keeps its seats
 * @param limits             bookings per day and week, per resource and per customer
 * @param reminders          reminders to send before each booking
 * @param locale             language of messages and notifications unless a booking says otherwise
 * @param poolMode           how a booking over several resources uses them
 * @param quorum             for group sessions, the seats needed for a session to run; empty when
 *                           any number runs
 * @param joinNotice         how long before its start a booking may still join a session that
 *                           already has participants; empty means {@code minNotice}
 * @param waitlist           how waitlists of the template work
 */
public record ServiceTemplate(
        @NotBlank @Size(max = Ids.MAX_LENGTH) String name,
        @NotNull Duration minDuration,
        @NotNull Duration maxDuration,
        @NotNull Duration durationStep,
        @NotNull Duration bufferBefore,
        @NotNull Duration bufferAfter,
        @NotNull Duration slotStep,
        @NotNull(payload = Unwrapping.Skip.class) OptionalInt seats,
        @Positive int minPartySize,
        @Positive int maxPartySize,
        @NotNull Duration minNotice,
        boolean sameDayAllowed,
        @NotNull Duration horizon,
        @NotNull Duration cancellationCutoff,
        @NotNull ConfirmationMode confirmation,
        @NotNull Duration pendingExpiry,
        @NotNull Duration holdDuration,
        @NotNull Limits limits,
        @NotNull List<@Valid @NotNull Reminder> reminders,
        @NotNull Locale locale,
        @NotNull PoolMode poolMode,
        @NotNull Optional<Quorum> quorum,
        @NotNull(payload = Unwrapping.Skip.class) Optional<Duration> joinNotice,
        @NotNull WaitlistSettings waitlist) {

    /**
     * Checks every invariant, naming the component and the reason.
     *
     * @param name               unique name in a catalog, such as {@code barber-haircut}
     * @param minDuration        shortest booking
     * @param maxDuration        longest booking; equal to {@code minDuration} for a fixed duration
     * @param durationStep       lengths between the two come in steps of this
     * @param bufferBefore       time blocked before each booking (preparation)
     * @param bufferAfter        time blocked after each booking (cleaning, notes)
     * @param slotStep           distance between offered start times, counted from local midnight
     * @param seats              most seats one session offers, capped by the resource's capacity;
     *                           empty means the resource's capacity (so its {@code @NotNull} is on
     *                           the OptionalInt itself, not unwrapped to the int it may hold)
     * @param minPartySize       fewest seats one booking takes
     * @param maxPartySize       most seats one booking takes
     * @param minNotice          how long before its start a booking must be made
     * @param sameDayAllowed     whether a booking may start on the day (resource's calendar) it is
     *                           made
     * @param horizon            how far ahead a booking may start
     * @param cancellationCutoff customers may not cancel later than this before the start
     * @param confirmation       instant, or pending until staff confirm
     * @param pendingExpiry      how long a pending booking waits for confirmation before it expires
     * @param holdDuration       how long a hold keeps its seats
     * @param limits             bookings per day and week, per resource and per customer
     * @param reminders          reminders to send before each booking
     * @param locale             language of messages and notifications unless a booking says
     *                           otherwise
     * @param poolMode           how a booking over several resources uses them
     * @param quorum             for group sessions, the seats needed for a session to run; empty
     *                           when any number runs
     * @param joinNotice         how long before its start a booking may still join a session that
     *                           already has participants; empty means {@code minNotice}
     * @param waitlist           how waitlists of the template work
     * @throws InvalidRequestException naming the component and the reason, if the name is not a
     *                                 valid id, a duration that must be positive is not (or one
     *                                 that must not be negative is), the durations or party sizes
     *                                 are out of order, {@code maxDuration} is not
     *                                 {@code minDuration} plus whole steps, the slot step is longer
     *                                 than a day, the seats cannot hold the smallest party or the
     *                                 quorum, or the horizon is not longer than the minimum notice
     */
    public ServiceTemplate {
        Ids.require(name, "name");
        Require.positive(minDuration, "minDuration");
        Require.positive(maxDuration, "maxDuration");
        Require.positive(durationStep, "durationStep");
        if (maxDuration.compareTo(minDuration) < 0) {
            throw new InvalidRequestException("maxDuration " + maxDuration + " is shorter than minDuration " + minDuration);
        }
        if (!maxDuration.minus(minDuration).isZero()
                && maxDuration.minus(minDuration).toNanos() % durationStep.toNanos() != 0) {
            throw new InvalidRequestException("maxDuration " + maxDuration + " is not minDuration " + minDuration
                    + " plus whole steps of " + durationStep);
        }
        Require.notNegative(bufferBefore, "bufferBefore");
        Require.notNegative(bufferAfter, "bufferAfter");
        Require.positive(slotStep, "slotStep");
        if (slotStep.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidRequestException("slotStep " + slotStep + " must not be longer than a day, as the "
                    + "grid of starts begins anew at each local midnight");
        }
        Require.nonNull(seats, "seats");
        if (seats.isPresent() && seats.getAsInt() <= 0) {
            throw new InvalidRequestException("seats must be positive, but was " + seats.getAsInt());
        }
        Require.positive(minPartySize, "minPartySize");
        Require.positive(maxPartySize, "maxPartySize");
        if (maxPartySize < minPartySize) {
            throw new InvalidRequestException("maxPartySize " + maxPartySize + " is below minPartySize " + minPartySize);
        }
        if (seats.isPresent() && seats.getAsInt() < minPartySize) {
            throw new InvalidRequestException("seats " + seats.getAsInt() + " cannot hold even minPartySize " + minPartySize);
        }
        Require.notNegative(minNotice, "minNotice");
        Require.positive(horizon, "horizon");
        if (horizon.compareTo(minNotice) <= 0) {
            throw new InvalidRequestException("horizon " + horizon + " must be longer than minNotice " + minNotice);
        }
        Require.notNegative(cancellationCutoff, "cancellationCutoff");
        Require.nonNull(confirmation, "confirmation");
        Require.positive(pendingExpiry, "pendingExpiry");
        Require.positive(holdDuration, "holdDuration");
        Require.nonNull(limits, "limits");
        List<Reminder> sorted = new ArrayList<>(Require.nonNull(reminders, "reminders"));
        sorted.forEach(r -> Require.nonNull(r, "reminder"));
        sorted.sort(Comparator.comparing(Reminder::before).reversed().thenComparing(r -> r.channel().name()));
        reminders = List.copyOf(sorted);
        Require.nonNull(locale, "locale");
        Require.nonNull(poolMode, "poolMode");
        Require.nonNull(quorum, "quorum");
        if (quorum.isPresent() && seats.isPresent() && quorum.get().minSeats() > seats.getAsInt()) {
            throw new InvalidRequestException("quorum of " + quorum.get().minSeats() + " seats can never be reached "
                    + "in a session of " + seats.getAsInt() + " seats");
        }
        Require.nonNull(joinNotice, "joinNotice");
        joinNotice.ifPresent(d -> Require.notNegative(d, "joinNotice"));
        Require.nonNull(waitlist, "waitlist");
    }

    /**
     * A builder with the defaults listed on its setters.
     *
     * @param name the template's name, a valid id
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A builder that starts from this template, to derive a variant.
     *
     * @return a new builder holding every setting of this template
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Whether every booking lasts the same.
     *
     * @return true if {@code minDuration} equals {@code maxDuration}
     */
    public boolean hasFixedDuration() {
        return minDuration.equals(maxDuration);
    }

    /**
     * Whether {@code duration} is one of the lengths this template offers.
     *
     * @param duration the length asked for
     * @return true if it lies between the shortest and the longest, a whole number of steps from
     *         the shortest
     */
    public boolean allowsDuration(Duration duration) {
        return duration.compareTo(minDuration) >= 0 && duration.compareTo(maxDuration) <= 0
                && duration.minus(minDuration).toNanos() % durationStep.toNanos() == 0;
    }

    /**
     * The seats one session offers on a resource of {@code resourceCapacity} seats.
     *
     * @param resourceCapacity the resource's seats
     * @return the smaller of {@link #seats()} and {@code resourceCapacity};
     *         {@code resourceCapacity} when seats is empty
     */
    public int capacityOn(int resourceCapacity) {
        return seats.isPresent() ? Math.min(seats.getAsInt(), resourceCapacity) : resourceCapacity;
    }

    /**
     * How long before its start a booking must be made: {@code joinNotice} (when set) for one
     * that joins a session with participants, {@code minNotice} otherwise.
     *
     * @param joiningSession whether the booking joins a session that already has participants
     * @return the notice
     */
    public Duration noticeFor(boolean joiningSession) {
        return joiningSession ? joinNotice.orElse(minNotice) : minNotice;
    }

    /**
     * {@code interval} widened by this template's buffers: what a booking blocks.
     *
     * @param interval a booking's time
     * @return the occupied interval
     */
    public Interval occupied(Interval interval) {
        return Interval.of(interval.getStart().minus(bufferBefore), interval.getEnd().plus(bufferAfter));
    }

    /**
     * When a new booking made at {@code now} stops blocking if nobody confirms it.
     *
     * @param now when the booking is made or becomes a request
     * @return {@code now} plus {@link #pendingExpiry()}
     */
    public Instant pendingExpiresAt(Instant now) {
        return now.plus(pendingExpiry);
    }

    /** Collects a template's settings. Not thread-safe. */
    public static final class Builder {
        private String name;
        private Duration minDuration = Duration.ofMinutes(30);
        private Duration maxDuration;
        private Duration durationStep;
        private Duration bufferBefore = Duration.ZERO;
        private Duration bufferAfter = Duration.ZERO;
        private Duration slotStep;
        private OptionalInt seats = OptionalInt.empty();
        private int minPartySize = 1;
        private int maxPartySize = 1;
        private Duration minNotice = Duration.ZERO;
        private boolean sameDayAllowed = true;
        private Duration horizon = Duration.ofDays(365);
        private Duration cancellationCutoff = Duration.ZERO;
        private ConfirmationMode confirmation = ConfirmationMode.INSTANT;
        private Duration pendingExpiry = Duration.ofHours(24);
        private Duration holdDuration = Duration.ofMinutes(10);
        private Limits limits = Limits.none();
        private List<Reminder> reminders = new ArrayList<>();
        private Locale locale = Locale.ENGLISH;
        private PoolMode poolMode = PoolMode.ANY_OF;
        private Optional<Quorum> quorum = Optional.empty();
        private Optional<Duration> joinNotice = Optional.empty();
        private WaitlistSettings waitlist = WaitlistSettings.DEFAULTS;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(ServiceTemplate t) {
            name = t.name;
            minDuration = t.minDuration;
            maxDuration = t.maxDuration;
            durationStep = t.durationStep;
            bufferBefore = t.bufferBefore;
            bufferAfter = t.bufferAfter;
            slotStep = t.slotStep;
            seats = t.seats;
            minPartySize = t.minPartySize;
            maxPartySize = t.maxPartySize;
            minNotice = t.minNotice;
            sameDayAllowed = t.sameDayAllowed;
            horizon = t.horizon;
            cancellationCutoff = t.cancellationCutoff;
            confirmation = t.confirmation;
            pendingExpiry = t.pendingExpiry;
            holdDuration = t.holdDuration;
            limits = t.limits;
            reminders = new ArrayList<>(t.reminders);
            locale = t.locale;
            poolMode = t.poolMode;
            quorum = t.quorum;
            joinNotice = t.joinNotice;
            waitlist = t.waitlist;
        }

        /**
         * The template's name.
         *
         * @param name a valid id, unique within a catalog
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * A fixed duration; 30 minutes by default. The slot step defaults to it.
         *
         * @param duration every booking's length, positive
         * @return this builder
         */
        public Builder duration(Duration duration) {
            this.minDuration = duration;
            this.maxDuration = duration;
            this.durationStep = duration;
            return this;
        }

        /**
         * Lengths from {@code min} to {@code max} in steps of {@code step}.
         *
         * @param min  the shortest length, positive
         * @param max  the longest length, not shorter than {@code min} and a whole number of steps
         *             from it
         * @param step the step between lengths, positive
         * @return this builder
         */
        public Builder duration(Duration min, Duration max, Duration step) {
            this.minDuration = min;
            this.maxDuration = max;
            this.durationStep = step;
            return this;
        }

        /**
         * Time blocked before and after each booking; none by default.
         *
         * @param before time blocked before each booking, not negative
         * @param after  time blocked after each booking, not negative
         * @return this builder
         */
        public Builder buffers(Duration before, Duration after) {
            this.bufferBefore = before;
            this.bufferAfter = after;
            return this;
        }

        /**
         * Distance between offered starts; the shortest duration by default.
         *
         * @param slotStep positive, at most a day
         * @return this builder
         */
        public Builder slotStep(Duration slotStep) {
            this.slotStep = slotStep;
            return this;
        }

        /**
         * Seats one session offers; the resource's capacity by default.
         *
         * @param seats positive, and not below the smallest party size
         * @return this builder
         */
        public Builder seats(int seats) {
            this.seats = OptionalInt.of(seats);
            return this;
        }

        /**
         * Seats one booking may take; exactly one by default.
         *
         * @param min the fewest seats, positive
         * @param max the most seats, not below {@code min}
         * @return this builder
         */
        public Builder partySize(int min, int max) {
            this.minPartySize = min;
            this.maxPartySize = max;
            return this;
        }

        /**
         * How long before its start a booking must be made; none by default.
         *
         * @param minNotice not negative, and shorter than the horizon
         * @return this builder
         */
        public Builder minNotice(Duration minNotice) {
            this.minNotice = minNotice;
            return this;
        }

        /**
         * Whether a booking may start on the day it is made; allowed by default.
         *
         * @param sameDayAllowed false to refuse bookings that start on the day, in the resource's
         *                       calendar, they are made
         * @return this builder
         */
        public Builder sameDayAllowed(boolean sameDayAllowed) {
            this.sameDayAllowed = sameDayAllowed;
            return this;
        }

        /**
         * How far ahead a booking may start; 365 days by default.
         *
         * @param horizon positive, and longer than the minimum notice
         * @return this builder
         */
        public Builder horizon(Duration horizon) {
            this.horizon = horizon;
            return this;
        }

        /**
         * How late before its start a customer may cancel; any time by default.
         *
         * @param cancellationCutoff how long before the start customers stop being able to cancel;
         *                           zero lets them cancel until the start
         * @return this builder
         */
        public Builder cancellationCutoff(Duration cancellationCutoff) {
            this.cancellationCutoff = cancellationCutoff;
            return this;
        }

        /**
         * Instant confirmation (the default).
         *
         * @return this builder
         */
        public Builder instantConfirmation() {
            this.confirmation = ConfirmationMode.INSTANT;
            return this;
        }

        /**
         * Bookings wait for staff, and expire after {@code expiry} (24 hours by default) if nobody
         * confirms.
         *
         * @param expiry how long a pending booking waits for confirmation, positive
         * @return this builder
         */
        public Builder requiresConfirmation(Duration expiry) {
            this.confirmation = ConfirmationMode.MANUAL;
            this.pendingExpiry = expiry;
            return this;
        }

        /**
         * How long a hold keeps its seats; 10 minutes by default.
         *
         * @param holdDuration positive
         * @return this builder
         */
        public Builder holdDuration(Duration holdDuration) {
            this.holdDuration = holdDuration;
            return this;
        }

        /**
         * Per day and per week limits; none by default.
         *
         * @param limits the per-day and per-week limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Adds a reminder; none by default.
         *
         * @param before  how long before the start, positive
         * @param channel where to send it
         * @return this builder
         * @throws InvalidRequestException if {@code before} is not positive
         */
        public Builder reminder(Duration before, Channel channel) {
            this.reminders.add(Reminder.of(before, channel));
            return this;
        }

        /**
         * Replaces the reminders.
         *
         * @param reminders the reminders, in any order; copied
         * @return this builder
         */
        public Builder reminders(List<Reminder> reminders) {
            this.reminders = new ArrayList<>(Require.nonNull(reminders, "reminders"));
            return this;
        }

        /**
         * Language of messages and notifications; English by default.
         *
         * @param locale the default language, which a booking's own locale overrides
         * @return this builder
         */
        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /**
         * How several resources are used; {@code ANY_OF} by default.
         *
         * @param poolMode how a booking over several resources uses them
         * @return this builder
         */
        public Builder poolMode(PoolMode poolMode) {
            this.poolMode = poolMode;
            return this;
        }

        /**
         * Sessions need {@code minSeats} taken seats, decided {@code deadline} before their start;
         * none by default (every session runs).
         *
         * @param minSeats seats that must be taken, at least 1 and at most the seats of a session
         * @param deadline how long before the start the session is decided, not negative
         * @return this builder
         * @throws InvalidRequestException if {@code minSeats} is not positive or {@code deadline}
         *                                 is negative
         */
        public Builder quorum(int minSeats, Duration deadline) {
            this.quorum = Optional.of(new Quorum(minSeats, deadline));
            return this;
        }

        /**
         * How long before its start a booking may still join a session with participants;
         * {@code minNotice} by default.
         *
         * @param joinNotice not negative
         * @return this builder
         */
        public Builder joinNotice(Duration joinNotice) {
            this.joinNotice = Optional.of(Require.nonNull(joinNotice, "joinNotice"));
            return this;
        }

        /**
         * How waitlists work; {@link WaitlistSettings#DEFAULTS} by default.
         *
         * @param waitlist the waitlist settings
         * @return this builder
         */
        public Builder waitlist(WaitlistSettings waitlist) {
            this.waitlist = Require.nonNull(waitlist, "waitlist");
            return this;
        }

        /**
         * The template.
         *
         * @return the template, with the durations and the slot step not set defaulting to the
         *         shortest duration
         * @throws InvalidRequestException naming the first setting that breaks an invariant
         */
        public ServiceTemplate build() {
            Duration max = maxDuration == null ? minDuration : maxDuration;
            Duration step = durationStep == null ? minDuration : durationStep;
            Duration slots = slotStep == null ? minDuration : slotStep;
            return new ServiceTemplate(name, minDuration, max, step, bufferBefore, bufferAfter, slots, seats,
                    minPartySize, maxPartySize, minNotice, sameDayAllowed, horizon, cancellationCutoff, confirmation,
                    pendingExpiry, holdDuration, limits, reminders, locale, poolMode, quorum, joinNotice, waitlist);
        }
    }
}
