package io.bookingkit;

import static io.bookingkit.time.SeededProperties.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.error.BookingException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.policy.BookingCheck;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.SeededProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * A booking decided in a shared unit, with the store's overlap constraint in place of the read,
 * ends exactly as the locked way alone ends it. Each example is a random history on two one-seat
 * chairs (bookings, holds, administrators forcing over others, cancellations, repeated keys, the
 * clock moving past holds' expiries), replayed on two engines: one over a store that offers shared
 * units as PostgreSQL does ({@link SharingStore}, on the in-memory store), and one over the plain in-memory
 * store, which has none. Both have an application rule that reads no other booking. Every step must answer the same (the same booking, or the same refusal
 * with the same violations and conflicts), and the stores must hold the same bookings after it.
 */
@ExtendWith(SeededProperties.class)
class SharedUnitsAgreementPropertiesTest {

    private static final String TENANT = "t";
    private static final Pattern ID = Pattern.compile("id-[0-9]+");
    private static final Instant NOW = Instant.parse("2027-02-01T08:00:00Z");
    private static final Instant DAY = Instant.parse("2027-02-02T09:00:00Z");
    private static final OpeningHours HOURS = OpeningHours.parse("Mo-Su 09:00-13:00", ZoneId.of("UTC"));
    private static final TemplateCatalog TEMPLATES = TemplateCatalog.of(
            ServiceTemplate.builder("cut").duration(Duration.ofMinutes(30)).buffers(Duration.ZERO,
                    Duration.ofMinutes(15)).holdDuration(Duration.ofMinutes(10)).build(),
            ServiceTemplate.builder("long").duration(Duration.ofMinutes(60)).build(),
            // Limits count other bookings than those in the way: always the locked way.
            ServiceTemplate.builder("daily").duration(Duration.ofMinutes(30))
                    .limits(Limits.none().withPerResourceDay(2)).build());

    /** An application's rule that reads no other booking, so it keeps bookings on the shared way. */
    private static final BookingRule NOT_C2_ON_B = new BookingRule() {
        @Override
        public void check(BookingCheck check, Consumer<Violation> report) {
            if (check.customer().customerId().equals(Optional.of("c2"))
                    && check.resources().stream().anyMatch(r -> r.resource().id().equals("b"))) {
                report.accept(Violation.of("not-c2-on-b"));
            }
        }

        @Override
        public boolean readsBookings() {
            return false;
        }
    };

    @Test
    void aSharedUnitDecidesEveryBookingAsTheLockedWayDoes() {
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger sharedRefused = new AtomicInteger();
        theory().forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 24))
                .checkAssert(steps -> {
                    SharingStore sharing = new SharingStore(new InMemoryBookingStore());
                    World a = new World(sharing);
                    World b = new World(new InMemoryBookingStore());
                    for (int step : steps) {
                        assertEquals(b.named(b.apply(step)), a.named(a.apply(step)), "step " + step + " of " + steps);
                    }
                    assertEquals(b.everything(), a.everything(), "the stores after " + steps);
                    shared.addAndGet(sharing.committed.get());
                    sharedRefused.addAndGet(sharing.empty.get());
                });
        // The property is only worth something if both kinds of answer come up often.
        assertTrue(shared.get() > 1000, "bookings committed in shared units: " + shared);
        assertTrue(sharedRefused.get() > 1000, "shared units that sent a booking the locked way: " + sharedRefused);
    }

    /** An engine on a store with two one-seat chairs, and the history's clock. */
    private static final class World {
        private final BookingStore store;
        private final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        private final BookingEngine engine;
        private final List<String> booked = new ArrayList<>();
        // A shared unit that rolled back took ids from the supplier too: ids are compared by the
        // order in which they first appear in the answers, and sort as they were made, as the
        // store sorts bookings that start together by id.
        private final Map<String, String> names = new HashMap<>();

        World(BookingStore store) {
            this.store = store;
            AtomicLong ids = new AtomicLong();
            this.engine = BookingEngine.builder().store(store).clock(clock).templates(TEMPLATES)
                    .ids(() -> String.format("id-%08d", ids.incrementAndGet())).notificationsDeliveredElsewhere()
                    .rule(NOT_C2_ON_B).build();
            for (String chair : List.of("a", "b")) {
                engine.resources().register(new Resource(TENANT, chair, "Chair " + chair, HOURS, 1));
            }
        }

        /** Runs the step that {@code code} names, and says how it ended. */
        String apply(int code) {
            int kind = code % 8;
            int n = code / 8;
            String chair = n % 2 == 0 ? "a" : "b";
            Instant start = DAY.plus(Duration.ofMinutes(15L * ((n / 2) % 18)));
            String template = List.of("long", "cut", "cut", "daily").get((n / 36) % 4);
            String customer = "c" + (n / 144) % 3;
            BookingRequest.Builder request = BookingRequest.builder().template(template).resource(chair).start(start);
            try {
                return switch (kind) {
                    case 0, 1 -> record(engine.book(request.build(), Actor.customer(TENANT, customer)));
                    case 2 -> record(engine.hold(request.build(), Actor.customer(TENANT, customer)));
                    case 3 -> record(engine.book(request.customer(customer).forceOverlap("squeezed in").build(),
                            Actor.admin(TENANT, "boss")));
                    case 4 -> record(engine.book(request.idempotencyKey("k" + (n / 2) % 4).build(),
                            Actor.customer(TENANT, customer)));
                    case 5 -> booked.isEmpty() ? "nothing to cancel" : engine.cancel(booked.get(n % booked.size()),
                            Actor.admin(TENANT, "boss"), "changed plans").toString();
                    case 6 -> {
                        clock.add(Duration.ofMinutes(6));
                        yield "six minutes later";
                    }
                    default -> record(engine.book(request.partySize(2).build(), Actor.customer(TENANT, customer)));
                };
            } catch (SlotUnavailableException e) {
                return "unavailable " + e.violations() + " " + e.conflicts();
            } catch (PolicyViolationException e) {
                return "refused " + e.violations();
            } catch (BookingException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        /** {@code answer} with each id named by when it first appeared. */
        String named(String answer) {
            Matcher id = ID.matcher(answer);
            StringBuilder out = new StringBuilder();
            while (id.find()) {
                id.appendReplacement(out, names.computeIfAbsent(id.group(), k -> "booking-" + names.size()));
            }
            return id.appendTail(out).toString();
        }

        private String record(Booking b) {
            booked.add(b.id());
            return b.toString();
        }

        /** Every booking, named, in the order of their names (the store sorts equal starts by id). */
        List<String> everything() {
            return store.reads(TENANT).findOverlapping(List.of("a", "b"), Interval.of(DAY.minus(Duration.ofDays(1)),
                    DAY.plus(Duration.ofDays(1)))).stream().map(b -> named(b.toString())).sorted().toList();
        }
    }
}
