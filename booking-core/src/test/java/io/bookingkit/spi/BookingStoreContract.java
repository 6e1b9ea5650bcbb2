package io.bookingkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bookingkit.BookingEngine;
import io.bookingkit.BookingException;
import io.bookingkit.BookingNotFoundException;
import io.bookingkit.IdempotencyKeyReusedException;
import io.bookingkit.SlotUnavailableException;
import io.bookingkit.StaleBookingException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Channel;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * The contract every {@link BookingStore} passes. It ships in {@code booking-core}'s test-jar; a
 * store's test is a small subclass that says how to make an empty store:
 *
 * <pre>
 * class JdbcH2ContractTest extends BookingStoreContract {
 *     protected BookingStore newStore() { emptyTables(dataSource); return JdbcBookingStore.create(dataSource); }
 * }
 * </pre>
 *
 * <p>Only the public API is used: the store port itself, and a {@link BookingEngine} over the
 * store for the races. The bookings written directly never put more blocking seats on a
 * resource than it has, so a store may enforce capacity itself as a backstop (PostgreSQL's
 * exclusion constraint does, for one-seat resources). Every instant is whole microseconds
 * (databases keep no more) and before 2038 (MariaDB's {@code TIMESTAMP} ends there). Nothing
 * depends on timing: clocks are fixed, threads are released together by a latch, and every
 * wait has a generous timeout that only a deadlock reaches.
 *
 * <p>Hooks for subclasses: {@link #raceThreads()}, {@link #raceRounds()},
 * {@link #secondNode(BookingStore)} (a second "application node" over the same data) and
 * {@link #assertNoOverbookingInStorage()} (an extra check of the stored rows after each race,
 * such as an SQL query).
 */
public abstract class BookingStoreContract {

    protected static final String TENANT = "acme";
    protected static final String OTHER_TENANT = "globex";

    /** Open every day from 06:00 to 22:00 UTC; the races book on it. */
    protected static final OpeningHours OPEN_DAILY = OpeningHours.parse("Mo-Su 06:00-22:00", ZoneOffset.UTC);

    /** The engines of the races run at this instant, two days before the Wednesday of {@link #at}. */
    protected static final Instant NOW = Instant.parse("2031-03-10T08:00:00Z");

    /** Generous bound for waits that only a deadlock or a lost thread can reach. */
    protected static final Duration DEADLOCK_TIMEOUT = Duration.ofSeconds(60);

    private static final OpeningHours BARBER_HOURS = OpeningHours.parse(
            "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off; 2031-12-24 09:00-12:00",
            ZoneId.of("America/Argentina/Buenos_Aires"));

    private static final Actor BOSS = Actor.admin(TENANT, "boss");

    private static final Interval EVER = Interval.of(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2037-12-31T00:00:00Z"));

    /** The store under test, fresh for each test. */
    protected BookingStore store;

    /**
     * An empty store. Called once before each test; a subclass may clean its tables here.
     */
    protected abstract BookingStore newStore();

    /** Threads that race for the same seats; at least 32 by default. */
    protected int raceThreads() {
        return 32;
    }

    /** Rounds of the race for the same seats, each at another start; 5 by default. */
    protected int raceRounds() {
        return 5;
    }

    /**
     * A store over the same data as {@code store}, as a second application node sees it (for a
     * database, another store on another connection pool). The races spread their threads over
     * both. The in-memory store has one node, so by default this is {@code store} itself.
     */
    protected BookingStore secondNode(BookingStore store) {
        return store;
    }

    /**
     * An extra check after each race that no resource is over capacity at any instant, for
     * example an SQL query over the bookings table. Does nothing by default; the race tests
     * always check the bookings read back through the port as well.
     */
    protected void assertNoOverbookingInStorage() {
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** {@code 2031-03-12T<time>Z}, a Wednesday; {@code time} may carry microseconds. */
    protected static Instant at(String time) {
        return Instant.parse("2031-03-12T" + time + "Z");
    }

    /** The interval between two times of {@link #at}. */
    protected static Interval between(String start, String end) {
        return Interval.of(at(start), at(end));
    }

    /** A resource of one seat, open daily. */
    protected static Resource resource(String tenantId, String id) {
        return new Resource(tenantId, id, "Resource " + id, OPEN_DAILY, 1);
    }

    /** Saves capacity-one resources of {@code tenantId}. */
    protected void givenResources(String tenantId, String... ids) {
        for (String id : ids) {
            store.saveResource(resource(tenantId, id));
        }
    }

    /** A booking with plain defaults (tenant {@link #TENANT}, room-1, 10:00-11:00, confirmed); change what matters. */
    protected static BookingDraft booking(String id) {
        return new BookingDraft(id);
    }

    /** Inserts each booking in its own unit of work, saving its resources first if they are missing. */
    protected void insert(Booking... bookings) {
        for (Booking b : bookings) {
            for (String r : b.resourceIds()) {
                if (store.findResource(b.tenantId(), r).isEmpty()) {
                    store.saveResource(resource(b.tenantId(), r));
                }
            }
            store.inUnitOfWork(b.tenantId(), b.resourceIds(), unit -> {
                unit.insert(b);
                return null;
            });
        }
    }

    /** Applies {@code changed} (one version after the stored copy) in its own unit of work. */
    protected void update(Booking changed) {
        store.inUnitOfWork(changed.tenantId(), changed.resourceIds(), unit -> {
            unit.update(changed);
            return null;
        });
    }

    /** Adds messages to the outbox in one unit of work that locks {@code booking}'s resources. */
    protected void enqueue(Booking booking, OutboxMessage... messages) {
        store.inUnitOfWork(booking.tenantId(), booking.resourceIds(), unit -> {
            for (OutboxMessage m : messages) {
                unit.enqueue(m);
            }
            return null;
        });
    }

    /** An outbox message about {@code booking}, due at {@code dueAt}. */
    protected static OutboxMessage message(String id, Booking booking, NotificationKind kind, Instant dueAt) {
        Optional<Channel> channel = kind == NotificationKind.REMINDER ? Optional.of(Channel.SMS) : Optional.empty();
        return new OutboxMessage(id, booking.tenantId(), booking.id(), kind, channel, booking.customerId(),
                booking.locale(), dueAt, booking.id() + ":" + kind + ":" + id, 0);
    }

    protected static List<String> ids(Collection<Booking> bookings) {
        return bookings.stream().map(Booking::id).toList();
    }

    protected static List<String> messageIds(Collection<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::id).toList();
    }

    /** Every message that is claimable at {@code now}, claimed for a minute. */
    protected List<OutboxMessage> claimAll(Instant now) {
        return store.claimDueMessages(now, 1_000, Duration.ofMinutes(1));
    }

    /** Collects a booking; every component has a plain default. Not thread-safe. */
    protected static final class BookingDraft {
        private final String id;
        private String tenantId = TENANT;
        private List<String> resourceIds = List.of("room-1");
        private String customerId = "cust-1";
        private String templateName = "consult";
        private Interval interval = between("10:00:00", "11:00:00");
        private Duration bufferBefore = Duration.ZERO;
        private Duration bufferAfter = Duration.ZERO;
        private int partySize = 1;
        private BookingStatus status = BookingStatus.CONFIRMED;
        private String seriesId;
        private String idempotencyKey;
        private String requestHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        private Locale locale = Locale.ENGLISH;
        private Instant createdAt = Instant.parse("2031-03-01T09:00:00.000001Z");
        private Instant expiresAt;
        private boolean forced;
        private List<Transition> history;

        private BookingDraft(String id) {
            this.id = id;
        }

        public BookingDraft tenant(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public BookingDraft resources(String... resourceIds) {
            this.resourceIds = List.of(resourceIds);
            return this;
        }

        public BookingDraft customer(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public BookingDraft template(String templateName) {
            this.templateName = templateName;
            return this;
        }

        /** The customer's time, as {@link #between}. */
        public BookingDraft time(String start, String end) {
            this.interval = between(start, end);
            return this;
        }

        public BookingDraft interval(Interval interval) {
            this.interval = interval;
            return this;
        }

        public BookingDraft buffers(Duration before, Duration after) {
            this.bufferBefore = before;
            this.bufferAfter = after;
            return this;
        }

        public BookingDraft party(int partySize) {
            this.partySize = partySize;
            return this;
        }

        public BookingDraft status(BookingStatus status) {
            this.status = status;
            return this;
        }

        public BookingDraft series(String seriesId) {
            this.seriesId = seriesId;
            return this;
        }

        public BookingDraft key(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public BookingDraft requestHash(String requestHash) {
            this.requestHash = requestHash;
            return this;
        }

        public BookingDraft locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        public BookingDraft createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public BookingDraft expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public BookingDraft forced(boolean forced) {
            this.forced = forced;
            return this;
        }

        public BookingDraft history(Transition... history) {
            this.history = List.of(history);
            return this;
        }

        /** The booking at version 0; without a history, one creating transition by the customer. */
        public Booking build() {
            List<Transition> h = history != null ? history
                    : List.of(new Transition(Optional.empty(), status, Actor.customer(tenantId, customerId), createdAt, ""));
            Interval occupied = Interval.of(interval.getStart().minus(bufferBefore), interval.getEnd().plus(bufferAfter));
            return new Booking(id, tenantId, resourceIds, customerId, templateName, interval, occupied, partySize, status,
                    0, Optional.ofNullable(seriesId), Optional.ofNullable(idempotencyKey), requestHash, locale, createdAt,
                    createdAt, Optional.ofNullable(expiresAt), forced, h);
        }
    }

    // ---- resources -----------------------------------------------------------------------------

    @Test
    void resource_saved_is_found_equal() {
        Resource chair = new Resource(TENANT, "chair-1", "Silla 1 — Barbería Centro", BARBER_HOURS, 1);
        store.saveResource(chair);

        assertEquals(Optional.of(chair), store.findResource(TENANT, "chair-1"));
        assertEquals(Optional.empty(), store.findResource(TENANT, "chair-2"));
    }

    @Test
    void resource_saved_again_replaces_the_one_of_that_tenant_and_id() {
        store.saveResource(new Resource(TENANT, "studio", "Studio", OPEN_DAILY, 10));
        Resource moved = new Resource(TENANT, "studio", "Big studio", BARBER_HOURS, 12);
        store.saveResource(moved);

        assertEquals(Optional.of(moved), store.findResource(TENANT, "studio"));
        assertEquals(List.of(moved), store.resources(TENANT));
    }

    @Test
    void resources_are_listed_per_tenant_by_id() {
        Resource b = resource(TENANT, "room-b");
        Resource a = resource(TENANT, "room-a");
        Resource c = resource(TENANT, "room-c");
        Resource elsewhere = new Resource(OTHER_TENANT, "room-a", "Not ours", OPEN_DAILY, 3);
        store.saveResource(b);
        store.saveResource(elsewhere);
        store.saveResource(c);
        store.saveResource(a);

        assertEquals(List.of(a, b, c), store.resources(TENANT));
        assertEquals(List.of(elsewhere), store.resources(OTHER_TENANT));
        assertEquals(Optional.of(a), store.findResource(TENANT, "room-a"));
        assertEquals(Optional.of(elsewhere), store.findResource(OTHER_TENANT, "room-a"));
        assertEquals(List.of(), store.resources("initech"));
    }

    // ---- bookings: round trip ------------------------------------------------------------------

    @Test
    void booking_with_every_optional_field_comes_back_equal() {
        store.saveResource(new Resource(TENANT, "room-2", "Room 2", OPEN_DAILY, 2));
        store.saveResource(new Resource(TENANT, "chair-1", "Chair 1", OPEN_DAILY, 2));
        Actor staff = Actor.staff(TENANT, "staff-7", Set.of("room-2", "chair-1"));
        Booking full = booking("bk-full")
                .resources("room-2", "chair-1") // not in id order: the order is part of the booking
                .customer("cust-42")
                .template("psychologist")
                .interval(Interval.of(at("10:00:00.123456"), at("10:50:00.654321")))
                .buffers(Duration.ofMinutes(5), Duration.ofMinutes(10))
                .party(2)
                .status(BookingStatus.PENDING)
                .series("series-1")
                .key("idem-1")
                .locale(Locale.forLanguageTag("es-AR"))
                .createdAt(Instant.parse("2031-03-10T08:00:00.000001Z"))
                .expiresAt(Instant.parse("2031-03-10T20:00:00.999999Z"))
                .forced(true)
                .history(
                        new Transition(Optional.empty(), BookingStatus.HELD, Actor.customer(TENANT, "cust-42"),
                                Instant.parse("2031-03-10T07:50:00.000001Z"), ""),
                        new Transition(Optional.of(BookingStatus.HELD), BookingStatus.PENDING, staff,
                                Instant.parse("2031-03-10T08:00:00.000001Z"),
                                "forced over a conflict: cliente habitual, año nuevo ✂"))
                .build();
        insert(full);

        Booking found = store.findBooking(TENANT, "bk-full").orElseThrow();
        assertEquals(full, found);
        assertEquals(List.of("room-2", "chair-1"), found.resourceIds());
        assertEquals(Locale.forLanguageTag("es-AR"), found.locale());
        assertEquals(Set.of("room-2", "chair-1"), found.history().get(1).actor().resourceIds());
    }

    @Test
    void booking_without_optional_fields_comes_back_equal() {
        Booking plain = booking("bk-plain")
                .interval(Interval.of(at("12:00:00"), at("12:30:00")))
                .locale(Locale.forLanguageTag("pt-BR"))
                .history(new Transition(Optional.empty(), BookingStatus.CONFIRMED, Actor.system(TENANT),
                        Instant.parse("2031-03-01T09:00:00.000001Z"), ""))
                .build();
        insert(plain);

        Booking found = store.findBooking(TENANT, "bk-plain").orElseThrow();
        assertEquals(plain, found);
        assertEquals(Optional.empty(), found.seriesId());
        assertEquals(Optional.empty(), found.idempotencyKey());
        assertEquals(Optional.empty(), found.expiresAt());
        assertFalse(found.forced());
    }

    @Test
    void booking_in_every_status_comes_back_equal() {
        List<Booking> all = new ArrayList<>();
        int hour = 6;
        for (BookingStatus status : BookingStatus.values()) {
            String start = String.format("%02d:00:00", hour++);
            String end = String.format("%02d:00:00", hour);
            all.add(booking("bk-" + status.name().toLowerCase(Locale.ROOT)).status(status).time(start, end)
                    .history(new Transition(Optional.empty(), BookingStatus.PENDING, BOSS,
                                    at(start).minus(Duration.ofDays(1)), ""),
                            new Transition(Optional.of(BookingStatus.PENDING), status, BOSS,
                                    at(start).minus(Duration.ofHours(1)), "because"))
                    .build());
        }
        insert(all.toArray(Booking[]::new));

        for (Booking b : all) {
            assertEquals(Optional.of(b), store.findBooking(TENANT, b.id()), b.id());
        }
    }

    @Test
    void booking_unknown_is_not_found() {
        assertEquals(Optional.empty(), store.findBooking(TENANT, "nope"));
        insert(booking("bk-1").build());
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-2"));
    }

    @Test
    void unit_of_work_reads_committed_bookings_and_its_own_writes() {
        Booking committed = booking("bk-a").time("09:00:00", "10:00:00").build();
        insert(committed);
        Booking added = booking("bk-b").time("10:00:00", "11:00:00").key("idem-b").customer("cust-2").build();
        Booking changed = committed.transitioned(BookingStatus.CANCELLED, BOSS,
                at("08:00:00"), "closed");

        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            assertEquals(List.of(committed), unit.findOverlapping(List.of("room-1"), between("00:00:00", "23:00:00")));
            unit.insert(added);
            assertEquals(Optional.of(added), unit.findBooking("bk-b"));
            assertEquals(Optional.of(added), unit.findByIdempotencyKey("idem-b"));
            unit.update(changed);
            assertEquals(Optional.of(changed), unit.findBooking("bk-a"));
            assertEquals(List.of(changed, added),
                    unit.findOverlapping(List.of("room-1"), between("00:00:00", "23:00:00")));
            assertEquals(List.of(added), unit.findByCustomer("cust-2", between("00:00:00", "23:00:00")));
            return null;
        });

        assertEquals(Optional.of(changed), store.findBooking(TENANT, "bk-a"));
        assertEquals(Optional.of(added), store.findBooking(TENANT, "bk-b"));
    }

    @Test
    void unit_of_work_returns_what_the_work_returns() {
        givenResources(TENANT, "room-1");
        assertEquals("done", store.inUnitOfWork(TENANT, List.of("room-1"), unit -> "done"));
    }

    // ---- queries -------------------------------------------------------------------------------

    /**
     * Seven bookings: a 10-11, b 11-12 and f 10:15-10:45 (cancelled) on room-1; c 10:30-11:30 on
     * room-2; d 10-12 on room-3; e 9-10 on room-3 and room-1; g 12:30-13:00 on room-1 with
     * buffers occupying 12:00-13:30. Returned in that order: a, b, c, d, e, f, g.
     */
    private List<Booking> givenOverlappingBookings() {
        givenResources(TENANT, "room-1", "room-2", "room-3");
        Booking a = booking("bk-a").resources("room-1").time("10:00:00", "11:00:00").build();
        Booking b = booking("bk-b").resources("room-1").time("11:00:00", "12:00:00").build();
        Booking c = booking("bk-c").resources("room-2").time("10:30:00", "11:30:00").build();
        Booking d = booking("bk-d").resources("room-3").time("10:00:00", "12:00:00").build();
        Booking e = booking("bk-e").resources("room-3", "room-1").time("09:00:00", "10:00:00").build();
        Booking f = booking("bk-f").resources("room-1").time("10:15:00", "10:45:00").status(BookingStatus.CANCELLED).build();
        // Its own time is 12:30-13:00, but its buffers occupy the room from 12:00 to 13:30.
        Booking g = booking("bk-g").resources("room-1").time("12:30:00", "13:00:00")
                .buffers(Duration.ofMinutes(30), Duration.ofMinutes(30)).build();
        insert(g, f, e, d, c, b, a);
        return List.of(a, b, c, d, e, f, g);
    }

    private List<String> overlapping(Collection<String> resources, String start, String end) {
        return ids(store.findOverlapping(TENANT, resources, between(start, end)));
    }

    @Test
    void overlapping_excludes_a_booking_ending_where_the_range_starts() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-b"), overlapping(List.of("room-1"), "11:00:00", "11:30:00"));
    }

    @Test
    void overlapping_excludes_a_booking_starting_where_the_range_ends() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-e"), overlapping(List.of("room-1"), "09:00:00", "10:00:00"));
    }

    @Test
    void overlapping_includes_one_shared_microsecond() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-a"), overlapping(List.of("room-1"), "10:59:59.999999", "11:00:00"));
        assertEquals(List.of("bk-b"), overlapping(List.of("room-1"), "11:00:00", "11:00:00.000001"));
    }

    @Test
    void overlapping_returns_any_status_in_order_of_start() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-a", "bk-f"), overlapping(List.of("room-1"), "10:00:00", "11:00:00"));
    }

    @Test
    void overlapping_searches_only_the_requested_resources() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-a", "bk-f", "bk-c", "bk-b"),
                overlapping(List.of("room-1", "room-2"), "10:00:00", "12:00:00"));
        assertEquals(List.of("bk-c"), overlapping(List.of("room-2"), "09:00:00", "18:00:00"));
        assertEquals(List.of(), overlapping(List.of("room-9"), "09:00:00", "18:00:00"));
    }

    @Test
    void overlapping_finds_a_booking_of_several_resources_once() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-e", "bk-d"), overlapping(List.of("room-3"), "09:30:00", "10:30:00"));
        assertEquals(List.of("bk-e"), overlapping(List.of("room-1", "room-3"), "09:30:00", "09:31:00"));
    }

    @Test
    void overlapping_uses_the_occupied_interval_buffers_included() {
        givenOverlappingBookings();
        assertEquals(List.of("bk-g"), overlapping(List.of("room-1"), "12:00:00", "12:15:00"));
        assertEquals(List.of("bk-g"), overlapping(List.of("room-1"), "13:15:00", "13:30:00"));
        assertEquals(List.of(), overlapping(List.of("room-1"), "13:30:00", "14:00:00"));
    }

    @Test
    void overlapping_orders_equal_starts_by_id() {
        givenOverlappingBookings();
        store.saveResource(new Resource(TENANT, "room-4", "Room with three seats", OPEN_DAILY, 3));
        Booking x2 = booking("bk-x2").resources("room-4").time("15:00:00", "16:00:00").build();
        Booking x1 = booking("bk-x1").resources("room-4").time("15:00:00", "15:30:00").build();
        Booking x3 = booking("bk-x3").resources("room-4").time("15:00:00", "15:45:00").build();
        insert(x2, x3, x1);

        assertEquals(List.of("bk-x1", "bk-x2", "bk-x3"), overlapping(List.of("room-4"), "15:00:00", "15:10:00"));
    }

    @Test
    void overlapping_returns_whole_bookings() {
        List<Booking> x = givenOverlappingBookings(); // a, b, c, d, e, f, g
        assertEquals(List.of(x.get(4), x.get(0), x.get(3), x.get(5), x.get(1), x.get(6)), store.findOverlapping(TENANT, List.of("room-1", "room-3"),
                between("00:00:00", "23:59:59")));
    }

    @Test
    void overlapping_never_searches_another_tenant() {
        givenOverlappingBookings();
        insert(booking("bk-z").tenant(OTHER_TENANT).resources("room-1").time("10:00:00", "11:00:00").build());

        assertEquals(List.of("bk-a", "bk-f"), overlapping(List.of("room-1"), "10:00:00", "11:00:00"));
        assertEquals(List.of("bk-z"), ids(store.findOverlapping(OTHER_TENANT, List.of("room-1"), EVER)));
    }

    @Test
    void overlapping_in_a_unit_of_work_answers_the_same() {
        givenOverlappingBookings();
        List<Booking> expected = store.findOverlapping(TENANT, List.of("room-1", "room-2"), between("10:00:00", "12:00:00"));
        List<Booking> inUnit = store.inUnitOfWork(TENANT, List.of("room-1", "room-2"),
                unit -> unit.findOverlapping(List.of("room-1", "room-2"), between("10:00:00", "12:00:00")));
        assertEquals(expected, inUnit);
    }

    @Test
    void by_customer_finds_their_bookings_by_their_own_time_in_order() {
        Booking late = booking("bk-late").customer("ana").resources("room-2").time("14:00:00", "15:00:00")
                .status(BookingStatus.CANCELLED).build();
        Booking early = booking("bk-early").customer("ana").resources("room-1").time("10:00:00", "11:00:00")
                .buffers(Duration.ZERO, Duration.ofMinutes(30)).build();
        Booking sameStart = booking("bk-also").customer("ana").resources("room-3").time("10:00:00", "10:30:00").build();
        Booking someoneElse = booking("bk-ben").customer("ben").resources("room-3").time("14:00:00", "15:00:00").build();
        Booking elsewhere = booking("bk-other").tenant(OTHER_TENANT).customer("ana").time("10:00:00", "11:00:00").build();
        insert(late, early, sameStart, someoneElse, elsewhere);

        assertEquals(List.of(sameStart, early, late), store.findByCustomer(TENANT, "ana", between("00:00:00", "23:00:00")));
        assertEquals(List.of("bk-late"), ids(store.findByCustomer(TENANT, "ana", between("11:00:00", "14:00:01"))));
        // bk-early's buffer runs to 11:30, but the customer's own time ends at 11:00.
        assertEquals(List.of(), ids(store.findByCustomer(TENANT, "ana", between("11:00:00", "11:30:00"))));
        assertEquals(List.of("bk-ben"), ids(store.findByCustomer(TENANT, "ben", EVER)));
        assertEquals(List.of("bk-other"), ids(store.findByCustomer(OTHER_TENANT, "ana", EVER)));
        assertEquals(List.of(), store.findByCustomer(TENANT, "carla", EVER));
        assertEquals(List.of("bk-also", "bk-early", "bk-late"), store.inUnitOfWork(TENANT, List.of("room-1"),
                unit -> ids(unit.findByCustomer("ana", EVER))));
    }

    // ---- writes --------------------------------------------------------------------------------

    @Test
    void update_from_the_current_version_is_stored_whole() {
        Booking v0 = booking("bk-1").status(BookingStatus.PENDING).expiresAt(at("09:00:00")).build();
        insert(v0);
        Booking v1 = v0.transitioned(BookingStatus.CONFIRMED, BOSS, at("08:00:00.000123"), "ok");
        update(v1);
        assertEquals(Optional.of(v1), store.findBooking(TENANT, "bk-1"));

        Booking v2 = v1.movedTo(between("15:00:00", "16:00:00"), between("14:45:00", "16:15:00"), BOSS,
                at("08:30:00"), "moved");
        update(v2);
        assertEquals(Optional.of(v2), store.findBooking(TENANT, "bk-1"));
        assertEquals(List.of("bk-1"), ids(store.findOverlapping(TENANT, List.of("room-1"), between("14:45:00", "14:46:00"))));
        assertEquals(List.of(), store.findOverlapping(TENANT, List.of("room-1"), between("10:00:00", "11:00:00")));
    }

    @Test
    void update_twice_in_one_unit_of_work_applies_both() {
        Booking v0 = booking("bk-1").status(BookingStatus.HELD).build();
        insert(v0);
        Booking v1 = v0.transitioned(BookingStatus.PENDING, BOSS, at("08:00:00"), "");
        Booking v2 = v1.transitioned(BookingStatus.CONFIRMED, BOSS, at("08:01:00"), "");
        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.update(v1);
            unit.update(v2);
            return null;
        });
        assertEquals(Optional.of(v2), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void update_after_insert_in_one_unit_of_work_stores_the_update() {
        givenResources(TENANT, "room-1");
        Booking v0 = booking("bk-1").build();
        Booking v1 = v0.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "changed mind");
        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(v0);
            unit.update(v1);
            return null;
        });
        assertEquals(Optional.of(v1), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void update_from_a_stale_copy_is_refused_and_the_unit_writes_nothing() {
        Booking v0 = booking("bk-1").build();
        Booking bystander = booking("bk-2").resources("room-2").build();
        insert(v0, bystander);
        Booking winner = v0.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "first");
        update(winner);
        Booking loser = v0.transitioned(BookingStatus.IN_PROGRESS, BOSS, at("08:00:01"), "second");
        Booking added = booking("bk-3").resources("room-2").time("13:00:00", "14:00:00").build();

        assertThrows(StaleBookingException.class, () -> store.inUnitOfWork(TENANT, List.of("room-1", "room-2"), unit -> {
            unit.insert(added);
            unit.update(bystander.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:02"), "along"));
            unit.enqueue(message("msg-1", added, NotificationKind.CONFIRMED, at("08:00:00")));
            unit.update(loser);
            return null;
        }));

        assertEquals(Optional.of(winner), store.findBooking(TENANT, "bk-1"));
        assertEquals(Optional.of(bystander), store.findBooking(TENANT, "bk-2"));
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-3"));
        assertEquals(List.of(), claimAll(at("23:00:00")));
    }

    @Test
    void units_locking_the_same_customer_take_turns_even_on_different_resources() throws Exception {
        givenResources(TENANT, "room-1", "room-2");
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch secondIsWaiting = new CountDownLatch(1);
        AtomicBoolean firstFinished = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
                unit.lockCustomer("ana");
                firstHoldsTheLock.countDown();
                try {
                    secondIsWaiting.await(10, TimeUnit.SECONDS);
                    // Give the second unit time to block on the customer lock.
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstFinished.set(true);
                return null;
            }));
            assertTrue(firstHoldsTheLock.await(30, TimeUnit.SECONDS), "the first unit never got the customer's lock");
            Future<Boolean> second = pool.submit(() -> store.inUnitOfWork(TENANT, List.of("room-2"), unit -> {
                secondIsWaiting.countDown();
                unit.lockCustomer("ana");
                return firstFinished.get();
            }));
            first.get(30, TimeUnit.SECONDS);
            assertEquals(true, second.get(30, TimeUnit.SECONDS),
                    "the second unit got the customer's lock before the first unit ended");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_unit_locks_one_customer_at_most_and_the_next_unit_another() {
        givenResources(TENANT, "room-1");
        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.lockCustomer("ana");
            unit.lockCustomer("ana");
            assertThrows(IllegalStateException.class, () -> unit.lockCustomer("ben"));
            return null;
        });
        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.lockCustomer("ben");
            return null;
        });
    }

    @Test
    void expire_stores_the_expiry_of_a_blocking_booking() {
        Booking hold = booking("bk-1").resources("room-1", "room-2").status(BookingStatus.HELD)
                .expiresAt(at("08:10:00")).build();
        insert(hold);
        Booking expired = hold.transitioned(BookingStatus.EXPIRED, Actor.system(TENANT), at("09:00:00"), "expired");

        assertEquals(true, store.inUnitOfWork(TENANT, List.of("room-1"), unit -> unit.expire(expired)));
        assertEquals(Optional.of(expired), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void expire_a_second_time_from_another_resource_is_a_no_op_not_a_failure() {
        Booking hold = booking("bk-1").resources("room-1", "room-2").status(BookingStatus.HELD)
                .expiresAt(at("08:10:00")).build();
        insert(hold);
        Booking first = hold.transitioned(BookingStatus.EXPIRED, Actor.system(TENANT), at("09:00:00"), "expired");
        Booking second = hold.transitioned(BookingStatus.EXPIRED, Actor.system(TENANT), at("09:00:01"), "expired");
        Booking added = booking("bk-2").resources("room-2").time("13:00:00", "14:00:00").build();

        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> unit.expire(first));
        boolean again = store.inUnitOfWork(TENANT, List.of("room-2"), unit -> {
            boolean stored = unit.expire(second);
            unit.insert(added);
            return stored;
        });

        assertEquals(false, again);
        assertEquals(Optional.of(first), store.findBooking(TENANT, "bk-1"));
        assertEquals(Optional.of(added), store.findBooking(TENANT, "bk-2"), "the unit went on and committed");
    }

    @Test
    void update_skipping_a_version_is_stale() {
        Booking v0 = booking("bk-1").build();
        insert(v0);
        Booking v2 = v0.transitioned(BookingStatus.IN_PROGRESS, BOSS, at("08:00:00"), "")
                .transitioned(BookingStatus.COMPLETED, BOSS, at("09:00:00"), "");

        assertThrows(StaleBookingException.class, () -> update(v2));
        assertEquals(Optional.of(v0), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void update_repeated_is_stale() {
        Booking v0 = booking("bk-1").build();
        insert(v0);
        Booking v1 = v0.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "");
        update(v1);

        assertThrows(StaleBookingException.class, () -> update(v1));
        assertEquals(Optional.of(v1), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void update_of_a_missing_booking_is_refused() {
        givenResources(TENANT, "room-1");
        Booking ghost = booking("bk-ghost").build().transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "");

        BookingException e = assertThrows(BookingException.class, () -> update(ghost));
        assertTrue(e instanceof StaleBookingException || e instanceof BookingNotFoundException, e.toString());
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-ghost"));
    }

    @Test
    void duplicate_id_is_refused() {
        Booking first = booking("bk-1").build();
        insert(first);
        Booking second = booking("bk-1").customer("someone-else").time("15:00:00", "16:00:00").build();

        assertThrows(DuplicateBookingException.class, () -> insert(second));
        assertEquals(Optional.of(first), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void duplicate_id_is_refused_on_another_resource_too() {
        insert(booking("bk-1").resources("room-1").build());
        assertThrows(DuplicateBookingException.class, () -> insert(booking("bk-1").resources("room-2").build()));
        assertEquals(List.of(), store.findOverlapping(TENANT, List.of("room-2"), EVER));
    }

    @Test
    void duplicate_idempotency_key_is_refused() {
        Booking first = booking("bk-1").key("idem-1").build();
        insert(first);
        Booking second = booking("bk-2").key("idem-1").resources("room-2").build();

        assertThrows(DuplicateBookingException.class, () -> insert(second));
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-2"));
        assertEquals(Optional.of(first), store.inUnitOfWork(TENANT, List.of("room-2"),
                unit -> unit.findByIdempotencyKey("idem-1")));
    }

    @Test
    void duplicate_within_one_unit_of_work_is_refused() {
        givenResources(TENANT, "room-1");
        Booking one = booking("bk-1").build();
        Booking again = booking("bk-1").time("12:00:00", "13:00:00").build();

        assertThrows(DuplicateBookingException.class, () -> store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(one);
            unit.insert(again);
            return null;
        }));
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void duplicate_makes_the_whole_unit_write_nothing() {
        insert(booking("bk-1").key("idem-1").build());
        Booking fine = booking("bk-2").time("14:00:00", "15:00:00").build();
        Booking dup = booking("bk-3").key("idem-1").time("16:00:00", "17:00:00").build();

        assertThrows(DuplicateBookingException.class, () -> store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            unit.insert(fine);
            unit.enqueue(message("msg-1", fine, NotificationKind.CONFIRMED, at("08:00:00")));
            unit.insert(dup);
            return null;
        }));
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-2"));
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-3"));
        assertEquals(List.of(), claimAll(at("23:00:00")));
    }

    @Test
    void duplicate_ids_and_keys_are_per_tenant_only() {
        Booking ours = booking("bk-1").key("idem-1").build();
        Booking theirs = booking("bk-1").key("idem-1").tenant(OTHER_TENANT).customer("other").build();
        insert(ours, theirs);

        assertEquals(Optional.of(ours), store.findBooking(TENANT, "bk-1"));
        assertEquals(Optional.of(theirs), store.findBooking(OTHER_TENANT, "bk-1"));
    }

    @Test
    void unit_of_work_that_throws_writes_nothing_and_rethrows_unchanged() {
        givenResources(TENANT, "room-2");
        Booking existing = booking("bk-1").build();
        insert(existing);
        OutboxMessage reminder = message("msg-r", existing, NotificationKind.REMINDER, at("08:00:00"));
        enqueue(existing, reminder);
        Booking added = booking("bk-2").resources("room-2").key("idem-2").build();
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                store.inUnitOfWork(TENANT, List.of("room-2", "room-1"), unit -> {
                    unit.insert(added);
                    unit.update(existing.transitioned(BookingStatus.CANCELLED, BOSS,
                            at("08:00:00"), "about to fail"));
                    unit.enqueue(message("msg-c", added, NotificationKind.CONFIRMED, at("08:00:00")));
                    unit.discardReminders(existing.id());
                    throw boom;
                }));

        assertSame(boom, thrown);
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-2"));
        assertEquals(Optional.of(existing), store.findBooking(TENANT, "bk-1"));
        assertEquals(List.of(reminder), claimAll(at("23:00:00")));
        // The key of the rolled-back booking is free.
        Booking retry = booking("bk-3").resources("room-2").key("idem-2").build();
        insert(retry);
        assertEquals(Optional.of(retry), store.findBooking(TENANT, "bk-3"));
    }

    @Test
    void unit_of_work_rethrows_a_domain_exception_unchanged() {
        givenResources(TENANT, "room-1");
        SlotUnavailableException refusal = new SlotUnavailableException(List.of(), List.of());
        SlotUnavailableException thrown = assertThrows(SlotUnavailableException.class, () ->
                store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
                    unit.insert(booking("bk-1").build());
                    throw refusal;
                }));
        assertSame(refusal, thrown);
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-1"));
    }

    @Test
    void unit_of_work_on_a_missing_resource_is_refused_before_the_work_runs() {
        givenResources(TENANT, "room-1");
        store.saveResource(resource(OTHER_TENANT, "room-2"));
        AtomicBoolean ran = new AtomicBoolean();

        assertThrows(BookingNotFoundException.class, () -> store.inUnitOfWork(TENANT, List.of("ghost"), unit -> {
            ran.set(true);
            return null;
        }));
        assertThrows(BookingNotFoundException.class, () -> store.inUnitOfWork(TENANT, List.of("room-1", "room-2"),
                unit -> {
                    ran.set(true);
                    return null;
                }));
        assertFalse(ran.get(), "the work ran although a resource was missing");
        // The lock of room-1 was given back: another unit can take it.
        assertEquals("free", store.inUnitOfWork(TENANT, List.of("room-1"), unit -> "free"));
    }

    @Test
    void units_of_work_locking_resources_in_any_order_do_not_deadlock() throws Exception {
        givenResources(TENANT, "room-x", "room-y", "room-z");
        int threads = 4;
        int perThread = 25;
        List<Object> outcomes = race(threads, i -> {
            for (int n = 0; n < perThread; n++) {
                List<String> order = switch ((i + n) % 3) {
                    case 0 -> List.of("room-x", "room-y", "room-z");
                    case 1 -> List.of("room-z", "room-y", "room-x");
                    default -> List.of("room-y", "room-z", "room-x");
                };
                Instant start = at("06:00:00").plus(Duration.ofMinutes(5L * (i * perThread + n)));
                Booking b = booking("bk-" + i + "-" + n).resources(order.get(0), order.get(1))
                        .interval(Interval.of(start, Duration.ofMinutes(5))).build();
                store.inUnitOfWork(TENANT, order, unit -> {
                    unit.findOverlapping(order, b.occupied());
                    unit.insert(b);
                    return null;
                });
            }
            return "done";
        });
        outcomes.forEach(o -> assertEquals("done", o));
        assertEquals(threads * perThread, store.findOverlapping(TENANT, List.of("room-x", "room-y", "room-z"), EVER).size());
    }

    @Test
    void tenants_with_the_same_ids_never_mix() {
        Booking ours = booking("bk-1").customer("ana").key("idem-1").time("10:00:00", "11:00:00").build();
        Booking theirs = booking("bk-1").tenant(OTHER_TENANT).customer("ana").key("idem-1")
                .time("10:30:00", "11:30:00").build();
        Booking onlyTheirs = booking("bk-2").tenant(OTHER_TENANT).customer("ana").key("idem-2")
                .time("12:00:00", "13:00:00").build();
        insert(ours, theirs, onlyTheirs);

        assertEquals(Optional.of(ours), store.findBooking(TENANT, "bk-1"));
        assertEquals(Optional.of(theirs), store.findBooking(OTHER_TENANT, "bk-1"));
        assertEquals(Optional.empty(), store.findBooking(TENANT, "bk-2"));
        assertEquals(List.of(ours), store.findOverlapping(TENANT, List.of("room-1"), EVER));
        assertEquals(List.of(theirs, onlyTheirs), store.findOverlapping(OTHER_TENANT, List.of("room-1"), EVER));
        assertEquals(List.of(ours), store.findByCustomer(TENANT, "ana", EVER));

        store.inUnitOfWork(TENANT, List.of("room-1"), unit -> {
            assertEquals(Optional.of(ours), unit.findBooking("bk-1"));
            assertEquals(Optional.empty(), unit.findBooking("bk-2"));
            assertEquals(Optional.of(ours), unit.findByIdempotencyKey("idem-1"));
            assertEquals(Optional.empty(), unit.findByIdempotencyKey("idem-2"));
            assertEquals(List.of(ours), unit.findOverlapping(List.of("room-1"), EVER));
            assertEquals(List.of(ours), unit.findByCustomer("ana", EVER));
            return null;
        });

        Booking cancelled = ours.transitioned(BookingStatus.CANCELLED, BOSS, at("08:00:00"), "");
        update(cancelled);
        assertEquals(Optional.of(cancelled), store.findBooking(TENANT, "bk-1"));
        assertEquals(Optional.of(theirs), store.findBooking(OTHER_TENANT, "bk-1"));
    }

    @Test
    void tenants_cannot_lock_each_others_resources() {
        store.saveResource(resource(OTHER_TENANT, "room-1"));
        assertThrows(BookingNotFoundException.class, () -> store.inUnitOfWork(TENANT, List.of("room-1"), unit -> null));
    }

    @Test
    void tenants_see_only_their_parked_messages() {
        Booking ours = booking("bk-1").build();
        Booking theirs = booking("bk-1").tenant(OTHER_TENANT).build();
        insert(ours, theirs);
        enqueue(ours, message("msg-a", ours, NotificationKind.CONFIRMED, at("08:00:00")));
        enqueue(theirs, message("msg-b", theirs, NotificationKind.CONFIRMED, at("08:00:00")));
        claimAll(at("08:00:00"));
        store.markFailed("msg-a", at("08:00:05"), "smtp 550", true);

        assertEquals(List.of("msg-a"), messageIds(store.parkedMessages(TENANT)));
        assertEquals(List.of(), store.parkedMessages(OTHER_TENANT));
    }

    // ---- outbox --------------------------------------------------------------------------------

    private Booking b1;
    private Booking b2;

    /** Two bookings the outbox messages are about: b1 (bk-1, es-AR) on room-1 and b2 (bk-2) on room-2. */
    private void givenTwoBookings() {
        b1 = booking("bk-1").locale(Locale.forLanguageTag("es-AR")).build();
        b2 = booking("bk-2").resources("room-2").customer("cust-2").build();
        insert(b1, b2);
    }

    @Test
    void outbox_claims_due_messages_oldest_first_and_whole() {
        givenTwoBookings();
        OutboxMessage late = message("msg-late", b1, NotificationKind.REMINDER, at("09:00:00"));
        OutboxMessage now = message("msg-now", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        OutboxMessage early = message("msg-early", b2, NotificationKind.REMINDER, at("07:59:59.999999"));
        enqueue(b1, late, now);
        enqueue(b2, early);

        assertEquals(List.of(early, now), store.claimDueMessages(at("08:00:00"), 10, Duration.ofMinutes(1)));
    }

    @Test
    void outbox_claims_at_most_the_limit() {
        givenTwoBookings();
        enqueue(b1, message("msg-1", b1, NotificationKind.CONFIRMED, at("07:01:00")),
                message("msg-2", b1, NotificationKind.REMINDER, at("07:02:00")),
                message("msg-3", b1, NotificationKind.REMINDER, at("07:03:00")));

        assertEquals(List.of("msg-1", "msg-2"), messageIds(store.claimDueMessages(at("08:00:00"), 2, Duration.ofMinutes(1))));
        assertEquals(List.of("msg-3"), messageIds(store.claimDueMessages(at("08:00:00"), 2, Duration.ofMinutes(1))));
        assertEquals(List.of(), store.claimDueMessages(at("08:00:00"), 2, Duration.ofMinutes(1)));
    }

    @Test
    void outbox_claim_is_not_repeated_before_the_lease_ends() {
        givenTwoBookings();
        OutboxMessage m = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m);
        Duration lease = Duration.ofMinutes(1);

        assertEquals(List.of(m), store.claimDueMessages(at("08:00:00"), 10, lease));
        assertEquals(List.of(), store.claimDueMessages(at("08:00:00"), 10, lease));
        assertEquals(List.of(), store.claimDueMessages(at("08:00:59.999999"), 10, lease));
        assertEquals(List.of(m), store.claimDueMessages(at("08:01:00.000001"), 10, lease));
        assertEquals(List.of(), store.claimDueMessages(at("08:01:30"), 10, lease));
    }

    @Test
    void outbox_concurrent_claims_never_share_a_message() throws Exception {
        givenTwoBookings();
        List<OutboxMessage> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(message(String.format("msg-%02d", i), b1, NotificationKind.CONFIRMED, at("07:00:00").plusSeconds(i)));
        }
        enqueue(b1, all.toArray(OutboxMessage[]::new));

        List<Object> claims = race(8, i -> store.claimDueMessages(at("08:00:00"), 5, Duration.ofMinutes(5)));
        List<String> claimed = new ArrayList<>();
        for (Object c : claims) {
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = (List<OutboxMessage>) c;
            assertTrue(batch.size() <= 5, "a claim returned more than its limit");
            claimed.addAll(messageIds(batch));
        }
        assertEquals(claimed.size(), new HashSet<>(claimed).size(), "a message was claimed twice: " + claimed);
        claimed.addAll(messageIds(claimAll(at("08:00:00"))));
        assertEquals(new TreeSet<>(messageIds(all)), new TreeSet<>(claimed));
        assertEquals(40, claimed.size());
    }

    @Test
    void outbox_delivered_message_is_gone() {
        givenTwoBookings();
        OutboxMessage m1 = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        OutboxMessage m2 = message("msg-2", b2, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m1);
        enqueue(b2, m2);
        claimAll(at("08:00:00"));

        store.markDelivered("msg-1");

        assertEquals(List.of(m2), claimAll(at("23:00:00")));
    }

    @Test
    void outbox_failed_message_counts_the_attempt_and_is_due_at_the_retry_time() {
        givenTwoBookings();
        OutboxMessage m = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m);
        assertEquals(List.of(m), store.claimDueMessages(at("08:00:00"), 10, Duration.ofMinutes(5)));

        // The retry falls inside the lease of the failed claim: recording the failure ends the claim.
        store.markFailed("msg-1", at("08:00:30"), "smtp 451 try later", false);

        assertEquals(List.of(), store.claimDueMessages(at("08:00:29.999999"), 10, Duration.ofMinutes(5)));
        OutboxMessage second = new OutboxMessage(m.id(), m.tenantId(), m.bookingId(), m.kind(), m.channel(),
                m.recipient(), m.locale(), at("08:00:30"), m.dedupeKey(), 1);
        assertEquals(List.of(second), store.claimDueMessages(at("08:00:30"), 10, Duration.ofMinutes(5)));

        store.markFailed("msg-1", at("08:02:00"), "smtp 451 try later", false);
        List<OutboxMessage> third = store.claimDueMessages(at("08:02:00"), 10, Duration.ofMinutes(5));
        assertEquals(1, third.size());
        assertEquals(2, third.get(0).attempts());
        assertEquals(m.dedupeKey(), third.get(0).dedupeKey());
    }

    @Test
    void outbox_parked_message_is_kept_and_never_claimed_again() {
        givenTwoBookings();
        OutboxMessage m = message("msg-1", b1, NotificationKind.CONFIRMED, at("08:00:00"));
        enqueue(b1, m);
        claimAll(at("08:00:00"));

        store.markFailed("msg-1", at("08:00:05"), "no such recipient", true);

        assertEquals(List.of(), claimAll(at("08:00:05")));
        assertEquals(List.of(), claimAll(Instant.parse("2037-01-01T00:00:00Z")));
        List<OutboxMessage> parked = store.parkedMessages(TENANT);
        assertEquals(1, parked.size());
        OutboxMessage p = parked.get(0);
        assertEquals(List.of(m.id(), m.bookingId(), m.dedupeKey(), m.recipient()),
                List.of(p.id(), p.bookingId(), p.dedupeKey(), p.recipient()));
        assertEquals(m.kind(), p.kind());
        assertEquals(m.locale(), p.locale());
        assertEquals(1, p.attempts());
    }

    @Test
    void outbox_discard_drops_only_that_bookings_undelivered_reminders() {
        givenTwoBookings();
        OutboxMessage r1 = message("msg-r1", b1, NotificationKind.REMINDER, at("08:00:00"));
        OutboxMessage r2 = message("msg-r2", b1, NotificationKind.REMINDER, at("09:00:00"));
        OutboxMessage confirmed = message("msg-c1", b1, NotificationKind.CONFIRMED, at("07:00:00"));
        OutboxMessage otherBooking = message("msg-r3", b2, NotificationKind.REMINDER, at("08:30:00"));
        Booking sameIdElsewhere = booking("bk-1").tenant(OTHER_TENANT).build();
        insert(sameIdElsewhere);
        OutboxMessage otherTenant = message("msg-r4", sameIdElsewhere, NotificationKind.REMINDER, at("08:45:00"));
        enqueue(b1, r1, r2, confirmed);
        enqueue(b2, otherBooking);
        enqueue(sameIdElsewhere, otherTenant);
        OutboxMessage planned = message("msg-r5", b1, NotificationKind.REMINDER, at("09:30:00"));

        store.inUnitOfWork(TENANT, b1.resourceIds(), unit -> {
            unit.discardReminders("bk-1");
            unit.enqueue(planned); // planned after the discard, as a reschedule does: kept
            return null;
        });

        assertEquals(List.of(confirmed, otherBooking, otherTenant, planned), claimAll(at("23:00:00")));
    }

    @Test
    void outbox_discard_drops_reminders_enqueued_earlier_in_the_unit() {
        givenTwoBookings();
        OutboxMessage early = message("msg-r1", b1, NotificationKind.REMINDER, at("08:00:00"));
        OutboxMessage cancelled = message("msg-c1", b1, NotificationKind.CANCELLED, at("08:00:00"));
        store.inUnitOfWork(TENANT, b1.resourceIds(), unit -> {
            unit.enqueue(early);
            unit.enqueue(cancelled);
            unit.discardReminders("bk-1");
            return null;
        });

        assertEquals(List.of(cancelled), claimAll(at("23:00:00")));
    }

    // ---- races ---------------------------------------------------------------------------------

    /**
     * An engine over {@code over} at the fixed instant {@link #NOW}, with the default rules and
     * one more that only yields the thread: it widens the gap between the read under the lock
     * and the write, so that a store that does not serialize writers is caught more often. It
     * reports nothing, so the outcome of a correct store does not depend on it.
     */
    protected static BookingEngine racingEngine(BookingStore over, ServiceTemplate... templates) {
        return BookingEngine.builder().store(over).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .rule((check, report) -> Thread.yield()).templates(TemplateCatalog.of(templates)).build();
    }

    @Test
    void race_for_the_same_seats_books_exactly_the_capacity() throws Exception {
        int threads = raceThreads();
        int capacity = 3;
        assertTrue(threads > capacity, "raceThreads() must exceed the capacity of " + capacity);
        store.saveResource(new Resource(TENANT, "studio", "Studio", OPEN_DAILY, capacity));
        ServiceTemplate template = ServiceTemplate.builder("class").duration(Duration.ofHours(1)).build();
        BookingEngine[] nodes = {racingEngine(store, template), racingEngine(secondNode(store), template)};

        // Several rounds, each at its own start: every round must end with exactly the capacity.
        for (int round = 0; round < raceRounds(); round++) {
            Instant start = at("07:00:00").plus(Duration.ofHours(2L * round));
            int r = round;
            List<Object> outcomes = race(threads, i -> nodes[i % 2].book(BookingRequest.builder().template("class")
                    .resource("studio").start(start).build(), Actor.customer(TENANT, String.format("cust-%d-%03d", r, i))));

            List<Booking> won = successes(outcomes);
            assertEquals(capacity, won.size(), "round " + round + ": bookings made: " + ids(won));
            assertOnlyRefusals(outcomes, SlotUnavailableException.class);
            List<Booking> stored = store.findOverlapping(TENANT, List.of("studio"), Interval.of(start, Duration.ofHours(1)));
            assertEquals(new TreeSet<>(ids(won)), new TreeSet<>(ids(stored)));
            stored.forEach(b -> assertEquals(BookingStatus.CONFIRMED, b.status()));
        }
        List<Booking> all = store.findOverlapping(TENANT, List.of("studio"), EVER);
        assertEquals(capacity * raceRounds(), all.size());
        assertNoInstantOverCapacity(all, Map.of("studio", capacity));
        assertNoOverbookingInStorage();
    }

    @Test
    void race_for_overlapping_times_on_shared_resources_never_overbooks() throws Exception {
        int threads = raceThreads();
        Map<String, Integer> capacity = Map.of("room-1", 2, "room-2", 2);
        capacity.forEach((id, seats) -> store.saveResource(new Resource(TENANT, id, "Room " + id, OPEN_DAILY, seats)));
        ServiceTemplate template = ServiceTemplate.builder("flex")
                .duration(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(30))
                .buffers(Duration.ZERO, Duration.ofMinutes(15))
                .partySize(1, 2)
                .build();
        BookingEngine[] nodes = {racingEngine(store, template), racingEngine(secondNode(store), template)};
        BookingRequest[] requests = new BookingRequest[threads];
        for (int i = 0; i < threads; i++) {
            BookingRequest.Builder r = BookingRequest.builder().template("flex")
                    .start(at("10:00:00").plus(Duration.ofMinutes(30L * (i % 6))))
                    .duration(Duration.ofMinutes(30L * (1 + (i / 6) % 4)))
                    .partySize(1 + (i / 3) % 2);
            switch (i % 4) {
                case 0 -> r.allOf("room-1", "room-2");
                case 1 -> r.resource("room-1");
                case 2 -> r.allOf("room-2", "room-1");
                default -> r.resource("room-2");
            }
            requests[i] = r.build();
        }

        List<Object> outcomes = race(threads, i -> nodes[i % 2].book(requests[i],
                Actor.customer(TENANT, String.format("cust-%03d", i))));

        List<Booking> won = successes(outcomes);
        assertOnlyRefusals(outcomes, SlotUnavailableException.class);
        assertFalse(won.isEmpty(), "nobody got a booking");
        List<Booking> stored = store.findOverlapping(TENANT, capacity.keySet(), EVER);
        assertEquals(new TreeSet<>(ids(won)), new TreeSet<>(ids(stored)));
        for (Booking b : won) {
            assertEquals(Optional.of(b), store.findBooking(TENANT, b.id()));
        }
        assertNoInstantOverCapacity(stored, capacity);
        // Bookings only accumulate during the race, so a refusal must still be justified by the end.
        for (int i = 0; i < threads; i++) {
            if (outcomes.get(i) instanceof SlotUnavailableException) {
                BookingRequest r = requests[i];
                Interval occupied = template.occupied(Interval.of(r.start(), r.duration().orElseThrow()));
                assertTrue(wouldOverbook(stored, capacity, r.resourceIds(), occupied, r.partySize().getAsInt()),
                        "request " + i + " was refused although its seats are free: " + r);
            }
        }
        assertNoOverbookingInStorage();
    }

    @Test
    void race_of_retries_with_one_idempotency_key_makes_one_booking() throws Exception {
        int threads = Math.max(8, raceThreads() / 2);
        givenResources(TENANT, "room-1", "room-2");
        ServiceTemplate template = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30)).build();
        BookingEngine[] nodes = {racingEngine(store, template), racingEngine(secondNode(store), template)};
        Actor ana = Actor.customer(TENANT, "ana");

        // Half the threads repeat one request; the other half send another request with the same key.
        List<Object> outcomes = race(threads, i -> nodes[i % 2].book(BookingRequest.builder().template("cut")
                .resource(i % 4 < 2 ? "room-1" : "room-2").start(at("10:00:00")).idempotencyKey("idem-1").build(), ana));

        List<Booking> won = successes(outcomes);
        assertFalse(won.isEmpty(), "nobody got a booking");
        assertEquals(1, new HashSet<>(ids(won)).size(), "one key made several bookings: " + ids(won));
        assertOnlyRefusals(outcomes, IdempotencyKeyReusedException.class);
        for (Object o : outcomes) {
            if (o instanceof IdempotencyKeyReusedException e) {
                assertEquals(won.get(0).id(), e.bookingId());
            }
        }
        assertEquals(ids(won.subList(0, 1)), ids(store.findOverlapping(TENANT, List.of("room-1", "room-2"), EVER)));
    }

    private List<Booking> successes(List<Object> outcomes) {
        return outcomes.stream().filter(Booking.class::isInstance).map(Booking.class::cast).toList();
    }

    private void assertOnlyRefusals(List<Object> outcomes, Class<? extends Throwable> expected) {
        List<Object> unexpected = outcomes.stream()
                .filter(o -> !(o instanceof Booking) && !expected.isInstance(o)).toList();
        if (!unexpected.isEmpty()) {
            AssertionError error = new AssertionError("expected only bookings and " + expected.getSimpleName()
                    + ", but got " + unexpected.stream().map(String::valueOf).collect(Collectors.joining("; ")));
            unexpected.stream().filter(Throwable.class::isInstance).map(Throwable.class::cast)
                    .forEach(error::addSuppressed);
            throw error;
        }
    }

    // ---- checks and the race harness -----------------------------------------------------------

    /**
     * Brute force over {@code bookings}: at every instant where some booking's occupied interval
     * starts (the only instants where the use of seats can grow), the blocking bookings on each
     * resource use no more than its capacity.
     */
    protected static void assertNoInstantOverCapacity(List<Booking> bookings, Map<String, Integer> capacityByResource) {
        for (Map.Entry<String, Integer> resource : capacityByResource.entrySet()) {
            for (Booking probe : bookings) {
                Instant instant = probe.occupied().getStart();
                int used = seatsInUse(bookings, resource.getKey(), instant);
                if (used > resource.getValue()) {
                    fail(resource.getKey() + " has " + used + " seats in use at " + instant + ", capacity "
                            + resource.getValue() + ": " + bookings.stream()
                            .filter(b -> b.resourceIds().contains(resource.getKey()) && b.occupied().contains(instant))
                            .map(b -> b.id() + " " + b.occupied() + " x" + b.partySize()).toList());
                }
            }
        }
    }

    private static int seatsInUse(List<Booking> bookings, String resourceId, Instant instant) {
        int used = 0;
        for (Booking b : bookings) {
            if (b.resourceIds().contains(resourceId) && b.blocksAt(NOW) && b.occupied().contains(instant)) {
                used += b.partySize();
            }
        }
        return used;
    }

    /** Whether {@code party} more seats on {@code resourceIds} during {@code occupied} would break a capacity. */
    private static boolean wouldOverbook(List<Booking> bookings, Map<String, Integer> capacity, List<String> resourceIds,
                                         Interval occupied, int party) {
        List<Instant> probes = new ArrayList<>();
        probes.add(occupied.getStart());
        for (Booking b : bookings) {
            if (occupied.contains(b.occupied().getStart())) {
                probes.add(b.occupied().getStart());
            }
        }
        for (String r : resourceIds) {
            for (Instant t : probes) {
                if (seatsInUse(bookings, r, t) + party > capacity.get(r)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code task} on {@code threads} threads released together by a latch. Returns, per
     * thread in order, what the task returned or the exception it threw. Fails if a thread has
     * not finished within {@link #DEADLOCK_TIMEOUT}.
     */
    protected static List<Object> race(int threads, IntFunction<Object> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Object> call = () -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.apply(index);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(call));
            }
            assertTrue(ready.await(DEADLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            long deadline = System.nanoTime() + DEADLOCK_TIMEOUT.toNanos();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    outcomes.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError("a racing thread did not finish within " + DEADLOCK_TIMEOUT
                            + ": deadlock?", e);
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing thread failed", e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
