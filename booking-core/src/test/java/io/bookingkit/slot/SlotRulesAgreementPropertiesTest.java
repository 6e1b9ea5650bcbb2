package io.bookingkit.slot;

import static io.bookingkit.time.SeededProperties.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bookingkit.BookingEngine;
import io.bookingkit.error.BookingException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.policy.Violation;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.schedule.TimeRange;
import io.bookingkit.schedule.WeeklyHours;
import io.bookingkit.template.ConfirmationMode;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.SeededProperties;
import io.bookingkit.time.Draw;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.core.Gen;
import org.threeten.extra.Interval;

/**
 * The slot list, "why not?" and booking must agree with each other, and with a brute-force
 * model of the rules written here from their documentation.
 *
 * <p>Each example is a random world: a resource in a random zone (several with daylight-saving
 * days near the clock) with random weekly hours (ranges past midnight included), maybe a
 * second week from some date, a date override and a yearly closure; a capacity of 1 to 3; a
 * random template (duration, buffers, slot step, notice, same-day, horizon, seats, party
 * sizes, daily and weekly limits per resource and per customer); up to a dozen bookings
 * stored directly, in every status, on this resource, another one or both, of this template
 * or another, with holds and pending bookings whose expiry has or has not passed; a fixed
 * clock; and a query over a window of one to three days, with or without a customer, a
 * duration and a party size.
 *
 * <p>The model knows nothing of the engine's internals: it rebuilds the grid of starts from
 * local midnights with {@link ZonedDateTime#of}, the open instants from the generated ranges,
 * the seats in use minute by minute from every stored booking, and counts bookings for the
 * limits over the whole store. All times are whole minutes, so a minute is either wholly in an
 * interval or wholly out of it.
 */
@ExtendWith(SeededProperties.class)
class SlotRulesAgreementPropertiesTest {

    private static final String TENANT = "tenant-1";

    /** Who asks for a query: its customer, or the front desk for an anonymous one. */
    private static Actor asker(SlotQuery query) {
        return query.customerId().map(c -> Actor.customer(TENANT, c)).orElse(Actor.admin(TENANT, "desk"));
    }
    private static final String SERVICE = "svc";
    private static final String OTHER = "other-svc";
    private static final String R1 = "r1";
    private static final String R2 = "r2";
    private static final String WALK_IN = "walk-in";
    private static final List<String> CUSTOMERS = List.of("c1", "c2", "c3");
    private static final ServiceTemplate OTHER_TEMPLATE = ServiceTemplate.builder(OTHER).duration(Duration.ofMinutes(30)).build();
    /** A failing example is shrunk, and every step runs the engine: keep shrinking short. */
    private static final int SHRINK_CYCLES = 300;

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("America/Havana"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/Argentina/Buenos_Aires"),
            ZoneId.of("UTC"), ZoneId.of("Pacific/Chatham"), ZoneId.of("America/Santiago"));

    private static final List<BookingStatus> STATUSES = List.of(
            BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.CONFIRMED,
            BookingStatus.PENDING, BookingStatus.PENDING, BookingStatus.HELD, BookingStatus.HELD,
            BookingStatus.CANCELLED, BookingStatus.IN_PROGRESS, BookingStatus.COMPLETED, BookingStatus.NO_SHOW,
            BookingStatus.EXPIRED, BookingStatus.DECLINED);

    // ----------------------------------------------------------------------------------------
    // properties

