package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.OutboxDispatcher;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transactional outbox on a real database: a failing notifier never undoes a booking and is
 * retried with the same dedupe key; a dispatcher that dies holding a claim loses nothing once the
 * lease runs out; two nodes dispatching at once deliver each message exactly once; and a message
 * that keeps failing is parked.
 */
class OutboxDeliveryTest {

    private static final String TENANT = "outbox";
    private static final String STUDIO = "studio";
    private static final Instant NOW = Instant.parse("2026-06-01T07:00:00Z");
    private static final ServiceTemplate CLASS = ServiceTemplate.builder("outbox-class")
            .duration(Duration.ofMinutes(45)).build();

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();

    @AfterEach
    void close() {
        executors.forEach(ExecutorService::shutdownNow);
        pools.forEach(HikariDataSource::close);
    }

    // ---- (a) a failing notifier ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aThrowingNotifierLeavesTheBookingCommittedAndIsRetriedAfterTheBackoffWithTheSameDedupeKey(TestDatabases.Kind kind)
            throws SQLException {
        HikariDataSource pool = freshPool(kind, 4);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(studio(10));
        MutableClock clock = new MutableClock(NOW);
        RecordingPort port = new RecordingPort(clock);
        port.failNext(1);
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(CLASS))
                .notifications(port).dispatcher((s, p, c) -> OutboxDispatcher.builder(s, p, c)
                        .backoff(Duration.ofSeconds(5)).build()).build();

        Booking booking = engine.book(request(NOW.plus(Duration.ofDays(1))), Actor.customer(TENANT, "ana"));

        assertEquals(BookingStatus.CONFIRMED, booking.status());
        assertEquals(Optional.of(booking), store.reads(TENANT).findBooking(booking.id()), "the booking is committed");
        assertEquals(1, port.attempts().size(), "delivery was tried once, right after the commit");
        assertEquals(1, count(pool, "bk_outbox"), "the failed notification waits in the outbox");
        assertEquals(0, engine.dispatchNotifications(), "not due again before the backoff");
        clock.set(NOW.plus(Duration.ofSeconds(5)).minusNanos(1000));
        assertEquals(0, engine.dispatchNotifications(), "one microsecond before the backoff ends");
        clock.set(NOW.plus(Duration.ofSeconds(5)));

        assertEquals(1, engine.dispatchNotifications());

