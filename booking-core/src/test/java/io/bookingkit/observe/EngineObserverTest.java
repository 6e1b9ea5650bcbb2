package io.bookingkit.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.ForwardingStore;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.TransitionNotAllowedException;
import io.bookingkit.error.StorageException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.observe.WriteOutcome.Operation;
import io.bookingkit.observe.WriteOutcome.Result;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.UnitProbe;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** What the engine tells its observer: each write's outcome, each unit's retries and timing. */
class EngineObserverTest {

    private static final String SHOP = "shop";
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    // 12:00 in Buenos Aires, three hours after NOW.
    private static final Instant MONDAY_NOON = Instant.parse("2026-03-02T15:00:00Z");
    private static final ServiceTemplate CUT = ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30))
            .minNotice(Duration.ofHours(2)).build();
    private static final Actor ANA = Actor.customer(SHOP, "ana");
    private static final Actor BEN = Actor.customer(SHOP, "ben");

    private final Recorder recorder = new Recorder();

    @Test
    void each_write_reports_its_operation_result_status_and_codes() {
        BookingEngine engine = engine(new InMemoryBookingStore(), recorder);

        Booking first = engine.book(request(MONDAY_NOON).idempotencyKey("k-1").build(), ANA);
        engine.book(request(MONDAY_NOON).idempotencyKey("k-1").build(), ANA);
        assertThrows(SlotUnavailableException.class, () -> engine.book(request(MONDAY_NOON).build(), BEN));
        assertThrows(PolicyViolationException.class, () -> engine.book(request(NOW.plus(Duration.ofMinutes(30))).build(), BEN));
        engine.hold(request(MONDAY_NOON.plus(Duration.ofHours(1))).build(), BEN);
        engine.cancel(first.id(), ANA, "");
        assertThrows(TransitionNotAllowedException.class, () -> engine.cancel(first.id(), ANA, ""));

        assertEquals(List.of(
                        Operation.BOOK + " " + Result.DONE + " " + Optional.of(BookingStatus.CONFIRMED) + " []",
                        Operation.BOOK + " " + Result.REPLAYED + " " + Optional.of(BookingStatus.CONFIRMED) + " []",
                        Operation.BOOK + " " + Result.REFUSED + " Optional.empty [overlap]",
                        Operation.BOOK + " " + Result.REFUSED + " Optional.empty [min-notice]",
                        Operation.HOLD + " " + Result.DONE + " " + Optional.of(BookingStatus.HELD) + " []",
                        Operation.CANCEL + " " + Result.DONE + " " + Optional.of(BookingStatus.CANCELLED) + " []",
                        Operation.CANCEL + " " + Result.REFUSED + " Optional.empty []"),
                recorder.writes.stream().map(w -> w.operation() + " " + w.result() + " " + w.status() + " "
                        + w.violationCodes()).toList());
        assertTrue(recorder.writes.stream().allMatch(w -> !w.elapsed().isNegative()));
    }

    @Test
    void every_unit_is_timed_and_a_stores_retries_are_counted_by_cause() {
        AtomicInteger units = new AtomicInteger();
        BookingStore retryingOnce = new ForwardingStore(new InMemoryBookingStore()) {
            @Override
            public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work,
                                      UnitProbe probe) {
                if (units.getAndIncrement() == 1) {
                    probe.retrying("40001");
                    probe.retrying("40P01");
                }
                return super.inUnitOfWork(tenantId, resourceIds, work, probe);
            }
        };
        BookingEngine engine = engine(retryingOnce, recorder);
        engine.book(request(MONDAY_NOON).build(), ANA);
        engine.book(request(MONDAY_NOON.plus(Duration.ofHours(1))).build(), ANA);
        assertThrows(SlotUnavailableException.class, () -> engine.book(request(MONDAY_NOON).build(), BEN));

        assertEquals(List.of("40001", "40P01"), recorder.retries);
        assertEquals(3, recorder.units.size());
        assertEquals(List.of(true, true, false), recorder.units.stream().map(UnitTiming::committed).toList());
        for (UnitTiming unit : recorder.units) {
            assertTrue(unit.lockWait().compareTo(unit.duration()) <= 0, unit.toString());
        }
    }

    @Test
    void the_lock_wait_counts_every_attempt_until_the_locks_are_held_or_the_store_gives_up() {
        Duration pause = Duration.ofMillis(40);
        AtomicInteger units = new AtomicInteger();
        BookingStore slowToLock = new ForwardingStore(new InMemoryBookingStore()) {
            @Override
            public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work,
                                      UnitProbe probe) {
                sleep(pause);
                if (units.getAndIncrement() == 0) {
                    // The first attempt waits, is rolled back, and the second waits again.
                    probe.retrying("40P01");
                    sleep(pause);
                    return super.inUnitOfWork(tenantId, resourceIds, work, probe);
                }
                throw new StorageException("lock timeout", "55P03", null);
            }
        };
        BookingEngine engine = engine(slowToLock, recorder);
        engine.book(request(MONDAY_NOON).build(), ANA);
        assertThrows(StorageException.class, () -> engine.book(request(MONDAY_NOON.plus(Duration.ofHours(1))).build(),
                ANA));

        UnitTiming retried = recorder.units.get(0);
        UnitTiming gaveUp = recorder.units.get(1);
        assertTrue(retried.lockWait().compareTo(pause.multipliedBy(2)) >= 0, retried.toString());
        assertTrue(gaveUp.lockWait().compareTo(pause) >= 0, "a unit that never got its locks waited: " + gaveUp);
        assertEquals(false, gaveUp.committed());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_failing_store_is_a_failure_and_a_throwing_observer_changes_nothing() {
        BookingStore failing = new ForwardingStore(new InMemoryBookingStore()) {
            @Override
            public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work,
                                      UnitProbe probe) {
                throw new StorageException("the database is gone", "08006", null);
            }
        };
        BookingEngine engine = engine(failing, recorder);
        assertThrows(StorageException.class, () -> engine.book(request(MONDAY_NOON).build(), ANA));
        assertEquals(List.of(Result.FAILED), recorder.writes.stream().map(WriteOutcome::result).toList());
        assertEquals(List.of(false), recorder.units.stream().map(UnitTiming::committed).toList());

        EngineObserver throwing = new EngineObserver() {
            @Override
            public void writeFinished(WriteOutcome outcome) {
                throw new IllegalStateException("metrics are down");
            }

            @Override
            public void unitFinished(UnitTiming timing) {
                throw new IllegalStateException("metrics are down");
            }
        };
        Recorder after = new Recorder();
        BookingEngine observedTwice = BookingEngine.builder().store(new InMemoryBookingStore())
                .clock(MutableClock.of(NOW, ZoneOffset.UTC)).templates(TemplateCatalog.of(CUT))
                .observer(throwing).observer(after).build();
        register(observedTwice);
        Booking booked = observedTwice.book(request(MONDAY_NOON).build(), ANA);
        assertEquals(BookingStatus.CONFIRMED, booked.status());
        assertEquals(List.of(Result.DONE), after.writes.stream().map(WriteOutcome::result).toList(),
                "the observer after the one that threw still hears the write");
    }

    @Test
    void outcomes_and_timings_refuse_what_cannot_be() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(RuntimeException.class, () -> new WriteOutcome(Operation.BOOK, Result.REFUSED,
                Optional.of(BookingStatus.CONFIRMED), List.of(), second));
        assertThrows(RuntimeException.class, () -> new WriteOutcome(Operation.BOOK, Result.DONE,
                Optional.of(BookingStatus.CONFIRMED), List.of("overlap"), second));
        assertThrows(RuntimeException.class, () -> new UnitTiming(Duration.ofSeconds(2), second, true));
        assertEquals("no-show", Operation.NO_SHOW.label());
    }

    private static BookingEngine engine(BookingStore store, EngineObserver observer) {
        BookingEngine engine = BookingEngine.builder().store(store).clock(MutableClock.of(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(CUT)).observer(observer).build();
        register(engine);
        return engine;
    }

    private static void register(BookingEngine engine) {
        engine.resources().register(Resource.of(SHOP, "chair-1", "Chair 1",
                OpeningHours.parse("Mo-Sa 09:00-19:00", ZoneId.of("America/Argentina/Buenos_Aires"))));
    }

    private static BookingRequest.Builder request(Instant start) {
        return BookingRequest.builder().template("cut").resource("chair-1").start(start);
    }

    /** Keeps what it hears, in order. */
    private static final class Recorder implements EngineObserver {
        final List<WriteOutcome> writes = new ArrayList<>();
        final List<String> retries = new ArrayList<>();
        final List<UnitTiming> units = new ArrayList<>();

        @Override
        public void writeFinished(WriteOutcome outcome) {
            writes.add(outcome);
        }

        @Override
        public void unitRetried(String cause) {
            retries.add(cause);
        }

        @Override
        public void unitFinished(UnitTiming timing) {
            units.add(timing);
        }
    }
}
