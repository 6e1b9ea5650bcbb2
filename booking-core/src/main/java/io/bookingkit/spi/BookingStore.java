package io.bookingkit.spi;

import io.bookingkit.booking.Booking;
import io.bookingkit.resource.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.threeten.extra.Interval;

/**
 * The storage port. Adapters (the in-memory reference store, the JDBC store) are thin: they
 * keep resources and bookings and provide a {@link UnitOfWork} that serializes writers per
 * resource. Every decision, conflicts included, is made by the core.
 *
 * <p>Reads outside a unit of work are for display (slot lists, "why not?"); the engine never
 * trusts them to decide a write, and re-reads under the lock instead.
 *
 * <p>Implementations must be safe for use by many threads at once.
 */
public interface BookingStore {

    /** Stores {@code resource}, replacing the one with its tenant and id if any. */
    void saveResource(Resource resource);

    /** The resource {@code resourceId} of {@code tenantId}. */
    Optional<Resource> findResource(String tenantId, String resourceId);

    /** Every resource of {@code tenantId}, by id. */
    List<Resource> resources(String tenantId);

    /** The booking {@code bookingId} of {@code tenantId}. */
    Optional<Booking> findBooking(String tenantId, String bookingId);

    /**
     * The bookings of {@code tenantId}, in any status, that use one of {@code resourceIds} and
     * whose occupied interval shares an instant with {@code range}; ordered by start, then id.
     */
    List<Booking> findOverlapping(String tenantId, Collection<String> resourceIds, Interval range);

    /**
     * The bookings of {@code customerId} in {@code tenantId}, in any status, whose interval
     * shares an instant with {@code range}; ordered by start, then id.
     */
    List<Booking> findByCustomer(String tenantId, String customerId, Interval range);

    /**
     * Runs {@code work} atomically while holding exclusive locks on the resources
     * {@code lockedResourceIds} of {@code tenantId}, taken in a fixed order (sorted by id) so
     * that two units of work cannot deadlock each other. Everything {@code work} writes is
     * committed together when it returns, and nothing of it when it throws; the exception then
     * propagates unchanged.
     *
     * <p>An adapter may run {@code work} more than once when the database asks for a retry
     * (deadlock, serialization failure), so {@code work} must not have side effects outside
     * the unit of work.
     *
     * @throws io.bookingkit.BookingNotFoundException if one of the resources does not exist
     */
    <T> T inUnitOfWork(String tenantId, Collection<String> lockedResourceIds, Function<UnitOfWork, T> work);

    /**
     * Claims up to {@code limit} outbox messages due at {@code now} that nobody else holds, for
     * {@code lease}: until then no other caller (thread or node) claims them. Oldest due first.
     */
    List<OutboxMessage> claimDueMessages(Instant now, int limit, Duration lease);

    /** Removes a delivered message from the outbox. */
    void markDelivered(String messageId);

    /**
     * Records a failed delivery: the message's attempts grow by one and it is due again at
     * {@code retryAt}; with {@code park} it is kept for inspection and never claimed again.
     */
    void markFailed(String messageId, Instant retryAt, String error, boolean park);

    /** The parked messages of {@code tenantId}, for inspection. */
    List<OutboxMessage> parkedMessages(String tenantId);
}
