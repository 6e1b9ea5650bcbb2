package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.internal.Statistics;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.internal.Tallies;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.Interval;

/**
 * The SQL of {@link JdbcBookingStore#aggregate} against the core's Java reference (the port's
 * default, {@code Tallies}, computed from the same rows read back), on bookings at arbitrary microseconds:
 * buffers, bookings across the window's edges, across daylight-saving changes and half-hour
 * zones, long bookings over many hours, several resources and every status and history. H2
 * adds up in Java ({@code Dialect.aggregatesInSql()}), so only PostgreSQL and MariaDB run it.
 */
class AggregateSqlTest {

    private static final String TENANT = "stats";
    private static final Interval WINDOW = Interval.of(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-08T00:00:00Z"));
    private static final Instant NOW = Instant.parse("2026-03-20T12:34:56.789012Z");
    private static final Map<String, Duration> CUTOFFS = Map.of("cut", Duration.ofHours(24), "zero", Duration.ZERO);

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Kind.class, names = {"POSTGRES", "MARIADB"})
    void the_sql_sums_equal_the_java_reference(TestDatabases.Kind kind) {
        HikariDataSource pool = TestDatabases.freshPool(kind, 4);
        pools.add(pool);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        List<Resource> resources = List.of(
                resource("ny", "Mo-Fr 09:00-17:00", "America/New_York", 1),
                resource("berlin", "Mo-Sa 08:30-12:00,13:00-19:00", "Europe/Berlin", 1),
                resource("lord-howe", "Mo-Su 00:00-24:00", "Australia/Lord_Howe", 2),
                resource("kolkata", "Mo-Su 07:00-23:30", "Asia/Kolkata", 6),
                resource("utc", "Mo-Su 00:00-24:00", "UTC", 1));
        resources.forEach(store::saveResource);
        long seed = 20261202L + kind.ordinal();
        List<Booking> bookings = new ArrayList<>(generate(new Random(seed), resources, 1200));
        bookings.addAll(edges(resources));
        store.inUnitOfWork(TENANT, resources.stream().map(Resource::id).toList(), u -> {
            bookings.forEach(u::insert);
            return null;
        });
        AggregateQuery query = Statistics.query(WINDOW, NOW, resources, CUTOFFS);

        BookingStats sql = Statistics.assemble(query, resources, store.aggregate(TENANT, query));
        BookingStats java = Statistics.assemble(query, resources, Tallies.of(store.reads(TENANT).findOverlapping(query.resourceIds(), WINDOW), query));

        assertTrue(store.dialect().aggregatesInSql(), "the store adds up in SQL on " + kind);
        assertEquals(java, sql, "seed " + seed);
        assertTrue(sql.counts().total() > 500 && sql.leadTimes().count() > 100, "the history exercised the sums: " + sql.counts());
        assertTrue(sql.counts().lateCancellations() > 0 && !sql.seatTime().bookedOutsideHours().isZero(),
                "late cancellations and time outside hours occurred: " + sql);
        // One resource alone: the same answer as its part of the whole.
        AggregateQuery one = Statistics.query(WINDOW, NOW, List.of(resources.get(2)), CUTOFFS);
        BookingStats alone = Statistics.assemble(one, List.of(resources.get(2)), store.aggregate(TENANT, one));
        assertEquals(sql.resources().get(2), alone.resources().get(0));
    }

    private static Resource resource(String id, String hours, String zone, int capacity) {
        return new Resource(TENANT, id, id, OpeningHours.parse(hours, ZoneId.of(zone)), capacity);
    }

