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

    /** Checks every invariant, naming the component and the reason. */
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

    /** A builder with the defaults listed on its setters. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder that starts from this template, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether every booking lasts the same. */
    public boolean hasFixedDuration() {
        return minDuration.equals(maxDuration);
    }

    /** Whether {@code duration} is one of the lengths this template offers. */
    public boolean allowsDuration(Duration duration) {
        return duration.compareTo(minDuration) >= 0 && duration.compareTo(maxDuration) <= 0
                && duration.minus(minDuration).toNanos() % durationStep.toNanos() == 0;
    }

    /** The seats one session offers on a resource of {@code resourceCapacity} seats. */
    public int capacityOn(int resourceCapacity) {
        return seats.isPresent() ? Math.min(seats.getAsInt(), resourceCapacity) : resourceCapacity;
    }

    /**
     * How long before its start a booking must be made: {@code joinNotice} (when set) for one
     * that joins a session with participants, {@code minNotice} otherwise.
     */
    public Duration noticeFor(boolean joiningSession) {
        return joiningSession ? joinNotice.orElse(minNotice) : minNotice;
    }

    /** {@code interval} widened by this template's buffers: what a booking blocks. */
    public Interval occupied(Interval interval) {
        return Interval.of(interval.getStart().minus(bufferBefore), interval.getEnd().plus(bufferAfter));
    }

    /** When a new booking made at {@code now} stops blocking if nobody confirms it. */
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

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** A fixed duration; 30 minutes by default. The slot step defaults to it. */
        public Builder duration(Duration duration) {
            this.minDuration = duration;
            this.maxDuration = duration;
            this.durationStep = duration;
            return this;
        }

        /** Lengths from {@code min} to {@code max} in steps of {@code step}. */
        public Builder duration(Duration min, Duration max, Duration step) {
            this.minDuration = min;
            this.maxDuration = max;
            this.durationStep = step;
            return this;
        }

        /** Time blocked before and after each booking; none by default. */
        public Builder buffers(Duration before, Duration after) {
            this.bufferBefore = before;
            this.bufferAfter = after;
            return this;
        }

        /** Distance between offered starts; the shortest duration by default. */
        public Builder slotStep(Duration slotStep) {
            this.slotStep = slotStep;
            return this;
        }

        /** Seats one session offers; the resource's capacity by default. */
        public Builder seats(int seats) {
            this.seats = OptionalInt.of(seats);
            return this;
        }

        /** Seats one booking may take; exactly one by default. */
        public Builder partySize(int min, int max) {
            this.minPartySize = min;
            this.maxPartySize = max;
            return this;
        }

        /** How long before its start a booking must be made; none by default. */
        public Builder minNotice(Duration minNotice) {
            this.minNotice = minNotice;
            return this;
        }

        /** Whether a booking may start on the day it is made; allowed by default. */
        public Builder sameDayAllowed(boolean sameDayAllowed) {
            this.sameDayAllowed = sameDayAllowed;
            return this;
        }

        /** How far ahead a booking may start; 365 days by default. */
        public Builder horizon(Duration horizon) {
            this.horizon = horizon;
            return this;
        }

        /** How late before its start a customer may cancel; any time by default. */
        public Builder cancellationCutoff(Duration cancellationCutoff) {
            this.cancellationCutoff = cancellationCutoff;
            return this;
        }

        /** Instant confirmation (the default). */
        public Builder instantConfirmation() {
            this.confirmation = ConfirmationMode.INSTANT;
            return this;
        }

        /** Bookings wait for staff, and expire after {@code expiry} (24 hours by default) if nobody confirms. */
        public Builder requiresConfirmation(Duration expiry) {
            this.confirmation = ConfirmationMode.MANUAL;
            this.pendingExpiry = expiry;
            return this;
        }

        /** How long a hold keeps its seats; 10 minutes by default. */
        public Builder holdDuration(Duration holdDuration) {
            this.holdDuration = holdDuration;
            return this;
        }

        /** Per day and per week limits; none by default. */
        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        /** Adds a reminder; none by default. */
        public Builder reminder(Duration before, Channel channel) {
            this.reminders.add(Reminder.of(before, channel));
            return this;
        }

        /** Replaces the reminders. */
        public Builder reminders(List<Reminder> reminders) {
            this.reminders = new ArrayList<>(Require.nonNull(reminders, "reminders"));
            return this;
        }

        /** Language of messages and notifications; English by default. */
        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /** How several resources are used; {@code ANY_OF} by default. */
        public Builder poolMode(PoolMode poolMode) {
            this.poolMode = poolMode;
            return this;
        }

        /**
         * Sessions need {@code minSeats} taken seats, decided {@code deadline} before their start;
         * none by default (every session runs).
         */
        public Builder quorum(int minSeats, Duration deadline) {
            this.quorum = Optional.of(new Quorum(minSeats, deadline));
            return this;
        }

        /** How long before its start a booking may still join a session with participants; {@code minNotice} by default. */
        public Builder joinNotice(Duration joinNotice) {
            this.joinNotice = Optional.of(Require.nonNull(joinNotice, "joinNotice"));
            return this;
        }

        /** How waitlists work; {@link WaitlistSettings#DEFAULTS} by default. */
        public Builder waitlist(WaitlistSettings waitlist) {
            this.waitlist = Require.nonNull(waitlist, "waitlist");
            return this;
        }

        /**
         * The template.
         *
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
