package io.bookingkit;

import io.bookingkit.booking.Booking;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.UnitProbe;
import io.bookingkit.time.Intervals;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.threeten.extra.Interval;

/**
 * A store with PostgreSQL's shared units, modelled on another store: the lock is the wrapped
 * store's exclusive one (stronger than need be, which a model may be), the check after it refuses
 * to run with a forced booking in the way, and the exclusion constraint is a check before the unit
 * commits: no two blocking, unforced bookings of the resource may overlap within the claimed time,
 * which holds everything the unit may insert.
 */
public class SharingStore extends ForwardingStore {

    /** Shared units that committed. */
    public final AtomicInteger committed = new AtomicInteger();
    /** Shared units that answered empty, having written nothing. */
    public final AtomicInteger empty = new AtomicInteger();

    public SharingStore(BookingStore store) {
        super(store);
    }

    @Override
    public boolean offersSharedUnits() {
        return true;
    }

    @Override
    public <T> Optional<T> inSharedUnitOfWork(String tenantId, String resourceId, Interval occupied,
                                              Function<UnitOfWork, T> work, UnitProbe probe) {
        try {
            T result = store.inUnitOfWork(tenantId, List.of(resourceId), unit -> {
                Resource resource = unit.lockedResources().get(resourceId);
                if (resource == null || resource.capacity() != 1
                        || blocking(unit, resourceId, occupied).stream().anyMatch(Booking::forced)) {
                    throw new Refused();
                }
                T value = work.apply(unit);
                List<Booking> after = blocking(unit, resourceId, occupied).stream().filter(b -> !b.forced()).toList();
                for (Booking x : after) {
                    for (Booking y : after) {
                        if (x != y && Intervals.overlap(x.occupied(), y.occupied())) {
                            throw new Refused();
                        }
                    }
                }
                return value;
            });
            committed.incrementAndGet();
            return Optional.of(result);
        } catch (Refused e) {
            empty.incrementAndGet();
            return Optional.empty();
        }
    }

    private static List<Booking> blocking(UnitOfWork unit, String resourceId, Interval range) {
        return unit.findOverlapping(List.of(resourceId), range).stream().filter(b -> b.status().blocksTime())
                .filter(b -> Intervals.overlap(b.occupied(), range)).toList();
    }

    /** Rolls the modelled unit back. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
