package io.bookingkit.policy;

import io.bookingkit.booking.Booking;
import io.bookingkit.conflict.ConflictEngine;
import io.bookingkit.internal.Require;
import io.bookingkit.resource.Resource;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.time.IntervalSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * What the rules know about one resource for one template: when it is open, its blocking
 * bookings, and how many bookings of the template each local day and ISO week already has.
 * Built once per query (or per unit of work) and then asked about many candidate times.
 *
 * <p>Safe to share between threads: it never changes what it answers, and builds its day counts
 * once, under a lock, on first use.
 */
public final class ResourceState {

    private final Resource resource;
    private final int capacity;
    private final IntervalSet open;
    private final ConflictEngine conflicts;
    private final String templateName;
    private final Collection<Booking> bookings;
    private final Instant now;
    // Day and week counts need each booking's local date, which costs more than most queries
    // use; they are built on first use.
    private Map<LocalDate, Set<String>> templateBookingsByDay;
    private Map<LocalDate, Set<String>> templateBookingsByWeek;
    private Map<LocalDate, Integer> blockingByDay;
    private Map<Instant, Integer> sessionSeats;

    private ResourceState(Resource resource, ServiceTemplate template, IntervalSet open,
                          Collection<Booking> bookings, Instant now) {
        this.resource = resource;
        this.capacity = template.capacityOn(resource.capacity());
        this.open = open;
        this.conflicts = ConflictEngine.of(resource.id(), bookings, now);
        this.templateName = template.name();
        this.bookings = bookings;
        this.now = now;
    }

    private synchronized void countDays() {
        if (blockingByDay != null) {
            return;
        }
        Map<LocalDate, Set<String>> byDay = new HashMap<>();
        Map<LocalDate, Set<String>> byWeek = new HashMap<>();
        Map<LocalDate, Integer> blocking = new HashMap<>();
        for (Booking booking : bookings) {
            if (!booking.resourceIds().contains(resource.id())) {
                continue;
            }
            LocalDate day = localDay(booking.interval().getStart());
            if (booking.blocksAt(now)) {
                blocking.merge(day, 1, Integer::sum);
            }
            if (booking.templateName().equals(templateName) && countsTowardLimits(booking, now)) {
                byDay.computeIfAbsent(day, d -> new HashSet<>()).add(booking.id());
                byWeek.computeIfAbsent(weekOf(day), d -> new HashSet<>()).add(booking.id());
            }
        }
        templateBookingsByDay = byDay;
        templateBookingsByWeek = byWeek;
        blockingByDay = blocking;
    }

    /**
     * The state of {@code resource} for {@code template} over {@code range}.
     *
     * @param range    open hours are computed for this range; candidates must lie inside it
     * @param bookings the resource's bookings overlapping {@code range}, and for limits every
     *                 booking in the local weeks it touches; other resources' are ignored
     * @param now      the instant the decision is made at
     * @param resource the resource, with its hours and capacity
     * @param template the template being booked
     * @return the state
     * @throws io.bookingkit.error.InvalidRequestException if {@code range} is unbounded or longer
     *                                                     than the resource's
     *                                                     {@linkplain io.bookingkit.schedule.OpeningHours#maxWindow() longest window}
     */
    public static ResourceState of(Resource resource, ServiceTemplate template, Interval range,
                                   Collection<Booking> bookings, Instant now) {
        Require.nonNull(resource, "resource");
        Require.nonNull(template, "template");
        Require.nonNull(bookings, "bookings");
        Require.nonNull(now, "now");
        return new ResourceState(resource, template, resource.hours().openIntervals(range), bookings, now);
    }

    /**
     * Whether {@code booking} uses up one of a template's daily or weekly allowance: it blocks
     * time now, or it took place (completed, or the customer did not come).
     *
     * @param booking a booking in any status
     * @param now     the instant the decision is made at
     * @return true if it counts
     */
    public static boolean countsTowardLimits(Booking booking, Instant now) {
        return booking.blocksAt(now) || booking.status() == io.bookingkit.booking.BookingStatus.COMPLETED
                || booking.status() == io.bookingkit.booking.BookingStatus.NO_SHOW;
    }

    /**
     * The Monday that starts the ISO week of {@code day}.
     *
     * @param day any date
     * @return the Monday on or before it
     */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * The resource, as read when the state was built.
     *
     * @return the resource
     */
    public Resource resource() {
        return resource;
    }

    /**
     * Seats one booking of the template may share on this resource.
     *
     * @return the template's seats on this resource: the resource's capacity, or fewer if the
     *         template says so
     */
    public int capacity() {
        return capacity;
    }

    /**
     * When the resource is open within the range the state was built for.
     *
     * @return the open instants
     */
    public IntervalSet open() {
        return open;
    }

    /**
     * The blocking bookings, as a conflict engine.
     *
     * @return the engine, over the bookings that block time at the state's instant
     */
    public ConflictEngine conflicts() {
        return conflicts;
    }

    /**
     * The local date of {@code instant} on this resource's calendar.
     *
     * @param instant the instant
     * @return the date in the resource's zone
     */
    public LocalDate localDay(Instant instant) {
        return instant.atZone(resource.zone()).toLocalDate();
    }

    /**
     * Bookings of the template on {@code day}, leaving out {@code ignoredIds}.
     *
     * @param day        the local date
     * @param ignoredIds bookings to leave out, such as the one being moved
     * @return the count of those that {@linkplain #countsTowardLimits count toward limits}
     */
    public int templateBookingsOn(LocalDate day, Set<String> ignoredIds) {
        countDays();
        return count(templateBookingsByDay.get(day), ignoredIds);
    }

    /**
     * Bookings of the template in the ISO week of {@code day}, leaving out {@code ignoredIds}.
     *
     * @param day        any local date of the week
     * @param ignoredIds bookings to leave out, such as the one being moved
     * @return the count of those that {@linkplain #countsTowardLimits count toward limits}
     */
    public int templateBookingsInWeekOf(LocalDate day, Set<String> ignoredIds) {
        countDays();
        return count(templateBookingsByWeek.get(weekOf(day)), ignoredIds);
    }

    /**
     * Seats taken in the session of the template starting at {@code start}: the party sizes of
     * the template's bookings that start then and block time now.
     *
     * @param start the session's start
     * @return the seats, 0 when there is no such session
     */
    public int sessionSeatsAt(Instant start) {
        return sessionSeats().getOrDefault(start, 0);
    }

    private synchronized Map<Instant, Integer> sessionSeats() {
        if (sessionSeats == null) {
            Map<Instant, Integer> seats = new HashMap<>();
            for (Booking booking : bookings) {
                if (booking.templateName().equals(templateName) && booking.blocksAt(now)
                        && booking.resourceIds().contains(resource.id())) {
                    seats.merge(booking.interval().getStart(), booking.partySize(), Integer::sum);
                }
            }
            sessionSeats = seats;
        }
        return sessionSeats;
    }

    /**
     * Blocking bookings of any template on {@code day}: how busy the resource is, for load
     * spreading.
     *
     * @param day the local date
     * @return the count of blocking bookings on this resource that start that day
     */
    public int blockingOn(LocalDate day) {
        countDays();
        return blockingByDay.getOrDefault(day, 0);
    }

    static int count(Set<String> ids, Set<String> ignoredIds) {
        if (ids == null) {
            return 0;
        }
        int count = ids.size();
        for (String ignored : ignoredIds) {
            if (ids.contains(ignored)) {
                count--;
            }
        }
        return count;
    }
}
