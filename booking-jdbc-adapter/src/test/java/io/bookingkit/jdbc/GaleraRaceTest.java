package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.jdbc.internal.LockStep;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.testsupport.ChangeFeedRace;
import io.bookingkit.testsupport.ContractData;
import io.bookingkit.testsupport.RaceHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarantee on a real three-node MariaDB Galera cluster: two application nodes, each with a
 * pool of 8 connections to a different database node, race for the same seats with distinct
 * idempotency keys; afterwards SQL on the third node, after waiting for replication, finds no
 * resource over capacity at any instant and no customer over their limit. Each race has a
 * negative control: the same race with the first release's lock step ({@code SELECT … FOR
 * UPDATE} only, which Galera keeps local to one node) must find the double booking, so these
 * tests are known to be able to fail. Needs Debian's {@code mariadb-server} and
 * {@code galera-4}; without them the tests are reported as not run (and fail under CI, see
 * {@link GaleraCluster#assumeAvailable}).
 */
class GaleraRaceTest {

    private static final String TENANT = "galera";
    private static final int THREADS_PER_NODE = 8;
    private static final int ROUNDS = 40;
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");
    private static final OpeningHours ALWAYS = OpeningHours.parse("Mo-Su 00:00-24:00", ZONE);
    private static final ServiceTemplate CLASS = ServiceTemplate.builder("galera-class")
            .duration(Duration.ofMinutes(30)).slotStep(Duration.ofMinutes(15)).partySize(1, 2)
            .horizon(Duration.ofDays(400)).build();
    private static final ServiceTemplate ONCE_A_DAY = ServiceTemplate.builder("once-a-day")
            .duration(Duration.ofMinutes(30)).horizon(Duration.ofDays(400))
            .limits(Limits.none().withPerCustomerDay(1)).build();

    private static final Logger LOG = LoggerFactory.getLogger(GaleraRaceTest.class);

    private static GaleraCluster cluster;
    private static HikariDataSource setup;
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    static void startCluster() {
        if (GaleraCluster.whyUnavailable().isPresent()) {
            // Each test then reports why it did not run (or fails under CI): a class aborted in
            // @BeforeAll shows in Surefire as "Tests run: 0" with no reason (SUREFIRE-2300).
            return;
        }
        cluster = GaleraCluster.start(3);
        setup = pool(2, 2);
        Schema.create(setup);
    }

    @AfterAll
    static void stopCluster() {
        if (setup != null) {
            setup.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void empty() throws SQLException {
        GaleraCluster.assumeAvailable();
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            for (String table : TestDatabases.TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void twoNodesNeverOverbookAResource() throws Exception {
        Race race = seatRace(LockStep.WRITE);
        LOG.info("Seat race with the writing lock step: {}; overbooked: {}", race, OverbookingQuery.overbooked(setup).size());

        assertEquals(List.of(), race.unexpected, "every loser must get SlotUnavailableException");
        assertEquals(List.of(), OverbookingQuery.overbooked(setup), "no resource may be over capacity at any instant");
        assertTrue(race.successes > 0 && race.refusals > 0, "the race must have winners and losers: " + race);
    }

    @Test
    void withTheLockOnlyStepTheSameRaceOverbooks() throws Exception {
        Race race = seatRace(LockStep.SELECT_FOR_UPDATE);
        LOG.info("Seat race with FOR UPDATE alone: {}; overbooked: {}", race, OverbookingQuery.overbooked(setup).size());

        assertFalse(OverbookingQuery.overbooked(setup).isEmpty(), "with SELECT ... FOR UPDATE alone, which Galera "
                + "keeps on one node, the race should overbook; if it does not, it is too weak to prove anything");
    }

    @Test
    void twoNodesNeverLetACustomerPastTheirLimit() throws Exception {
        Race race = customerRace(LockStep.WRITE);
        LOG.info("Customer race with the writing lock step: {}; over the limit: {}", race, customersOverLimit().size());

        assertEquals(List.of(), race.unexpected, "every loser must be refused by the per-customer limit");
        assertEquals(List.of(), customersOverLimit(), "no customer may have two bookings on one day");
        assertEquals(ROUNDS, race.successes, "each round's customer gets exactly one booking: " + race);
    }

    @Test
    void withTheLockOnlyStepTheCustomerRaceBreaksTheLimit() throws Exception {
        Race race = customerRace(LockStep.SELECT_FOR_UPDATE);
        LOG.info("Customer race with FOR UPDATE alone: {}; over the limit: {}", race, customersOverLimit().size());

        assertFalse(customersOverLimit().isEmpty(), "with SELECT ... FOR UPDATE on the customer row alone the race "
                + "should break the limit; if it does not, it is too weak to prove anything");
    }

    /**
     * Two units on two nodes, each inserting a booking without an idempotency key on its own
     * resource of one tenant, both hold their writes open until the other has written too: both
     * commit at the first attempt. Before version 2 of the schema the NULL idempotency keys gave
     * both the same certification key and one was aborted. The control, the same two units
     * locking one customer too, shows that this set-up sees an abort when there is one.
     */
    @Test
    void bookingsOnDifferentResourcesOfOneTenantDoNotAbortEachOther() throws Exception {
        assertEquals(2, attemptsOfTwoOverlappingUnits(false), "each unit commits at its first attempt");
        assertEquals(3, attemptsOfTwoOverlappingUnits(true), "the control: units that write one customer row "
                + "conflict, and the loser runs a second time");
    }

    /**
     * Dispatchers on two nodes claim from one outbox at once: a claim changes the claimed rows,
     * so certification lets only one of two overlapping claims commit, and no message is handed
     * out twice.
     */
    @Test
    void dispatchersOnTwoNodesNeverClaimOneMessageTwice() throws Exception {
        JdbcBookingStore a = JdbcBookingStore.create(track(pool(0, THREADS_PER_NODE)));
        JdbcBookingStore b = JdbcBookingStore.create(track(pool(1, THREADS_PER_NODE)));
        a.saveResource(new Resource(TENANT, "post-room", "Post room", ALWAYS, 1));
        Booking booking = ContractData.booking("with-mail").tenant(TENANT).resources("post-room").build();
        a.inUnitOfWork(TENANT, List.of("post-room"), u -> {
            u.insert(booking);
            for (int m = 0; m < 60; m++) {
                u.enqueue(ContractData.message("mail-" + m, booking, NotificationKind.CONFIRMED, NOW.minusSeconds(60)));
            }
            return null;
        });
        awaitReplication();

        List<Object> outcomes = RaceHarness.race(2 * THREADS_PER_NODE, t -> (t % 2 == 0 ? a : b).outbox()
                .claimDueMessages(NOW, 4, Duration.ofMinutes(5)));
        List<String> claimed = new ArrayList<>();
        for (Object outcome : outcomes) {
            assertTrue(outcome instanceof List<?>, "a claim failed: " + outcome);
            ((List<?>) outcome).forEach(m -> claimed.add(((OutboxMessage) m).id()));
        }
        LOG.info("Outbox race: {} claims, {} messages claimed", outcomes.size(), claimed.size());

        assertFalse(claimed.isEmpty(), "the dispatchers must claim something");
        assertEquals(claimed.size(), new HashSet<>(claimed).size(), "no message may be claimed twice: " + claimed);
    }

    /**
     * Writers on two nodes commit changes while a reader on each node follows the feed: reading
     * numbers the committed changes under the tenant's head row, which both nodes' readers
     * change, so certification lets one numbering of two commit, and each reader still sees
     * every change once, in order.
     */
    @Test
    void readersOnTwoNodesSeeEveryChangeOnceInOrder() throws Exception {
        BookingStore a = JdbcBookingStore.create(track(pool(0, THREADS_PER_NODE)));
        BookingStore b = JdbcBookingStore.create(track(pool(1, THREADS_PER_NODE)));

        List<String> violations = ChangeFeedRace.run(new BookingStore[] {a, b}, List.of(a.changes(), b.changes()),
                "galera-feed", 4, 30, () -> {
                    try {
                        awaitReplication();
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot wait for replication", e);
                    }
                });

        assertEquals(List.of(), violations);
    }

    private int attemptsOfTwoOverlappingUnits(boolean sameCustomer) throws Exception {
        JdbcBookingStore a = JdbcBookingStore.create(track(pool(0, 2)));
        JdbcBookingStore b = JdbcBookingStore.create(track(pool(1, 2)));
        String round = UUID.randomUUID().toString().substring(0, 8);
        a.saveResource(new Resource(TENANT, "left-" + round, "Left", ALWAYS, 1));
        a.saveResource(new Resource(TENANT, "right-" + round, "Right", ALWAYS, 1));
        awaitReplication();
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch bothWritten = new CountDownLatch(2);
        List<Object> outcomes = RaceHarness.race(2, i -> {
            JdbcBookingStore store = i == 0 ? a : b;
            String resource = (i == 0 ? "left-" : "right-") + round;
            return store.inUnitOfWork(TENANT, List.of(resource), u -> {
                int attempt = attempts.incrementAndGet();
                if (sameCustomer) {
                    u.lockCustomer("shared-" + round);
                }
                u.insert(ContractData.booking("b-" + round + "-" + i).tenant(TENANT).resources(resource).build());
                if (attempt <= 2) {
                    // Neither commits before both have written: their write sets overlap in time.
                    bothWritten.countDown();
                    awaitUninterruptibly(bothWritten);
                }
                return "committed";
            });
        });
        assertEquals(List.of("committed", "committed"), outcomes);
        return attempts.get();
    }

    /** Rounds of 16 racers on two nodes for the same starts on a one-seat and a three-seat resource. */
    private Race seatRace(LockStep step) throws Exception {
        BookingEngine[] engines = engines(step, CLASS);
        JdbcBookingStore store = JdbcBookingStore.create(setup);
        store.saveResource(new Resource(TENANT, "chair", "Chair", ALWAYS, 1));
        store.saveResource(new Resource(TENANT, "studio", "Studio", ALWAYS, 3));
        awaitReplication();
        return race(engines, (round, t) -> {
            String resource = t % 4 < 2 ? "chair" : "studio";
            Instant start = NOW.plus(Duration.ofDays(1 + round)).plus(Duration.ofMinutes(15L * (t % 3)));
            int party = resource.equals("studio") && t % 5 == 0 ? 2 : 1;
            return BookingRequest.builder().template(CLASS.name()).resource(resource).start(start).partySize(party)
                    .idempotencyKey("seat-" + round + "-" + t).build();
        }, (round, t) -> "customer-" + round + "-" + t);
    }

    /**
     * Rounds of 16 racers on two nodes, each on a resource of its own, booking one day for one
     * customer who may book once a day. The customer's lock row exists from an earlier booking,
     * as it does for a returning customer: the first insert of the row would conflict by itself.
     */
    private Race customerRace(LockStep step) throws Exception {
        BookingEngine[] engines = engines(step, ONCE_A_DAY);
        JdbcBookingStore store = JdbcBookingStore.create(setup);
        for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
            store.saveResource(new Resource(TENANT, "desk-" + t, "Desk " + t, ALWAYS, 1));
        }
        try (Connection c = setup.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO bk_customer_lock (tenant_id, customer_id) VALUES (?, ?)")) {
            for (int round = 0; round < ROUNDS; round++) {
                ps.setString(1, TENANT);
                ps.setString(2, "regular-" + round);
                ps.executeUpdate();
            }
        }
        awaitReplication();
        return race(engines, (round, t) -> BookingRequest.builder().template(ONCE_A_DAY.name()).resource("desk-" + t)
                .start(NOW.plus(Duration.ofDays(1 + round)).plus(Duration.ofMinutes(30L * t)))
                .idempotencyKey("day-" + round + "-" + t).build(), (round, t) -> "regular-" + round);
    }

    private interface PerRacer<T> {
        T of(int round, int racer);
    }

    private Race race(BookingEngine[] engines, PerRacer<BookingRequest> requests, PerRacer<String> customers)
            throws Exception {
        int successes = 0;
        int refusals = 0;
        List<String> unexpected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            for (Object outcome : RaceHarness.race(2 * THREADS_PER_NODE, t -> engines[t % 2].book(requests.of(r, t),
                    Actor.customer(TENANT, customers.of(r, t))))) {
                if (outcome instanceof Booking) {
                    successes++;
                } else if (outcome instanceof SlotUnavailableException || outcome instanceof PolicyViolationException) {
                    refusals++;
                } else {
                    unexpected.add(String.valueOf(outcome));
                }
            }
        }
        awaitReplication();
        return new Race(successes, refusals, unexpected);
    }

    /** Customers with more than one blocking booking starting on one day, read on the third node. */
    private List<String> customersOverLimit() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = setup.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_id, DATE(start_at), COUNT(*) FROM bk_booking "
                     + "WHERE status IN ('HELD', 'PENDING', 'CONFIRMED', 'IN_PROGRESS') "
                     + "GROUP BY customer_id, DATE(start_at) HAVING COUNT(*) > 1")) {
            while (rs.next()) {
                lines.add(rs.getString(1) + " on " + rs.getString(2) + ": " + rs.getInt(3) + " bookings");
            }
        }
        return lines;
    }

    private BookingEngine[] engines(LockStep step, ServiceTemplate template) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        BookingEngine[] engines = new BookingEngine[2];
        for (int node = 0; node < 2; node++) {
            BookingStore store = JdbcBookingStore.builder(track(pool(node, THREADS_PER_NODE)))
                    .lockStepForTesting(step).build();
            engines[node] = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(template))
                    .notificationsDeliveredElsewhere().build();
        }
        return engines;
    }

    /**
     * Waits until every node has applied everything committed anywhere before this call, so that
     * what the test set up on one node is there on the others (a causal read with
     * {@code wsrep_sync_wait = 1} on each).
     */
    private static void awaitReplication() throws SQLException {
        for (int node = 0; node < cluster.size(); node++) {
            try (Connection c = java.sql.DriverManager.getConnection(cluster.jdbcUrl(node), "root", "");
                 Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
                s.executeQuery("SELECT COUNT(*) FROM bk_resource").close();
            }
        }
    }

    /**
     * A pool on database node {@code node}. Node 2's pool reads with {@code wsrep_sync_wait = 1},
     * so its reads wait for every write set the cluster committed before them.
     */
    private static HikariDataSource pool(int node, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cluster.jdbcUrl(node));
        config.setUsername("root");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("galera-node-" + node);
        if (node == 2) {
            config.setConnectionInitSql("SET SESSION wsrep_sync_wait = 1");
        }
        return new HikariDataSource(config);
    }

    private HikariDataSource track(HikariDataSource pool) {
        pools.add(pool);
        return pool;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the other unit did not write");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Race(int successes, int refusals, List<String> unexpected) {
    }
}
