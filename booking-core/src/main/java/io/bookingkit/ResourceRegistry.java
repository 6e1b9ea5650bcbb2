package io.bookingkit;

import io.bookingkit.feed.Changes;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.internal.Require;
import io.bookingkit.spi.BookingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The resources an engine books, kept in its store. Obtained from
 * {@code BookingEngine.resources()}. Thread-safe as the store is.
 */
public final class ResourceRegistry {

    private final BookingStore store;
    private final Clock clock;
    private final BiConsumer<Optional<Resource>, Resource> afterSave;

    /**
     * A registry that records each save in the availability feed at {@code clock}'s time, and
     * tells {@code afterSave} of every resource it stored, with the copy it replaced.
     */
    ResourceRegistry(BookingStore store, Clock clock, BiConsumer<Optional<Resource>, Resource> afterSave) {
        this.store = Require.nonNull(store, "store");
        this.clock = Require.nonNull(clock, "clock");
        this.afterSave = Require.nonNull(afterSave, "afterSave");
    }

    /**
     * Adds {@code resource}, or replaces the one with its tenant and id. Existing bookings are
     * never cut: a lower capacity or shorter hours only change what is offered from now on.
     * Through an engine's registry, seats that a higher capacity or longer hours free are offered
     * to waiting entries right after the change is stored. The availability feed hears of the
     * change in the same transaction ({@link io.bookingkit.feed.ChangeKind#RESOURCE_CHANGED}).
     *
     * @param resource the resource to store
     * @return {@code resource}, as stored
     */
    public Resource register(Resource resource) {
        Require.nonNull(resource, "resource");
        Optional<Resource> before = store.findResource(resource.tenantId(), resource.id());
        store.saveResource(resource, Changes.ofResource(resource, clock.instant()));
        afterSave.accept(before, resource);
        return resource;
    }

    /**
     * The resource {@code resourceId} of {@code tenantId}, if registered.
     *
     * @param tenantId   the tenant the resource belongs to
     * @param resourceId the resource's id
     * @return the resource, or empty
     */
    public Optional<Resource> find(String tenantId, String resourceId) {
        return store.findResource(Require.nonNull(tenantId, "tenantId"), Require.nonNull(resourceId, "resourceId"));
    }

    /**
     * The resource {@code resourceId} of {@code tenantId}.
     *
     * @param tenantId   the tenant the resource belongs to
     * @param resourceId the resource's id
     * @return the resource
     * @throws ResourceNotFoundException if it is not registered in that tenant
     */
    public Resource get(String tenantId, String resourceId) {
        return find(tenantId, resourceId).orElseThrow(() ->
                new ResourceNotFoundException(tenantId, resourceId));
    }

    /**
     * The resources {@code resourceIds} of {@code tenantId}, in the given order.
     *
     * @param tenantId    the tenant the resources belong to
     * @param resourceIds the resources' ids
     * @return the resources, one per id
     * @throws ResourceNotFoundException naming the first id not registered in that tenant
     */
    public List<Resource> getAll(String tenantId, Collection<String> resourceIds) {
        Require.elements(resourceIds, "resourceIds");
        List<Resource> result = new ArrayList<>(resourceIds.size());
        for (String id : resourceIds) {
            result.add(get(tenantId, id));
        }
        return result;
    }

    /**
     * Every resource of {@code tenantId}, by id.
     *
     * @param tenantId the tenant whose resources to list
     * @return the resources, sorted by id
     */
    public List<Resource> list(String tenantId) {
        return store.resources(Require.nonNull(tenantId, "tenantId"));
    }
}
