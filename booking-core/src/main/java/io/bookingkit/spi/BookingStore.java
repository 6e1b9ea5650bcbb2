package io.bookingkit.spi;

import io.bookingkit.feed.Change;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.internal.Tallies;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
