package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.MaintenanceRun;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.template.WaitlistSettings;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.MutableClock;

/**
 * The engine's group sessions, waitlists and maintenance on each database do what they do on the
 * reference in-memory store: one scenario (seats taken, a waitlist, an offer passed on when it
 * runs out, a hold expired by maintenance, a session cancelled for missing its quorum) is played
 * on both, and everything it observes, step by step, is the same.
 */
class WaitlistMaintenanceTest {

    private static final String TENANT = "gym";
    private static final Instant NOW = Instant.parse("2031-03-10T08:00:00Z");
    private static final Instant SESSION = Instant.parse("2031-03-12T10:00:00Z");
    private static final ServiceTemplate CLASS = ServiceTemplate.builder("spinning").duration(Duration.ofMinutes(60))
            .seats(3).quorum(3, Duration.ofHours(24)).holdDuration(Duration.ofMinutes(10))
            .waitlist(new WaitlistSettings(OptionalInt.empty(), Duration.ZERO, Duration.ofMinutes(30))).build();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aWaitlistScenarioObservesTheSameOnTheDatabaseAsInMemory(TestDatabases.Kind kind) {
        List<String> reference = play(new InMemoryBookingStore());
        HikariDataSource pool = TestDatabases.freshPool(kind, 4);
        pools.add(pool);

        List<String> observed = play(JdbcBookingStore.create(pool));

        assertEquals(String.join("\n", reference), String.join("\n", observed));
        assertTrue(reference.stream().anyMatch(s -> s.contains("OFFERED")), "the scenario made an offer:\n" + reference);
        assertTrue(reference.stream().anyMatch(s -> s.contains("sessionsCancelled=1")),
                "the scenario cancelled a session:\n" + reference);
    }

