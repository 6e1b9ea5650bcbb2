package io.bookingkit.booking;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who may do what, in one place. {@code CUSTOMER}s act on their own bookings only;
 * {@code STAFF} on bookings that use at least one of the resources they work on; {@code ADMIN}s
 * on their whole tenant; {@code SYSTEM} expires and reminds but books nothing. Nobody sees or
 * changes another tenant's data. Which lifecycle steps each role may take is in
 * {@link Lifecycle}'s table.
 */
public final class Permissions {

    private Permissions() {
    }

    /**
     * Whether {@code actor} may see {@code booking} (and so act on it, as far as the lifecycle
     * allows).
     *
     * @param actor   who asks
     * @param booking the booking asked about
     * @return true for the booking's customer, staff of one of its resources, and admins and the
     *         system of its tenant
     */
    public static boolean maySee(Actor actor, Booking booking) {
        Require.nonNull(actor, "actor");
        Require.nonNull(booking, "booking");
        if (!actor.tenantId().equals(booking.tenantId())) {
            return false;
        }
        return switch (actor.role()) {
            case CUSTOMER -> booking.customerId().equals(actor.id());
            case STAFF -> booking.resourceIds().stream().anyMatch(actor.resourceIds()::contains);
            case ADMIN, SYSTEM -> true;
        };
    }

    /**
     * That {@code actor} may act on {@code booking}: that it may {@linkplain #maySee see} it.
     *
     * @param actor   who asks
     * @param booking the booking to act on
     * @throws AccessDeniedException if {@code actor} may not act on {@code booking}
     */
    public static void requireMayActOn(Actor actor, Booking booking) {
        if (!maySee(actor, booking)) {
            throw new AccessDeniedException(actor.role() + " '" + actor.id() + "' may not act on booking '" + booking.id()
                    + "': " + (actor.role() == Role.CUSTOMER ? "it is another customer's" : "it is not on their resources"));
        }
    }

    /**
     * The customer a booking request made by {@code actor} is for, once the actor may make it:
     * customers book for themselves, staff only on resources they work on, only admins book over
     * a conflict, and the system books nothing.
     *
     * @param request the booking request
     * @param actor   who makes it
     * @return the customer id the booking is for
     * @throws AccessDeniedException   if the actor may not make the request
     * @throws InvalidRequestException if staff or an admin did not say which customer it is for
     */
    public static String requireMayBook(BookingRequest request, Actor actor) {
        Require.nonNull(request, "request");
        Require.nonNull(actor, "actor");
        if (request.forceReason().isPresent() && actor.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only an ADMIN may force an overlap; " + actor.role() + " '" + actor.id()
                    + "' may not");
        }
        switch (actor.role()) {
            case CUSTOMER -> {
                String customer = request.customerId().orElse(actor.id());
                if (!customer.equals(actor.id())) {
                    throw new AccessDeniedException("Customer '" + actor.id() + "' may only book for themselves, not for '"
                            + customer + "'");
                }
                return customer;
            }
            case SYSTEM -> throw new AccessDeniedException("The SYSTEM actor does not make bookings");
            case STAFF -> {
                if (!actor.resourceIds().containsAll(request.resourceIds())) {
                    throw new AccessDeniedException("Staff '" + actor.id() + "' works on "
                            + new TreeSet<>(actor.resourceIds()) + " and may not book " + request.resourceIds());
                }
                return requireCustomer(request, actor);
            }
            default -> {
                return requireCustomer(request, actor);
            }
        }
    }

    /**
     * That {@code actor} may ask what is available in {@code tenantId} on behalf of
     * {@code customerId}, whose own limits then apply: a customer for themselves, staff and
     * admins for any customer of their tenant. Nobody needs permission for a slot list without a
     * customer.
     *
     * @param actor      who asks
     * @param tenantId   the tenant asked about
     * @param customerId the customer whose limits apply, if any
     * @throws AccessDeniedException if the actor may not
     */
    public static void requireMayAskFor(Actor actor, String tenantId, Optional<String> customerId) {
        Require.nonNull(actor, "actor");
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(customerId, "customerId");
        if (!actor.tenantId().equals(tenantId)) {
            throw new AccessDeniedException(actor.role() + " '" + actor.id() + "' of tenant '" + actor.tenantId()
                    + "' may not query tenant '" + tenantId + "'");
        }
        if (customerId.isEmpty()) {
            return;
        }
        boolean allowed = switch (actor.role()) {
            case CUSTOMER -> customerId.get().equals(actor.id());
            case STAFF, ADMIN -> true;
            case SYSTEM -> false;
        };
        if (!allowed) {
            throw new AccessDeniedException(actor.role() + " '" + actor.id() + "' may not ask for the limits of customer '"
                    + customerId.get() + "'");
        }
    }

    /**
     * The resources whose statistics {@code actor} gets when asking for {@code asked} (empty: all
     * they may see) among {@code existing}, the tenant's resources: admins any of the tenant, staff
     * only the resources they work on; customers and the system none.
     *
     * @param actor    who asks
     * @param asked    the resource ids asked for; empty for every one the actor may see
     * @param existing the ids of the tenant's resources
     * @return the resource ids, sorted
     * @throws AccessDeniedException if the actor may not see statistics, or not of every resource asked for
     */
    public static SortedSet<String> statsResources(Actor actor, Set<String> asked, Collection<String> existing) {
        Require.nonNull(actor, "actor");
        Require.nonNull(asked, "asked");
        Require.nonNull(existing, "existing");
        SortedSet<String> chosen = new TreeSet<>(asked.isEmpty() ? existing : asked);
        switch (actor.role()) {
            case ADMIN -> {
                return chosen;
            }
            case STAFF -> {
                if (asked.isEmpty()) {
                    chosen.retainAll(actor.resourceIds());
                    return chosen;
                }
                SortedSet<String> others = new TreeSet<>(asked);
                others.removeAll(actor.resourceIds());
                if (!others.isEmpty()) {
                    throw new AccessDeniedException("Staff '" + actor.id() + "' works on " + new TreeSet<>(actor.resourceIds())
                            + " and may not see the statistics of " + others);
                }
                return chosen;
            }
            default -> throw new AccessDeniedException(actor.role() + " '" + actor.id()
                    + "' may not see statistics; staff and admins may");
        }
    }

    private static String requireCustomer(BookingRequest request, Actor actor) {
        return request.customerId().orElseThrow(() -> new InvalidRequestException(
                actor.role() + " '" + actor.id() + "' must say which customer the booking is for"));
    }
}
