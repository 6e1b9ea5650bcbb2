package io.bookingkit.policy;

import io.bookingkit.internal.Require;
import io.bookingkit.template.ServiceTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * One candidate booking, as the rules see it: the same object whether the engine is listing
 * slots or writing a booking, which is why an offered slot cannot be refused by different
 * rules later.
 *
 * @param template   the service
 * @param resources  the resources it would use (one, or all of an ALL_OF pool)
 * @param interval   the customer's time
 * @param occupied   {@code interval} widened by the template's buffers
 * @param partySize  seats it needs on each resource
 * @param customer   the customer asking, for per-customer limits
 * @param now        when the decision is made
 * @param ignoredIds bookings to leave out, such as the one being moved by a reschedule
 * @param explain    whether rules should give each violation its parameters (for messages);
 *                   false when only "is it bookable?" matters, as for slot lists, where building
 *                   messages for every refused start would cost more than the checks themselves
 */
public record BookingCheck(ServiceTemplate template, List<ResourceState> resources, Interval interval,
                           Interval occupied, int partySize, CustomerState customer, Instant now,
                           Set<String> ignoredIds, boolean explain) {

    /**
     * Validates the components.
     *
     * @param template   the service
     * @param resources  the resources it would use (one, or all of an ALL_OF pool)
     * @param interval   the customer's time
     * @param occupied   {@code interval} widened by the template's buffers
     * @param partySize  seats it needs on each resource
     * @param customer   the customer asking, for per-customer limits
     * @param now        when the decision is made
     * @param ignoredIds bookings to leave out, such as the one being moved by a reschedule
     * @param explain    whether rules should give each violation its parameters (for messages);
     *                   false when only "is it bookable?" matters, as for slot lists, where
     *                   building messages for every refused start would cost more than the checks
     *                   themselves
     * @throws io.bookingkit.error.InvalidRequestException if {@code interval} is unbounded or empty
     */
    public BookingCheck {
        Require.nonNull(template, "template");
        resources = List.copyOf(Require.nonNull(resources, "resources"));
        Require.boundedNonEmpty(interval, "interval");
        Require.nonNull(occupied, "occupied");
        Require.nonNull(customer, "customer");
        Require.nonNull(now, "now");
        ignoredIds = Set.copyOf(Require.nonNull(ignoredIds, "ignoredIds"));
    }

    /**
     * A check whose violations carry their parameters.
     *
     * @param template   the service
     * @param resources  the resources it would use (one, or all of an ALL_OF pool)
     * @param interval   the customer's time
     * @param occupied   {@code interval} widened by the template's buffers
     * @param partySize  seats it needs on each resource
     * @param customer   the customer asking, for per-customer limits
     * @param now        when the decision is made
     * @param ignoredIds bookings to leave out, such as the one being moved by a reschedule
     * @throws io.bookingkit.error.InvalidRequestException if {@code interval} is unbounded or empty
     */
    public BookingCheck(ServiceTemplate template, List<ResourceState> resources, Interval interval, Interval occupied,
                        int partySize, CustomerState customer, Instant now, Set<String> ignoredIds) {
        this(template, resources, interval, occupied, partySize, customer, now, ignoredIds, true);
    }

    /**
     * The candidate's start.
     *
     * @return the start of {@link #interval()}
     */
    public Instant start() {
        return interval.getStart();
    }

    /**
     * The candidate's length.
     *
     * @return the length of {@link #interval()}
     */
    public Duration duration() {
        return interval.toDuration();
    }
}
