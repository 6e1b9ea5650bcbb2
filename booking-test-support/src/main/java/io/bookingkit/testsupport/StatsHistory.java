package io.bookingkit.testsupport;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.testsupport.StatsBruteForce.StatsResource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * A generated, seeded booking history for {@link StatsContract}: several weeks of bookings on
 * resources in several zones, over four daylight-saving changes (the US, the EU, Lord Howe,
 * Sydney), in every status with a plausible history. Blocking bookings that are not forced never put more seats on a resource
 * than it has at any instant (by status, whatever their expiry), so a store may enforce
 * capacity itself.
 */
final class StatsHistory {

    /**
     * The window of the generated statistics: March 2026 into April, over the US (March 8) and EU
     * (March 29) spring-forward days and Lord Howe's and Sydney's fall-back on April 5. Its ends
     * are whole minutes but no local hour's start.
     */
    static final Interval WINDOW = Interval.of(Instant.parse("2026-03-01T03:10:00Z"),
            Instant.parse("2026-04-06T21:50:00Z"));

    /** The engine's clock: inside the window, so that bookings lie behind and ahead of it. */
    static final Instant NOW = Instant.parse("2026-03-24T15:17:00Z");

    /** The template no engine knows: its cancellation cutoff is zero. */
    static final String UNKNOWN_TEMPLATE = "retired";

    /** The templates the engine knows, with their cancellation cutoffs (one of zero). */
    static final List<ServiceTemplate> TEMPLATES = List.of(
            template("consult", Duration.ofHours(24)),
            template("class", Duration.ofHours(2)),
            template("trim", Duration.ofMinutes(30)),
            template("quick", Duration.ZERO));

    /** The cutoffs of {@link #TEMPLATES}, by name. */
    static final Map<String, Duration> CUTOFFS = cutoffs();

    /**
     * The resources: open around the clock in New York (a 23-hour day) and Sydney (a 25-hour
     * day); a studio of four seats in Berlin; a clinic on Lord Howe Island (half-hour offsets
     * and a half-hour shift, with a Saturday night shift over the repeated half hour); a lab in
     * Kolkata (+05:30); a desk of two seats in UTC with a Sunday night shift.
     */
    static final List<StatsResource> RESOURCES = List.of(
            StatsResource.allDay("ny-allday", 1, ZoneId.of("America/New_York")),
            StatsResource.allDay("syd-allday", 1, ZoneId.of("Australia/Sydney")),
            StatsResource.of("berlin-studio", 4, ZoneId.of("Europe/Berlin"),
                    "Mo 08:00-12:00,13:00-20:00", "Tu 08:00-12:00,13:00-20:00", "We 08:00-12:00,13:00-20:00",
                    "Th 08:00-12:00,13:00-20:00", "Fr 08:00-12:00,13:00-20:00", "Sa 09:00-14:00"),
            StatsResource.of("lordhowe-clinic", 1, ZoneId.of("Australia/Lord_Howe"),
                    "Mo 07:30-12:00,12:30-18:30", "Tu 07:30-12:00,12:30-18:30", "We 07:30-12:00,12:30-18:30",
                    "Th 07:30-12:00,12:30-18:30", "Fr 07:30-12:00,12:30-18:30", "Sa 10:00-13:00,21:00-04:00",
                    "Su 10:00-12:00"),
            StatsResource.of("kolkata-lab", 1, ZoneId.of("Asia/Kolkata"),
                    "Mo 09:30-13:15,14:00-18:45", "Tu 09:30-13:15,14:00-18:45", "We 09:30-13:15,14:00-18:45",
                    "Th 09:30-13:15,14:00-18:45", "Fr 09:30-13:15,14:00-18:45", "Sa 09:30-13:15"),
            StatsResource.of("utc-desk", 2, ZoneOffset.UTC,
                    "Mo 06:00-22:00", "Tu 06:00-22:00", "We 06:00-22:00", "Th 06:00-22:00", "Fr 06:00-22:00",
                    "Su 22:00-02:00"));

    /** Bookings of two resources at once. */
    private static final List<List<String>> PAIRS = List.of(List.of("utc-desk", "ny-allday"),
            List.of("berlin-studio", "utc-desk"), List.of("kolkata-lab", "lordhowe-clinic"));

