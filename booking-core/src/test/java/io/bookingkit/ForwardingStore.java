package io.bookingkit;

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
import java.util.Optional;
import java.util.function.Function;

/** A store that hands every call to another; tests override the calls they change. */
public class ForwardingStore implements BookingStore {

    protected final BookingStore store;

    public ForwardingStore(BookingStore store) {
        this.store = store;
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
