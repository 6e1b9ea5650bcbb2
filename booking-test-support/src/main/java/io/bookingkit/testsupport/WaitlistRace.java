package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.EVER;
import static io.bookingkit.testsupport.ContractData.NOW;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.at;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.TransitionNotAllowedException;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistRequest;
import io.bookingkit.waitlist.WaitlistStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A race over waitlists: threads on two application nodes cancel seats of full sessions, join
 * their waitlists, book directly, and accept the offers they get (twice, as a double click
 * would), all at once. {@link #violations} then says what the stored data breaks of the
 * waitlist's guarantee: no instant over capacity, no entry waiting while a seat it fits is free,
 * every offer held for exactly one entry and no entry holding two.
 *
 * <p>The class's template ({@link #TEMPLATE}) takes one seat per booking, so every waiting
 * entry fits any free seat.
 */
public final class WaitlistRace {

    /** The template the race books: an hour, one seat per booking. */
    public static final String TEMPLATE = "class";
    /** The resource: three seats. */
    public static final String HALL = "hall";
    /** Seats of {@link #HALL}. */
    public static final int CAPACITY = 3;
    /** Sessions raced for at once. */
    public static final int SESSIONS = 3;

    private WaitlistRace() {
    }

    /**
     * The start of session {@code s} of round {@code round}.
     *
     * @param round the round, from 0; each round is a day later
     * @param s     the session, from 0 to {@link #SESSIONS} − 1; each is an hour later
     * @return the session's start, on or after 07:00 of the contract's Wednesday
     */
    public static Instant start(int round, int s) {
        return at("07:00:00").plus(Duration.ofDays(round)).plus(Duration.ofHours(s));
    }

    /**
     * Fills the round's sessions and puts two entries on the first one's waitlist, then races
     * {@code threads} threads over {@code nodes} (one thread in three cancels a seat, one joins the
     * waitlist, one books directly and joins when refused; each accepts an offer that reaches it
     * soon, twice), and then accepts every offer still open with two clicks at once, one on each
     * node. The hall and the template must be registered.
     *
     * @param nodes   two engines, each over a node of the store, at {@link ContractData#NOW}
     * @param threads how many racing threads, positive; from {@code 3 * SESSIONS} on, every session
     *                gets each kind of racer
     * @param round   the round, from 0, whose sessions to race for; each round needs sessions of
     *                its own
     * @return per thread, what went wrong that the guarantee does not excuse; empty when nothing did
     * @throws InterruptedException if the calling thread is interrupted while it waits for the
     *                              racers
     */
    public static List<String> race(BookingEngine[] nodes, int threads, int round) throws InterruptedException {
        List<List<Booking>> seated = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            List<Booking> seats = new ArrayList<>();
            for (int k = 0; k < CAPACITY; k++) {
                seats.add(nodes[0].book(request(round, s).build(), Actor.customer(TENANT, "seat-" + round + "-" + s + "-" + k)));
            }
            seated.add(seats);
            // On the first session two entries wait before the race starts, so that its
            // cancellations make offers however the threads interleave; on the others the race
            // itself decides whether a freed seat meets a waiting entry or a walk-in first.
            for (int j = 0; s == 0 && j < 2; j++) {
                nodes[0].joinWaitlist(WaitlistRequest.builder().template(TEMPLATE).resource(HALL).start(start(round, s))
                        .build(), Actor.customer(TENANT, "early-" + round + "-" + s + "-" + j));
            }
        }
        List<Object> outcomes = RaceHarness.race(threads, i -> {
            BookingEngine node = nodes[i % 2];
            int s = i % SESSIONS;
            Actor me = Actor.customer(TENANT, "racer-" + round + "-" + i);
            try {
                switch ((i / SESSIONS) % 3) {
                    case 0 -> {
                        Booking seat = seated.get(s).get((i / (3 * SESSIONS)) % CAPACITY);
                        node.cancel(seat.id(), Actor.customer(TENANT, seat.customerId()), "");
                        return "cancelled";
                    }
                    case 1 -> {
                        return waitAndAccept(node, round, s, me);
                    }
                    default -> {
                        try {
                            return node.book(request(round, s).build(), me);
                        } catch (SlotUnavailableException e) {
                            return waitAndAccept(node, round, s, me);
                        }
                    }
                }
            } catch (TransitionNotAllowedException e) {
                return "seat cancelled by another thread";
            } catch (StaleBookingException e) {
                return "stale";
            }
        });
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Throwable t) {
                unexpected.add("thread " + i + ": " + t);
            }
        }
        // Then every offer still open is accepted by two clicks at once, one on each node.
        List<WaitlistEntry> offered = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            Instant start = start(round, s);
            nodes[0].waitlist(HALL, TEMPLATE, start, ContractData.BOSS).stream().map(p -> p.entry())
                    .filter(e -> e.status() == WaitlistStatus.OFFERED).forEach(offered::add);
        }
        List<Object> accepted = RaceHarness.race(2 * offered.size(), i -> {
            WaitlistEntry e = offered.get(i / 2);
            return nodes[i % 2].confirm(e.offerId().orElseThrow(), Actor.customer(TENANT, e.customerId()));
        });
        for (int i = 0; i < accepted.size(); i++) {
            if (!(accepted.get(i) instanceof Booking b) || b.status() != BookingStatus.CONFIRMED) {
                unexpected.add("accepting offer " + offered.get(i / 2).offerId().orElseThrow() + ": " + accepted.get(i));
            }
        }
        return unexpected;
    }

    private static Object waitAndAccept(BookingEngine node, int round, int s, Actor me) {
        WaitlistEntry entry;
        try {
            entry = node.joinWaitlist(WaitlistRequest.builder().template(TEMPLATE).resource(HALL).start(start(round, s))
                    .build(), me);
        } catch (PolicyViolationException e) {
            // Seats were free after all: book one, if nobody was quicker.
            try {
                return node.book(request(round, s).build(), me);
            } catch (SlotUnavailableException taken) {
                return "refused twice";
            }
        }
        for (int tries = 0; tries < 20; tries++) {
            Optional<WaitlistEntry> now = node.findEntry(entry.id(), me);
            if (now.isPresent() && now.get().status() == WaitlistStatus.OFFERED) {
                String offer = now.get().offerId().orElseThrow();
                node.confirm(offer, me);
                return node.confirm(offer, me);
            }
            Thread.yield();
        }
        return entry;
    }

    private static BookingRequest.Builder request(int round, int s) {
        return BookingRequest.builder().template(TEMPLATE).resource(HALL).start(start(round, s));
    }

    /**
     * What the stored bookings and entries of {@code rounds} rounds break of the waitlist's
     * guarantee, read through {@code store}'s port; empty when they break nothing.
     *
     * @param store  the store the race ran on
     * @param rounds how many rounds ran, from round 0
     * @return one line per broken rule
     */
    public static List<String> violations(BookingStore store, int rounds) {
        BookingReads reads = store.reads(TENANT);
        List<String> broken = new ArrayList<>();
        List<Booking> all = reads.findOverlapping(List.of(HALL), EVER);
        try {
            CapacityBruteForce.assertNoInstantOverCapacity(all, Map.of(HALL, CAPACITY));
        } catch (AssertionError e) {
            broken.add("over capacity: " + e.getMessage());
        }
        Map<String, Booking> byId = all.stream().collect(Collectors.toMap(Booking::id, b -> b));
        Map<String, String> offerOwner = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < SESSIONS; s++) {
                Instant start = start(round, s);
                List<WaitlistEntry> entries = reads.findEntries(List.of(HALL), org.threeten.extra.Interval.of(start,
                        start.plusNanos(1))).stream().filter(e -> e.start().equals(start)).toList();
                int taken = CapacityBruteForce.seatsInUse(all, HALL, start, NOW);
                long waiting = entries.stream().filter(e -> e.status() == WaitlistStatus.WAITING).count();
                if (waiting > 0 && taken < CAPACITY) {
                    broken.add("session " + start + ": " + waiting + " entries wait while " + (CAPACITY - taken)
                            + " seats are free");
                }
                for (WaitlistEntry e : entries) {
                    checkOffer(e, byId, offerOwner, broken);
                }
            }
        }
        Map<String, Long> offersPerEntry = all.stream().filter(b -> b.waitlistEntryId().isPresent()
                && b.status().blocksTime()).collect(Collectors.groupingBy(b -> b.waitlistEntryId().get(),
                Collectors.counting()));
        offersPerEntry.forEach((entry, n) -> {
            if (n > 1) {
                broken.add("entry " + entry + " holds " + n + " offers");
            }
        });
        return broken;
    }

    private static void checkOffer(WaitlistEntry e, Map<String, Booking> byId, Map<String, String> offerOwner,
                                   List<String> broken) {
        if (e.offerId().isEmpty()) {
            if (e.status() == WaitlistStatus.OFFERED || e.status() == WaitlistStatus.BOOKED) {
                broken.add("entry " + e.id() + " is " + e.status() + " without an offer");
            }
            return;
        }
        String offerId = e.offerId().get();
        String owner = offerOwner.putIfAbsent(offerId, e.id());
        if (owner != null) {
            broken.add("offer " + offerId + " was made to entries " + owner + " and " + e.id());
        }
        Booking offer = byId.get(offerId);
        if (offer == null || !offer.waitlistEntryId().equals(Optional.of(e.id()))
                || !offer.customerId().equals(e.customerId())) {
            broken.add("entry " + e.id() + " names offer " + offerId + ", which is not its own");
            return;
        }
        Set<BookingStatus> expected = switch (e.status()) {
            case OFFERED -> Set.of(BookingStatus.HELD);
            case BOOKED -> Set.of(BookingStatus.CONFIRMED, BookingStatus.PENDING);
            default -> Set.of(BookingStatus.values());
        };
        if (!expected.contains(offer.status())) {
            broken.add("entry " + e.id() + " is " + e.status() + " but its offer is " + offer.status());
        }
    }

    /**
     * The entries of {@code rounds} rounds by status, and the sessions that are not full: a race
     * that made no offers, or left a seat free with so many customers wanting one, proves nothing.
     *
     * @param store  the store the race ran on
     * @param rounds how many rounds ran, from round 0
     * @return per {@link WaitlistStatus}, the number of entries in it, and under the key
     *         {@code "sessions not full"} the number of sessions with a seat free, if any
     */
    public static Map<Object, Long> tally(BookingStore store, int rounds) {
        BookingReads reads = store.reads(TENANT);
        List<Booking> all = reads.findOverlapping(List.of(HALL), EVER);
        Map<Object, Long> tally = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < SESSIONS; s++) {
                Instant start = start(round, s);
                reads.findEntries(List.of(HALL), org.threeten.extra.Interval.of(start, start.plusNanos(1)))
                        .forEach(e -> tally.merge(e.status(), 1L, Long::sum));
                if (CapacityBruteForce.seatsInUse(all, HALL, start, NOW) < CAPACITY) {
                    tally.merge("sessions not full", 1L, Long::sum);
                }
            }
        }
        return tally;
    }
}