    private static final List<String> TEMPLATE_NAMES = List.of("consult", "class", "trim", "quick", UNKNOWN_TEMPLATE);
    private static final int[] MINUTES = {15, 20, 25, 30, 45, 50, 60, 75, 90, 120, 150, 180};
    private static final int[] BUFFERS = {0, 0, 0, 5, 10, 15};
    private static final BookingStatus[] NOT_BLOCKING_PAST = {BookingStatus.COMPLETED, BookingStatus.CANCELLED,
            BookingStatus.NO_SHOW, BookingStatus.EXPIRED, BookingStatus.DECLINED};
    private static final BookingStatus[] NOT_BLOCKING_AHEAD = {BookingStatus.CANCELLED, BookingStatus.EXPIRED,
            BookingStatus.DECLINED};

    private static final Set<BookingStatus> FORCED = Set.of(BookingStatus.CONFIRMED, BookingStatus.IN_PROGRESS,
            BookingStatus.COMPLETED, BookingStatus.NO_SHOW, BookingStatus.CANCELLED);

    private final Random random;
    private final String tenantId;
    private final String prefix;
    private final Map<String, StatsResource> resources = new HashMap<>();
    private final Map<String, List<Booking>> blocking = new HashMap<>();
    private final List<Booking> bookings = new ArrayList<>();
    private final Instant from = WINDOW.getStart().minus(3, ChronoUnit.DAYS);
    private final Instant to = WINDOW.getEnd().plus(2, ChronoUnit.DAYS);

    private StatsHistory(long seed, String tenantId, String prefix) {
        this.random = new Random(seed);
        this.tenantId = tenantId;
        this.prefix = prefix;
        RESOURCES.forEach(r -> {
            resources.put(r.id(), r);
            blocking.put(r.id(), new ArrayList<>());
        });
    }

    /**
     * About {@code perResource} bookings of {@code tenantId} on each resource (and a tenth of
     * that on two resources at once), from three days before the window to two days after it,
     * with bookings across both of its ends.
     */
    static List<Booking> generate(long seed, String tenantId, String idPrefix, int perResource) {
        StatsHistory h = new StatsHistory(seed, tenantId, idPrefix);
        h.edges();
        for (StatsResource r : RESOURCES) {
            int n = perResource * (r.capacity() > 1 ? 3 : 2) / 2;
            for (int i = 0; i < n; i++) {
                h.add(List.of(r.id()));
            }
        }
        for (int i = 0; i < perResource / 10 * PAIRS.size(); i++) {
            h.add(PAIRS.get(i % PAIRS.size()));
        }
        return List.copyOf(h.bookings);
    }

    private static ServiceTemplate template(String name, Duration cutoff) {
        return ServiceTemplate.builder(name).duration(Duration.ofHours(1)).cancellationCutoff(cutoff).build();
    }

    private static Map<String, Duration> cutoffs() {
        Map<String, Duration> c = new HashMap<>();
        TEMPLATES.forEach(t -> c.put(t.name(), t.cancellationCutoff()));
        return Map.copyOf(c);
    }

    /** Bookings across the window's ends on each resource, and starting exactly on them. */
    private void edges() {
        Instant ws = WINDOW.getStart();
        Instant we = WINDOW.getEnd();
        for (StatsResource r : RESOURCES) {
            List<String> on = List.of(r.id());
            // Across the start, in the window from its first minute.
            place(on, ws.minus(30, ChronoUnit.MINUTES), 75, 0, 10, BookingStatus.COMPLETED, false);
            // Before the window, with only its buffer inside.
            place(on, ws.minus(100, ChronoUnit.MINUTES), 65, 0, 40, BookingStatus.COMPLETED, false);
            // Starting on the window's first instant.
            place(on, ws, 20, 0, 0, BookingStatus.NO_SHOW, false);
            // Across the end.
            place(on, we.minus(40, ChronoUnit.MINUTES), 60, 0, 0, BookingStatus.CONFIRMED, false);
            // After the window, with only its buffer inside.
            place(on, we.plus(10, ChronoUnit.MINUTES), 40, 15, 0, BookingStatus.COMPLETED, false);
            // Starting on the window's end: not in it.
            place(on, we, 30, 5, 5, BookingStatus.CANCELLED, false);
        }
    }

