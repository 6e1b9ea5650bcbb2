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

    @Test
    default void resource_saved_is_found_equal() {
        Resource chair = new Resource(TENANT, "chair-1", "Silla 1 — Barbería Centro", BARBER_HOURS, 1);
        store().saveResource(chair);

        assertEquals(Optional.of(chair), store().findResource(TENANT, "chair-1"));
        assertEquals(Optional.empty(), store().findResource(TENANT, "chair-2"));
    }

    @Test
    default void resource_saved_again_replaces_the_one_of_that_tenant_and_id() {
        store().saveResource(new Resource(TENANT, "studio", "Studio", OPEN_DAILY, 10));
        Resource moved = new Resource(TENANT, "studio", "Big studio", BARBER_HOURS, 12);
        store().saveResource(moved);

        assertEquals(Optional.of(moved), store().findResource(TENANT, "studio"));
        assertEquals(List.of(moved), store().resources(TENANT));
    }

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
