/**
 * Test support for {@link io.bookingkit.spi.BookingStore} implementations: the contract suite
 * that every store passes, as JUnit 5 tests.
 *
 * <p>A store author extends {@link io.bookingkit.testsupport.BookingStoreContract} and
 * implements {@code newStore()}; every topic of the contract then runs against the store. The
 * topics are interfaces with {@code @Test} default methods over a
 * {@link io.bookingkit.testsupport.StoreFixture}:
 * <ul>
 *   <li>{@link io.bookingkit.testsupport.ResourceContract}: saving, finding and listing resources;</li>
 *   <li>{@link io.bookingkit.testsupport.PersistenceContract}: round trips of bookings, updates,
 *       expiries and duplicates;</li>
 *   <li>{@link io.bookingkit.testsupport.OverlapReadContract}: overlap and per-customer reads;</li>
 *   <li>{@link io.bookingkit.testsupport.UnitOfWorkContract}: locks, atomicity and tenants;</li>
 *   <li>{@link io.bookingkit.testsupport.OutboxContract}: claiming, settling and parking messages;</li>
 *   <li>{@link io.bookingkit.testsupport.RaceContract}: many threads on two nodes racing for seats;</li>
 *   <li>{@link io.bookingkit.testsupport.SeriesContract}: recurring series booked and raced;</li>
 *   <li>{@link io.bookingkit.testsupport.WaitlistContract}: round trips, updates and reads of waitlist
 *       entries;</li>
 *   <li>{@link io.bookingkit.testsupport.TaskQueueContract}: scheduling, completing and claiming
 *       maintenance tasks;</li>
 *   <li>{@link io.bookingkit.testsupport.StatsContract}: statistics of a generated history against
 *       a brute-force minute-grid model, single definitions by hand, and who may see them.</li>
 * </ul>
 *
 * <p>The building blocks are public for a store's own tests: {@link io.bookingkit.testsupport.ContractData}
 * {@link io.bookingkit.testsupport.BookingDraft} and {@link io.bookingkit.testsupport.WaitlistEntryDraft} (the data), {@link io.bookingkit.testsupport.RaceHarness}
 * (threads released together, with deadlock timeouts) and {@link io.bookingkit.testsupport.CapacityBruteForce}
 * (no resource over capacity at any instant, by brute force) and {@link io.bookingkit.testsupport.StatsBruteForce}
 * (the statistics a list of bookings must give, on a minute grid).
 *
 * <p>Add {@code io.bookingkit:booking-test-support} in test scope. It brings JUnit Jupiter's API
 * (the tests are its main code); the build brings the engine ({@code junit-jupiter}) to run them.
 */
package io.bookingkit.testsupport;
