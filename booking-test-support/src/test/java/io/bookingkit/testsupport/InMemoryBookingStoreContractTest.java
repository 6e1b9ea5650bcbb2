package io.bookingkit.testsupport;

import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.spi.BookingStore;

/** The reference store passes the store contract. */
class InMemoryBookingStoreContractTest extends BookingStoreContract {

    @Override
    public BookingStore newStore() {
        return new InMemoryBookingStore();
    }
}
