package io.bookingkit.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.internal.LockStep;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the write in the lock step costs: the engine's whole booking (resource lock, customer
 * lock for a template with a per-customer limit, reads, decision, inserts) with the store's lock
 * step, which bumps each locked row's {@code lock_version}, against the same booking with the
 * first release's {@code SELECT … FOR UPDATE}, on each database, 4 threads over 200 resources
 * and 1,000 customers. The baseline is the {@code SELECT_FOR_UPDATE} run of the same database in
 * the same JMH run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class LockStepBenchmark {

    private static final int RESOURCES = 200;
    private static final int CUSTOMERS = 1_000;
    private static final String TENANT = "bench";
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    /** The database, embedded: {@code H2} (in memory), {@code POSTGRESQL} or {@code MARIADB}. */
    @Param({"H2", "POSTGRESQL", "MARIADB"})
    public String database;

    /**
     * The lock step, by its name in the store's internal {@code LockStep}: {@code WRITE}, the
     * store's own, or {@code SELECT_FOR_UPDATE}, the baseline.
     */
    @Param({"WRITE", "SELECT_FOR_UPDATE"})
    public String step;

    BenchDatabase db;
    BookingEngine engine;
    final AtomicLong sequence = new AtomicLong();

    /**
     * Starts {@link #database}, creates the schema, and builds a store with {@link #step} (set
     * through the store's test-only seam) and an engine over 200 resources open around the
     * clock, with a 30-minute template limited to 1,000 bookings a day per customer, so that
     * each booking also locks its customer.
     *
     * @throws Exception when the database cannot start or the seam cannot be reached
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        db = BenchDatabase.start(database, 4, "lockstep");
        HikariDataSource pool = db.pool();
        JdbcBookingStore.Config.Builder builder = JdbcBookingStore.builder(pool);
        // The weaker step is a test-only seam, reached here by reflection so that it stays out
        // of the public API.
        Method seam = builder.getClass().getDeclaredMethod("lockStepForTesting", LockStep.class);
        seam.setAccessible(true);
        seam.invoke(builder, LockStep.valueOf(step));
        JdbcBookingStore store = builder.build();
        OpeningHours always = OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("UTC"));
        for (int r = 0; r < RESOURCES; r++) {
            store.saveResource(Resource.of(TENANT, "r" + r, "Resource " + r, always));
        }
        ServiceTemplate template = ServiceTemplate.builder("slot").duration(Duration.ofMinutes(30))
                .horizon(Duration.ofDays(20_000)).limits(Limits.none().withPerCustomerDay(1_000)).build();
        engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(template)).notificationsDeliveredElsewhere().build();
    }

    /**
     * Closes the pool and stops the database.
     *
     * @throws Exception when a database cannot be stopped
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        db.close();
    }

    /**
     * The n-th booking: resources in turn, each one's bookings back to back, so none conflict;
     * customers in turn. Bookings per second over 4 threads, against the same database's
     * {@code SELECT_FOR_UPDATE} run.
     *
     * @return the booking's id, for JMH to consume
     */
    @Benchmark
    public String book() {
        long n = sequence.incrementAndGet();
        return engine.book(BookingRequest.builder().template("slot").resource("r" + (n % RESOURCES))
                .start(NOW.plus(Duration.ofMinutes(30 * (n / RESOURCES + 1)))).build(),
                Actor.customer(TENANT, "c" + (n % CUSTOMERS))).id();
    }
}
