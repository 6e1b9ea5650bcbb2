package io.bookingkit.testsupport;

import io.bookingkit.booking.Booking;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.waitlist.WaitlistEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.threeten.extra.Interval;

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

    private record Unlocked(UnitOfWork unit, Map<String, Resource> lockedResources) implements UnitOfWork {
        @Override
        public void lockCustomer(String customerId) {
            unit.lockCustomer(customerId);
        }

        @Override
        public Optional<Booking> findByIdempotencyKey(String idempotencyKey) {
            return unit.findByIdempotencyKey(idempotencyKey);
        }

        @Override
        public void insert(Booking booking) {
            unit.insert(booking);
        }

        @Override
        public boolean update(Booking booking) {
            return unit.update(booking);
        }

        @Override
        public boolean expire(Booking expired) {
            return unit.expire(expired);
        }

        @Override
        public void enqueue(OutboxMessage message) {
            unit.enqueue(message);
        }

        @Override
        public void discardReminders(String bookingId) {
            unit.discardReminders(bookingId);
        }

        @Override
        public void recordChange(io.bookingkit.feed.Change change) {
            unit.recordChange(change);
        }

        @Override
        public void insertEntry(WaitlistEntry entry) {
            unit.insertEntry(entry);
        }

        @Override
        public boolean updateEntry(WaitlistEntry entry) {
            return unit.updateEntry(entry);
        }

        @Override
        public void schedule(ScheduledTask task) {
            unit.schedule(task);
        }

        @Override
        public boolean completeTask(ScheduledTask.Kind kind, String subject) {
            return unit.completeTask(kind, subject);
        }

        @Override
        public Optional<Booking> findBooking(String bookingId) {
            return unit.findBooking(bookingId);
        }

        @Override
        public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
            return unit.findOverlapping(resourceIds, range);
        }

        @Override
        public List<Booking> findByCustomer(String customerId, Interval range) {
            return unit.findByCustomer(customerId, range);
        }

        @Override
        public List<Booking> findBySeries(String seriesId) {
            return unit.findBySeries(seriesId);
        }

        @Override
        public Optional<WaitlistEntry> findEntry(String entryId) {
            return unit.findEntry(entryId);
        }

        @Override
        public List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range) {
            return unit.findEntries(resourceIds, range);
        }

        @Override
        public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
            return unit.findEntriesOfCustomer(customerId);
        }
    }
}
