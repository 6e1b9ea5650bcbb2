package io.bookingkit.memory;

import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.BookingStoreContract;

/** The reference store passes the store contract. */
class InMemoryBookingStoreTest extends BookingStoreContract {

    @Override
    protected BookingStore newStore() {
        return new InMemoryBookingStore();
    }
}
