package io.bookingkit.jdbc.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.waitlist.WaitlistEntry;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.threeten.extra.Interval;

/** Reads of one tenant for display, each in a transaction of its own. */
public final class JdbcReads implements BookingReads {

    private final Transactions transactions;
    private final BookingSql bookings;
    private final WaitlistSql entries;
    private final String tenantId;

    public JdbcReads(Transactions transactions, BookingSql bookings, WaitlistSql entries, String tenantId) {
        this.transactions = transactions;
        this.bookings = bookings;
        this.entries = entries;
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId must not be null");
    }

    @Override
    public Optional<Booking> findBooking(String bookingId) {
        Objects.requireNonNull(bookingId, "bookingId must not be null");
        return transactions.run(c -> bookings.findById(c, tenantId, bookingId));
    }

    @Override
    public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
        Objects.requireNonNull(resourceIds, "resourceIds must not be null");
        Objects.requireNonNull(range, "range must not be null");
        return transactions.run(c -> bookings.findOverlapping(c, tenantId, resourceIds, range));
    }

    @Override
    public List<Booking> findByCustomer(String customerId, Interval range) {
        Objects.requireNonNull(customerId, "customerId must not be null");
        Objects.requireNonNull(range, "range must not be null");
        return transactions.run(c -> bookings.findByCustomer(c, tenantId, customerId, range));
    }

    @Override
    public List<Booking> findBySeries(String seriesId) {
        Objects.requireNonNull(seriesId, "seriesId must not be null");
        return transactions.run(c -> bookings.findBySeries(c, tenantId, seriesId));
    }

    @Override
    public Optional<WaitlistEntry> findEntry(String entryId) {
        Objects.requireNonNull(entryId, "entryId must not be null");
        return transactions.run(c -> entries.findById(c, tenantId, entryId));
    }

    @Override
    public List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range) {
        Objects.requireNonNull(resourceIds, "resourceIds must not be null");
        Objects.requireNonNull(range, "range must not be null");
        return transactions.run(c -> entries.findOverlapping(c, tenantId, resourceIds, range));
    }

    @Override
    public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId must not be null");
        return transactions.run(c -> entries.findByCustomer(c, tenantId, customerId));
    }
}