    /**
     * A: every offered slot is judged bookable by "why not?", and booking it (each on a fresh copy
     * of the world, as the customer who asked) succeeds.
     */
    @Test
    void everyOfferedSlotPassesTheBookingTimeCheckAndCanBeBooked() {
        theory().withShrinkCycles(SHRINK_CYCLES).forAll(scenarios()).checkAssert(s -> {
            World world = s.world();
            SlotQuery query = s.query();
            List<Slot> slots = world.engine.availableSlots(query, asker(query));
            for (Slot slot : slots) {
                List<Violation> why = world.engine.whyNotAvailable(query, slot.interval().getStart(), asker(query));
                assertTrue(why.isEmpty(), () -> "offered " + local(slot.interval().getStart(), s.zone)
                        + " but whyNotAvailable says " + why);
                assertEquals(List.of(R1), slot.resourceIds());
                assertTrue(slot.remainingSeats() >= s.party(), () -> "offered " + slot + " has fewer seats than the party "
                        + s.party());
            }
            for (Slot slot : slots) {
                World fresh = s.world();
                BookingRequest.Builder request = BookingRequest.builder().template(SERVICE).resource(R1)
                        .start(slot.interval().getStart());
                s.queryDuration.ifPresent(request::duration);
                s.queryParty.ifPresent(request::partySize);
                Booking booked;
                try {
                    booked = fresh.engine.book(request.build(), Actor.customer(TENANT, s.customer.orElse(WALK_IN)));
                } catch (BookingException e) {
                    throw new AssertionError("offered " + local(slot.interval().getStart(), s.zone)
                            + " but booking it failed: " + e.getMessage(), e);
                }
                assertEquals(slot.interval(), booked.interval());
                assertEquals(s.template.occupied(slot.interval()), booked.occupied());
                assertEquals(List.of(R1), booked.resourceIds());
                assertEquals(s.party(), booked.partySize());
                assertEquals(s.template.confirmation() == ConfirmationMode.INSTANT ? BookingStatus.CONFIRMED
                        : BookingStatus.PENDING, booked.status());
            }
        });
    }

    /** B: every start of the grid in the window that is not offered has at least one reason. */
    @Test
    void everyGridStartThatIsNotOfferedHasAReason() {
        theory().withShrinkCycles(SHRINK_CYCLES).forAll(scenarios()).checkAssert(s -> {
            World world = s.world();
            SlotQuery query = s.query();
            NavigableSet<Instant> grid = bruteForceGrid(s.window, s.zone, s.template.slotStep());
            Set<Instant> offered = starts(world.engine.availableSlots(query, asker(query)));
            assertTrue(grid.containsAll(offered), () -> "offered starts off the grid: "
                    + offered.stream().filter(i -> !grid.contains(i)).map(i -> local(i, s.zone)).toList());
            for (Instant start : grid) {
                if (!offered.contains(start)) {
                    assertFalse(world.engine.whyNotAvailable(query, start, asker(query)).isEmpty(),
                            () -> local(start, s.zone) + " is not offered, yet whyNotAvailable gives no reason");
                }
            }
        });
    }

    /**
     * C: the offered starts are exactly the model's, with the model's free seats, and for every
     * start of the grid "why not?" gives exactly the model's reasons (as codes).
     */
    @Test
    void offeredStartsAndReasonsAreExactlyThoseOfABruteForceModel() {
        theory().withShrinkCycles(SHRINK_CYCLES).forAll(scenarios()).checkAssert(s -> {
            World world = s.world();
            SlotQuery query = s.query();
            Model model = new Model(s);
            NavigableSet<Instant> grid = bruteForceGrid(s.window, s.zone, s.template.slotStep());
            List<Instant> expected = grid.stream().filter(start -> model.reasons(start).isEmpty()).toList();
            List<Slot> slots = world.engine.availableSlots(query, asker(query));
            List<Instant> actual = slots.stream().map(slot -> slot.interval().getStart()).toList();
            if (!expected.equals(actual)) {
                fail("offered starts differ from the model's; only offered: "
                        + actual.stream().filter(i -> !expected.contains(i))
                                .map(i -> local(i, s.zone) + " (model: " + model.reasons(i) + ")").toList()
                        + "; only the model offers: " + expected.stream().filter(i -> !actual.contains(i))
                                .map(i -> local(i, s.zone) + " (engine: " + codes(world.engine.whyNotAvailable(query, i, asker(query)))
                                        + ")").toList());
            }
            ZoneId display = s.displayZone.orElse(s.zone);
            for (Slot slot : slots) {
                Instant start = slot.interval().getStart();
                assertEquals(start.plus(s.duration()), slot.interval().getEnd());
                assertEquals(model.freeSeats(start), slot.remainingSeats(), () -> "free seats at " + local(start, s.zone));
                assertEquals(display, slot.start().getZone());
            }
            for (Instant start : grid) {
                SortedSet<String> want = model.reasons(start);
                SortedSet<String> got = codes(world.engine.whyNotAvailable(query, start, asker(query)));
                assertEquals(want, got, () -> "reasons at " + local(start, s.zone));
            }
        });
    }

    // ----------------------------------------------------------------------------------------
    // the brute-force model

