package io.bookingkit.policy;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Require;
import io.bookingkit.template.ServiceTemplate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules know about the customer asking: their bookings of the template, for the
 * per-customer limits. Days and weeks are counted on the calendar of the resource being
 * booked, so the zone is given with each question.
 *
 * <p>Not thread-safe: it caches counts per zone. Use one per query.
 */
public final class CustomerState {

    private static final CustomerState ANONYMOUS = new CustomerState(null, List.of());

    private final String customerId;
    private final List<Booking> counted;
    private final Map<ZoneId, Map<LocalDate, Set<String>>> byDay = new HashMap<>();
    private final Map<ZoneId, Map<LocalDate, Set<String>>> byWeek = new HashMap<>();

    private CustomerState(String customerId, List<Booking> counted) {
        this.customerId = customerId;
        this.counted = counted;
    }

    /**
     * No customer is known: per-customer limits do not apply (an anonymous slot list).
     *
     * @return the anonymous state, which counts no bookings
     */
    public static CustomerState anonymous() {
        return ANONYMOUS;
    }

    /**
     * {@code customerId} with their {@code bookings} (any template; others are ignored).
     *
     * @param customerId the customer asking
     * @param template   the template whose bookings count
     * @param bookings   bookings of the customer, and possibly of others; those of other customers
     *                   and templates, and those that neither block time at {@code now} nor took
     *                   place, are left out, as are open waitlist offers
     * @param now        the instant the decision is made at
     * @return the state
     */
    public static CustomerState of(String customerId, ServiceTemplate template, List<Booking> bookings, Instant now) {
        Require.nonNull(customerId, "customerId");
        Require.nonNull(template, "template");
        Require.nonNull(bookings, "bookings");
        List<Booking> counted = bookings.stream()
                .filter(b -> b.customerId().equals(customerId))
                .filter(b -> b.templateName().equals(template.name()))
                // An offer from a waitlist is not the customer's until they accept it, and its
                // limits are judged then, under the customer's lock.
                .filter(b -> ResourceState.countsTowardLimits(b, now) && !b.isOpenOffer())
                .toList();
        return new CustomerState(customerId, counted);
    }

    /**
     * The customer, if known.
     *
     * @return the customer's id, or empty for the anonymous state
     */
    public Optional<String> customerId() {
        return Optional.ofNullable(customerId);
    }

    /**
     * Bookings of the template on {@code day} in {@code zone}, leaving out {@code ignoredIds}.
     *
     * @param day        the local date
     * @param zone       the zone of the resource's calendar
     * @param ignoredIds bookings to leave out, such as the one being moved
     * @return the count, 0 or more
     */
    public int bookingsOn(LocalDate day, ZoneId zone, Set<String> ignoredIds) {
        return ResourceState.count(index(zone, false).get(day), ignoredIds);
    }

    /**
     * Bookings of the template in the ISO week of {@code day} in {@code zone}, leaving out
     * {@code ignoredIds}.
     *
     * @param day        any local date of the week
     * @param zone       the zone of the resource's calendar
     * @param ignoredIds bookings to leave out, such as the one being moved
     * @return the count, 0 or more
     */
    public int bookingsInWeekOf(LocalDate day, ZoneId zone, Set<String> ignoredIds) {
        return ResourceState.count(index(zone, true).get(ResourceState.weekOf(day)), ignoredIds);
    }

    private Map<LocalDate, Set<String>> index(ZoneId zone, boolean weekly) {
        Map<ZoneId, Map<LocalDate, Set<String>>> cache = weekly ? byWeek : byDay;
        return cache.computeIfAbsent(zone, z -> {
            Map<LocalDate, Set<String>> index = new HashMap<>();
            for (Booking b : counted) {
                LocalDate day = b.interval().getStart().atZone(z).toLocalDate();
                index.computeIfAbsent(weekly ? ResourceState.weekOf(day) : day, d -> new HashSet<>()).add(b.id());
            }
            return index;
        });
    }
}
