package io.bookingkit.spi;

import io.bookingkit.booking.Booking;
import io.bookingkit.resource.Resource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * Reads and writes inside one atomic unit that holds the locks of its resources. Reads see
 * every write committed before the locks were taken, and this unit's own writes. Valid only
 * during the {@link BookingStore#inUnitOfWork} call that handed it out; not thread-safe.
 */
public interface UnitOfWork {

    /**
     * A resource this unit locked, as read under its lock: the engine decides with these, not
     * with a copy read before the lock.
     *
     * @throws IllegalArgumentException if the unit did not lock {@code resourceId}
     */
    default Resource lockedResource(String resourceId) {
        Resource resource = lockedResources().get(resourceId);
        if (resource == null) {
            throw new IllegalArgumentException("This unit of work did not lock resource '" + resourceId + "'");
        }
        return resource;
    }

    /** The resources this unit locked, by id, as read under its lock. */
    Map<String, Resource> lockedResources();

    /**
     * Locks {@code customerId} of this unit's tenant until the unit ends, so that two units
     * checking the same customer's limits run one after the other. Taken after the resource
     * locks, and for one customer per unit at most, it cannot deadlock with other units.
     *
     * @throws IllegalStateException if this unit already locked another customer
     */
    void lockCustomer(String customerId);

    /** As {@link BookingStore#findOverlapping}, in this unit's tenant. */
    List<Booking> findOverlapping(Collection<String> resourceIds, Interval range);

    /** As {@link BookingStore#findByCustomer}, in this unit's tenant. */
    List<Booking> findByCustomer(String customerId, Interval range);

    /** The booking {@code bookingId} in this unit's tenant. */
    Optional<Booking> findBooking(String bookingId);

    /** The booking created with {@code idempotencyKey} in this unit's tenant. */
    Optional<Booking> findByIdempotencyKey(String idempotencyKey);

    /**
     * Adds a new booking, at version 0.
     *
     * @throws DuplicateBookingException if its id, or its idempotency key, is already used
     */
    void insert(Booking booking);

    /**
     * Replaces the stored booking of the same id, provided the stored one is at
     * {@code booking.version() - 1}.
     *
     * @throws io.bookingkit.StaleBookingException if the stored version is another
     */
    void update(Booking booking);

    /**
     * Stores {@code expired}: the system's copy of a hold or pending booking moved to
     * {@code EXPIRED}, one version after the stored one. Unlike {@link #update}, a unit that finds
     * the booking already expired (by another unit that locked other resources of it) does not
     * fail: expiring is idempotent.
     *
     * @return whether this unit stored the expiry; false if the stored booking no longer blocks
     *         time or is no longer at {@code expired.version() - 1}
     */
    boolean expire(Booking expired);

    /** Adds a message to the outbox, committed with this unit. */
    void enqueue(OutboxMessage message);

    /** Drops the undelivered reminders of {@code bookingId}, as when it is cancelled or moved. */
    void discardReminders(String bookingId);
}
