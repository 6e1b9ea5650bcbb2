package io.bookingkit.testsupport;

import io.bookingkit.BookingEngine;
import io.bookingkit.spi.BookingStore;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract every {@link BookingStore} passes: every topic at once. A store's test is a
 * small subclass that says how to make an empty store:
 *
 * <pre>
 * class JdbcH2ContractTest extends BookingStoreContract {
 *     &#64;Override
 *     public BookingStore newStore() { emptyTables(dataSource); return JdbcBookingStore.create(dataSource); }
 * }
 * </pre>
 *
 * <p>The topics: {@link ResourceContract resources}, {@link PersistenceContract persistence}
 * (round trips and writes), {@link OverlapReadContract overlap reads}, {@link UnitOfWorkContract
 * units of work} (locks, atomicity, tenants), the {@link OutboxContract outbox} and
 * {@link RaceContract races}, {@link SeriesContract recurring series}, {@link WaitlistContract
 * waitlist entries}, the {@link TaskQueueContract task queue} (scheduled maintenance work),
 * {@link WaitlistRaceContract races over waitlists}, {@link StatsContract statistics} (the
 * store's {@code aggregate} against a brute-force model of a generated history) and the
 * {@link ChangeFeedContract change feed} (with its race of writers and a resuming reader).
 *
 * <p>Only the public API is used: the store port itself, and a {@link BookingEngine} over the
 * store for the races, series and statistics. The contract checks what an adapter must do, not the protocol the core
 * adds on top of it (a missing resource refused, one customer per unit, stale updates reported):
 * the core's own tests check that. The bookings written directly never put more blocking seats
 * on a resource than it has, so a store may enforce capacity itself as a backstop (PostgreSQL's
 * exclusion constraint does, for one-seat resources). Nothing depends on timing: clocks are
 * fixed, racing threads are released together by a latch, and every wait has a generous timeout
 * that only a deadlock reaches.
 *
 * <p>Hooks: {@link #newStore()} (required), {@link #secondNode(BookingStore)} (a second
 * "application node" over the same data, for the races and the claims of outbox messages and
 * tasks), and for the races {@link #raceThreads()}, {@link #raceRounds()} and
 * {@link #assertNoOverbookingInStorage()} (an extra check of the stored rows after each race,
 * such as an SQL query), and for the statistics {@link #statsBookingsPerResource()} (the size of
 * the generated history).
 */
public abstract class BookingStoreContract implements ResourceContract, PersistenceContract, OverlapReadContract,
        UnitOfWorkContract, OutboxContract, RaceContract, SeriesContract, WaitlistContract, TaskQueueContract, WaitlistRaceContract,
        StatsContract, ChangeFeedContract {

    private BookingStore store;

    /** An empty store. Called once before each test; a subclass may clean its tables here. */
    @Override
    public abstract BookingStore newStore();

    /** The store {@link #newStore()} made for this test. */
    @Override
    public final BookingStore store() {
        if (store == null) {
            throw new IllegalStateException("No store yet: the contract makes one before each test");
        }
        return store;
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }
}
