package io.bookingkit.spi;

import io.bookingkit.booking.Booking;
import io.bookingkit.waitlist.WaitlistEntry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * The reads the core makes, in one tenant: the same interface whether they come from a
 * {@link BookingStore} (for display: {@link BookingStore#reads(String)}) or from a
 * {@link UnitOfWork} (under its locks, for decisions).
 */
public interface BookingReads {

    /**
     * The booking {@code bookingId}.
     *
     * @param bookingId the booking's id
     * @return the booking, or empty if this tenant has none of that id
     */
    Optional<Booking> findBooking(String bookingId);

    /**
     * The bookings, in any status, that use one of {@code resourceIds} and whose occupied
     * interval shares an instant with {@code range}; ordered by start, then id; each once.
     *
     * @param resourceIds the resources; none finds nothing
     * @param range       a half-open interval; an empty one finds nothing
     * @return the bookings
     */
    List<Booking> findOverlapping(Collection<String> resourceIds, Interval range);

    /**
     * The bookings of {@code customerId}, in any status, whose own interval (without buffers)
     * shares an instant with {@code range}; ordered by start, then id.
     *
     * @param customerId the customer's id
     * @param range      a half-open interval; an empty one finds nothing
     * @return the bookings
     */
    List<Booking> findByCustomer(String customerId, Interval range);

    /**
     * The bookings of series {@code seriesId}, in any status, ordered by their place in the
     * series, then id.
     *
     * @param seriesId the series' id
     * @return the bookings, empty for an unknown series
     */
    List<Booking> findBySeries(String seriesId);

    /**
     * The waitlist entry {@code entryId}.
     *
     * @param entryId the entry's id
     * @return the entry, or empty if this tenant has none of that id
     */
    Optional<WaitlistEntry> findEntry(String entryId);

    /**
     * The waitlist entries, in any status, that name one of {@code resourceIds} and whose
     * interval (without buffers) shares an instant with {@code range}; ordered by sequence,
     * then id; each once.
     *
     * @param resourceIds the resources; none finds nothing
     * @param range       a half-open interval; an empty one finds nothing
     * @return the entries
     */
    List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range);

    /**
     * The waitlist entries of {@code customerId}, in any status, ordered by sequence, then id.
     *
     * @param customerId the customer's id
     * @return the entries
     */
    List<WaitlistEntry> findEntriesOfCustomer(String customerId);
}
