package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.BARBER_HOURS;
import static io.bookingkit.testsupport.ContractData.OPEN_DAILY;
import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.resource.Resource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resources: {@code saveResource}, {@code findResource} and {@code resources}, per tenant. */
public interface ResourceContract extends StoreFixture {

    /**
     * A saved resource is found equal, with its opening hours and a name that is not ASCII; an
     * unknown id is not found.
     */
    @Test
    default void resource_saved_is_found_equal() {
        Resource chair = new Resource(TENANT, "chair-1", "Silla 1 — Barbería Centro", BARBER_HOURS, 1);
        store().saveResource(chair);

        assertEquals(Optional.of(chair), store().findResource(TENANT, "chair-1"));
        assertEquals(Optional.empty(), store().findResource(TENANT, "chair-2"));
    }

    /**
     * Saving a resource of a tenant and id already saved replaces it: the name, the hours and the
     * capacity change, and it is listed once.
     */
    @Test
    default void resource_saved_again_replaces_the_one_of_that_tenant_and_id() {
        store().saveResource(new Resource(TENANT, "studio", "Studio", OPEN_DAILY, 10));
        Resource moved = new Resource(TENANT, "studio", "Big studio", BARBER_HOURS, 12);
        store().saveResource(moved);

        assertEquals(Optional.of(moved), store().findResource(TENANT, "studio"));
        assertEquals(List.of(moved), store().resources(TENANT));
    }

    /**
     * A tenant's resources are listed in order of id, whatever order they were saved in; another
     * tenant's resource of the same id is kept and found apart, and a tenant without resources
     * lists none.
     */
    @Test
    default void resources_are_listed_per_tenant_by_id() {
        Resource b = resource(TENANT, "room-b");
        Resource a = resource(TENANT, "room-a");
        Resource c = resource(TENANT, "room-c");
        Resource elsewhere = new Resource(OTHER_TENANT, "room-a", "Not ours", OPEN_DAILY, 3);
        store().saveResource(b);
        store().saveResource(elsewhere);
        store().saveResource(c);
        store().saveResource(a);

        assertEquals(List.of(a, b, c), store().resources(TENANT));
        assertEquals(List.of(elsewhere), store().resources(OTHER_TENANT));
        assertEquals(Optional.of(a), store().findResource(TENANT, "room-a"));
        assertEquals(Optional.of(elsewhere), store().findResource(OTHER_TENANT, "room-a"));
        assertEquals(List.of(), store().resources("initech"));
    }
}
