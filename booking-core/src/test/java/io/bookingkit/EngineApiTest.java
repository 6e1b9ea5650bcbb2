package io.bookingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.AccessDeniedException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.OverlapRefusedException;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * The engine's public surface: who may ask for a customer's slots, change rules that can be
 * replaced, null elements named, and a store's overlap refusal reported as a conflict.
 */
class EngineApiTest {

    private static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final String SHOP = "shop";
    private static final LocalDate WEDNESDAY = LocalDate.of(2031, 3, 12);
    private static final Actor ANA = Actor.customer(SHOP, "ana");

    private final MutableClock clock = MutableClock.of(WallClock.toInstant(LocalDate.of(2031, 3, 10),
            java.time.LocalTime.of(9, 0), BUENOS_AIRES), BUENOS_AIRES);
    private final InMemoryBookingStore memory = new InMemoryBookingStore();

    private BookingEngine engine(BookingStore store, UnaryOperator<BookingEngine.Builder> settings) {
        BookingEngine engine = settings.apply(BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.verticals())).build();
        engine.resources().register(Resource.of(SHOP, "chair-1", "Chair",
                OpeningHours.parse("Mo-Sa 09:00-19:00", BUENOS_AIRES)));
        return engine;
    }

    private static Instant wednesdayAt(int hour) {
        return WallClock.toInstant(WEDNESDAY, java.time.LocalTime.of(hour, 0), BUENOS_AIRES);
    }

    private static SlotQuery.Builder barberQuery() {
        return SlotQuery.builder().tenant(SHOP).template("barber").resource("chair-1")
                .window(WallClock.day(WEDNESDAY, BUENOS_AIRES));
    }

    private static BookingRequest cutAt(int hour) {
        return BookingRequest.builder().template("barber").resource("chair-1").start(wednesdayAt(hour)).build();
    }

    @Test
    void a_customers_limits_are_told_only_to_them_and_to_staff_of_the_tenant() {
        BookingEngine engine = engine(memory, b -> b);
        engine.book(cutAt(10), ANA);
        SlotQuery forAna = barberQuery().customer("ana").build();

        // One cut a day: Ana's own slot list for Wednesday is empty, anyone else's is not.
        assertEquals(List.of(), engine.availableSlots(forAna, ANA));
        assertEquals(List.of(), engine.availableSlots(forAna, Actor.staff(SHOP, "leo", Set.of("chair-1"))));
        assertEquals(List.of(), engine.availableSlots(forAna, Actor.admin(SHOP, "owner")));
        assertFalse(engine.availableSlots(barberQuery().build()).isEmpty());
        assertEquals(List.of("limit-customer-day"), engine.whyNotAvailable(forAna, wednesdayAt(15), ANA).stream()
                .map(v -> v.code()).toList());

        AccessDeniedException anonymous = assertThrows(AccessDeniedException.class, () -> engine.availableSlots(forAna));
        assertTrue(anonymous.getMessage().contains("'ana'"), anonymous.getMessage());
        assertThrows(AccessDeniedException.class, () -> engine.whyNotAvailable(forAna, wednesdayAt(15)));
        assertThrows(AccessDeniedException.class, () -> engine.availableSlots(forAna, Actor.customer(SHOP, "ben")));
        assertThrows(AccessDeniedException.class, () -> engine.availableSlots(forAna, Actor.system(SHOP)));
        assertThrows(AccessDeniedException.class, () -> engine.availableSlots(forAna, Actor.admin("other-shop", "boss")));
    }

    @Test
    void the_cancellation_cutoff_is_a_change_rule_that_can_be_replaced() {
        Booking strict = engine(memory, b -> b).book(cutAt(10), ANA);
        clock.setInstant(wednesdayAt(8)); // two hours before; the barber's cutoff is a day
        PolicyViolationException late = assertThrows(PolicyViolationException.class,
                () -> engine(memory, b -> b).cancel(strict.id(), ANA, ""));
        assertEquals(List.of("cancellation-cutoff"), late.codes());

        BookingEngine lenient = engine(memory, b -> b.changeRules(List.of()));
        assertEquals(BookingStatus.CANCELLED, lenient.cancel(strict.id(), ANA, "").status());
    }

    @Test
    void a_refused_write_names_the_booking_in_the_way_and_a_force_without_conflict_records_none() {
        BookingEngine engine = engine(memory, b -> b);
        Booking first = engine.book(cutAt(10), ANA);
        SlotUnavailableException taken = assertThrows(SlotUnavailableException.class,
                () -> engine.book(cutAt(10), Actor.customer(SHOP, "ben")));
        assertEquals(List.of(first.id()), taken.conflicts().stream().map(c -> c.bookingId()).toList());

        Actor owner = Actor.admin(SHOP, "owner");
        Booking free = engine.book(BookingRequest.builder().template("barber").resource("chair-1").start(wednesdayAt(12))
                .customer("ben").forceOverlap("just in case").build(), owner);
        assertFalse(free.forced(), "nothing was in the way");
        assertEquals("", free.history().get(0).reason());
        Booking over = engine.book(BookingRequest.builder().template("barber").resource("chair-1").start(wednesdayAt(10))
                .customer("carla").forceOverlap("the owner's friend").build(), owner);
        assertTrue(over.forced());
        assertEquals("forced over a conflict: the owner's friend", over.history().get(0).reason());
    }

    @Test
    void a_refusal_says_why_the_actor_may_not_act() {
        BookingEngine engine = engine(memory, b -> b);
        Booking mine = engine.book(cutAt(10), ANA);
        AccessDeniedException customer = assertThrows(AccessDeniedException.class,
                () -> engine.cancel(mine.id(), Actor.customer(SHOP, "ben"), ""));
        assertTrue(customer.getMessage().endsWith("it is another customer's"), customer.getMessage());
        AccessDeniedException staff = assertThrows(AccessDeniedException.class,
                () -> engine.cancel(mine.id(), Actor.staff(SHOP, "lu", Set.of("chair-2")), "ill"));
        assertTrue(staff.getMessage().endsWith("it is not on their resources"), staff.getMessage());
    }

    @Test
    void a_null_inside_a_list_argument_is_named() {
        NullPointerException request = assertThrows(NullPointerException.class,
                () -> BookingRequest.builder().template("barber").anyOf("chair-1", null).start(wednesdayAt(10)).build());
        assertEquals("resourceIds[1] must not be null", request.getMessage());
        NullPointerException query = assertThrows(NullPointerException.class,
                () -> barberQuery().resource(null).build());
        assertEquals("resourceIds[1] must not be null", query.getMessage());
        NullPointerException rules = assertThrows(NullPointerException.class,
                () -> BookingEngine.builder().rules(java.util.Arrays.asList(null, null)));
        assertEquals("rules[0] must not be null", rules.getMessage());
    }

    @Test
    void a_stores_overlap_refusal_reaches_the_caller_as_a_conflict() {
        BookingEngine engine = engine(new RefusingStore(memory), b -> b);
        SlotUnavailableException refused = assertThrows(SlotUnavailableException.class, () -> engine.book(cutAt(10), ANA));
        assertEquals(List.of("overlap"), refused.violations().stream().map(v -> v.code()).toList());
        assertTrue(refused.getMessage().contains("chair-1"), refused.getMessage());
        assertEquals(List.of(), memory.reads(SHOP).findOverlapping(List.of("chair-1"),
                Interval.of(wednesdayAt(0), Duration.ofDays(1))), "nothing was written");
    }

    /** A store whose database refuses every insert with its overlap constraint. */
    private static final class RefusingStore extends ForwardingStore {

        RefusingStore(BookingStore store) {
            super(store);
        }

        @Override
        public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work) {
            return store.inUnitOfWork(tenantId, resourceIds, unit -> work.apply(new UnitOfWork() {
                @Override
                public Map<String, Resource> lockedResources() {
                    return unit.lockedResources();
                }

                @Override
                public void lockCustomer(String customerId) {
                    unit.lockCustomer(customerId);
                }

                @Override
                public Optional<Booking> findByIdempotencyKey(String key) {
                    return unit.findByIdempotencyKey(key);
                }

                @Override
                public List<Booking> findBySeries(String seriesId) {
                    return unit.findBySeries(seriesId);
                }

                @Override
                public void insert(Booking booking) {
                    throw new OverlapRefusedException("the test's overlap constraint", null);
                }

                @Override
                public boolean update(Booking booking) {
                    return unit.update(booking);
                }

                @Override
                public boolean expire(Booking expired) {
                    return unit.expire(expired);
                }

                @Override
                public void enqueue(OutboxMessage message) {
                    unit.enqueue(message);
                }

                @Override
                public void discardReminders(String bookingId) {
                    unit.discardReminders(bookingId);
                }

                @Override
                public void recordChange(io.bookingkit.feed.Change change) {
                    unit.recordChange(change);
                }

                @Override
                public Optional<Booking> findBooking(String bookingId) {
                    return unit.findBooking(bookingId);
                }

                @Override
                public List<Booking> findOverlapping(Collection<String> ids, Interval range) {
                    return unit.findOverlapping(ids, range);
                }

                @Override
                public List<Booking> findByCustomer(String customerId, Interval range) {
                    return unit.findByCustomer(customerId, range);
                }

                @Override
                public Optional<WaitlistEntry> findEntry(String entryId) {
                    return unit.findEntry(entryId);
                }

                @Override
                public List<WaitlistEntry> findEntries(Collection<String> ids, Interval range) {
                    return unit.findEntries(ids, range);
                }

                @Override
                public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
                    return unit.findEntriesOfCustomer(customerId);
                }

                @Override
                public void insertEntry(WaitlistEntry entry) {
                    unit.insertEntry(entry);
                }

                @Override
                public boolean updateEntry(WaitlistEntry entry) {
                    return unit.updateEntry(entry);
                }

                @Override
                public void schedule(ScheduledTask task) {
                    unit.schedule(task);
                }

                @Override
                public boolean completeTask(ScheduledTask.Kind kind, String subject) {
                    return unit.completeTask(kind, subject);
                }
            }));
        }
    }
}
