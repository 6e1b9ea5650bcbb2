package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.resource;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.waitlist.WaitlistEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What every topic of the contract stands on: a fresh store per test, and the writes the tests
 * set their data up with. {@link BookingStoreContract} implements it; a class that runs only some
 * topics implements {@link #store()} itself, returning a store made by {@link #newStore()} before
 * each test.
 *
 * <p>The helpers go to the store directly, not through the engine or the core's protocol guard:
 * the contract checks what an adapter itself must do.
 */
public interface StoreFixture {

    /**
     * An empty store. Called once before each test; an implementation may clean its tables here.
     *
     * @return a new store with no resources, bookings, entries, messages or tasks of the contract's
     *         tenants
     */
    BookingStore newStore();

    /**
     * The store under test, fresh for each test.
     *
     * @return the store {@link #newStore()} made for the current test
     */
    BookingStore store();

    /**
     * A store over the same data as {@code store}, as a second application node sees it (for a
     * database, another store on another connection pool). The races spread their threads over
     * both, and claims are made from both. The in-memory store has one node, so by default this
     * is {@code store} itself.
     *
     * @param store the store under test
     * @return a store over the same data; {@code store} itself by default
     */
    default BookingStore secondNode(BookingStore store) {
        return store;
    }

    /**
     * Saves capacity-one resources of {@code tenantId}.
     *
     * @param tenantId the resources' tenant
     * @param ids      their ids; each is saved by {@link ContractData#resource}, replacing a saved
     *                 one of that id
     */
    default void givenResources(String tenantId, String... ids) {
        for (String id : ids) {
            store().saveResource(resource(tenantId, id));
        }
    }

    /**
     * Inserts each booking in its own unit of work, saving its resources first if they are missing.
     *
     * @param bookings new bookings, each valid on its own
     */
    default void insert(Booking... bookings) {
        for (Booking b : bookings) {
            for (String r : b.resourceIds()) {
                if (store().findResource(b.tenantId(), r).isEmpty()) {
                    store().saveResource(resource(b.tenantId(), r));
                }
            }
            store().inUnitOfWork(b.tenantId(), b.resourceIds(), unit -> {
                unit.insert(b);
                return null;
            });
        }
    }

    /**
     * Applies {@code changed} (one version after the stored copy) in its own unit of work; it must
     * be stored.
     *
     * @param changed the next version of a stored booking
     */
    default void update(Booking changed) {
        store().inUnitOfWork(changed.tenantId(), changed.resourceIds(), unit -> {
            assertTrue(unit.update(changed), "the store refused an update from the current version: " + changed);
            return null;
        });
    }

    /**
     * Adds messages to the outbox in one unit of work that locks {@code booking}'s resources.
     *
     * @param booking  the booking whose resources the unit locks
     * @param messages the messages, written in this order
     */
    default void enqueue(Booking booking, OutboxMessage... messages) {
        store().inUnitOfWork(booking.tenantId(), booking.resourceIds(), unit -> {
            for (OutboxMessage m : messages) {
                unit.enqueue(m);
            }
            return null;
        });
    }

    /**
     * Inserts each entry in its own unit of work on its resources, saving them first if they are
     * missing.
     *
     * @param entries new waitlist entries
     */
    default void insertEntries(WaitlistEntry... entries) {
        for (WaitlistEntry e : entries) {
            for (String r : e.resourceIds()) {
                if (store().findResource(e.tenantId(), r).isEmpty()) {
                    store().saveResource(resource(e.tenantId(), r));
                }
            }
            store().inUnitOfWork(e.tenantId(), e.resourceIds(), unit -> {
                unit.insertEntry(e);
                return null;
            });
        }
    }

    /**
     * Schedules the tasks, each in its own unit of work of its tenant that locks no resource.
     *
     * @param tasks the tasks to schedule
     */
    default void schedule(ScheduledTask... tasks) {
        for (ScheduledTask t : tasks) {
            store().inUnitOfWork(t.tenantId(), List.of(), unit -> {
                unit.schedule(t);
                return null;
            });
        }
    }

    /**
     * Every task that is claimable at {@code now}, claimed for a minute.
     *
     * @param now the instant the claim is made at
     * @return the claimed tasks, at most 1,000
     */
    default List<ScheduledTask> claimAllTasks(Instant now) {
        return store().tasks().claimDue(now, 1_000, Duration.ofMinutes(1));
    }

    /**
     * Every message that is claimable at {@code now}, claimed for a minute.
     *
     * @param now the instant the claim is made at
     * @return the claimed messages, at most 1,000
     */
    default List<OutboxMessage> claimAll(Instant now) {
        return store().outbox().claimDueMessages(now, 1_000, Duration.ofMinutes(1));
    }
}
