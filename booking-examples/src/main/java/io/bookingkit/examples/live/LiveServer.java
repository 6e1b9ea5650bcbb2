package io.bookingkit.examples.live;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.error.BookingException;
import io.bookingkit.examples.ExampleDatabase;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live availability calendar over HTTP: a page with a week per resource that updates itself
 * as bookings change, from any node, through the engine's change feed. It runs on the JDK's
 * {@code com.sun.net.httpserver} and binds to 127.0.0.1 only.
 *
 * <p>One server serves one tenant, fixed when it is built, and the resources it was given, each
 * with the template whose slots it offers. The page acts as the tenant's front desk: it books
 * in the name a visitor types, as that customer (so the customer's rules apply: notice, limits
 * per day), and cancels as staff of the resources. There is no login: this is an example, not
 * an application.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /}</td><td>the page ({@code live.js} and {@code calendar.css} beside it)</td></tr>
 *   <tr><td>{@code GET /api/resources}</td><td>the resources: id, name, zone, capacity, template</td></tr>
 *   <tr><td>{@code GET /api/resources/{id}/week?start=YYYY-MM-DD}</td><td>the week from that date
 *       (this week's Monday without it): opening hours, free slots, bookings with their status,
 *       the feed position taken before reading them, and the week rendered as the page shows it</td></tr>
 *   <tr><td>{@code POST /api/bookings}</td><td>books {@code {"resource", "start", "customer",
 *       "template"}} (template optional); 201 with the booking</td></tr>
 *   <tr><td>{@code POST /api/bookings/{id}/cancel}</td><td>cancels, with an optional
 *       {@code {"reason"}}; 200 with the booking</td></tr>
 *   <tr><td>{@code GET /events}</td><td>the tenant's changes as Server-Sent Events, from the
 *       {@code Last-Event-ID} header, else the {@code after} query parameter, else now</td></tr>
 * </table>
 *
 * <p>Errors are JSON objects with {@code status}, {@code code}, {@code message} and, for rules,
 * {@code violations} (each with its code and message): 400 for a malformed value (the message
 * names it), 404 for an unknown resource or booking, 409 when the time is taken or the booking's
 * status does not allow the step, 422 for broken rules.
 *
 * <p>Every event's {@code id} is a feed position: a client that reconnects with it (as
 * {@code EventSource} does by itself) gets every change it missed, once and in order, from this
 * server or any other on the same database. One reader per server follows the feed and fans its
 * changes out to the connected clients; a client that starts from an older position catches up
 * from the store first. A client whose position the feed no longer keeps gets a {@code reset}
 * event, re-reads what it shows and goes on from the event's id.
 */
public final class LiveServer implements AutoCloseable {

    /** The port {@link #main} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8080;
    /** The system property {@link #main} reads the port from. */
    public static final String PORT_PROPERTY = "live.port";
    /** How often an idle event stream gets a comment line, unless the builder says otherwise. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(LiveServer.class);
    private static final String DEMO_TENANT = "demo";

    private final HttpServer http;
    private final ExecutorService exchanges;
    private final FeedHub hub;
    private final Optional<ScheduledExecutorService> maintenance;
    private final URI uri;

    private LiveServer(Builder b) throws IOException {
        Actor desk = Actor.staff(b.tenantId, "live-calendar", b.templates.keySet());
        this.hub = FeedHub.start(b.engine, b.tenantId);
        this.exchanges = Threads.perTask("live-http");
        HttpServer server = null;
        Optional<ScheduledExecutorService> scheduled = Optional.empty();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), b.port), 0);
            server.setExecutor(exchanges);
            server.createContext("/", new Api(b.engine, b.tenantId, desk, Map.copyOf(b.templates),
                    List.copyOf(b.templates.keySet()), b.clock, hub, b.heartbeat));
            scheduled = b.maintenanceEvery.map(every -> {
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                        Threads.daemons("live-maintenance"));
                scheduler.scheduleWithFixedDelay(() -> runMaintenance(b.engine), every.toMillis(), every.toMillis(),
                        TimeUnit.MILLISECONDS);
                return scheduler;
            });
            server.start();
        } catch (IOException | RuntimeException e) {
            // Nothing of a server that failed to start may keep running.
            scheduled.ifPresent(ExecutorService::shutdownNow);
            if (server != null) {
                server.stop(0);
            }
            hub.close();
            exchanges.shutdownNow();
            throw e;
        }
        this.http = server;
        this.maintenance = scheduled;
        this.uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
        LOG.info("Live calendar of tenant {} at {}", b.tenantId, uri);
    }

    private static void runMaintenance(BookingEngine engine) {
        try {
            engine.runMaintenance();
        } catch (RuntimeException e) {
            // The next run tries again; one failed run must not end the schedule.
            LOG.warn("Maintenance failed", e);
        }
    }

    /**
     * A builder for a server showing {@code tenantId}'s calendars.
     *
     * @param engine   the engine to book through and follow the feed of
     * @param tenantId the tenant the server serves
     * @return a new builder
     */
    public static Builder builder(BookingEngine engine, String tenantId) {
        return new Builder(engine, tenantId);
    }

