package io.bookingkit.policy.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.UnitOfWork;
import java.util.Collection;
import java.util.List;
import org.threeten.extra.Interval;

/** The two reads the rules need, from a store (for display) or from a unit of work (for writes). */
public interface BookingReads {

    List<Booking> findOverlapping(Collection<String> resourceIds, Interval range);

    List<Booking> findByCustomer(String customerId, Interval range);

    static BookingReads of(BookingStore store, String tenantId) {
        return new BookingReads() {
            @Override
            public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
                return store.findOverlapping(tenantId, resourceIds, range);
            }

            @Override
            public List<Booking> findByCustomer(String customerId, Interval range) {
                return store.findByCustomer(tenantId, customerId, range);
            }
        };
    }

    static BookingReads of(UnitOfWork unit) {
        return new BookingReads() {
            @Override
            public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
                return unit.findOverlapping(resourceIds, range);
            }

            @Override
            public List<Booking> findByCustomer(String customerId, Interval range) {
                return unit.findByCustomer(customerId, range);
            }
        };
    }
}
