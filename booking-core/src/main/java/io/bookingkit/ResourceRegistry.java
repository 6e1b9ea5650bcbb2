package io.bookingkit;

import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.internal.Require;
import io.bookingkit.spi.BookingStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The resources an engine books, kept in its store. Obtained from
 * {@code BookingEngine.resources()}. Thread-safe as the store is.
 */
public final class ResourceRegistry {

    private final BookingStore store;

    public ResourceRegistry(BookingStore store) {
        this.store = Require.nonNull(store, "store");
    }

    /** Adds {@code resource}, or replaces the one with its tenant and id. */
    public Resource register(Resource resource) {
        store.saveResource(Require.nonNull(resource, "resource"));
        return resource;
    }

    /** The resource {@code resourceId} of {@code tenantId}, if registered. */
    public Optional<Resource> find(String tenantId, String resourceId) {
        return store.findResource(Require.nonNull(tenantId, "tenantId"), Require.nonNull(resourceId, "resourceId"));
    }

    /**
     * The resource {@code resourceId} of {@code tenantId}.
     *
     * @throws ResourceNotFoundException if it is not registered in that tenant
     */
    public Resource get(String tenantId, String resourceId) {
        return find(tenantId, resourceId).orElseThrow(() ->
                new ResourceNotFoundException(tenantId, resourceId));
    }

    /** The resources {@code resourceIds} of {@code tenantId}, in the given order. */
    public List<Resource> getAll(String tenantId, Collection<String> resourceIds) {
        Require.elements(resourceIds, "resourceIds");
        List<Resource> result = new ArrayList<>(resourceIds.size());
        for (String id : resourceIds) {
            result.add(get(tenantId, id));
        }
        return result;
    }

    /** Every resource of {@code tenantId}, by id. */
    public List<Resource> list(String tenantId) {
        return store.resources(Require.nonNull(tenantId, "tenantId"));
    }
}
