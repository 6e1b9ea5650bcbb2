package io.bookingkit.examples.live;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.resource.Resource;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.time.WallClock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.threeten.extra.Interval;

/**
 * One resource's week as the calendar shows it: when it is open, the free slots of one template,
 * and every booking that overlaps the week, in any status. The week is seven local days from
 * {@code start}, in the resource's zone.
 *
 * @param resource     the resource shown
 * @param templateName the template whose slots are offered
 * @param start        the first local date of the week
 * @param open         the opening hours within the week, in order
 * @param slots        the free slots, in order of start
 * @param bookings     the bookings overlapping the week, in order of start
 */
public record CalendarWeek(Resource resource, String templateName, LocalDate start, List<Interval> open,
                           List<Slot> slots, List<Booking> bookings) {

    /** The number of days a week shows. */
    public static final int DAYS = 7;

    /**
     * Validates the components and copies the lists.
     *
     * @param resource     the resource shown
     * @param templateName the template whose slots are offered
     * @param start        the first local date of the week
     * @param open         the opening hours within the week, in order
     * @param slots        the free slots, in order of start
     * @param bookings     the bookings overlapping the week, in order of start
     */
    public CalendarWeek {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(start, "start");
        open = List.copyOf(open);
        slots = List.copyOf(slots);
        bookings = List.copyOf(bookings);
    }

    /**
     * Reads a resource's week: its opening hours, the free slots of {@code templateName} as
     * anyone may see them, and its bookings.
     *
     * @param engine       the engine to ask
     * @param reader       who reads the bookings: staff of the resource, or an administrator
     * @param resourceId   the resource, in the reader's tenant
     * @param templateName the template whose slots are listed
     * @param start        the first local date of the week
     * @return the week
     * @throws io.bookingkit.resource.ResourceNotFoundException if the reader's tenant has no such
     *         resource
     * @throws io.bookingkit.error.InvalidRequestException if the template is unknown
     */
    public static CalendarWeek read(BookingEngine engine, Actor reader, String resourceId,
                                    String templateName, LocalDate start) {
        Objects.requireNonNull(reader, "reader");
        Resource resource = engine.resources().get(reader.tenantId(), resourceId);
        Interval window = window(start, resource.zone());
        List<Slot> slots = engine.availableSlots(SlotQuery.builder().tenant(resource.tenantId())
                .template(templateName).resource(resource.id()).window(window).displayZone(resource.zone()).build());
        List<Booking> bookings = engine.bookings(resource.id(), window, reader);
        return new CalendarWeek(resource, templateName, start, resource.hours().openIntervals(window).intervals(),
                slots, bookings);
    }

    /**
     * The seven local days from {@code start} in {@code zone}, as instants.
     *
     * @param start the first local date
     * @param zone  the resource's zone
     * @return from the start of {@code start} to the start of the eighth day
     */
    public static Interval window(LocalDate start, ZoneId zone) {
        return Interval.of(WallClock.startOfDay(start, zone), WallClock.startOfDay(start.plusDays(DAYS), zone));
    }

    /**
     * The Monday of the week {@code date} falls in: where the calendar opens by default.
     *
     * @param date any date
     * @return that week's Monday
     */
    public static LocalDate mondayOf(LocalDate date) {
        return date.minusDays(date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
    }

    /**
     * This week's instants.
     *
     * @return {@link #window(LocalDate, ZoneId)} of this week's start and zone
     */
    public Interval window() {
        return window(start, resource.zone());
    }

    /**
     * The week's local dates, in order.
     *
     * @return seven dates from {@link #start()}
     */
    public List<LocalDate> dates() {
        return Stream.iterate(start, d -> d.plusDays(1)).limit(DAYS).toList();
    }
}
