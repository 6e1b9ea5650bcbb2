package io.bookingkit.resource;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import io.bookingkit.schedule.OpeningHours;
import java.time.ZoneId;

/**
 * Whatever is booked: a barber's chair, a practitioner, a room, a technician. It belongs to one
 * tenant, is open by its {@link OpeningHours} (which carry its zone), and holds
 * {@code capacity} seats at a time: at no instant may its blocking bookings use more.
 *
 * @param tenantId the tenant that owns the resource
 * @param id       unique within the tenant
 * @param name     shown to people
 * @param hours    when it can be booked, in its own zone
 * @param capacity seats available at any instant; 1 for a chair or a person
 */
public record Resource(String tenantId, String id, String name, OpeningHours hours, int capacity) {

    /**
     * Validates every component.
     *
     * @param tenantId the tenant that owns the resource
     * @param id       unique within the tenant
     * @param name     shown to people
     * @param hours    when it can be booked, in its own zone
     * @param capacity seats available at any instant; 1 for a chair or a person
     * @throws io.bookingkit.error.InvalidRequestException if an id is not a valid id, the name is
     *                                                     blank, or the capacity is not positive
     */
    public Resource {
        Ids.require(tenantId, "tenantId");
        Ids.require(id, "id");
        Require.notBlank(name, "name");
        Require.nonNull(hours, "hours");
        Require.positive(capacity, "capacity");
    }

    /**
     * A resource with one seat.
     *
     * @param tenantId the tenant that owns the resource
     * @param id       unique within the tenant
     * @param name     shown to people
     * @param hours    when it can be booked, in its own zone
     * @return the resource
     * @throws io.bookingkit.error.InvalidRequestException as the constructor does
     */
    public static Resource of(String tenantId, String id, String name, OpeningHours hours) {
        return new Resource(tenantId, id, name, hours, 1);
    }

    /**
     * The same resource with {@code capacity} seats.
     *
     * @param capacity seats available at any instant, positive
     * @return a copy with only the capacity changed
     * @throws io.bookingkit.error.InvalidRequestException if {@code capacity} is not positive
     */
    public Resource withCapacity(int capacity) {
        return new Resource(tenantId, id, name, hours, capacity);
    }

    /**
     * The zone of its opening hours, in which its days and weeks are counted.
     *
     * @return the zone of {@link #hours()}
     */
    public ZoneId zone() {
        return hours.zone();
    }
}