    /**
     * The page's address, such as {@code http://127.0.0.1:8080/}.
     *
     * @return the address the server listens on
     */
    public URI uri() {
        return uri;
    }

    /**
     * The port the server listens on: the one asked for, or the one chosen for port 0.
     *
     * @return the port
     */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Ends the event streams, stops listening and stops the maintenance schedule. */
    @Override
    public void close() {
        maintenance.ifPresent(ExecutorService::shutdownNow);
        hub.close();
        http.stop(0);
        exchanges.shutdownNow();
        LOG.info("Live calendar at {} stopped", uri);
    }

    /** Configures a {@link LiveServer}. */
    public static final class Builder {

        private final BookingEngine engine;
        private final String tenantId;
        private final Map<String, String> templates = new LinkedHashMap<>();
        private int port = DEFAULT_PORT;
        private Clock clock = Clock.systemUTC();
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Optional<Duration> maintenanceEvery = Optional.empty();

        private Builder(BookingEngine engine, String tenantId) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        }

        /**
         * Shows a resource, offering the slots of {@code templateName}; resources are listed in
         * the order they are added.
         *
         * @param resourceId   a resource of the tenant
         * @param templateName the template its slots and bookings use
         * @return this builder
         */
        public Builder resource(String resourceId, String templateName) {
            templates.put(Objects.requireNonNull(resourceId, "resourceId"), Objects.requireNonNull(templateName, "templateName"));
            return this;
        }

        /**
         * The port to listen on, on 127.0.0.1; 0 for any free one. {@link #DEFAULT_PORT} by default.
         *
         * @param port 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The clock that says which week is this week; the engine's clock, ideally. The system's
         * UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How often an idle event stream gets a comment line, which keeps proxies from closing it
         * and tells the server when a client has gone. {@link #DEFAULT_HEARTBEAT} by default.
         *
         * @param heartbeat a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder heartbeat(Duration heartbeat) {
            if (heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("heartbeat must be positive, but was " + heartbeat);
            }
            this.heartbeat = heartbeat;
            return this;
        }

        /**
         * Runs {@link BookingEngine#runMaintenance()} this often (expired holds and pending
         * bookings, offers, reminders). Off by default: an application usually schedules it
         * itself. Several servers may all run it; each piece of work is done once.
         *
         * @param every a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maintenanceEvery(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("maintenance interval must be positive, but was " + every);
            }
            this.maintenanceEvery = Optional.of(every);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server; close it to stop it
         * @throws IllegalStateException if no resource was added
         * @throws UncheckedIOException if the port cannot be bound
         */
        public LiveServer start() {
            if (templates.isEmpty()) {
                throw new IllegalStateException("A live calendar needs at least one resource: call resource(id, template)");
            }
            try {
                return new LiveServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }
    }

    // ------------------------------------------------------------------ the demo

