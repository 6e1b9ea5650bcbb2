package io.bookingkit.testsupport;

import io.bookingkit.feed.Change;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.ChangeLog;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.Aggregates;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.Outbox;
import io.bookingkit.spi.TaskQueue;
import io.bookingkit.spi.UnitOfWork;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store that hands every call to another: wrap a store and override the calls a test changes,
 * as a negative control that takes the locks away, or a store that counts or slows its calls.
 *
 * <p>The unit of work with a {@link io.bookingkit.spi.UnitProbe} is not forwarded: its default
 * calls {@link #inUnitOfWork(String, Collection, Function)}, so that a subclass that overrides
 * that one changes every unit, the engine's included. For the same reason it offers no
 * {@linkplain BookingStore#inSharedUnitOfWork shared units}: through it, every booking takes
 * {@link #inUnitOfWork(String, Collection, Function)}. Thread-safe when the wrapped store is.
 */
public class ForwardingStore implements BookingStore {

    /** The store every call goes to. */
    protected final BookingStore store;

    /**
     * A store over {@code store}.
     *
     * @param store the store every call goes to
     */
    public ForwardingStore(BookingStore store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    @Override
    public void saveResource(Resource resource) {
        store.saveResource(resource);
    }

    @Override
    public void saveResource(Resource resource, Change change) {
        store.saveResource(resource, change);
    }

    @Override
    public ChangeLog changes() {
        return store.changes();
    }

    @Override
    public Optional<Resource> findResource(String tenantId, String resourceId) {
        return store.findResource(tenantId, resourceId);
    }

    @Override
    public List<Resource> resources(String tenantId) {
        return store.resources(tenantId);
    }

    @Override
    public BookingReads reads(String tenantId) {
        return store.reads(tenantId);
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work) {
        return store.inUnitOfWork(tenantId, resourceIds, work);
    }

    @Override
    public Aggregates aggregate(String tenantId, AggregateQuery query) {
        return store.aggregate(tenantId, query);
    }

    @Override
    public Outbox outbox() {
        return store.outbox();
    }

    @Override
    public TaskQueue tasks() {
        return store.tasks();
    }
}
