package io.bookingkit;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingNotFoundException;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.IdempotencyKeyReusedException;
import io.bookingkit.booking.Lifecycle.Action;
import io.bookingkit.booking.Permissions;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.notify.Notice;
import io.bookingkit.notify.Notices;
import io.bookingkit.recurrence.RefusedOccurrence;
import io.bookingkit.recurrence.SeriesMove;
import io.bookingkit.recurrence.SeriesRefusedException;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.recurrence.internal.Expander;
import io.bookingkit.recurrence.internal.SeriesEdits;
import io.bookingkit.recurrence.internal.SeriesPlan;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's recurring series: booking one in a unit of work, cancelling and moving the
 * occurrences from one on. The public methods are {@link BookingEngine}'s, which documents them;
 * each occurrence is placed, cancelled and passed to the waitlist by the engine's own units of
 * work. Thread-safe, as the engine is.
 */
final class SeriesBooking {

    private final BookingEngine engine;
    private final BookingStore store;
    private final Clock clock;
    private final TemplateCatalog templates;
    private final Notices notices;
    private final Supplier<String> ids;

    SeriesBooking(BookingEngine engine, BookingStore store, Clock clock, TemplateCatalog templates, Notices notices,
                  Supplier<String> ids) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.templates = templates;
        this.notices = notices;
        this.ids = ids;
    }

    SeriesResult book(SeriesRequest request, Actor actor) {
        Require.nonNull(request, "request");
        BookingRequest first = request.first();
        String customer = Permissions.requireMayBook(first, actor);
        String tenant = actor.tenantId();
        ServiceTemplate template = templates.get(first.templateName());
        ZoneId zone = request.zone().orElseGet(() -> engine.zoneOf(tenant, first.resourceIds().get(0)));
        LocalDateTime firstLocal = LocalDateTime.ofInstant(first.start(), zone);
        if (!WallClock.toInstant(firstLocal.toLocalDate(), firstLocal.toLocalTime(), zone).equals(first.start())) {
            throw new InvalidRequestException("The first start " + first.start() + " is the later " + firstLocal
                    + " of an hour that " + zone + " repeats; a series keeps wall-clock times at the earlier offset");
        }
        SeriesPlan plan = SeriesPlan.of(request.rule(), firstLocal, zone, request.exceptions(),
                clock.instant().plus(template.horizon()));
        String fingerprint = request.fingerprint(tenant, customer);
        Optional<SeriesLink.Pattern> pattern = SeriesLink.Pattern.fitting(plan.counted(request.rule()).toString(),
                firstLocal, zone);
        Function<UnitOfWork, BookingEngine.Outcome<SeriesResult>> work = unit -> {
            Optional<Booking> earlier = first.idempotencyKey().flatMap(unit::findByIdempotencyKey);
            if (earlier.isPresent()) {
                return replaySeries(unit, earlier.get(), fingerprint, first.idempotencyKey().get());
            }
            Instant now = clock.instant();
            String seriesId = ids.get();
            List<Booking> booked = new ArrayList<>();
            List<RefusedOccurrence> refused = new ArrayList<>();
            Notice expired = Notice.NONE;
            Optional<String> kept = Optional.empty();
            List<Expander.Occurrence> tries = new ArrayList<>(plan.planned());
            if (request.policy().triesReplacements()) {
                tries.addAll(plan.replacements());
            }
            for (Expander.Occurrence o : tries) {
                if (booked.size() == plan.planned().size()) {
                    break;
                }
                BookingEngine.Placed placed = engine.place(unit, BookingEngine.Placement.of(first, template, customer, false, o.start(), fingerprint,
                        Optional.of(new SeriesLink(seriesId, o.index(), pattern)),
                        booked.isEmpty() ? first.idempotencyKey() : Optional.empty()), actor, now, kept);
                expired = expired.then(placed.expired());
                if (placed.booking().isPresent()) {
                    booked.add(placed.booking().get());
                    kept = kept.or(() -> Optional.of(placed.booking().get().resourceId()));
                } else {
                    refused.add(new RefusedOccurrence(o.index(), o.start(), placed.choice().reasons()));
                }
            }
            if (request.policy().refusesSeries(booked.size(), refused.size())) {
                throw new SeriesRefusedException(refused);
            }
            BookingEngine.Outcome<Booking> recorded = BookingEngine.record(unit, booked.get(0),
                    expired.then(notices.seriesCreated(booked, template, now)));
            return new BookingEngine.Outcome<>(new SeriesResult(seriesId, booked, refused), recorded.events());
        };
        return engine.writeOnce(tenant, first.resourceIds(), first.idempotencyKey(), work,
                key -> unit -> replaySeries(unit, unit.findByIdempotencyKey(key).orElseThrow(), fingerprint, key));
    }

    List<Booking> cancelFollowing(String bookingId, Actor actor, String reason) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(actor, "actor");
        SeriesLink from = occurrence(bookingId, actor).series().orElseThrow();
        return cancelInSeries(from.seriesId(), from.index(), actor, reason);
    }

    List<Booking> cancelSeries(String seriesId, Actor actor, String reason) {
        Require.nonNull(seriesId, "seriesId");
        Require.nonNull(actor, "actor");
        return cancelInSeries(seriesId, 0, actor, reason);
    }

    SeriesResult moveFollowing(String bookingId, SeriesMove move, Actor actor) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(move, "move");
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        Booking seen = occurrence(bookingId, actor);
        SeriesLink from = seen.series().orElseThrow();
        ServiceTemplate template = templates.get(seen.templateName());
        ZoneId zone = move.zone().orElseGet(() -> engine.zoneOf(tenant, seen.resourceId()));
        String newSeriesId = SeriesEdits.splitId(from.seriesId(), from.index());
        String fingerprint = SeriesEdits.fingerprint(from.seriesId(), from.index(), move, zone);
        List<Booking> moving = SeriesEdits.following(store.reads(tenant).findBySeries(from.seriesId()), from.index(),
                clock.instant());
        Set<String> resources = new java.util.TreeSet<>();
        moving.forEach(b -> resources.addAll(b.resourceIds()));
        if (resources.isEmpty()) {
            resources.addAll(seen.resourceIds());
        }
        return engine.write(tenant, resources, unit -> {
            List<Booking> done = unit.findBySeries(newSeriesId);
            if (!done.isEmpty()) {
                if (!done.get(0).requestHash().equals(fingerprint)) {
                    throw new InvalidRequestException("Series '" + from.seriesId() + "' was split at place "
                            + from.index() + " by another move, into series '" + newSeriesId + "'; change that one");
                }
                return new BookingEngine.Outcome<>(new SeriesResult(newSeriesId, done, List.of()), List.of());
            }
            Instant now = clock.instant();
            List<Booking> current = SeriesEdits.following(unit.findBySeries(from.seriesId()), from.index(), now);
            if (current.isEmpty()) {
                throw new InvalidRequestException("No occurrence of series '" + from.seriesId() + "' from place "
                        + from.index() + " on can still move: they began, ended or were cancelled");
            }
            if (!current.stream().map(Booking::id).toList().equals(moving.stream().map(Booking::id).toList())) {
                throw new StaleBookingException("Occurrences of series '" + from.seriesId()
                        + "' changed while they were being moved; try again");
            }
            List<Instant> starts = SeriesEdits.movedStarts(current, move, zone, now.plus(template.horizon()));
            Optional<SeriesLink.Pattern> pattern = SeriesEdits.movedPattern(current, move, zone, now.plus(template.horizon()));
            List<Booking> left = cancelAll(unit, current, resources, actor, "moved to series " + newSeriesId, now);
            // The customer hears of the new series, not of the cancellations.
            Notice cancellations = notices.seriesTransitioned(current, left, template, now);
            Notice notice = new Notice(cancellations.discardRemindersOf(), List.of(), cancellations.events());
            List<Booking> booked = new ArrayList<>();
            List<RefusedOccurrence> refused = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                // Each new occurrence takes the resources of the one it replaces (the last one's
                // when a new rule makes more), all of which this unit holds.
                Booking replaced = current.get(Math.min(i, current.size() - 1));
                BookingEngine.Placement placement = new BookingEngine.Placement(template, PoolMode.ALL_OF, replaced.resourceIds(),
                        BookingEngine.interval(starts.get(i), replaced.interval().toDuration()), replaced.partySize(),
                        replaced.customerId(), false, Optional.empty(), Optional.of(new SeriesLink(newSeriesId, i, pattern)),
                        Optional.empty(), fingerprint, replaced.locale(), Optional.empty());
                BookingEngine.Placed placed = engine.place(unit, placement, actor, now, Optional.empty());
                notice = notice.then(placed.expired());
                if (placed.booking().isPresent()) {
                    booked.add(placed.booking().get());
                } else {
                    refused.add(new RefusedOccurrence(i, starts.get(i), placed.choice().reasons()));
                }
            }
            if (!refused.isEmpty()) {
                throw new SeriesRefusedException(refused);
            }
            notice = notice.then(notices.seriesCreated(booked, template, now))
                    .then(engine.refill(unit, BookingEngine.freedBy(current), now).notice());
            BookingEngine.record(unit, booked.get(0), notice);
            return new BookingEngine.Outcome<>(new SeriesResult(newSeriesId, booked, List.of()), notice.events());
        });
    }

    /** The booking {@code bookingId}, which the actor may act on and which belongs to a series. */
    private Booking occurrence(String bookingId, Actor actor) {
        Booking seen = store.reads(actor.tenantId()).findBooking(bookingId)
                .orElseThrow(() -> new BookingNotFoundException(actor.tenantId(), bookingId));
        Permissions.requireMayActOn(actor, seen);
        if (seen.series().isEmpty()) {
            throw new InvalidRequestException("Booking '" + bookingId + "' is not part of a series");
        }
        return seen;
    }

    /**
     * Cancels {@code occurrences} in {@code unit}, each judged as a single cancellation would be.
     *
     * @throws StaleBookingException if one moved onto a resource the unit does not hold
     */
    private List<Booking> cancelAll(UnitOfWork unit, List<Booking> occurrences, Set<String> locked, Actor actor,
                                    String reason, Instant now) {
        List<Booking> cancelled = new ArrayList<>();
        for (Booking current : occurrences) {
            if (!locked.containsAll(current.resourceIds())) {
                throw new StaleBookingException("Occurrence '" + current.id() + "' moved onto another resource "
                        + "since it was read; try again");
            }
            Booking after = engine.decide(current, BookingEngine.Ask.of(current.id(), Action.CANCEL).because(reason), actor,
                    templates.get(current.templateName()), now).apply();
            unit.update(after);
            cancelled.add(after);
        }
        return cancelled;
    }

    private List<Booking> cancelInSeries(String seriesId, int fromIndex, Actor actor, String reason) {
        String tenant = actor.tenantId();
        List<Booking> seen = SeriesEdits.following(store.reads(tenant).findBySeries(seriesId), fromIndex, clock.instant());
        if (seen.isEmpty()) {
            return List.of();
        }
        Set<String> resources = new java.util.TreeSet<>();
        seen.forEach(b -> resources.addAll(b.resourceIds()));
        return engine.write(tenant, resources, unit -> {
            Instant now = clock.instant();
            List<Booking> before = SeriesEdits.following(unit.findBySeries(seriesId), fromIndex, now);
            List<Booking> after = cancelAll(unit, before, resources, actor, reason, now);
            if (after.isEmpty()) {
                return new BookingEngine.Outcome<List<Booking>>(List.of(), List.of());
            }
            Notice notice = notices.seriesTransitioned(before, after, templates.get(after.get(0).templateName()), now)
                    .then(engine.refill(unit, BookingEngine.freedBy(before), now).notice());
            BookingEngine.record(unit, after.get(0), notice);
            return new BookingEngine.Outcome<>(List.copyOf(after), notice.events());
        });
    }

    /** A repeated series request: the series as it is now; skipped occurrences are not kept. */
    private static BookingEngine.Outcome<SeriesResult> replaySeries(UnitOfWork unit, Booking earlier, String fingerprint, String key) {
        if (!earlier.requestHash().equals(fingerprint) || earlier.series().isEmpty()) {
            throw new IdempotencyKeyReusedException(key, earlier.id());
        }
        String seriesId = earlier.series().get().seriesId();
        return new BookingEngine.Outcome<>(new SeriesResult(seriesId, unit.findBySeries(seriesId), List.of()), List.of());
    }
}
