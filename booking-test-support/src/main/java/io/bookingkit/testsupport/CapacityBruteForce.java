package io.bookingkit.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import io.bookingkit.booking.Booking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.threeten.extra.Interval;

/**
 * The capacity of resources checked by brute force over a list of bookings, independent of any
 * store and of the engine's own conflict logic. A booking uses its seats while it
 * {@linkplain Booking#blocksAt blocks} time at the instant the check is made for: by default
 * {@link ContractData#NOW}, when the races' engines run.
 */
public final class CapacityBruteForce {

    private CapacityBruteForce() {
    }

    /**
     * {@link #assertNoInstantOverCapacity(List, Map, Instant)} as seen at {@link ContractData#NOW}.
     *
     * @param bookings           every booking of the resources, in any status
     * @param capacityByResource the seats of each resource to check, by resource id
     */
    public static void assertNoInstantOverCapacity(List<Booking> bookings, Map<String, Integer> capacityByResource) {
        assertNoInstantOverCapacity(bookings, capacityByResource, ContractData.NOW);
    }

    /**
     * At every instant where some booking's occupied interval starts (the only instants where
     * the use of seats can grow), the bookings blocking at {@code now} on each resource of
     * {@code capacityByResource} use no more than its capacity.
     *
     * @param bookings           every booking of the resources, in any status
     * @param capacityByResource the seats of each resource to check, by resource id
     * @param now                the instant at which a booking's status and expiry are judged
     */
    public static void assertNoInstantOverCapacity(List<Booking> bookings, Map<String, Integer> capacityByResource,
                                                   Instant now) {
        for (Map.Entry<String, Integer> resource : capacityByResource.entrySet()) {
            for (Booking probe : bookings) {
                Instant instant = probe.occupied().getStart();
                int used = seatsInUse(bookings, resource.getKey(), instant, now);
                if (used > resource.getValue()) {
                    fail(resource.getKey() + " has " + used + " seats in use at " + instant + ", capacity "
                            + resource.getValue() + ": " + bookings.stream()
                            .filter(b -> b.resourceIds().contains(resource.getKey()) && b.occupied().contains(instant))
                            .map(b -> b.id() + " " + b.occupied() + " x" + b.partySize()).toList());
                }
            }
        }
    }

    /**
     * The seats of {@code resourceId} that {@code bookings} blocking at {@code now} use at
     * {@code instant}.
     *
     * @param bookings   the bookings to count, in any status
     * @param resourceId the resource whose seats to count
     * @param instant    the instant whose seat use is counted
     * @param now        the instant at which a booking's status and expiry are judged
     * @return the sum of the party sizes of the bookings on the resource that block at {@code now}
     *         and whose occupied interval contains {@code instant}
     */
    public static int seatsInUse(List<Booking> bookings, String resourceId, Instant instant, Instant now) {
        int used = 0;
        for (Booking b : bookings) {
            if (b.resourceIds().contains(resourceId) && b.blocksAt(now) && b.occupied().contains(instant)) {
                used += b.partySize();
            }
        }
        return used;
    }

    /**
     * Whether {@code party} more seats on each of {@code resourceIds} during {@code occupied}
     * would break a capacity, next to {@code bookings} as seen at {@link ContractData#NOW}: the
     * check that a refusal was justified.
     *
     * @param bookings    the bookings there are, in any status
     * @param capacity    the seats of each resource, by resource id; must hold every one of
     *                    {@code resourceIds}
     * @param resourceIds the resources the refused booking asked for
     * @param occupied    its occupied interval
     * @param party       its party size
     * @return true if some resource would have more seats in use than its capacity at some instant
     */
    public static boolean wouldOverbook(List<Booking> bookings, Map<String, Integer> capacity, List<String> resourceIds,
                                        Interval occupied, int party) {
        List<Instant> probes = new ArrayList<>();
        probes.add(occupied.getStart());
        for (Booking b : bookings) {
            if (occupied.contains(b.occupied().getStart())) {
                probes.add(b.occupied().getStart());
            }
        }
        for (String r : resourceIds) {
            for (Instant t : probes) {
                if (seatsInUse(bookings, r, t, ContractData.NOW) + party > capacity.get(r)) {
                    return true;
                }
            }
        }
        return false;
    }
}
