package io.bookingkit.testsupport;

import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.UnitOfWork;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A negative control: a store whose units of work lock no resources (they run in a unit of the
 * wrapped store that locks none, and read the resources without a lock), so that concurrent
 * units decide on what they read and commit over each other.
 */
final class LocklessStore extends ForwardingStore {

    LocklessStore(BookingStore store) {
        super(store);
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work) {
        Map<String, Resource> unlocked = new HashMap<>();
        resourceIds.forEach(id -> store.findResource(tenantId, id).ifPresent(r -> unlocked.put(id, r)));
        return store.inUnitOfWork(tenantId, List.of(), unit -> work.apply(new Unlocked(unit, Map.copyOf(unlocked))));
    }

    /** A unit that claims the locks it was given and holds none. */
    private static final class Unlocked extends ForwardingUnit {
        private final Map<String, Resource> locked;

        Unlocked(UnitOfWork unit, Map<String, Resource> locked) {
            super(unit);
            this.locked = locked;
        }

        @Override
        public Map<String, Resource> lockedResources() {
            return locked;
        }
    }
}
