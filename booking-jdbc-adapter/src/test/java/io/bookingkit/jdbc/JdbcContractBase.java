package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.testsupport.BookingStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract of {@code booking-test-support}, every topic, on one real database: emptied
 * tables before each test, a second pool as a second application node for the races, and the
 * SQL overbooking query after each race.
 */
abstract class JdbcContractBase extends BookingStoreContract {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private HikariDataSource main;

    abstract TestDatabases.Kind kind();

    @Override
    public BookingStore newStore() {
        main = TestDatabases.freshPool(kind(), 40);
        pools.add(main);
        return JdbcBookingStore.create(main);
    }

    @Override
    public BookingStore secondNode(BookingStore store) {
        HikariDataSource other = TestDatabases.pool(kind(), 40);
        pools.add(other);
        return JdbcBookingStore.create(other);
    }

    @Override
    public void assertNoOverbookingInStorage() {
        assertEquals(List.of(), OverbookingQuery.overbooked(main), "no resource may be over capacity at any instant");
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }
}
