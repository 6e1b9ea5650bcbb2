package io.bookingkit.testsupport;

import io.bookingkit.booking.Booking;
import io.bookingkit.feed.Change;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.waitlist.WaitlistEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * A unit of work that hands every call to another: negative controls override the one step they
 * break.
 */
class ForwardingUnit implements UnitOfWork {

    protected final UnitOfWork unit;

    ForwardingUnit(UnitOfWork unit) {
        this.unit = unit;
    }

    @Override
    public Map<String, Resource> lockedResources() {
        return unit.lockedResources();
    }

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
    public void recordChange(Change change) {
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