    /**
     * Runs the live calendar for a demo tenant with a barber's chair (Buenos Aires) and a yoga
     * studio of twelve seats (Berlin), a few bookings already made, maintenance every five
     * seconds, and prints the page's address. Runs until the JVM is stopped (Ctrl-C).
     *
     * <pre>
     * mvn -q -B -pl booking-examples -am -DskipTests package exec:java -Dexec.mainClass=io.bookingkit.examples.live.LiveServer
     * </pre>
     *
     * @param args optionally {@code --port=N} (else system property {@value #PORT_PROPERTY}, else
     *        {@value #DEFAULT_PORT}; 0 for any free port), then optionally the JDBC URL, the user
     *        name and the password (an H2 database in memory without them)
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        int port = Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT);
        List<String> database = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = parsePort(arg.substring("--port=".length()));
            } else {
                database.add(arg);
            }
        }
        HikariDataSource dataSource = ExampleDatabase.fromArgs(database.toArray(String[]::new),
                "jdbc:h2:mem:live;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0");
        Schema.create(dataSource);
        JdbcBookingStore store = JdbcBookingStore.create(dataSource);
        Clock clock = Clock.systemUTC();
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.verticals()).build();
        Map<String, String> resources = seed(engine, clock);
        Builder builder = builder(engine, DEMO_TENANT).port(port).clock(clock).maintenanceEvery(Duration.ofSeconds(5));
        resources.forEach(builder::resource);
        LiveServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            dataSource.close();
            stopped.countDown();
        }, "live-shutdown"));
        out.println("Live calendar (" + store.dialect().name() + ", tenant " + DEMO_TENANT + "): " + server.uri());
        out.println("Open it in two browser windows, book a free slot in one and watch the other. Ctrl-C stops it.");
        stopped.await();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, but was '" + text + "'", e);
        }
    }

    /**
     * The demo's resources (registered again on every start, so a database that outlives a run
     * keeps working) and a few bookings over the next days, made with idempotency keys so a
     * restart does not repeat them.
     *
     * @return each resource's id and template
     */
    static Map<String, String> seed(BookingEngine engine, Clock clock) {
        ZoneId buenosAires = ZoneId.of("America/Argentina/Buenos_Aires");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Resource chair = engine.resources().register(Resource.of(DEMO_TENANT, "chair-1", "Silla de Martín (barber)",
                OpeningHours.parse("Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off", buenosAires)));
        Resource studio = engine.resources().register(new Resource(DEMO_TENANT, "studio-a", "Yoga studio A",
                OpeningHours.parse("Mo-Fr 07:00-10:00,17:00-21:00; Sa 09:00-13:00", berlin), 12));
        for (int day = 1; day <= 3; day++) {
            seedBooking(engine, clock, chair, "barber", day, LocalTime.of(10, 0), "Lucía");
            seedBooking(engine, clock, chair, "barber", day, LocalTime.of(16, 30), "Diego");
            seedBooking(engine, clock, studio, "group-class", day, LocalTime.of(18, 0), "Mia");
            seedBooking(engine, clock, studio, "group-class", day, LocalTime.of(18, 0), "Jonas");
        }
        Map<String, String> resources = new LinkedHashMap<>();
        resources.put(chair.id(), "barber");
        resources.put(studio.id(), "group-class");
        return resources;
    }

    private static void seedBooking(BookingEngine engine, Clock clock, Resource resource, String template, int daysAhead,
                                    LocalTime time, String customer) {
        LocalDate date = LocalDate.now(clock.withZone(resource.zone())).plusDays(daysAhead);
        try {
            engine.book(BookingRequest.builder().template(template).resource(resource.id())
                    .start(WallClock.toInstant(date, time, resource.zone()))
                    .idempotencyKey(String.join("-", "seed", resource.id(), date.toString(), time.toString(), customer))
                    .build(), Actor.customer(resource.tenantId(), customer));
        } catch (BookingException e) {
            // Closed that day, or the time is taken: the demo does without this booking.
            LOG.debug("Seed booking of {} on {} {} skipped: {}", customer, date, time, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "LiveServer[" + uri + "]";
    }
}
