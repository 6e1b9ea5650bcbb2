package io.bookingkit.spi;

import io.bookingkit.booking.Booking;
import io.bookingkit.feed.Change;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.waitlist.WaitlistEntry;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes inside one atomic unit that holds the locks of its resources. Reads see
 * every write committed before the locks were taken, and this unit's own writes. Valid only
 * during the {@link BookingStore#inUnitOfWork} call that handed it out; not thread-safe.
 *
 * <p>The core checks the unit's protocol before calling an adapter's unit (the booking's
 * tenant is the unit's, one customer per unit, stale updates reported with the current
 * version), so an adapter only stores.
 */
public interface UnitOfWork extends BookingReads {

    /**
     * The resources this unit locked, by id, as read under its lock: the engine decides with
     * these, not with a copy read before the lock. Requested resources that do not exist are
     * absent.
     *
     * @return the locked resources by id; the caller does not change it
     */
    Map<String, Resource> lockedResources();

    /**
     * Locks {@code customerId} of this unit's tenant until the unit ends, so that two units
     * checking the same customer's limits run one after the other. The core takes it after the
     * resource locks and for one customer per unit at most, so it cannot deadlock with other
     * units.
     *
     * @param customerId the customer whose limits the unit checks
     */
    void lockCustomer(String customerId);

    /**
     * The booking created with {@code idempotencyKey} in this unit's tenant.
     *
     * @param idempotencyKey the client's key
     * @return the booking, or empty if the key is unused
     */
    Optional<Booking> findByIdempotencyKey(String idempotencyKey);

    /**
     * Adds a new booking of this unit's tenant, at version 0.
     *
     * @param booking the new booking
     * @throws DuplicateBookingException if its id, or its idempotency key, is already used
     */
    void insert(Booking booking);

    /**
     * Replaces the stored booking of the same id, provided the stored one is at
     * {@code booking.version() - 1}. One version step appends exactly one transition to the
     * history, so the stored history is {@code booking.history()} without its last entry.
     *
     * @param booking the changed copy, one version after the stored booking
     * @return whether it was stored; false if no booking of that id is at that version
     */
    boolean update(Booking booking);

    /**
     * Stores {@code expired}: the system's copy of a hold or pending booking moved to
     * {@code EXPIRED}, one version after the stored one. Unlike {@link #update}, a unit that finds
     * the booking already expired (by another unit that locked other resources of it) does not
     * fail: expiring is idempotent.
     *
     * @param expired the expired copy
     * @return whether this unit stored the expiry; false if the stored booking no longer blocks
     *         time or is no longer at {@code expired.version() - 1}
     */
    boolean expire(Booking expired);

    /**
     * Adds a message to the outbox, committed with this unit.
     *
     * @param message the message to write
     */
    void enqueue(OutboxMessage message);

    /**
     * Adds a change to the availability feed, committed with this unit. The core records one for
     * every booking this unit inserts, updates or expires.
     *
     * @param change the change; of this unit's tenant
     */
    void recordChange(Change change);

    /**
     * Drops the undelivered, unparked reminders of {@code bookingId}, those enqueued earlier in
     * this unit included, as when it is cancelled or moved.
     *
     * @param bookingId the booking whose reminders to drop
     */
    void discardReminders(String bookingId);

    /**
     * Adds a new waitlist entry of this unit's tenant, at version 0.
     *
     * @param entry the new entry
     * @throws DuplicateBookingException if its id is already used
     */
    void insertEntry(WaitlistEntry entry);

    /**
     * Replaces the stored entry of the same id, provided the stored one is at
     * {@code entry.version() - 1}.
     *
     * @param entry the changed copy, one version after the stored entry
     * @return whether it was stored
     */
    boolean updateEntry(WaitlistEntry entry);

    /**
     * Schedules {@code task}, committed with this unit, unless a task of the same tenant, kind
     * and subject is already scheduled (that one is kept as it is).
     *
     * @param task the task to schedule
     */
    void schedule(ScheduledTask task);

    /**
     * Removes the task of this unit's tenant with {@code kind} and {@code subject}, committed with
     * this unit.
     *
     * @param kind    the task's kind
     * @param subject its subject, as it was scheduled
     * @return whether it was there: false when another unit completed it first
     */
    boolean completeTask(ScheduledTask.Kind kind, String subject);
}
