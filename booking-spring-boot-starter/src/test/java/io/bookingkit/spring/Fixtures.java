package io.bookingkit.spring;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the starter's tests share: a fresh H2 database, a shop with one chair, a booking. */
final class Fixtures {

    static final String TENANT = "shop";
    static final String CHAIR = "chair-1";
    /** A Monday morning, for engines on a fixed clock. */
    static final Instant MONDAY_8 = Instant.parse("2030-01-07T08:00:00Z");

    private Fixtures() {
    }

    /** An empty in-memory H2 database of its own. */
    static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:bk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0;LOCK_TIMEOUT=10000");
        return dataSource;
    }

    /** The application's one DataSource, an H2 database of its own. */
    @Configuration(proxyBeanMethods = false)
    static class H2DataSource {
        @Bean
        DataSource dataSource() {
            return h2();
        }
    }

    /** Registers a chair open all day, every day, in UTC. */
    static void openShop(BookingEngine engine) {
        engine.resources().register(Resource.of(TENANT, CHAIR, "Chair 1",
                OpeningHours.parse("Mo-Su 00:00-24:00", ZoneOffset.UTC)));
    }

    /** Books the chair for {@code customer}, as the customer. */
    static Booking book(BookingEngine engine, String template, Instant start, String customer) {
        return engine.book(BookingRequest.builder().template(template).resource(CHAIR).start(start).build(),
                Actor.customer(TENANT, customer));
    }

    /** A start on the hour two days after {@code clock}'s now. */
    static Instant inTwoDays(Clock clock) {
        return clock.instant().plusSeconds(2 * 86_400).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    /** How many tables the database has whose names start with {@code prefix}. */
    static int tables(DataSource dataSource, String prefix) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE ?")) {
            ps.setString(1, prefix.toUpperCase(Locale.ROOT).replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