    /**
     * Bookings at the window's edges: own time just outside with only the buffer inside, own time
     * across an edge, and own time ending or starting exactly on it.
     */
    private static List<Booking> edges(List<Resource> resources) {
        List<Booking> out = new ArrayList<>();
        Instant[] edges = {WINDOW.getStart(), WINDOW.getEnd()};
        int n = 0;
        for (Instant edge : edges) {
            for (Resource r : resources) {
                Interval[][] shapes = {
                    {Interval.of(edge.minus(Duration.ofMinutes(50)), edge.minus(Duration.ofMinutes(5))),
                        Interval.of(edge.minus(Duration.ofMinutes(50)), edge.plus(Duration.ofMinutes(20)))},
                    {Interval.of(edge.plus(Duration.ofMinutes(5)), edge.plus(Duration.ofMinutes(50))),
                        Interval.of(edge.minus(Duration.ofMinutes(20)), edge.plus(Duration.ofMinutes(50)))},
                    {Interval.of(edge.minus(Duration.ofMinutes(30)), edge.plus(Duration.ofMinutes(30))), null},
                    {Interval.of(edge.minus(Duration.ofMinutes(30)), edge), null},
                    {Interval.of(edge, edge.plus(Duration.ofMinutes(30))), null}};
                for (Interval[] shape : shapes) {
                    Instant created = shape[0].getStart().minus(Duration.ofDays(3));
                    out.add(Booking.builder().id("edge-" + n++).tenantId(TENANT).resourceIds(List.of(r.id()))
                            .customerId("edge").templateName("cut").interval(shape[0])
                            .occupied(shape[1] == null ? shape[0] : shape[1]).partySize(1 + n % 2)
                            .status(BookingStatus.COMPLETED).createdAt(created).forced(true)
                            .history(List.of(new Transition(Optional.empty(), BookingStatus.CONFIRMED,
                                    Actor.customer(TENANT, "edge"), created, "booked"))).build());
                }
            }
        }
        return out;
    }

    private static List<Booking> generate(Random random, List<Resource> resources, int n) {
        List<Booking> out = new ArrayList<>();
        String[] templates = {"cut", "zero", "gone"};
        BookingStatus[] statuses = BookingStatus.values();
        long span = WINDOW.toDuration().plusDays(3).toNanos() / 1000;
        for (int i = 0; i < n; i++) {
            Instant start = WINDOW.getStart().minus(Duration.ofDays(2)).plus(random.nextLong(span), ChronoUnit.MICROS);
            Duration length = random.nextInt(20) == 0 ? Duration.ofMinutes(60 + random.nextInt(60 * 40))
                    : Duration.of(60_000_000L + random.nextLong(5 * 3_600_000_000L), ChronoUnit.MICROS);
            Interval own = Interval.of(start, length);
            Interval occupied = random.nextBoolean() ? own : Interval.of(start.minus(Duration.ofMinutes(random.nextInt(30))),
                    own.getEnd().plus(Duration.ofMinutes(random.nextInt(30))));
            List<String> ids = new ArrayList<>(List.of(resources.get(random.nextInt(resources.size())).id()));
            if (random.nextInt(8) == 0) {
                String other = resources.get(random.nextInt(resources.size())).id();
                if (!ids.contains(other)) {
                    ids.add(other);
                }
            }
            BookingStatus status = statuses[random.nextInt(statuses.length)];
            Instant created = start.minus(Duration.of(random.nextLong(40L * 86_400_000_000L) - 86_400_000_000L,
                    ChronoUnit.MICROS));
            Actor customer = Actor.customer(TENANT, "c" + random.nextInt(50));
            Actor[] actors = {customer, Actor.staff(TENANT, "s", Set.copyOf(ids)), Actor.admin(TENANT, "a"),
                    Actor.system(TENANT)};
            BookingStatus first = status == BookingStatus.HELD || (status == BookingStatus.EXPIRED || status == BookingStatus.CANCELLED)
                    && random.nextBoolean() ? BookingStatus.HELD : random.nextBoolean() ? BookingStatus.PENDING : BookingStatus.CONFIRMED;
            List<Transition> history = new ArrayList<>();
            history.add(new Transition(Optional.empty(), first, random.nextBoolean() ? customer : actors[1], created, "booked"));
            Instant updated = created;
            if (status != first) {
                updated = start.minus(Duration.of(random.nextLong(3L * 86_400_000_000L) - 3_600_000_000L, ChronoUnit.MICROS));
                history.add(new Transition(Optional.of(first), status, actors[random.nextInt(actors.length)], updated, "changed"));
            }
            out.add(Booking.builder().id("b" + i).tenantId(TENANT).resourceIds(ids).customerId(customer.id())
                    .templateName(templates[random.nextInt(templates.length)]).interval(own).occupied(occupied)
                    .partySize(1 + random.nextInt(3)).status(status).createdAt(created).updatedAt(updated)
                    .forced(true).history(history).build());
        }
        return out;
    }
}
