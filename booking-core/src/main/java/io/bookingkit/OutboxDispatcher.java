package io.bookingkit;

import io.bookingkit.booking.Booking;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.internal.Require;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.notify.CalendarAttachment;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.notify.UndeliverableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox messages to a {@link NotificationPort}: at least once, in batches that
 * the store claims for a lease so that several threads or application nodes never deliver the
 * same message at once. A failed delivery is retried with exponential backoff; after
 * {@code maxAttempts} failures, or at once when the port throws {@link UndeliverableException},
 * the message is parked for inspection ({@link io.bookingkit.spi.Outbox#parkedMessages}).
 *
 * <p>Each notification is made at delivery time from the booking as it is then, with the
 * iCalendar attachment its kind carries ({@link CalendarAttachment#methodFor}) written in the
 * zone of the booking's first resource; a resource that no longer exists leaves the
 * notification without one.
 *
 * <p>Thread-safe: any number of threads may call {@link #dispatchDue()}. Schedule it
 * periodically (every few seconds) so that reminders and retries go out.
 */
public final class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final BookingStore store;
    private final NotificationPort port;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration lease;

    private OutboxDispatcher(Builder b) {
        this.store = b.store;
        this.port = b.port;
        this.clock = b.clock;
        this.batchSize = b.batchSize;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.lease = b.lease;
    }

    /**
     * Settings of a dispatcher that takes due messages from {@code store}'s outbox and hands them
     * to {@code port}.
     *
     * @param store the store whose outbox to deliver
     * @param port  where notifications go
     * @param clock what "due" and the retry times are measured by
     * @return a builder with the defaults
     */
    public static Builder builder(BookingStore store, NotificationPort port, Clock clock) {
        return new Builder(store, port, clock);
    }

    /**
     * Delivers every message due now, batch after batch, until none is left.
     *
     * @return how many were delivered
     */
    public int dispatchDue() {
        int delivered = 0;
        while (true) {
            Batch batch = dispatchBatch();
            delivered += batch.delivered;
            if (batch.claimed < batchSize) {
                return delivered;
            }
        }
    }

    /**
     * Delivers at most one batch of due messages, as the engine does after each change so that
     * the caller does not wait for a whole backlog.
     *
     * @return how many were delivered
     */
    public int dispatchOneBatch() {
        return dispatchBatch().delivered;
    }

    private Batch dispatchBatch() {
        Instant now = clock.instant();
        List<OutboxMessage> batch = store.outbox().claimDueMessages(now, batchSize, lease);
        int delivered = 0;
        for (OutboxMessage message : batch) {
            if (deliver(message, now)) {
                delivered++;
            }
        }
        return new Batch(batch.size(), delivered);
    }

    private record Batch(int claimed, int delivered) {
    }

    private boolean deliver(OutboxMessage message, Instant now) {
        Optional<Booking> booking = store.reads(message.tenantId()).findBooking(message.bookingId());
        if (booking.isEmpty()) {
            LOG.warn("Dropping outbox message {}: booking {} of tenant {} no longer exists",
                    message.id(), message.bookingId(), message.tenantId());
            store.outbox().markDelivered(message.id());
            return false;
        }
        Optional<CalendarAttachment> calendar = calendar(message, booking.get());
        try {
            port.send(new Notification(message.kind(), message.recipient(), message.channel(), message.locale(),
                    booking.get(), message.dedupeKey(), calendar));
        } catch (RuntimeException e) {
            int attempts = message.attempts() + 1;
            boolean refused = e instanceof UndeliverableException;
            boolean park = refused || attempts >= maxAttempts;
            Instant retryAt = now.plus(backoff.multipliedBy(1L << Math.min(attempts - 1, 20)));
            if (refused) {
                LOG.error("Parking outbox message {} ({} for booking {}): the port says no retry can deliver it",
                        message.id(), message.kind(), message.bookingId(), e);
            } else if (park) {
                LOG.error("Parking outbox message {} ({} for booking {}) after {} failed deliveries",
                        message.id(), message.kind(), message.bookingId(), attempts, e);
            } else {
                LOG.warn("Delivery of outbox message {} ({} for booking {}) failed, attempt {} of {}; retrying at {}",
                        message.id(), message.kind(), message.bookingId(), attempts, maxAttempts, retryAt, e);
            }
            store.outbox().markFailed(message.id(), retryAt, String.valueOf(e), park);
            return false;
        }
        store.outbox().markDelivered(message.id());
        return true;
    }

    /**
     * The attachment {@code message}'s kind carries, of the booking as it is now on its first
     * resource, whose zone gives the local times; empty when the kind carries none or the
     * resource is gone.
     */
    private Optional<CalendarAttachment> calendar(OutboxMessage message, Booking booking) {
        Optional<CalendarAttachment.Method> method = CalendarAttachment.methodFor(message.kind(), booking);
        if (method.isEmpty()) {
            return Optional.empty();
        }
        ICalendar.Method written = switch (method.get()) {
            case REQUEST -> ICalendar.Method.REQUEST;
            case CANCEL -> ICalendar.Method.CANCEL;
        };
        // The attachment is an extra: whatever fails here, the notification itself still goes
        // out, rather than being retried and parked over a file the recipient could do without.
        try {
            Optional<Resource> first = store.findResource(booking.tenantId(), booking.resourceId());
            if (first.isEmpty()) {
                LOG.debug("Outbox message {} ({} for booking {}) goes without a calendar: resource {} of tenant {} "
                        + "no longer exists", message.id(), message.kind(), booking.id(), booking.resourceId(),
                        booking.tenantId());
                return Optional.empty();
            }
            return Optional.of(CalendarAttachment.of(booking, method.get(), ICalendar.of(booking,
                    id -> id.equals(first.get().id()) ? first.get() : store.findResource(booking.tenantId(), id).orElse(null),
                    written)));
        } catch (RuntimeException e) {
            LOG.warn("Outbox message {} ({} for booking {}) goes without a calendar: writing it failed",
                    message.id(), message.kind(), booking.id(), e);
            return Optional.empty();
        }
    }

    /** Settings of a dispatcher, with defaults. Not thread-safe. */
    public static final class Builder {
        private final BookingStore store;
        private final NotificationPort port;
        private final Clock clock;
        private int batchSize = 50;
        private int maxAttempts = 8;
        private Duration backoff = Duration.ofSeconds(5);
        private Duration lease = Duration.ofMinutes(1);

        private Builder(BookingStore store, NotificationPort port, Clock clock) {
            this.store = Require.nonNull(store, "store");
            this.port = Require.nonNull(port, "port");
            this.clock = Require.nonNull(clock, "clock");
        }

        /**
         * Messages claimed at once; 50 by default.
         *
         * @param batchSize positive
         * @return this builder
         * @throws io.bookingkit.error.InvalidRequestException if {@code batchSize} is not positive
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = Require.positive(batchSize, "batchSize");
            return this;
        }

        /**
         * Failed deliveries before a message is parked; 8 by default.
         *
         * @param maxAttempts positive; 1 parks a message at its first failure
         * @return this builder
         * @throws io.bookingkit.error.InvalidRequestException if {@code maxAttempts} is not
         *                                                     positive
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Require.positive(maxAttempts, "maxAttempts");
            return this;
        }

        /**
         * Wait after the first failure, doubled after each further one; 5 seconds by default.
         *
         * @param backoff positive; the doubling stops after 20 times
         * @return this builder
         * @throws io.bookingkit.error.InvalidRequestException if {@code backoff} is not positive
         */
        public Builder backoff(Duration backoff) {
            this.backoff = Require.positive(backoff, "backoff");
            return this;
        }

        /**
         * How long a claim keeps other dispatchers away; one minute by default.
         *
         * @param lease positive; longer than a batch takes to deliver, or another dispatcher may
         *              deliver its messages again
         * @return this builder
         * @throws io.bookingkit.error.InvalidRequestException if {@code lease} is not positive
         */
        public Builder lease(Duration lease) {
            this.lease = Require.positive(lease, "lease");
            return this;
        }

        /**
         * Builds the dispatcher.
         *
         * @return a new dispatcher
         */
        public OutboxDispatcher build() {
            return new OutboxDispatcher(this);
        }
    }
}
