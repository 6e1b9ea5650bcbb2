package io.bookingkit.spi;

import io.bookingkit.feed.Change;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.internal.Tallies;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.threeten.extra.Interval;

/**
 * The storage port. Adapters (the in-memory reference store, the JDBC store) only store: they
 * keep resources and bookings, hand out {@link BookingReads} and a {@link UnitOfWork} that
 * serializes writers per resource, and keep the {@link Outbox}. Every decision, conflicts and
 * the unit's protocol (one customer per unit, tenants, stale versions) included, is made by
 * the core.
 *
 * <p>Reads outside a unit of work are for display (slot lists, "why not?"); the engine never
 * trusts them to decide a write, and re-reads under the lock instead.
 *
 * <p>Implementations must be safe for use by many threads at once. The contract suite in
 * {@code booking-test-support} says what each method must do, test by test.
 */
public interface BookingStore {

    /**
     * Stores {@code resource}, replacing the one with its tenant and id if any, without telling
     * the availability feed: for seeding a store. The engine's registry calls
     * {@link #saveResource(Resource, Change)}.
     *
     * @param resource the resource; its tenant and id say which one it replaces
     */
    void saveResource(Resource resource);

    /**
     * Stores {@code resource} as {@link #saveResource(Resource)} does, and records {@code change}
     * in the availability feed in the same transaction.
     *
     * @param resource the resource; its tenant and id say which one it replaces
     * @param change   the change to record, of the resource's tenant
     */
    void saveResource(Resource resource, Change change);

    /**
     * The resource {@code resourceId} of {@code tenantId}.
     *
     * @param tenantId   the tenant the resource belongs to
     * @param resourceId the resource's id
     * @return the resource, or empty if the tenant has none of that id
     */
    Optional<Resource> findResource(String tenantId, String resourceId);

    /**
     * Every resource of {@code tenantId}, by id.
     *
     * @param tenantId the tenant whose resources to list
     * @return the resources, sorted by id; empty for a tenant without any
     */
    List<Resource> resources(String tenantId);

    /**
     * Reads of {@code tenantId}'s bookings, each seeing what was committed when it runs.
     *
     * @param tenantId the tenant whose data the reads see
     * @return the reads, confined to that tenant
     */
    BookingReads reads(String tenantId);

    /**
     * Runs {@code work} atomically while holding exclusive locks on those of the resources
     * {@code resourceIds} of {@code tenantId} that exist, taken in a fixed order (sorted by id)
     * so that two units of work cannot deadlock each other. Resources that do not exist are
     * left out of {@link UnitOfWork#lockedResources()}. Everything {@code work} writes is
     * committed together when it returns, and nothing of it when it throws; the exception then
     * propagates unchanged.
     *
     * <p>An adapter may run {@code work} more than once when the database asks for a retry
     * (deadlock, serialization failure), so {@code work} must not have side effects outside
     * the unit of work.
     *
     * @param <T>         what the work returns
     * @param tenantId    the tenant whose data the work reads and writes
     * @param resourceIds the resources to lock, in any order, duplicates allowed; none for a unit
     *                    without resource locks
     * @param work        the reads and writes; it gets a unit valid until it returns
     * @return what {@code work} returned
     * @throws OverlapRefusedException if the store's own overlap constraint refused a write
     */
    <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work);

    /**
     * {@link #inUnitOfWork(String, Collection, Function)}, telling {@code probe} of every retry:
     * the engine calls this one, to count retries by cause. A store that retries should override
     * it; by default the probe hears nothing.
     *
     * @param <T>         what the work returns
     * @param tenantId    the tenant whose resources are locked
     * @param resourceIds the resources to lock
     * @param work        what to do under the locks, atomically
     * @param probe       told the cause of each retry
     * @return what {@code work} returned
     */
    default <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work,
                               UnitProbe probe) {
        return inUnitOfWork(tenantId, resourceIds, work);
    }

    /**
     * Whether {@link #inSharedUnitOfWork} can run work at all: false by default, and then the
     * engine does not ask for shared units.
     *
     * @return true where this store's own constraint refuses overlapping bookings of one-seat
     *         resources
     */
    default boolean offersSharedUnits() {
        return false;
    }

    /**
     * Runs {@code work} as {@link #inUnitOfWork(String, Collection, Function, UnitProbe)} does, but
     * under a <em>shared</em> lock of the one resource {@code resourceId}, for a unit that only
     * inserts bookings which the store's own overlap constraint judges in place of a read: the
     * engine's way for the common booking, which then needs neither the exclusive lock's write nor
     * the overlap read. A store offers it only if a constraint of its own refuses, by the unit's
     * commit at the latest, two blocking, unforced bookings of a one-seat resource whose occupied
     * times overlap (with {@link OverlapRefusedException}). The unit it hands out:
     * <ul>
     *   <li>runs only when {@code resourceId} exists, has one seat, and no blocking booking that
     *       the constraint does not cover (a forced one, or one written while the resource had
     *       more seats) has an occupied time overlapping {@code occupied};</li>
     *   <li>holds a lock that units of {@link #inUnitOfWork} on the resource wait for, and that
     *       waits for them, but that other shared units on it do not wait for: the constraint
     *       decides between those;</li>
     *   <li>reads, after its lock was granted, everything committed before;</li>
     *   <li>commits, fails and retries as {@link #inUnitOfWork} does.</li>
     * </ul>
     *
     * <p>The caller inserts only bookings on {@code resourceId} alone, unforced, blocking and
     * within {@code occupied}, and decides as though no booking blocked {@code occupied}: the
     * constraint refuses the unit if one does.
     *
     * @param <T>        what the work returns
     * @param tenantId   the tenant whose data the work reads and writes
     * @param resourceId the one resource the work books
     * @param occupied   the occupied time, buffers included, of what the work will insert
     * @param work       the reads and writes; it gets a unit valid until it returns
     * @param probe      told the cause of each retry
     * @return what {@code work} returned; empty, with nothing written, when the store
     *         {@linkplain #offersSharedUnits() offers no such unit} (the default), when the
     *         resource or its bookings are not as above, or when the constraint refused a booking
     *         of the unit. The caller then takes {@link #inUnitOfWork}.
     */
    default <T> Optional<T> inSharedUnitOfWork(String tenantId, String resourceId, Interval occupied,
                                               Function<UnitOfWork, T> work, UnitProbe probe) {
        return Optional.empty();
    }

    /**
     * The sums behind {@link io.bookingkit.BookingEngine#stats}, over {@code tenantId}'s bookings,
     * as {@link AggregateQuery} defines them. By default computed in Java from
     * {@link BookingReads#findOverlapping}; a database store should override it to add up in the
     * database, reading only the window's rows, and be tested against this default.
     *
     * @param tenantId the tenant whose bookings to add up
     * @param query    the window, resources and definitions to add up by
     * @return the sums
     */
    default Aggregates aggregate(String tenantId, AggregateQuery query) {
        return Tallies.of(reads(tenantId).findOverlapping(query.resourceIds(), query.window()), query);
    }

    /**
     * The transactional outbox, whose messages units of work write with {@link UnitOfWork#enqueue}.
     *
     * @return the outbox
     */
    Outbox outbox();

    /**
     * The availability feed, whose changes units of work add with {@link UnitOfWork#recordChange}.
     *
     * @return the change log
     */
    ChangeLog changes();

    /**
     * The scheduled work, whose tasks units of work add with {@link UnitOfWork#schedule}.
     *
     * @return the task queue
     */
    TaskQueue tasks();
}
