package io.bookingkit.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spring.app.ShopService.OrderFailedException;
import io.bookingkit.spring.app.ShopService.Seen;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The starter in a whole Spring Boot application on embedded H2: Flyway migrates the
 * application's table, the starter creates its own, and a booking made inside the application's
 * {@code @Transactional} method is a transaction of its own.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0;LOCK_TIMEOUT=10000",
        "bookingkit.jdbc.create-schema=true",
        // Liquibase is on the tests' class path for the starter's detection of it, not for this application.
        "spring.liquibase.enabled=false",
        "bookingkit.templates.consultation.duration=50m",
        "bookingkit.templates.consultation.buffer.after=10m",
        "bookingkit.maintenance.interval=1s"})
class SpringBootBookingTest {

    private static final Instant TUESDAY_10 = ShopApplication.NOW.plus(Duration.ofHours(26));

    @Autowired
    private BookingEngine engine;
    @Autowired
    private BookingStore store;
    @Autowired
    private ShopService shop;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ConfigurableApplicationContext context;

    @BeforeEach
    void openTheChairs() {
        for (String chair : new String[] {"chair-1", "chair-2", "chair-3"}) {
            engine.resources().register(Resource.of("shop", chair, chair, OpeningHours.parse("Mo-Su 00:00-24:00",
                    ZoneOffset.UTC)));
        }
    }

    @Test
    void theEngineBooksOverTheApplicationsDatabase() {
        assertThat(store).isInstanceOf(JdbcBookingStore.class);
        assertThat(engine.templates().names()).containsExactlyInAnyOrder("haircut", "consultation");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"script\" = 'V1__shop_order.sql' AND \"success\"", Integer.class))
                .as("Flyway ran the application's migration").isEqualTo(1);
        assertThat(context.getBeanFactory().getBeanDefinition("bookingStore").getDependsOn())
                .as("the store waits for Flyway").contains("flywayInitializer");

        Booking booking = engine.book(BookingRequest.builder().template("consultation")
                .resource("chair-1").start(TUESDAY_10).build(), Actor.customer("shop", "ana"));

        assertThat(booking.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.createdAt()).as("the application's clock").isEqualTo(ShopApplication.NOW);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bk_booking WHERE id = ?", Integer.class, booking.id()))
                .isEqualTo(1);
    }

    @Test
    void aBookingInsideTheCallersTransactionStaysWhenTheCallerRollsBack() {
        OrderFailedException failure = catchThrowableOfType(OrderFailedException.class,
                () -> shop.orderAndBook("order-1", "ben", "chair-2", TUESDAY_10, true));

        Seen seen = failure.seen;
        assertThat(seen.inTransaction()).as("the order ran in a Spring transaction").isTrue();
        assertThat(seen.bookingsSeenOutside()).as("committed before the caller's transaction ended").isEqualTo(1);
        assertThat(seen.ordersSeenOutside()).as("the caller's row, not yet committed").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_order WHERE id = 'order-1'", Integer.class))
                .as("the caller's row is rolled back").isZero();
        assertThat(engine.find(seen.booking().id(), Actor.customer("shop", "ben")))
                .as("the booking stays committed").hasValueSatisfying(b -> assertThat(b.status())
                        .isEqualTo(BookingStatus.CONFIRMED));
    }

    @Test
    void aCallerThatCommitsKeepsBoth() {
        Seen seen = shop.orderAndBook("order-2", "cleo", "chair-3", TUESDAY_10, false);

        assertThat(seen.inTransaction()).isTrue();
        assertThat(seen.bookingsSeenOutside()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_order WHERE id = 'order-2'", Integer.class))
                .isEqualTo(1);
        assertThat(engine.find(seen.booking().id(), Actor.customer("shop", "cleo"))).isPresent();
    }
}
