package io.bookingkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.OutboxDispatcher;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.TransitionNotAllowedException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** The meters after a scripted day at a barber's, counted exactly. */
class BookingMetricsTest {

    private static final String SHOP = "shop";
    // Monday 09:00 in Buenos Aires; the bookings are at noon, three hours later.
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-02T15:00:00Z");
    private static final ServiceTemplate CUT = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30))
            .minNotice(Duration.ofHours(2)).build();
    private static final Actor ANA = Actor.customer(SHOP, "ana");
    private static final Actor BEN = Actor.customer(SHOP, "ben");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
    private final BookingStore store = new InMemoryBookingStore();

    @Test
    void writes_refusals_and_units_are_counted_exactly() {
        BookingEngine engine = barber(BookingEngine.builder().observer(new BookingMetrics(registry,
                Tags.of("app", "barbershop"))));

        Booking ana = engine.book(cut(NOON).idempotencyKey("ana-1").build(), ANA);
        engine.book(cut(NOON).idempotencyKey("ana-1").build(), ANA);
        assertThrows(SlotUnavailableException.class, () -> engine.book(cut(NOON).build(), BEN));
        assertThrows(PolicyViolationException.class, () -> engine.book(cut(NOW.plusSeconds(1800)).build(), BEN));
        Booking held = engine.hold(cut(NOON.plus(Duration.ofHours(1))).build(), BEN);
        engine.confirm(held.id(), BEN);
        engine.cancel(ana.id(), ANA, "");
        assertThrows(TransitionNotAllowedException.class, () -> engine.cancel(ana.id(), ANA, ""));

        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("bookingkit.writes{operation=book,result=done,status=confirmed}", 1.0),
                Map.entry("bookingkit.writes{operation=book,result=replayed,status=confirmed}", 1.0),
                Map.entry("bookingkit.writes{operation=book,result=refused,status=none}", 2.0),
                Map.entry("bookingkit.writes{operation=hold,result=done,status=held}", 1.0),
                Map.entry("bookingkit.writes{operation=confirm,result=done,status=confirmed}", 1.0),
                Map.entry("bookingkit.writes{operation=cancel,result=done,status=cancelled}", 1.0),
                Map.entry("bookingkit.writes{operation=cancel,result=refused,status=none}", 1.0),
                Map.entry("bookingkit.refusals{code=overlap,operation=book}", 1.0),
                Map.entry("bookingkit.refusals{code=min-notice,operation=book}", 1.0),
                // Eight writes, each one unit: the two refusals of a booking and the refused
                // second cancel roll back.
                Map.entry("bookingkit.unit.lock.wait{}", 8.0),
                Map.entry("bookingkit.unit.duration{committed=true}", 5.0),
                Map.entry("bookingkit.unit.duration{committed=false}", 3.0))), counts());
        assertTrue(registry.getMeters().stream().allMatch(m -> m.getId().getTags().contains(Tag.of("app", "barbershop"))),
                "every meter carries the common tag");
        Timer units = registry.get(BookingMetrics.UNIT_DURATION).tag("committed", "true").timer();
        assertTrue(units.totalTime(TimeUnit.NANOSECONDS) > 0, "units took time");
    }

    @Test
    void retries_are_counted_by_cause() {
        BookingMetrics metrics = new BookingMetrics(registry);
        metrics.unitRetried("40001");
        metrics.unitRetried("40001");
        metrics.unitRetried("waitlist-entry-changed");

        assertEquals(2.0, registry.get(BookingMetrics.UNIT_RETRIES).tag("cause", "40001").counter().count());
        assertEquals(1.0, registry.get(BookingMetrics.UNIT_RETRIES).tag("cause", "waitlist-entry-changed").counter()
                .count());
    }

    @Test
    void outbox_gauges_show_due_messages_their_age_and_parked_ones() {
        // This node writes notifications and leaves delivery to another.
        BookingEngine taking = barber(BookingEngine.builder().notificationsDeliveredElsewhere());
        new OutboxMetrics(taking, Duration.ZERO, Tags.empty()).bindTo(registry);
        assertEquals(0.0, gauge(OutboxMetrics.DUE));
        assertEquals(0.0, registry.get(OutboxMetrics.OLDEST_DUE_AGE).timeGauge().value(TimeUnit.SECONDS));

        taking.book(cut(NOON).build(), ANA);
        clock.add(Duration.ofMinutes(4));
        taking.book(cut(NOON.plus(Duration.ofHours(1))).build(), BEN);
        clock.add(Duration.ofMinutes(1));
        assertEquals(2.0, gauge(OutboxMetrics.DUE));
        assertEquals(300.0, registry.get(OutboxMetrics.OLDEST_DUE_AGE).timeGauge().value(TimeUnit.SECONDS));
        assertEquals(0.0, gauge(OutboxMetrics.PARKED));

        // The delivering node's gateway refuses everything, and gives up at the first failure.
        BookingEngine delivering = barber(BookingEngine.builder().notifications(n -> {
            throw new IllegalStateException("the gateway is down");
        }).dispatcher((s, port, c) -> OutboxDispatcher.builder(s, port, c).maxAttempts(1).build()));
        delivering.dispatchNotifications();
        assertEquals(0.0, gauge(OutboxMetrics.DUE));
        assertEquals(2.0, gauge(OutboxMetrics.PARKED));
        assertEquals(0.0, registry.get(OutboxMetrics.OLDEST_DUE_AGE).timeGauge().value(TimeUnit.SECONDS));
    }

    @Test
    void the_gauges_share_one_read_and_outlive_the_binder() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        BookingStore counting = proxy(store, "outbox", () -> reads.incrementAndGet());
        BookingEngine engine = BookingEngine.builder().store(counting).clock(clock).templates(TemplateCatalog.of(CUT))
                .build();
        // Bound and dropped, as an application may do: the registry alone holds the gauges.
        new OutboxMetrics(engine, Duration.ofHours(1), Tags.empty()).bindTo(registry);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertEquals(0.0, gauge(OutboxMetrics.DUE));
        assertEquals(0.0, gauge(OutboxMetrics.PARKED));
        assertEquals(0.0, registry.get(OutboxMetrics.OLDEST_DUE_AGE).timeGauge().value(TimeUnit.SECONDS));
        assertEquals(1, reads.get(), "one read of the store serves the three gauges within maxAge");
    }

    @Test
    void a_failed_backlog_read_reads_not_a_number() {
        BookingStore broken = proxy(new InMemoryBookingStore(), "outbox", () -> {
            throw new IllegalStateException("the database is gone");
        });
        BookingEngine engine = BookingEngine.builder().store(broken).clock(clock).templates(TemplateCatalog.of(CUT))
                .build();
        new OutboxMetrics(engine, Duration.ZERO, Tags.empty()).bindTo(registry);
        assertTrue(Double.isNaN(gauge(OutboxMetrics.DUE)));
    }

    /** {@code store}, running {@code before} ahead of every call of the method named {@code method}. */
    private static BookingStore proxy(BookingStore store, String method, Runnable before) {
        return (BookingStore) Proxy.newProxyInstance(BookingStore.class.getClassLoader(),
                new Class<?>[] {BookingStore.class}, (proxy, called, args) -> {
                    if (called.getName().equals(method)) {
                        before.run();
                    }
                    try {
                        return called.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private BookingEngine barber(BookingEngine.Builder builder) {
        BookingEngine engine = builder.store(store).clock(clock).templates(TemplateCatalog.of(CUT)).build();
        if (store.findResource(SHOP, "chair-1").isEmpty()) {
            engine.resources().register(Resource.of(SHOP, "chair-1", "Chair 1",
                    OpeningHours.parse("Mo-Sa 09:00-19:00", ZoneId.of("America/Argentina/Buenos_Aires"))));
        }
        return engine;
    }

    private static BookingRequest.Builder cut(Instant start) {
        return BookingRequest.builder().template("cut").resource("chair-1").start(start);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    /** Each meter's count as name{tags}, leaving out the common tag. */
    private Map<String, Double> counts() {
        return registry.getMeters().stream().collect(Collectors.toMap(
                m -> m.getId().getName() + m.getId().getTags().stream().filter(t -> !t.getKey().equals("app"))
                        .map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(",", "{", "}")),
                BookingMetricsTest::count, Double::sum, TreeMap::new));
    }

    private static double count(Meter meter) {
        if (meter instanceof Timer timer) {
            return timer.count();
        }
        return meter.measure().iterator().next().getValue();
    }
}
