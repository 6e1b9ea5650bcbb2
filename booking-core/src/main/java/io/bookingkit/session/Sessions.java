package io.bookingkit.session;

import io.bookingkit.booking.Booking;
import io.bookingkit.conflict.ConflictEngine;
import io.bookingkit.internal.Require;
import io.bookingkit.resource.Resource;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.threeten.extra.Interval;

/** What makes a session: the one place that says which bookings belong to one and what it counts. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * The range a session at {@code start} is looked up by: its first nanosecond, which every
     * booking and entry starting then shares (a half-open range of length zero would share none).
     *
     * @param start the session's start
     * @return the interval from {@code start} to one nanosecond later
     */
    public static Interval startingAt(Instant start) {
        return Interval.of(start, start.plusNanos(1));
    }

    /**
     * Whether {@code booking} is in the session of {@code templateName} on {@code resourceId} at
     * {@code start}, at {@code now}.
     *
     * @param booking      the booking asked about
     * @param resourceId   the session's resource
     * @param templateName the session's template
     * @param start        the session's start
     * @param now          the instant at which the booking's status and expiry are judged
     * @return true if the booking is of that template, starts then, uses that resource and blocks
     *         time at {@code now}
     */
    public static boolean belongs(Booking booking, String resourceId, String templateName, Instant start, Instant now) {
        return booking.templateName().equals(templateName) && booking.interval().getStart().equals(start)
                && booking.resourceIds().contains(resourceId) && booking.blocksAt(now);
    }

    /**
     * The session of {@code template} on {@code resource} at {@code interval}'s start.
     *
     * @param around  every booking on the resource that overlaps the session's occupied time
     * @param waiting entries waiting for it
     * @param visible which participants the asking actor may see
     * @param resource the session's resource
     * @param template the session's template
     * @param interval the session's time
     * @param now the instant at which the bookings' statuses and expiries are judged
     * @return the session
     */
    public static Session of(Resource resource, ServiceTemplate template, Interval interval, Collection<Booking> around,
                             int waiting, Instant now, Predicate<Booking> visible) {
        Require.nonNull(resource, "resource");
        Require.nonNull(template, "template");
        Require.nonNull(interval, "interval");
        Require.nonNull(around, "around");
        Instant start = interval.getStart();
        List<Booking> in = around.stream().filter(b -> belongs(b, resource.id(), template.name(), start, now))
                .sorted(Comparator.comparing(Booking::createdAt).thenComparing(Booking::id)).toList();
        int taken = in.stream().mapToInt(Booking::partySize).sum();
        int capacity = template.capacityOn(resource.capacity());
        int left = Math.max(0, ConflictEngine.of(resource.id(), around, now)
                .freeSeats(template.occupied(interval), capacity, Set.of()));
        List<Participant> participants = in.stream().filter(visible)
                .map(b -> new Participant(b.id(), b.customerId(), b.partySize(), b.status())).toList();
        boolean met = template.quorum().map(q -> taken >= q.minSeats()).orElse(true);
        return new Session(resource.id(), template.name(), interval, capacity, taken, left, participants, waiting,
                template.quorum(), met);
    }
}