    /** One random booking on {@code on}. */
    private void add(List<String> on) {
        boolean forced = random.nextInt(100) < 3;
        boolean allDay = on.stream().allMatch(id -> resources.get(id).week().size() == 7
                && resources.get(id).week().values().stream().allMatch(h -> h.size() == 1
                && h.get(0).from().equals(h.get(0).to())));
        int minutes = allDay && random.nextInt(100) < 4 ? 360 + 5 * random.nextInt(300)
                : MINUTES[random.nextInt(MINUTES.length)] + (random.nextInt(4) == 0 ? random.nextInt(7) : 0);
        Instant start = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            start = randomStart();
            boolean open = resources.get(on.get(0)).isOpenAt(start.atZone(resources.get(on.get(0)).zone())
                    .toLocalDateTime());
            // Most bookings start in the hours; forced ones out of them where there are any.
            if (open != forced || allDay) {
                break;
            }
        }
        BookingStatus status = randomStatus(start.isBefore(NOW));
        place(on, start, minutes, BUFFERS[random.nextInt(BUFFERS.length)], BUFFERS[random.nextInt(BUFFERS.length)],
                status, forced);
    }

    private Instant randomStart() {
        long slots = ChronoUnit.MINUTES.between(from, to) / 5;
        return from.plus(5 * (long) random.nextInt((int) slots), ChronoUnit.MINUTES);
    }

    private BookingStatus randomStatus(boolean startedBeforeNow) {
        int p = random.nextInt(100);
        if (startedBeforeNow) {
            return p < 40 ? BookingStatus.COMPLETED : p < 48 ? BookingStatus.NO_SHOW : p < 66 ? BookingStatus.CANCELLED
                    : p < 70 ? BookingStatus.CONFIRMED : p < 73 ? BookingStatus.IN_PROGRESS
                    : p < 83 ? BookingStatus.EXPIRED : p < 88 ? BookingStatus.DECLINED
                    : p < 94 ? BookingStatus.HELD : BookingStatus.PENDING;
        }
        // Ahead of now; a few were started and finished early.
        return p < 40 ? BookingStatus.CONFIRMED : p < 52 ? BookingStatus.PENDING : p < 60 ? BookingStatus.HELD
                : p < 80 ? BookingStatus.CANCELLED : p < 86 ? BookingStatus.DECLINED : p < 96 ? BookingStatus.EXPIRED
                : p < 98 ? BookingStatus.IN_PROGRESS : BookingStatus.COMPLETED;
    }

    /**
     * Builds the booking and keeps it; a blocking booking that is not forced and would put more
     * seats on a resource than it has gets a status that does not block instead.
     */
    private void place(List<String> on, Instant start, int minutes, int before, int after, BookingStatus status,
                       boolean forced) {
        Interval interval = Interval.of(start, Duration.ofMinutes(minutes));
        Interval occupied = Interval.of(start.minus(before, ChronoUnit.MINUTES),
                interval.getEnd().plus(after, ChronoUnit.MINUTES));
        int seats = on.stream().mapToInt(id -> resources.get(id).capacity()).min().orElseThrow();
        int party = seats == 1 ? 1 : 1 + (random.nextInt(3) == 0 ? random.nextInt(seats) : 0);
        if (forced && !FORCED.contains(status)) {
            // An administrator forces a booking in: it is confirmed from the start.
            status = start.isBefore(NOW) ? BookingStatus.COMPLETED : BookingStatus.CONFIRMED;
        }
        if (status.blocksTime() && !forced && !fits(on, occupied, party)) {
            BookingStatus[] others = start.isBefore(NOW) ? NOT_BLOCKING_PAST : NOT_BLOCKING_AHEAD;
            status = others[random.nextInt(others.length)];
        }
        String template = TEMPLATE_NAMES.get(random.nextInt(TEMPLATE_NAMES.size()));
        String customer = "cust-" + random.nextInt(300);
        Instant created = createdAt(start, status);
        List<Transition> history = history(status, created, interval, CUTOFFS.getOrDefault(template, Duration.ZERO),
                Actor.customer(tenantId, customer), Actor.staff(tenantId, "staff-" + on.get(0), Set.copyOf(on)),
                forced);
        Optional<Instant> expires = Optional.empty();
        Transition last = history.get(history.size() - 1);
        if (status == BookingStatus.HELD) {
            expires = Optional.of(last.at().plus(10, ChronoUnit.MINUTES));
        } else if (status == BookingStatus.PENDING) {
            expires = Optional.of(last.at().plus(24, ChronoUnit.HOURS));
        }
        Booking b = ContractData.booking(String.format("%s-%05d", prefix, bookings.size()))
                .tenant(tenantId).resources(on.toArray(String[]::new)).customer(customer).template(template)
                .interval(interval).buffers(Duration.ofMinutes(before), Duration.ofMinutes(after)).party(party)
                .status(status).createdAt(created).expiresAt(expires.orElse(null)).forced(forced)
                .history(history.toArray(Transition[]::new)).build()
                .toBuilder().updatedAt(last.at()).build();
        bookings.add(b);
        if (status.blocksTime() && !forced) {
            on.forEach(id -> blocking.get(id).add(b));
        }
    }

    /** Whether {@code party} more seats fit on each of {@code on} throughout {@code occupied}. */
    private boolean fits(List<String> on, Interval occupied, int party) {
        for (String id : on) {
            List<Booking> overlapping = blocking.get(id).stream().filter(b -> b.occupied().overlaps(occupied)).toList();
            List<Instant> probes = new ArrayList<>();
            probes.add(occupied.getStart());
            overlapping.forEach(b -> {
                if (occupied.contains(b.occupied().getStart())) {
                    probes.add(b.occupied().getStart());
                }
            });
            for (Instant t : probes) {
                int used = party;
                for (Booking b : overlapping) {
                    used += b.occupied().contains(t) ? b.partySize() : 0;
                }
                if (used > resources.get(id).capacity()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * When the booking was made: minutes to two months ahead of its start, now and then exactly
     * on a histogram bound, a few walk-ins recorded after the start; never after now, except for
     * the walk-ins.
     */
    private Instant createdAt(Instant start, BookingStatus status) {
        int p = random.nextInt(100);
        long seconds = random.nextInt(60);
        Duration lead;
        if (p < 4 && start.isBefore(NOW) && (status == BookingStatus.COMPLETED || status == BookingStatus.CONFIRMED
                || status == BookingStatus.NO_SHOW || status == BookingStatus.CANCELLED)) {
            Instant walkIn = start.plus(5 + random.nextInt(180), ChronoUnit.MINUTES).plusSeconds(seconds);
            return walkIn.isBefore(NOW) ? walkIn : NOW.minusSeconds(seconds);
        } else if (p < 8) {
            lead = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30))
                    .get(random.nextInt(4));
        } else if (p < 22) {
            lead = Duration.ofMinutes(5 + random.nextInt(55)).plusSeconds(seconds);
        } else if (p < 47) {
            lead = Duration.ofMinutes(60 + random.nextInt(23 * 60)).plusSeconds(seconds);
        } else if (p < 72) {
            lead = Duration.ofMinutes(24 * 60 + random.nextInt(6 * 24 * 60)).plusSeconds(seconds);
        } else if (p < 90) {
            lead = Duration.ofMinutes(7 * 24 * 60 + random.nextInt(23 * 24 * 60)).plusSeconds(seconds);
        } else {
            lead = Duration.ofMinutes(30 * 24 * 60 + random.nextInt(30 * 24 * 60)).plusSeconds(seconds);
        }
        Instant created = start.minus(lead);
        if (created.isAfter(NOW)) {
            created = NOW.minus(random.nextInt(3 * 24 * 60), ChronoUnit.MINUTES).minusSeconds(seconds);
        }
        return created;
    }

    /** A history that ends in {@code status}, made at {@code created}. */
    private List<Transition> history(BookingStatus status, Instant created, Interval interval, Duration cutoff,
                                     Actor customer, Actor staff, boolean forced) {
        Actor admin = Actor.admin(tenantId, "boss");
        Actor system = Actor.system(tenantId);
        History h = new History(created);
        Instant start = interval.getStart();
        if (forced) {
            h.create(BookingStatus.CONFIRMED, admin, "forced over a conflict");
        }
        switch (status) {
            case HELD -> h.create(BookingStatus.HELD, customer, "");
            case PENDING -> pending(h, customer);
            case CONFIRMED -> confirmed(h, customer, staff, created.isAfter(start));
            case IN_PROGRESS -> {
                confirmed(h, customer, staff, created.isAfter(start));
                h.to(BookingStatus.IN_PROGRESS, staff, start, "");
            }
            case COMPLETED -> {
                confirmed(h, customer, staff, created.isAfter(start));
                h.to(BookingStatus.IN_PROGRESS, staff, start, "");
                h.to(BookingStatus.COMPLETED, staff, interval.getEnd(), "");
            }
            case NO_SHOW -> {
                confirmed(h, customer, staff, created.isAfter(start));
                h.to(BookingStatus.NO_SHOW, staff, start.plus(10, ChronoUnit.MINUTES), "did not come");
            }
            case DECLINED -> {
                pending(h, customer);
                h.to(BookingStatus.DECLINED, random.nextBoolean() ? staff : admin,
                        h.last.plus(5 + random.nextInt(600), ChronoUnit.MINUTES), "fully booked");
            }
            case EXPIRED -> {
                if (random.nextBoolean()) {
                    h.create(BookingStatus.HELD, customer, "");
                    h.to(BookingStatus.EXPIRED, system, h.last.plus(10, ChronoUnit.MINUTES), "hold expired");
                } else {
                    pending(h, customer);
                    h.to(BookingStatus.EXPIRED, system, h.last.plus(24, ChronoUnit.HOURS), "nobody confirmed");
                }
            }
            case CANCELLED -> {
                int p = random.nextInt(10);
                if (forced || p >= 4) {
                    confirmed(h, customer, staff, created.isAfter(start));
                } else if (p < 2) {
                    h.create(BookingStatus.HELD, customer, "");
                } else {
                    pending(h, customer);
                }
                int who = random.nextInt(20);
                Actor by = who < 7 ? customer : who < 12 ? staff : who < 16 ? admin : system;
                h.to(BookingStatus.CANCELLED, by, cancelledAt(h.last, start, cutoff), by == customer ? "" : "cancelled");
            }
            default -> throw new IllegalStateException("no history for " + status);
        }
        return h.transitions;
    }

    private void pending(History h, Actor customer) {
        if (random.nextBoolean()) {
            h.create(BookingStatus.PENDING, customer, "");
        } else {
            h.create(BookingStatus.HELD, customer, "");
            h.to(BookingStatus.PENDING, customer, h.last.plus(2, ChronoUnit.MINUTES), "");
        }
    }

    private void confirmed(History h, Actor customer, Actor staff, boolean walkIn) {
        if (h.status != null) {
            return; // forced in, confirmed already
        }
        int p = random.nextInt(10);
        if (walkIn || p < 2) {
            h.create(BookingStatus.CONFIRMED, staff, "");
        } else if (p < 5) {
            h.create(BookingStatus.CONFIRMED, customer, "");
        } else if (p < 8) {
            h.create(BookingStatus.HELD, customer, "");
            h.to(BookingStatus.CONFIRMED, customer, h.last.plus(3, ChronoUnit.MINUTES), "");
        } else {
            h.create(BookingStatus.PENDING, customer, "");
            h.to(BookingStatus.CONFIRMED, staff, h.last.plus(10 + random.nextInt(300), ChronoUnit.MINUTES), "");
        }
        if (random.nextInt(10) == 0) {
            h.to(BookingStatus.CONFIRMED, customer, h.last.plus(1, ChronoUnit.HOURS), "moved");
        }
    }

    /**
     * When a cancellation happened: before the cutoff, exactly on it, after it but before the
     * start, or after the start; never before the booking's last transition.
     */
    private Instant cancelledAt(Instant after, Instant start, Duration cutoff) {
        Instant cut = start.minus(cutoff);
        int p = random.nextInt(4);
        Instant t;
        if (p == 0) {
            t = cut.minus(1 + random.nextInt(5 * 24 * 60), ChronoUnit.MINUTES);
        } else if (p == 1) {
            t = cut;
        } else if (p == 2) {
            t = cutoff.isZero() ? start.minusSeconds(1 + random.nextInt(600))
                    : cut.plusSeconds(1 + random.nextInt((int) cutoff.getSeconds() - 1));
        } else {
            t = start.plus(1 + random.nextInt(120), ChronoUnit.MINUTES);
        }
        return t.isBefore(after) ? after.plus(1, ChronoUnit.MINUTES) : t;
    }

    /**
     * Transitions in order; each at least as late as the one before, and none after now (an
     * engine at now cannot have recorded a later one): what would come later happens at now.
     */
    private static final class History {
        private final List<Transition> transitions = new ArrayList<>();
        private final Instant created;
        private Instant last;
        private BookingStatus status;

        History(Instant created) {
            this.created = created;
            this.last = created;
        }

        void create(BookingStatus to, Actor actor, String reason) {
            if (status == null) {
                transitions.add(new Transition(Optional.empty(), to, actor, created, reason));
                status = to;
            }
        }

        void to(BookingStatus to, Actor actor, Instant at, String reason) {
            Instant when = at.isBefore(last) ? last : at.isAfter(NOW) ? NOW : at;
            transitions.add(new Transition(Optional.of(status), to, actor, when, reason));
            status = to;
            last = when;
        }
    }

    /** Counts of {@code bookings} per status, for the test's report. */
    static Map<BookingStatus, Integer> byStatus(List<Booking> bookings) {
        Map<BookingStatus, Integer> m = new EnumMap<>(BookingStatus.class);
        bookings.forEach(b -> m.merge(b.status(), 1, Integer::sum));
        return m;
    }
}