        List<Attempt> attempts = port.attempts();
        assertEquals(List.of(false, true), attempts.stream().map(Attempt::delivered).toList());
        assertEquals(List.of(NOW, NOW.plus(Duration.ofSeconds(5))), attempts.stream().map(Attempt::at).toList());
        assertEquals(attempts.get(0).notification().dedupeKey(), attempts.get(1).notification().dedupeKey(),
                "a retry carries the dedupe key of the failed attempt");
        assertEquals(NotificationKind.CONFIRMED, attempts.get(1).notification().kind());
        assertEquals(booking, attempts.get(1).notification().booking());
        assertEquals(0, count(pool, "bk_outbox"), "a delivered message leaves the outbox");
        assertEquals(0, engine.dispatchNotifications());
        assertEquals(List.of(), store.outbox().parkedMessages(TENANT));
        assertEquals(Optional.of(booking), store.reads(TENANT).findBooking(booking.id()));
    }

    // ---- (b) a dispatcher that dies holding a claim --------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDispatcherRestartedMidBatchLosesNothingAndDuplicatesNothingOnceTheLeaseHasPassed(TestDatabases.Kind kind)
            throws SQLException {
        HikariDataSource pool = freshPool(kind, 4);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(studio(10));
        Set<String> expected = new TreeSet<>();
        BookingEngine withoutPort = engine(store, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 7; i++) {
            Booking b = withoutPort.book(request(NOW.plus(Duration.ofDays(1 + i))), Actor.customer(TENANT, "c" + i));
            expected.add(b.id() + ":CONFIRMED:v0");
        }
        Duration lease = Duration.ofMinutes(1);

        // The first dispatcher claims a batch, then its process dies before delivering any of it.
        List<OutboxMessage> lost = store.outbox().claimDueMessages(NOW, 3, lease);
        assertEquals(3, lost.size());

        // The restarted process: a new pool, a new store, a new dispatcher.
        HikariDataSource restartedPool = TestDatabases.pool(kind, 4);
        pools.add(restartedPool);
        JdbcBookingStore restarted = JdbcBookingStore.create(restartedPool);
        MutableClock clock = new MutableClock(NOW.plus(Duration.ofSeconds(30)));
        RecordingPort port = new RecordingPort(clock);
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(restarted, port, clock).batchSize(2).lease(lease).build();

        assertEquals(4, dispatcher.dispatchDue(), "while the lease runs, only the unclaimed messages go out");
        Set<String> leased = new TreeSet<>(lost.stream().map(OutboxMessage::dedupeKey).toList());
        assertTrue(Collections.disjoint(leased, port.deliveredKeys()), "a leased message must wait for its lease");

        clock.set(NOW.plus(lease).plusMillis(1));
        assertEquals(3, dispatcher.dispatchDue(), "after the lease the dead dispatcher's batch goes out");
        clock.set(NOW.plus(Duration.ofHours(1)));
        assertEquals(0, dispatcher.dispatchDue());

        assertEquals(Map.of(), notExactlyOnce(expected, port.deliveryCounts()),
                "every message due, delivered exactly once (listed: keys delivered another number of times)");
        assertEquals(0, count(pool, "bk_outbox"));
    }

    // ---- (c) two nodes, several threads each ---------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoNodesDispatchingConcurrentlyDeliverEachMessageExactlyOnce(TestDatabases.Kind kind) throws Exception {
        int threadsPerNode = 3;
        HikariDataSource nodeA = freshPool(kind, threadsPerNode + 1);
        HikariDataSource nodeB = TestDatabases.pool(kind, threadsPerNode + 1);
        pools.add(nodeB);
        JdbcBookingStore storeA = JdbcBookingStore.create(nodeA);
        JdbcBookingStore storeB = JdbcBookingStore.create(nodeB);
        storeA.saveResource(studio(100));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Set<String> expected = new TreeSet<>();
        BookingEngine withoutPort = engine(storeA, clock);
        for (int i = 0; i < 10; i++) {
            // Each booking enqueues its CONFIRMED message; nine more per booking make 100.
            Booking b = withoutPort.book(request(NOW.plus(Duration.ofDays(1))), Actor.customer(TENANT, "c" + i));
            expected.add(b.id() + ":CONFIRMED:v0");
            List<OutboxMessage> extra = new ArrayList<>();
            for (int k = 0; k < 9; k++) {
                String key = b.id() + ":extra:" + k;
                expected.add(key);
                extra.add(new OutboxMessage(UUID.randomUUID().toString(), TENANT, b.id(), NotificationKind.REMINDER,
                        Optional.empty(), b.customerId(), Locale.ENGLISH, NOW.minusSeconds(k), key, 0));
            }
            storeA.inUnitOfWork(TENANT, List.of(), unit -> {
                extra.forEach(unit::enqueue);
                return null;
            });
        }
        assertEquals(100, expected.size());
        assertEquals(100, count(nodeA, "bk_outbox"));

        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger delivered = new AtomicInteger();
        NotificationPort port = n -> {
            deliveries.computeIfAbsent(n.dedupeKey(), k -> new AtomicInteger()).incrementAndGet();
            delivered.incrementAndGet();
            try {
                Thread.sleep(1); // a real port takes time; widens the windows for a second claim
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        OutboxDispatcher dispatcherA = OutboxDispatcher.builder(storeA, port, clock).batchSize(4).build();
        OutboxDispatcher dispatcherB = OutboxDispatcher.builder(storeB, port, clock).batchSize(4).build();
        ExecutorService executor = Executors.newFixedThreadPool(2 * threadsPerNode);
        executors.add(executor);
        CountDownLatch ready = new CountDownLatch(2 * threadsPerNode);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        AtomicInteger[] perNode = {new AtomicInteger(), new AtomicInteger()};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int t = 0; t < 2 * threadsPerNode; t++) {
            OutboxDispatcher dispatcher = t % 2 == 0 ? dispatcherA : dispatcherB;
            AtomicInteger node = perNode[t % 2];
            futures.add(executor.submit(() -> {
                ready.countDown();
                go.await();
                int mine = 0;
                // A dispatcher that lost a claim race returns early; keep going until all is out.
                while (delivered.get() < expected.size() && System.nanoTime() < deadline) {
                    mine += dispatcher.dispatchDue();
                }
                node.addAndGet(mine);
                return mine;
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS));
        go.countDown();
        int reported = 0;
        for (Future<Integer> f : futures) {
            reported += f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(0, dispatcherA.dispatchDue() + dispatcherB.dispatchDue(), "nothing is left to deliver");

        Map<String, Integer> counts = new TreeMap<>();
        deliveries.forEach((key, n) -> counts.put(key, n.get()));
        assertEquals(Map.of(), notExactlyOnce(expected, counts),
                "each message is delivered exactly once across both nodes (listed: keys delivered another number of times)");
        assertEquals(expected.size(), reported, "the dispatchers' own counts agree");
        assertTrue(perNode[0].get() > 0 && perNode[1].get() > 0,
                "both nodes must have delivered, or the race proved nothing: " + perNode[0] + " and " + perNode[1]);
        assertEquals(0, count(nodeA, "bk_outbox"));
    }

    // ---- (d) parking ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aMessageThatKeepsFailingIsParkedAndListed(TestDatabases.Kind kind) throws SQLException {
        HikariDataSource pool = freshPool(kind, 4);
        JdbcBookingStore store = JdbcBookingStore.create(pool);
        store.saveResource(studio(10));
        MutableClock clock = new MutableClock(NOW);
        RecordingPort port = new RecordingPort(clock);
        port.failNext(Integer.MAX_VALUE);
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(CLASS))
                .notifications(port).dispatcher((s, p, c) -> OutboxDispatcher.builder(s, p, c)
                        .maxAttempts(3).backoff(Duration.ofSeconds(1)).build()).build();

        Booking booking = engine.book(request(NOW.plus(Duration.ofDays(1))), Actor.customer(TENANT, "ana"));
        assertEquals(List.of(), store.outbox().parkedMessages(TENANT));
        clock.set(NOW.plusSeconds(1));
        assertEquals(0, engine.dispatchNotifications());
        assertEquals(List.of(), store.outbox().parkedMessages(TENANT), "two failures of three: not parked yet");
        clock.set(NOW.plusSeconds(3)); // the backoff doubled: 1 s, then 2 s
        assertEquals(0, engine.dispatchNotifications());

        List<OutboxMessage> parked = store.outbox().parkedMessages(TENANT);
        assertEquals(1, parked.size());
        OutboxMessage message = parked.get(0);
        assertEquals(3, message.attempts());
        assertEquals(NotificationKind.CONFIRMED, message.kind());
        assertEquals(booking.id(), message.bookingId());
        assertEquals(booking.id() + ":CONFIRMED:v0", message.dedupeKey());
        assertEquals(List.of(), store.outbox().parkedMessages("another-tenant"));
        assertTrue(lastError(pool, message.id()).contains("gateway down"), "the last error is kept for inspection");

        clock.set(NOW.plus(Duration.ofDays(30)));
        assertEquals(0, engine.dispatchNotifications());
        assertEquals(List.of(), store.outbox().claimDueMessages(clock.instant(), 10, Duration.ofMinutes(1)),
                "a parked message is never claimed again");
        assertEquals(3, port.attempts().size());
        port.attempts().forEach(a -> assertEquals(message.dedupeKey(), a.notification().dedupeKey()));
        assertEquals(Optional.of(booking), store.reads(TENANT).findBooking(booking.id()), "the booking stands");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private HikariDataSource freshPool(TestDatabases.Kind kind, int size) {
        HikariDataSource pool = TestDatabases.freshPool(kind, size);
        pools.add(pool);
        return pool;
    }

    private static BookingEngine engine(BookingStore store, Clock clock) {
        return BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(CLASS))
                .notificationsDeliveredElsewhere().build();
    }

    private static Resource studio(int capacity) {
        return new Resource(TENANT, STUDIO, "Studio", OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("Europe/Lisbon")),
                capacity);
    }

    private static BookingRequest request(Instant start) {
        return BookingRequest.builder().template(CLASS.name()).resource(STUDIO).start(start).build();
    }

    /** The expected keys not delivered exactly once, with how often they were, and any unexpected key. */
    private static Map<String, Integer> notExactlyOnce(Set<String> expected, Map<String, Integer> counts) {
        Map<String, Integer> result = new TreeMap<>();
        expected.forEach(k -> result.put(k, counts.getOrDefault(k, 0)));
        result.values().removeIf(n -> n == 1);
        counts.forEach((k, n) -> {
            if (!expected.contains(k)) {
                result.put("unexpected " + k, n);
            }
        });
        return result;
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")) {
            ps.setString(1, TENANT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String lastError(DataSource ds, String messageId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_error FROM bk_outbox WHERE id = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return String.valueOf(rs.getString(1));
            }
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    record Attempt(Notification notification, Instant at, boolean delivered) {
    }

    /** Records every call; fails the next few on request, as a gateway that is down would. */
    static final class RecordingPort implements NotificationPort {
        private final Clock clock;
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();

        RecordingPort(Clock clock) {
            this.clock = clock;
        }

        void failNext(int count) {
            failures.set(count);
        }

        @Override
        public void send(Notification notification) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                attempts.add(new Attempt(notification, clock.instant(), false));
                throw new IllegalStateException("SMS gateway down");
            }
            attempts.add(new Attempt(notification, clock.instant(), true));
        }

        List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        Set<String> deliveredKeys() {
            Set<String> keys = new TreeSet<>();
            attempts.stream().filter(Attempt::delivered).forEach(a -> keys.add(a.notification().dedupeKey()));
            return keys;
        }

        Map<String, Integer> deliveryCounts() {
            Map<String, Integer> counts = new TreeMap<>();
            attempts.stream().filter(Attempt::delivered).forEach(a -> counts.merge(a.notification().dedupeKey(), 1, Integer::sum));
            return counts;
        }
    }
}
