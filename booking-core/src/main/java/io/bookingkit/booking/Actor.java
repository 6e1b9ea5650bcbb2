package io.bookingkit.booking;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import java.util.Set;

/**
 * Who asks for a change: a customer, a member of staff (with the resources they work on), an
 * administrator of a tenant, or the system. Every actor belongs to one tenant and can neither
 * see nor change another tenant's data.
 *
 * @param tenantId    the actor's tenant
 * @param id          the actor's id; for a customer, the customer id their bookings carry
 * @param role        what the actor may do
 * @param resourceIds for staff, the resources they work on; empty for other roles
 */
public record Actor(String tenantId, String id, Role role, Set<String> resourceIds) {

    /**
     * Validates every component.
     *
     * @param tenantId    the actor's tenant
     * @param id          the actor's id; for a customer, the customer id their bookings carry
     * @param role        what the actor may do
     * @param resourceIds for staff, the resources they work on; empty for other roles
     * @throws io.bookingkit.error.InvalidRequestException if the tenant id or the actor's id is not
     *                                                     a valid id
     */
    public Actor {
        Ids.require(tenantId, "tenantId");
        Ids.require(id, "id");
        Require.nonNull(role, "role");
        resourceIds = Set.copyOf(Require.nonNull(resourceIds, "resourceIds"));
    }

    /**
     * A customer, who acts on their own bookings only.
     *
     * @param tenantId   the customer's tenant
     * @param customerId the customer id their bookings carry
     * @return the actor
     */
    public static Actor customer(String tenantId, String customerId) {
        return new Actor(tenantId, customerId, Role.CUSTOMER, Set.of());
    }

    /**
     * A member of staff, who acts on bookings of the resources they work on.
     *
     * @param tenantId    the staff member's tenant
     * @param staffId     their id
     * @param resourceIds the resources they work on; copied
     * @return the actor
     */
    public static Actor staff(String tenantId, String staffId, Set<String> resourceIds) {
        return new Actor(tenantId, staffId, Role.STAFF, resourceIds);
    }

    /**
     * An administrator, who acts on everything in their tenant.
     *
     * @param tenantId the administrator's tenant
     * @param adminId  their id
     * @return the actor
     */
    public static Actor admin(String tenantId, String adminId) {
        return new Actor(tenantId, adminId, Role.ADMIN, Set.of());
    }

    /**
     * The library itself, acting in {@code tenantId} for expiry and reminders.
     *
     * @param tenantId the tenant the library acts in
     * @return the actor, with the id {@code system}
     */
    public static Actor system(String tenantId) {
        return new Actor(tenantId, "system", Role.SYSTEM, Set.of());
    }
}
