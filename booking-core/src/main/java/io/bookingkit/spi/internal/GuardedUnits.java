package io.bookingkit.spi.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingNotFoundException;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.feed.Change;
import io.bookingkit.feed.Changes;
import io.bookingkit.internal.Require;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.UnitProbe;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistEntryChangedException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.threeten.extra.Interval;

/**
 * The unit-of-work protocol, written once around every adapter's unit: the resources must
 * exist, a booking belongs to the unit's tenant, a unit locks one customer at most, and a
 * refused update is reported as not found or stale with the version it found. It also records
 * the availability change of every booking written ({@link Changes}), so no write path can
 * forget one. Adapters then only store.
 */
public final class GuardedUnits {

    private GuardedUnits() {
    }

    /**
     * Runs {@code work} in a unit of {@code store} that locks {@code resourceIds} of
     * {@code tenantId}, telling {@code probe} of the store's retries.
     *
     * @throws ResourceNotFoundException naming the first missing resource, before the work runs
     */
    public static <T> T run(BookingStore store, String tenantId, Collection<String> resourceIds,
                            Function<UnitOfWork, T> work, UnitProbe probe) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(work, "work");
        Require.nonNull(probe, "probe");
        TreeSet<String> sorted = new TreeSet<>(Require.nonNull(resourceIds, "resourceIds"));
        return store.inUnitOfWork(tenantId, List.copyOf(sorted), unit -> {
            for (String id : sorted) {
                if (!unit.lockedResources().containsKey(id)) {
                    throw new ResourceNotFoundException(tenantId, id);
                }
            }
            return work.apply(new Guarded(unit, tenantId, Optional.empty()));
        }, probe);
    }

    /**
     * Runs {@code work} in a {@linkplain BookingStore#inSharedUnitOfWork shared unit} of
     * {@code store} on {@code resourceId}, if the store offers one, holding the work to what such
     * a unit may do: reads of the resource's bookings find none (the store's constraint refuses
     * the unit if any blocks {@code occupied}), and it may insert only an unforced, blocking
     * booking of that resource alone within {@code occupied}, and change nothing else it stores
     * about bookings or waitlists.
     *
     * @return what the work returned, or empty when the store did not run or commit it
     */
    public static <T> Optional<T> runShared(BookingStore store, String tenantId, String resourceId, Interval occupied,
                                            Function<UnitOfWork, T> work, UnitProbe probe) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(work, "work");
        Require.nonNull(probe, "probe");
        Claim claim = new Claim(Require.nonNull(resourceId, "resourceId"), Require.bounded(occupied, "occupied"));
        return store.inSharedUnitOfWork(tenantId, resourceId, occupied,
                unit -> work.apply(new Guarded(unit, tenantId, Optional.of(claim))), probe);
    }

    /** What a shared unit may book: the one resource, within the occupied time it checked. */
    private record Claim(String resourceId, Interval occupied) {
        boolean covers(Collection<String> resourceIds) {
            return resourceIds.stream().allMatch(resourceId::equals);
        }

        void allows(Booking b) {
            if (!b.resourceIds().equals(List.of(resourceId)) || b.forced() || !b.status().blocksTime()
                    || !occupied.encloses(b.occupied())) {
                throw new IllegalStateException("A shared unit on resource '" + resourceId + "' over " + occupied
                        + " may not insert booking '" + b.id() + "' (" + b.status() + (b.forced() ? ", forced" : "")
                        + ", resources " + b.resourceIds() + ", occupied " + b.occupied() + ")");
            }
        }

        IllegalStateException refuses(String what) {
            return new IllegalStateException("A shared unit on resource '" + resourceId + "' only inserts a booking; it"
                    + " may not " + what);
        }
    }

    private static final class Guarded implements UnitOfWork {
        private final UnitOfWork unit;
        private final String tenantId;
        private final Optional<Claim> shared;
        private String lockedCustomer;
        // Each booking as this unit last read or wrote it: what an update replaces, for its change.
        private final Map<String, Booking> seen = new HashMap<>();

        Guarded(UnitOfWork unit, String tenantId, Optional<Claim> shared) {
            this.unit = unit;
            this.tenantId = tenantId;
            this.shared = shared;
        }

        private void exclusive(String what) {
            if (shared.isPresent()) {
                throw shared.get().refuses(what);
            }
        }

        @Override
        public Map<String, Resource> lockedResources() {
            return unit.lockedResources();
        }

        @Override
        public void lockCustomer(String customerId) {
            Require.nonNull(customerId, "customerId");
            if (lockedCustomer != null) {
                if (lockedCustomer.equals(customerId)) {
                    return;
                }
                // A second customer lock could be taken in the opposite order by another unit.
                throw new IllegalStateException("This unit of work already locked customer '" + lockedCustomer
                        + "' and may not lock '" + customerId + "' too");
            }
            exclusive("lock customer '" + customerId + "'");
            unit.lockCustomer(customerId);
            lockedCustomer = customerId;
        }

        @Override
        public Optional<Booking> findBooking(String bookingId) {
            return saw(unit.findBooking(Require.nonNull(bookingId, "bookingId")));
        }

        @Override
        public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
            if (shared.isPresent() && shared.get().covers(Require.nonNull(resourceIds, "resourceIds"))) {
                Require.bounded(range, "range");
                return List.of();
            }
            return saw(unit.findOverlapping(Require.nonNull(resourceIds, "resourceIds"), Require.bounded(range, "range")));
        }

        @Override
        public List<Booking> findByCustomer(String customerId, Interval range) {
            return saw(unit.findByCustomer(Require.nonNull(customerId, "customerId"), Require.bounded(range, "range")));
        }

        @Override
        public List<Booking> findBySeries(String seriesId) {
            return saw(unit.findBySeries(Require.nonNull(seriesId, "seriesId")));
        }

        @Override
        public Optional<Booking> findByIdempotencyKey(String idempotencyKey) {
            return saw(unit.findByIdempotencyKey(Require.nonNull(idempotencyKey, "idempotencyKey")));
        }

        @Override
        public void insert(Booking booking) {
            ofThisTenant(booking);
            shared.ifPresent(claim -> claim.allows(booking));
            unit.insert(booking);
            wrote(Optional.empty(), booking);
        }

        @Override
        public boolean update(Booking booking) {
            exclusive("update booking '" + Require.nonNull(booking, "booking").id() + "'");
            Optional<Booking> before = storedBefore(ofThisTenant(booking));
            if (unit.update(booking)) {
                wrote(before, booking);
                return true;
            }
            Booking current = unit.findBooking(booking.id()).orElseThrow(() ->
                    new BookingNotFoundException(tenantId, booking.id()));
            throw new StaleBookingException("Booking '" + booking.id() + "' is at version " + current.version()
                    + "; an update to version " + booking.version() + " was made from a stale copy");
        }

        @Override
        public boolean expire(Booking expired) {
            exclusive("expire booking '" + Require.nonNull(expired, "expired").id() + "'");
            Optional<Booking> before = storedBefore(ofThisTenant(expired));
            if (unit.expire(expired)) {
                wrote(before, expired);
                return true;
            }
            return false;
        }

        @Override
        public void recordChange(Change change) {
            Require.nonNull(change, "change");
            unit.recordChange(ofThisTenant(change.tenantId(), "A change of resource '" + change.resourceId() + "'",
                    change));
        }

        /**
         * The stored copy {@code next} replaces, as this unit read it; read again only when this
         * unit did not read that version, so the common path costs no extra query.
         */
        private Optional<Booking> storedBefore(Booking next) {
            Booking known = seen.get(next.id());
            if (known != null && known.version() == next.version() - 1) {
                return Optional.of(known);
            }
            return unit.findBooking(next.id());
        }

        private void wrote(Optional<Booking> before, Booking after) {
            seen.put(after.id(), after);
            Changes.of(before, after).forEach(unit::recordChange);
        }

        private Optional<Booking> saw(Optional<Booking> booking) {
            booking.ifPresent(b -> seen.put(b.id(), b));
            return booking;
        }

        private List<Booking> saw(List<Booking> bookings) {
            bookings.forEach(b -> seen.put(b.id(), b));
            return bookings;
        }

        @Override
        public void enqueue(OutboxMessage message) {
            Require.nonNull(message, "message");
            if (!message.tenantId().equals(tenantId)) {
                throw new InvalidRequestException("Outbox message of tenant '" + message.tenantId()
                        + "' in a unit of work of tenant '" + tenantId + "'");
            }
            unit.enqueue(message);
        }

        @Override
        public void discardReminders(String bookingId) {
            unit.discardReminders(Require.nonNull(bookingId, "bookingId"));
        }

        @Override
        public Optional<WaitlistEntry> findEntry(String entryId) {
            return unit.findEntry(Require.nonNull(entryId, "entryId"));
        }

        @Override
        public List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range) {
            return unit.findEntries(Require.nonNull(resourceIds, "resourceIds"), Require.bounded(range, "range"));
        }

        @Override
        public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
            return unit.findEntriesOfCustomer(Require.nonNull(customerId, "customerId"));
        }

        @Override
        public void insertEntry(WaitlistEntry entry) {
            exclusive("insert waitlist entry '" + Require.nonNull(entry, "entry").id() + "'");
            unit.insertEntry(ofThisTenant(Require.nonNull(entry, "entry").tenantId(), "Waitlist entry '" + entry.id() + "'",
                    entry));
        }

        @Override
        public boolean updateEntry(WaitlistEntry entry) {
            exclusive("update waitlist entry '" + Require.nonNull(entry, "entry").id() + "'");
            if (unit.updateEntry(ofThisTenant(Require.nonNull(entry, "entry").tenantId(),
                    "Waitlist entry '" + entry.id() + "'", entry))) {
                return true;
            }
            throw new WaitlistEntryChangedException("Waitlist entry '" + entry.id() + "' is not at version "
                    + (entry.version() - 1) + "; an update to version " + entry.version() + " was made from a stale copy");
        }

        @Override
        public void schedule(ScheduledTask task) {
            unit.schedule(ofThisTenant(Require.nonNull(task, "task").tenantId(), "Task " + task.kind(), task));
        }

        @Override
        public boolean completeTask(ScheduledTask.Kind kind, String subject) {
            return unit.completeTask(Require.nonNull(kind, "kind"), Require.nonNull(subject, "subject"));
        }

        private <T> T ofThisTenant(String ownTenant, String what, T value) {
            if (!ownTenant.equals(tenantId)) {
                throw new InvalidRequestException(what + " of tenant '" + ownTenant + "' in a unit of work of tenant '"
                        + tenantId + "'");
            }
            return value;
        }

        private Booking ofThisTenant(Booking booking) {
            Require.nonNull(booking, "booking");
            if (!booking.tenantId().equals(tenantId)) {
                throw new InvalidRequestException("Booking '" + booking.id() + "' of tenant '" + booking.tenantId()
                        + "' in a unit of work of tenant '" + tenantId + "'");
            }
            return booking;
        }
    }
}
