package io.bookingkit.policy.internal;

import io.bookingkit.booking.Booking;
import io.bookingkit.policy.CustomerState;
import io.bookingkit.policy.ResourceState;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * Loads what the rules need to judge candidates starting in {@code [from, to)}: the one place
 * that decides how far around the candidates to read, for the slot list and the write path
 * alike.
 */
public final class StateLoader {

    private StateLoader() {
    }

    /**
     * The rules' view of the resources and the customer.
     *
     * @param bookings every booking read for the resources, in any status
     */
    public record States(List<ResourceState> resources, CustomerState customer, List<Booking> bookings) {
    }

    /**
     * @param starts   candidate starts lie in this interval (an empty one for a single start)
     * @param duration the candidates' length; hours and bookings are read far enough for it even
     *                 when it is longer than the template allows, so that such a candidate is
     *                 refused for the right reasons (not also as "closed", and with its conflicts)
     */
    public static States load(BookingReads reads, ServiceTemplate template, List<Resource> resources,
                              Interval starts, Duration duration, Optional<String> customerId, Instant now) {
        Instant from = starts.getStart();
        Duration longest = duration.compareTo(template.maxDuration()) > 0 ? duration : template.maxDuration();
        Instant lastEnd = starts.getEnd().plus(longest);
        Interval hoursRange = Interval.of(from, lastEnd);
        Interval occupiedRange = Interval.of(from.minus(template.bufferBefore()), lastEnd.plus(template.bufferAfter()));
        List<String> ids = resources.stream().map(Resource::id).toList();

        Interval readRange = occupiedRange;
        Limits limits = template.limits();
        if (limits.perResourceDay().isPresent() || limits.perResourceWeek().isPresent()) {
            for (Resource r : resources) {
                readRange = readRange.span(wholeWeeks(starts, r.zone()));
            }
        } else if (resources.size() > 1) {
            // A pool's choice counts each resource's blocking bookings on the candidate's whole
            // local day, so the slot list and the write must both read the whole days, whatever
            // the window or the booking's own time.
            for (Resource r : resources) {
                readRange = readRange.span(wholeDays(starts, r.zone()));
            }
        }
        List<Booking> bookings = reads.findOverlapping(ids, readRange);
        List<ResourceState> states = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            states.add(ResourceState.of(r, template, hoursRange, bookings, now));
        }

        CustomerState customer = CustomerState.anonymous();
        if (customerId.isPresent()) {
            List<Booking> own = List.of();
            if (limits.perCustomerDay().isPresent() || limits.perCustomerWeek().isPresent()) {
                own = reads.findByCustomer(customerId.get(), wholeWeeks(starts, resources.get(0).zone()));
            }
            customer = CustomerState.of(customerId.get(), template, own, now);
        }
        return new States(states, customer, bookings);
    }

    /** From the local midnight before the first start to the one after the last start, in {@code zone}. */
    private static Interval wholeDays(Interval starts, ZoneId zone) {
        LocalDate first = starts.getStart().atZone(zone).toLocalDate();
        LocalDate last = starts.getEnd().atZone(zone).toLocalDate().plusDays(1);
        return Interval.of(WallClock.startOfDay(first, zone), WallClock.startOfDay(last, zone));
    }

    /** From the Monday of the first start's week to the Monday after the last start's week, in {@code zone}. */
    private static Interval wholeWeeks(Interval starts, ZoneId zone) {
        LocalDate first = ResourceState.weekOf(starts.getStart().atZone(zone).toLocalDate());
        LocalDate last = ResourceState.weekOf(starts.getEnd().atZone(zone).toLocalDate()).plusWeeks(1);
        return Interval.of(WallClock.startOfDay(first, zone), WallClock.startOfDay(last, zone));
    }
}