    /** The grid rebuilt from scratch: each local date's midnight plus whole steps, by {@link ZonedDateTime#of}. */
    static NavigableSet<Instant> bruteForceGrid(Interval window, ZoneId zone, Duration step) {
        NavigableSet<Instant> starts = new TreeSet<>();
        LocalDate first = window.getStart().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = window.getEnd().atZone(zone).toLocalDate().plusDays(1);
        long stepMinutes = step.toMinutes();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (long k = 0; k * stepMinutes < 24 * 60; k++) {
                Instant start = ZonedDateTime.of(date, LocalTime.MIDNIGHT.plusMinutes(k * stepMinutes), zone).toInstant();
                if (!start.isBefore(window.getStart()) && start.isBefore(window.getEnd())) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }

    /** The rules as documented, evaluated naively against everything in the scenario. */
    static final class Model {
        private final Scenario s;
        private final List<Instant[]> open = new ArrayList<>();
        private final Instant base;
        private final int[] seatsInUse;

        Model(Scenario s) {
            this.s = s;
            // Open instants: every generated range of every date around the window, merged.
            List<Instant[]> ranges = new ArrayList<>();
            LocalDate first = s.window.getStart().atZone(s.zone).toLocalDate().minusDays(2);
            LocalDate last = s.window.getEnd().atZone(s.zone).toLocalDate().plusDays(2);
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                for (TimeRange r : s.rangesOn(date)) {
                    LocalDate endDate = r.end().isAfter(r.start()) ? date : date.plusDays(1);
                    Instant from = ZonedDateTime.of(date, r.start(), s.zone).toInstant();
                    Instant to = ZonedDateTime.of(endDate, r.end(), s.zone).toInstant();
                    if (to.isAfter(from)) {
                        ranges.add(new Instant[] {from, to});
                    }
                }
            }
            ranges.sort((a, b) -> a[0].compareTo(b[0]));
            for (Instant[] r : ranges) {
                Instant[] lastMerged = open.isEmpty() ? null : open.get(open.size() - 1);
                if (lastMerged != null && !r[0].isAfter(lastMerged[1])) {
                    if (r[1].isAfter(lastMerged[1])) {
                        lastMerged[1] = r[1];
                    }
                } else {
                    open.add(new Instant[] {r[0], r[1]});
                }
            }
            // Seats in use on R1, minute by minute, from three days before the window to three after.
            base = s.window.getStart().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            int minutes = (int) Duration.between(base, s.window.getEnd().plus(Duration.ofDays(3))).toMinutes();
            seatsInUse = new int[minutes];
            for (Booking b : s.bookings) {
                if (b.resourceIds().contains(R1) && blocks(b)) {
                    for (int m = minute(b.occupied().getStart()); m < minute(b.occupied().getEnd()); m++) {
                        if (m >= 0 && m < minutes) {
                            seatsInUse[m] += b.partySize();
                        }
                    }
                }
            }
        }

        private int minute(Instant instant) {
            return (int) Duration.between(base, instant).toMinutes();
        }

        boolean blocks(Booking b) {
            boolean blockingStatus = b.status() == BookingStatus.HELD || b.status() == BookingStatus.PENDING
                    || b.status() == BookingStatus.CONFIRMED || b.status() == BookingStatus.IN_PROGRESS;
            return blockingStatus && (b.expiresAt().isEmpty() || s.now.isBefore(b.expiresAt().get()));
        }

        boolean counts(Booking b) {
            return b.templateName().equals(SERVICE) && (blocks(b) || b.status() == BookingStatus.COMPLETED
                    || b.status() == BookingStatus.NO_SHOW);
        }

        int capacity() {
            return s.template.seats().isPresent() ? Math.min(s.template.seats().getAsInt(), s.capacity) : s.capacity;
        }

        int peak(Instant occupiedStart, Instant occupiedEnd) {
            int peak = 0;
            for (int m = minute(occupiedStart); m < minute(occupiedEnd); m++) {
                peak = Math.max(peak, seatsInUse[m]);
            }
            return peak;
        }

        int freeSeats(Instant start) {
            Instant end = start.plus(s.duration());
            return capacity() - peak(start.minus(s.template.bufferBefore()), end.plus(s.template.bufferAfter()));
        }

        boolean openThroughout(Instant start, Instant end) {
            for (Instant[] r : open) {
                if (!r[0].isAfter(start) && !r[1].isBefore(end)) {
                    return true;
                }
            }
            return false;
        }

        /** The codes of every rule that {@code start} breaks; empty when it is bookable. */
        SortedSet<String> reasons(Instant start) {
            ServiceTemplate t = s.template;
            Instant now = s.now;
            Duration duration = s.duration();
            int party = s.party();
            Instant end = start.plus(duration);
            Instant occupiedStart = start.minus(t.bufferBefore());
            Instant occupiedEnd = end.plus(t.bufferAfter());
            SortedSet<String> codes = new TreeSet<>();
            if (start.isBefore(now)) {
                codes.add("in-past");
            } else if (start.isBefore(now.plus(t.minNotice()))) {
                codes.add("min-notice");
            }
            LocalDate day = start.atZone(s.zone).toLocalDate();
            if (!t.sameDayAllowed() && !day.isAfter(now.atZone(s.zone).toLocalDate())) {
                codes.add("same-day");
            }
            if (start.isAfter(now.plus(t.horizon()))) {
                codes.add("horizon");
            }
            boolean durationOffered = false;
            for (Duration d = t.minDuration(); d.compareTo(t.maxDuration()) <= 0; d = d.plus(t.durationStep())) {
                durationOffered |= d.equals(duration);
            }
            if (!durationOffered) {
                codes.add("duration");
            }
            if (party < t.minPartySize() || party > t.maxPartySize()) {
                codes.add("party-size");
            }
            int capacity = capacity();
            if (party > capacity) {
                codes.add("seats");
            }
            if (!openThroughout(start, end)) {
                codes.add("closed");
            }
            LocalDate week = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Limits limits = t.limits();
            long resourceDay = s.bookings.stream().filter(b -> b.resourceIds().contains(R1) && counts(b)
                    && localDay(b).equals(day)).count();
            long resourceWeek = s.bookings.stream().filter(b -> b.resourceIds().contains(R1) && counts(b)
                    && weekOf(localDay(b)).equals(week)).count();
            if (limits.perResourceDay().isPresent() && resourceDay >= limits.perResourceDay().getAsInt()) {
                codes.add("limit-resource-day");
            }
            if (limits.perResourceWeek().isPresent() && resourceWeek >= limits.perResourceWeek().getAsInt()) {
                codes.add("limit-resource-week");
            }
            if (s.customer.isPresent()) {
                String customer = s.customer.get();
                long customerDay = s.bookings.stream().filter(b -> b.customerId().equals(customer) && counts(b)
                        && localDay(b).equals(day)).count();
                long customerWeek = s.bookings.stream().filter(b -> b.customerId().equals(customer) && counts(b)
                        && weekOf(localDay(b)).equals(week)).count();
                if (limits.perCustomerDay().isPresent() && customerDay >= limits.perCustomerDay().getAsInt()) {
                    codes.add("limit-customer-day");
                }
                if (limits.perCustomerWeek().isPresent() && customerWeek >= limits.perCustomerWeek().getAsInt()) {
                    codes.add("limit-customer-week");
                }
            }
            int peak = peak(occupiedStart, occupiedEnd);
            if (peak > 0 && peak + party > capacity) {
                if (capacity > 1) {
                    codes.add("full");
                } else {
                    for (Booking b : s.bookings) {
                        if (b.resourceIds().contains(R1) && blocks(b)
                                && overlap(b.occupied().getStart(), b.occupied().getEnd(), occupiedStart, occupiedEnd)) {
                            codes.add(overlap(b.interval().getStart(), b.interval().getEnd(), start, end) ? "overlap" : "buffer");
                        }
                    }
                }
            }
            return codes;
        }

        private LocalDate localDay(Booking b) {
            return b.interval().getStart().atZone(s.zone).toLocalDate();
        }

        private static LocalDate weekOf(LocalDate day) {
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        private static boolean overlap(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
            return aStart.isBefore(bEnd) && bStart.isBefore(aEnd);
        }
    }

    // ----------------------------------------------------------------------------------------
    // scenarios

    /** Everything one example is made of; {@link #world()} builds a fresh store and engine from it. */
    static final class Scenario {
        ZoneId zone;
        Instant now;
        int granularity;
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        LocalDate secondWeekFrom;
        Map<DayOfWeek, List<TimeRange>> secondWeek = new EnumMap<>(DayOfWeek.class);
        LocalDate overrideDate;
        List<TimeRange> overrideRanges = List.of();
        MonthDay yearlyClosure;
        int capacity;
        int otherCapacity;
        ServiceTemplate template;
        List<Booking> bookings = new ArrayList<>();
        Interval window;
        Optional<Duration> queryDuration = Optional.empty();
        OptionalInt queryParty = OptionalInt.empty();
        Optional<String> customer = Optional.empty();
        Optional<ZoneId> displayZone = Optional.empty();

        Duration duration() {
            return queryDuration.orElse(template.minDuration());
        }

        int party() {
            return queryParty.orElse(template.minPartySize());
        }

        /** The ranges that start on {@code date}: override, then yearly closure, then the week in effect. */
        List<TimeRange> rangesOn(LocalDate date) {
            if (overrideDate != null && overrideDate.equals(date)) {
                return overrideRanges;
            }
            if (yearlyClosure != null && yearlyClosure.equals(MonthDay.from(date))) {
                return List.of();
            }
            Map<DayOfWeek, List<TimeRange>> inEffect = secondWeekFrom != null && !date.isBefore(secondWeekFrom)
                    ? secondWeek : week;
            return inEffect.getOrDefault(date.getDayOfWeek(), List.of());
        }

        OpeningHours hours() {
            OpeningHours.Builder b = OpeningHours.builder(zone).weekly(weekly(week));
            if (secondWeekFrom != null) {
                b.weeklyFrom(secondWeekFrom, weekly(secondWeek));
            }
            if (overrideDate != null) {
                b.override(overrideDate, overrideRanges.toArray(new TimeRange[0]));
            }
            if (yearlyClosure != null) {
                b.closedEveryYear(yearlyClosure);
            }
            return b.build();
        }

        private static WeeklyHours weekly(Map<DayOfWeek, List<TimeRange>> days) {
            WeeklyHours.Builder b = WeeklyHours.builder();
            days.forEach((day, ranges) -> b.on(day, ranges.toArray(new TimeRange[0])));
            return b.build();
        }

        World world() {
            InMemoryBookingStore store = new InMemoryBookingStore();
            BookingEngine engine = BookingEngine.builder().store(store)
                    .clock(Clock.fixed(now, ZoneId.of("Pacific/Kiritimati")))
                    .templates(TemplateCatalog.of(template, OTHER_TEMPLATE)).build();
            OpeningHours hours = hours();
            engine.resources().register(new Resource(TENANT, R1, "Chair one", hours, capacity));
            engine.resources().register(new Resource(TENANT, R2, "Chair two", hours, otherCapacity));
            store.inUnitOfWork(TENANT, List.of(R1, R2), uow -> {
                bookings.forEach(uow::insert);
                return null;
            });
            return new World(store, engine);
        }

        SlotQuery query() {
            SlotQuery.Builder q = SlotQuery.builder().tenant(TENANT).template(SERVICE).resource(R1).window(window);
            queryDuration.ifPresent(q::duration);
            queryParty.ifPresent(q::partySize);
            customer.ifPresent(q::customer);
            displayZone.ifPresent(q::displayZone);
            return q.build();
        }

        String describe() {
            StringBuilder text = new StringBuilder("\n  zone ").append(zone)
                    .append("\n  now ").append(local(now, zone)).append(" (").append(now).append(")")
                    .append("\n  hours ").append(hours().toText())
                    .append("\n  capacity ").append(capacity).append(" (r2: ").append(otherCapacity).append(")")
                    .append("\n  template ").append(TemplateCatalog.toProperties(template))
                    .append("\n  window ").append(local(window.getStart(), zone)).append(" to ").append(local(window.getEnd(), zone))
                    .append("\n  query duration ").append(queryDuration.map(Duration::toString).orElse("-"))
                    .append(", party ").append(queryParty.isPresent() ? queryParty.getAsInt() : "-")
                    .append(", customer ").append(customer.orElse("-"))
                    .append(", display ").append(displayZone.map(ZoneId::toString).orElse("-"))
                    .append("\n  bookings:");
            for (Booking b : bookings) {
                text.append("\n    ").append(b.id()).append(' ').append(b.status()).append(' ').append(b.resourceIds())
                        .append(' ').append(b.templateName()).append(' ').append(b.customerId())
                        .append(" x").append(b.partySize()).append(' ')
                        .append(local(b.interval().getStart(), zone)).append("..").append(local(b.interval().getEnd(), zone))
                        .append(" occupied ").append(local(b.occupied().getStart(), zone)).append("..")
                        .append(local(b.occupied().getEnd(), zone))
                        .append(b.expiresAt().map(e -> " expires " + local(e, zone)).orElse(""));
            }
            return text.toString();
        }
    }

    record World(InMemoryBookingStore store, BookingEngine engine) {
    }

    static Gen<Scenario> scenarios() {
        Gen<Scenario> gen = in -> scenario(new Draw(in));
        return gen.describedAs(Scenario::describe);
    }

    private static Scenario scenario(Draw d) {
        Scenario s = new Scenario();
        s.zone = d.pick(ZONES);
        List<LocalDate> transitions = transitionDates(s.zone);
        LocalDate anchor = !transitions.isEmpty() && d.percent(60) ? d.pick(transitions)
                : LocalDate.of(2026, 1, 1).plusDays(d.between(0, 364));
        LocalTime clockTime = LocalTime.ofSecondOfDay(60L * d.between(0, 24 * 60 - 1) + (d.percent(20) ? d.between(1, 59) : 0));
        s.now = ZonedDateTime.of(anchor.minusDays(d.between(0, 3)), clockTime, s.zone).toInstant();
        Instant windowStart = s.now.plus(Duration.ofMinutes(d.between(-24 * 60, 2 * 24 * 60)));
        s.window = Interval.of(windowStart, windowStart.plus(Duration.ofMinutes(d.between(24 * 60, 3 * 24 * 60))));
        LocalDate firstDate = windowStart.atZone(s.zone).toLocalDate();

        s.granularity = d.pick(List.of(5, 15, 30, 60));
        for (DayOfWeek day : DayOfWeek.values()) {
            s.week.put(day, dayRanges(d, s.granularity));
        }
        if (d.percent(20)) {
            s.secondWeekFrom = firstDate.plusDays(d.between(-1, 3));
            for (DayOfWeek day : DayOfWeek.values()) {
                s.secondWeek.put(day, dayRanges(d, s.granularity));
            }
        }
        if (d.percent(30)) {
            s.overrideDate = firstDate.plusDays(d.between(-1, 3));
            s.overrideRanges = d.percent(50) ? List.of() : dayRanges(d, s.granularity);
        }
        if (d.percent(10)) {
            s.yearlyClosure = MonthDay.from(firstDate.plusDays(d.between(-1, 3)));
        }
        s.capacity = d.between(1, 3);
        s.otherCapacity = d.between(1, 3);
        s.template = template(d);

        Instant bookingBase = firstDate.minusDays(1).atStartOfDay(s.zone).toInstant();
        int spread = (int) (s.window.toDuration().toMinutes() + 3 * 24 * 60) / 5;
        int count = d.between(0, 12);
        for (int i = 1; i <= count; i++) {
            s.bookings.add(booking(d, "b" + i, bookingBase.plus(Duration.ofMinutes(5L * d.between(0, spread))), s));
        }

        int q = d.between(0, 99);
        if (q >= 70 && q < 90) {
            int steps = (int) s.template.maxDuration().minus(s.template.minDuration()).toMinutes() / 15;
            s.queryDuration = Optional.of(s.template.minDuration().plusMinutes(15L * d.between(0, steps)));
        } else if (q >= 90) {
            s.queryDuration = Optional.of(d.percent(50) ? s.template.maxDuration().plusMinutes(15)
                    : s.template.minDuration().plusMinutes(d.between(1, 14)));
        }
        if (d.percent(30)) {
            s.queryParty = OptionalInt.of(d.between(1, 4));
        }
        if (d.percent(60)) {
            s.customer = Optional.of(d.pick(List.of("c1", "c2", "c3", "c9")));
        }
        if (d.percent(20)) {
            s.displayZone = Optional.of(d.pick(ZONES));
        }
        return s;
    }

    private static ServiceTemplate template(Draw d) {
        Duration duration = Duration.ofMinutes(15L * d.between(1, 8));
        ServiceTemplate.Builder b = ServiceTemplate.builder(SERVICE);
        if (d.percent(25)) {
            b.duration(duration, duration.plusMinutes(15L * d.between(1, 3)), Duration.ofMinutes(15));
        } else {
            b.duration(duration);
        }
        b.buffers(Duration.ofMinutes(d.percent(40) ? 0 : d.between(1, 30)),
                Duration.ofMinutes(d.percent(40) ? 0 : d.between(1, 30)));
        b.slotStep(Duration.ofMinutes(d.pick(List.of(15, 30, 60))));
        int notice = d.percent(30) ? 0 : d.between(1, 48 * 60);
        b.minNotice(Duration.ofMinutes(notice));
        b.sameDayAllowed(d.percent(60));
        b.horizon(Duration.ofMinutes(notice + d.between(60, 6 * 24 * 60)));
        int partyMin = d.percent(80) ? 1 : 2;
        int partyMax = d.between(partyMin, 3);
        b.partySize(partyMin, partyMax);
        if (d.percent(40)) {
            b.seats(d.between(partyMin, 3));
        }
        Limits limits = Limits.none();
        if (d.percent(30)) {
            limits = limits.withPerResourceDay(d.between(1, 3));
        }
        if (d.percent(30)) {
            limits = limits.withPerResourceWeek(d.between(1, 4));
        }
        if (d.percent(30)) {
            limits = limits.withPerCustomerDay(d.between(1, 2));
        }
        if (d.percent(30)) {
            limits = limits.withPerCustomerWeek(d.between(1, 3));
        }
        b.limits(limits);
        if (d.percent(30)) {
            b.requiresConfirmation(Duration.ofHours(d.between(1, 48)));
        }
        return b.build();
    }

    /** Closed, one range or two; the last one may run past midnight (up to a whole day). */
    private static List<TimeRange> dayRanges(Draw d, int granularity) {
        int kind = d.between(0, 9);
        int slots = 24 * 60 / granularity;
        if (kind < 2) {
            return List.of();
        }
        List<TimeRange> ranges = new ArrayList<>();
        int from = 0;
        if (kind >= 7) {
            int start = d.between(0, slots - 3);
            int end = d.between(start + 1, slots - 2);
            ranges.add(TimeRange.of(time(start, granularity), time(end, granularity)));
            from = end;
        }
        int start = d.between(from, slots - 1);
        int end = d.percent(75) ? d.between(start + 1, slots) : d.between(0, start);
        ranges.add(TimeRange.of(time(start, granularity), time(end % slots, granularity)));
        return ranges;
    }

    private static LocalTime time(int index, int granularity) {
        return LocalTime.MIDNIGHT.plusMinutes((long) index * granularity);
    }

    private static Booking booking(Draw d, String id, Instant start, Scenario s) {
        int p = d.between(0, 99);
        List<String> resources = p < 70 ? List.of(R1) : p < 85 ? List.of(R2) : List.of(R1, R2);
        String template = d.percent(75) ? SERVICE : OTHER;
        String customer = d.pick(CUSTOMERS);
        Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(5L * d.between(1, 36))));
        Interval occupied = Interval.of(interval.getStart().minus(Duration.ofMinutes(d.percent(50) ? 0 : d.between(1, 30))),
                interval.getEnd().plus(Duration.ofMinutes(d.percent(50) ? 0 : d.between(1, 30))));
        int party = d.between(1, 3);
        BookingStatus status = d.pick(STATUSES);
        Optional<Instant> expiresAt = status == BookingStatus.HELD || status == BookingStatus.PENDING
                ? Optional.of(s.now.plus(Duration.ofMinutes(d.percent(10) ? 0 : d.between(-120, 120))))
                : Optional.empty();
        Instant created = s.now.minus(Duration.ofDays(1));
        return new Booking(id, TENANT, resources, customer, template, interval, occupied, party, status, 0,
                Optional.empty(), Optional.empty(), "", Locale.ENGLISH, created, created, expiresAt, false, Optional.empty(), List.of());
    }

    /** The local dates of the zone's offset changes in 2026, where the day is 23 or 25 hours long. */
    private static List<LocalDate> transitionDates(ZoneId zone) {
        List<LocalDate> dates = new ArrayList<>();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        ZoneOffsetTransition t;
        while ((t = zone.getRules().nextTransition(from)) != null && t.getInstant().isBefore(Instant.parse("2027-01-01T00:00:00Z"))) {
            dates.add(t.getDateTimeBefore().toLocalDate());
            from = t.getInstant();
        }
        return dates;
    }

    // ----------------------------------------------------------------------------------------
    // helpers

    private static Set<Instant> starts(List<Slot> slots) {
        return slots.stream().map(slot -> slot.interval().getStart()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SortedSet<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDateTime() + instant.atZone(zone).getOffset().toString();
    }
}