    /**
     * Two application nodes (two pools) run maintenance at once, over and over: every session
     * below its quorum is cancelled once, every hold expired once, each with one notification.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoNodesRunningMaintenanceAtOnceDoEachTaskOnce(TestDatabases.Kind kind) throws Exception {
        HikariDataSource poolA = TestDatabases.freshPool(kind, 4);
        HikariDataSource poolB = TestDatabases.pool(kind, 4);
        pools.add(poolA);
        pools.add(poolB);
        MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        BookingStore storeA = JdbcBookingStore.create(poolA);
        BookingEngine[] nodes = {
                BookingEngine.builder().store(storeA).clock(clock).templates(TemplateCatalog.of(CLASS))
                        .notificationsDeliveredElsewhere().maintenance(3, Duration.ofMinutes(1)).build(),
                BookingEngine.builder().store(JdbcBookingStore.create(poolB)).clock(clock)
                        .templates(TemplateCatalog.of(CLASS)).notificationsDeliveredElsewhere()
                        .maintenance(3, Duration.ofMinutes(1)).build()};
        nodes[0].resources().register(new Resource(TENANT, "hall", "Hall",
                OpeningHours.parse("Mo-Su 06:00-22:00", ZoneOffset.UTC), 3));
        int sessions = 5;
        for (int k = 0; k < sessions; k++) {
            Instant start = SESSION.plus(Duration.ofHours(2L * k));
            nodes[0].book(request("ana", start), who("ana"));
            nodes[0].book(request("ben", start), who("ben"));
            nodes[0].hold(request("cy", start.plus(Duration.ofHours(1))), who("cy"));
        }
        // Every deadline has passed (the last session starts 8 hours after the first), and every hold.
        clock.setInstant(SESSION.minus(Duration.ofHours(15)));

        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<MaintenanceRun>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                runs.add(threads.submit(nodes[i % 2]::runMaintenance));
            }
            int cancelled = 0;
            int expired = 0;
            for (Future<MaintenanceRun> run : runs) {
                MaintenanceRun r = run.get(60, TimeUnit.SECONDS);
                assertEquals(0, r.failed(), r.toString());
                cancelled += r.sessionsCancelled();
                expired += r.bookingsExpired();
            }
            assertEquals(sessions, cancelled);
            assertEquals(sessions, expired);
        } finally {
            threads.shutdownNow();
        }
        List<OutboxMessage> messages = storeA.outbox().claimDueMessages(Instant.parse("2037-01-01T00:00:00Z"), 1000,
                Duration.ofMinutes(1));
        assertEquals(2 * sessions, messages.stream().filter(m -> m.kind() == NotificationKind.CANCELLED).count());
        assertEquals(sessions, messages.stream().filter(m -> m.kind() == NotificationKind.EXPIRED).count());
        assertEquals(List.of(), storeA.tasks().claimDue(clock.instant(), 100, Duration.ofMinutes(1)),
                "nothing due is left");
    }

    private static List<String> play(BookingStore store) {
        MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        AtomicInteger ids = new AtomicInteger();
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(CLASS))
                .ids(() -> String.format("id-%03d", ids.incrementAndGet())).build();
        engine.resources().register(new Resource(TENANT, "hall", "Hall",
                OpeningHours.parse("Mo-Su 06:00-22:00", ZoneOffset.UTC), 3));
        List<String> log = new ArrayList<>();
        List<String> bookings = new ArrayList<>();
        List<String> entries = new ArrayList<>();

        for (String customer : List.of("ana", "ben", "cy")) {
            step(log, "book " + customer, () -> keep(bookings, engine.book(request(customer, SESSION), who(customer))));
        }
        for (String customer : List.of("dee", "eve")) {
            step(log, "join " + customer, () -> keep(entries, engine.joinWaitlist(WaitlistRequest.builder()
                    .template(CLASS.name()).resource("hall").start(SESSION).build(), who(customer))));
        }
        step(log, "ana cancels", () -> engine.cancel(bookings.get(0), who("ana"), "ill"));
        step(log, "waitlist", () -> engine.waitlist("hall", CLASS.name(), SESSION, Actor.admin(TENANT, "boss")));
        step(log, "entries after the first offer", () -> entries.stream()
                .map(id -> engine.findEntry(id, Actor.admin(TENANT, "boss"))).toList());

        clock.add(Duration.ofMinutes(31));
        step(log, "maintenance after dee's offer ran out", engine::runMaintenance);
        step(log, "entries after the second offer", () -> entries.stream()
                .map(id -> engine.findEntry(id, Actor.admin(TENANT, "boss"))).toList());
        step(log, "eve accepts", () -> {
            WaitlistEntry eve = engine.findEntry(entries.get(1), who("eve")).orElseThrow();
            return engine.confirm(eve.offerId().orElseThrow(), who("eve"));
        });
        step(log, "dee joins again", () -> engine.joinWaitlist(WaitlistRequest.builder()
                .template(CLASS.name()).resource("hall").start(SESSION).build(), who("dee")));

        step(log, "fay holds another session", () -> keep(bookings, engine.hold(request("fay", SESSION.plus(Duration.ofHours(2))),
                who("fay"))));
        clock.add(Duration.ofMinutes(11));
        step(log, "maintenance after fay's hold ran out", engine::runMaintenance);
        step(log, "maintenance with nothing due", engine::runMaintenance);

        step(log, "ben cancels", () -> engine.cancel(bookings.get(1), who("ben"), "busy"));
        clock.setInstant(SESSION.minus(Duration.ofHours(24)));
        step(log, "maintenance at the quorum deadline", engine::runMaintenance);

        for (String id : bookings) {
            step(log, "booking " + id, () -> engine.find(id, Actor.admin(TENANT, "boss")).map(WaitlistMaintenanceTest::brief));
        }
        step(log, "entries at the end", () -> entries.stream()
                .map(id -> engine.findEntry(id, Actor.admin(TENANT, "boss"))).toList());
        step(log, "waitlist of dee", () -> engine.waitlistOf("dee", who("dee")));
        step(log, "tasks left", () -> store.tasks().claimDue(Instant.parse("2037-01-01T00:00:00Z"), 100,
                Duration.ofMinutes(1)));
        return log;
    }

    private static void step(List<String> log, String name, Supplier<Object> action) {
        Object outcome;
        try {
            outcome = action.get();
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        log.add(name + " -> " + (outcome instanceof Booking b ? brief(b) : outcome));
    }

    private static String keep(List<String> ids, Booking b) {
        ids.add(b.id());
        return brief(b);
    }

    private static String keep(List<String> ids, WaitlistEntry e) {
        ids.add(e.id());
        return e.toString();
    }

    /** A booking without its history, whose actors and instants the other steps show anyway. */
    private static String brief(Booking b) {
        return b.id() + " " + b.customerId() + " " + b.status() + " v" + b.version() + " " + b.interval()
                + " expires " + b.expiresAt().map(Instant::toString).orElse("-") + " entry "
                + b.waitlistEntryId().orElse("-") + " history " + b.history().size();
    }

    private static Actor who(String customer) {
        return Actor.customer(TENANT, customer);
    }

    private static BookingRequest request(String customer, Instant start) {
        return BookingRequest.builder().template(CLASS.name()).resource("hall").start(start).customer(customer).build();
    }
}
