package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How many times a common booking waits for its database: counted on the wire, by a relay
 * between the driver and the server. README states these counts per database; H2 runs in the
 * JVM and has none.
 */
class RoundTripsTest {

    private static final String TENANT = "trips";
    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");
    private static final ServiceTemplate CUT = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30)).build();

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Kind.class, names = {"POSTGRES", "MARIADB"})
    void aCommonBookingWaitsForTheDatabaseAFewTimes(TestDatabases.Kind kind) throws Exception {
        try (HikariDataSource direct = TestDatabases.freshPool(kind, 1)) {
            Matcher url = Pattern.compile("^(jdbc:[a-z]+://[^:/]+:)(\\d+)(/.*)$").matcher(direct.getJdbcUrl());
            assertTrue(url.matches(), "a server URL with a port: " + direct.getJdbcUrl());
            try (RoundTripCounter relay = new RoundTripCounter(Integer.parseInt(url.group(2)))) {
                HikariConfig config = new HikariConfig();
                direct.copyStateTo(config);
                config.setJdbcUrl(url.group(1) + relay.port() + url.group(3));
                config.setPoolName("round-trips-" + kind);
                config.setMaximumPoolSize(1);
                try (HikariDataSource pool = new HikariDataSource(config)) {
                    JdbcBookingStore store = JdbcBookingStore.create(pool);
                    OpeningHours always = OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("Europe/Lisbon"));
                    store.saveResource(new Resource(TENANT, "chair", "Chair", always, 1));
                    store.saveResource(new Resource(TENANT, "studio", "Studio", always, 3));
                    BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                            .templates(TemplateCatalog.of(CUT)).notificationsDeliveredElsewhere().build();
                    // An application rule sends every booking the locked way.
                    BookingEngine locked = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                            .templates(TemplateCatalog.of(CUT)).notificationsDeliveredElsewhere()
                            .rule((check, report) -> { }).build();
                    // Past the driver's threshold for server-side prepared statements.
                    for (int i = 0; i < 10; i++) {
                        book(engine, i);
                        book(locked, 20 + i);
                        book(engine, "studio", i);
                    }
                    boolean pg = kind == TestDatabases.Kind.POSTGRES;
                    assertEquals(pg ? 2 : 13, trips(relay, () -> book(engine, 10)), pg
                            // The shared lock and the check after it (with the transaction's settings
                            // and PgJDBC's BEGIN), and the five inserts with the COMMIT.
                            ? "PostgreSQL, the shared way: lock and check, writes with commit"
                            // Connector/J sends each statement on its own: isolation and autocommit
                            // set and restored (4), lock and read back (2), overlap read, five
                            // inserts, commit.
                            : "MariaDB: one round trip per statement");
                    assertEquals(pg ? 3 : 13, trips(relay, () -> book(locked, 30)), pg
                            ? "PostgreSQL, the locked way: lock, overlap read, writes with commit"
                            : "MariaDB: the same way either way");
                    // A resource with more seats goes the locked way at once, once the store has seen it.
                    assertEquals(pg ? 3 : 13, trips(relay, () -> book(engine, "studio", 10)), "a three-seat studio");
                }
            }
        }
    }

    private static int trips(RoundTripCounter relay, Runnable booking) {
        int before = relay.trips();
        booking.run();
        return relay.trips() - before;
    }

    private static void book(BookingEngine engine, int n) {
        book(engine, "chair", n);
    }

    private static void book(BookingEngine engine, String resource, int n) {
        engine.book(BookingRequest.builder().template(CUT.name()).resource(resource)
                .start(NOW.plus(Duration.ofHours(1 + n))).build(), Actor.customer(TENANT, resource + "-c" + n));
    }
}
