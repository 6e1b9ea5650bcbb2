package io.bookingkit;

import io.bookingkit.booking.AccessDeniedException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingNotFoundException;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.IdempotencyKeyReusedException;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.booking.Lifecycle.Action;
import io.bookingkit.booking.Permissions;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.booking.Transition;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.notify.BookingEvent;
import io.bookingkit.notify.BookingListener;
import io.bookingkit.notify.Notice;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.Notices;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.policy.ChangeCheck;
import io.bookingkit.policy.ChangeRule;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.ResourceState;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.policy.internal.StateLoader;
import io.bookingkit.recurrence.RefusedOccurrence;
import io.bookingkit.recurrence.SeriesMove;
import io.bookingkit.recurrence.SeriesRefusedException;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.recurrence.internal.Expander;
import io.bookingkit.recurrence.internal.SeriesEdits;
import io.bookingkit.recurrence.internal.SeriesPlan;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.slot.PoolChoice;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotGenerator;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.OverlapRefusedException;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.spi.internal.GuardedUnits;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.Intervals;
import io.bookingkit.time.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.threeten.extra.Interval;

/**
 * The one entry point an application uses: list slots, explain why a time is not available,
 * book, and move bookings through their lifecycle. Built with {@link #builder()}.
 *
 * <p>The engine orchestrates and decides nothing itself: {@link Permissions} says who may act,
 * {@link Lifecycle} which step a request takes, the {@linkplain BookingRules rules} whether a
 * time may be booked (the same rules for the slot list and every write), {@link PoolChoice}
 * which resources a booking gets, and {@link Notices} what a change tells. A write runs in one
 * {@linkplain BookingStore#inUnitOfWork unit of work} that locks the resources involved, re-reads
 * their bookings under the lock and decides there, so concurrent requests on any number of
 * threads or application nodes sharing the store cannot double-book. Events reach listeners
 * after the unit commits, and notifications go through the store's outbox.
 *
 * <p>Thread-safe: share one engine across the application.
 */
public final class BookingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BookingEngine.class);

    private final BookingStore store;
    private final Clock clock;
    private final TemplateCatalog templates;
    private final List<ChangeRule> changeRules;
    private final SlotGenerator slots;
    private final PoolChoice choice;
    private final List<BookingListener> listeners;
    private final Optional<OutboxDispatcher> dispatcher;
    private final Notices notices;
    private final ReentrantLock afterCommitDelivery = new ReentrantLock();
    private final ResourceRegistry resources;
    private final Supplier<String> ids;

    private BookingEngine(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.templates = b.templates;
        List<BookingRule> inForce = new ArrayList<>(b.rules);
        if (!inForce.contains(BookingRules.noConflicts())) {
            // The no-double-booking guarantee is not a setting: whatever rules are chosen, the
            // conflict check stays.
            inForce.add(BookingRules.noConflicts());
        }
        this.slots = new SlotGenerator(inForce);
        this.choice = slots.choice();
        this.changeRules = List.copyOf(b.changeRules);
        this.listeners = List.copyOf(b.listeners);
        this.dispatcher = Optional.ofNullable(b.notifications).map(port -> b.dispatcher.apply(store, port, clock));
        this.notices = b.notifications != null || b.notificationsElsewhere ? Notices.writing(b.ids) : Notices.eventsOnly();
        this.resources = new ResourceRegistry(store);
        this.ids = b.ids;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registry of bookable resources. */
    public ResourceRegistry resources() {
        return resources;
    }

    /** The templates this engine books. */
    public TemplateCatalog templates() {
        return templates;
    }

    /**
     * The bookable slots the query asks for, in order of start, for anyone: per-customer limits
     * do not apply.
     *
     * @throws AccessDeniedException if the query names a customer: use
     *                               {@link #availableSlots(SlotQuery, Actor)}, so that only
     *                               that customer, or staff, learn their limits
     */
    public List<Slot> availableSlots(SlotQuery query) {
        Require.nonNull(query, "query");
        requireAnonymous(query);
        return slotsFor(query);
    }

    /**
     * The bookable slots the query asks for, as {@code actor} may see them: with the
     * query's customer's limits applied when the actor may ask for that customer (a customer
     * for themselves, staff and admins for any customer of their tenant).
     *
     * @throws AccessDeniedException if the actor may not ask for the query's customer or tenant
     */
    public List<Slot> availableSlots(SlotQuery query, Actor actor) {
        Require.nonNull(query, "query");
        Permissions.requireMayAskFor(Require.nonNull(actor, "actor"), query.tenantId(), query.customerId());
        return slotsFor(query);
    }

    /**
     * Every reason a booking starting at {@code start} cannot be made now, for the query's
     * template, resources, duration and party; empty when it can. The window of the query is not
     * used. As {@link #availableSlots(SlotQuery)}, for anyone and without a customer.
     */
    public List<Violation> whyNotAvailable(SlotQuery query, Instant start) {
        Require.nonNull(query, "query");
        requireAnonymous(query);
        return reasonsFor(query, Require.nonNull(start, "start"));
    }

    /** As {@link #whyNotAvailable(SlotQuery, Instant)}, with the query's customer's limits, for {@code actor}. */
    public List<Violation> whyNotAvailable(SlotQuery query, Instant start, Actor actor) {
        Require.nonNull(query, "query");
        Require.nonNull(start, "start");
        Permissions.requireMayAskFor(Require.nonNull(actor, "actor"), query.tenantId(), query.customerId());
        return reasonsFor(query, start);
    }

    /**
     * Books: {@code CONFIRMED} for templates that confirm instantly, {@code PENDING} for those
     * that need staff, with an expiry.
     *
     * @throws SlotUnavailableException       if other bookings hold the time
     * @throws PolicyViolationException       listing every broken rule
     * @throws AccessDeniedException          if the actor may not book this
     * @throws IdempotencyKeyReusedException  if the key was used for another request
     */
    public Booking book(BookingRequest request, Actor actor) {
        return create(request, actor, false);
    }

    /** Holds seats for the template's hold duration, as a {@code HELD} booking; {@link #confirm} completes it. */
    public Booking hold(BookingRequest request, Actor actor) {
        return create(request, actor, true);
    }

    /** Confirms a pending booking (staff), or completes a hold. */
    public Booking confirm(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.CONFIRM), actor);
    }

    /** Declines a pending booking; {@code reason} is required and recorded. */
    public Booking decline(String bookingId, Actor actor, String reason) {
        return step(Ask.of(bookingId, Action.DECLINE).because(reason), actor);
    }

    /** Cancels a booking; customers only before the template's cutoff, staff and admins with a reason. */
    public Booking cancel(String bookingId, Actor actor, String reason) {
        return step(Ask.of(bookingId, Action.CANCEL).because(reason), actor);
    }

    /**
     * Cancels the booking as {@code seen} by the caller.
     *
     * @throws StaleBookingException if it changed since that copy was read
     */
    public Booking cancel(Booking seen, Actor actor, String reason) {
        return step(Ask.of(seen, Action.CANCEL).because(reason), actor);
    }

    /**
     * Moves a booking to {@code newStart}, keeping its length and resources, in one atomic step:
     * the new time is judged as a new booking would be (ignoring the booking itself), and the
     * old time is freed only if the move succeeds.
     */
    public Booking reschedule(String bookingId, Instant newStart, Actor actor) {
        return step(Ask.of(bookingId, Action.RESCHEDULE).to(newStart), actor);
    }

    /**
     * Moves the booking as {@code seen} by the caller.
     *
     * @throws StaleBookingException if it changed since that copy was read
     */
    public Booking reschedule(Booking seen, Instant newStart, Actor actor) {
        return step(Ask.of(seen, Action.RESCHEDULE).to(newStart), actor);
    }

    /** Marks a confirmed booking as started. */
    public Booking start(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.START), actor);
    }

    /** Marks a started booking as completed. */
    public Booking complete(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.COMPLETE), actor);
    }

    /** Records that the customer did not come; only once the start has passed. */
    public Booking markNoShow(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.NO_SHOW), actor);
    }

    /**
     * Marks a hold or pending booking whose expiry has passed as {@code EXPIRED} (a system
     * step). Not needed for correctness: an expired booking stops blocking at its expiry
     * instant, and the next booking that wants its seats marks it.
     */
    public Booking expire(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.EXPIRE).because("expired"), actor);
    }

    /** The booking, if it exists in the actor's tenant and the actor may see it. */
    public Optional<Booking> find(String bookingId, Actor actor) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(actor, "actor");
        return store.reads(actor.tenantId()).findBooking(bookingId).filter(b -> Permissions.maySee(actor, b));
    }

    /** Delivers the notifications that are due now; returns how many. Zero without a notification port. */
    public int dispatchNotifications() {
        return dispatcher.map(OutboxDispatcher::dispatchDue).orElse(0);
    }

    // ---- reads -----------------------------------------------------------------------------

    private List<Slot> slotsFor(SlotQuery query) {
        Plan plan = plan(query);
        List<Instant> starts = SlotGenerator.gridStarts(query.window(), plan.zone(), plan.template.slotStep());
        if (starts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        StateLoader.States states = StateLoader.load(store.reads(query.tenantId()), plan.template, plan.resources,
                Interval.of(starts.get(0), starts.get(starts.size() - 1)), plan.duration, query.customerId(), now);
        ZoneId display = query.displayZone().orElse(plan.zone());
        return slots.slots(plan.template, plan.mode, states.resources(), states.customer(), starts, plan.duration,
                plan.partySize, now, display);
    }

    private List<Violation> reasonsFor(SlotQuery query, Instant start) {
        Plan plan = plan(query);
        Instant now = clock.instant();
        StateLoader.States states = StateLoader.load(store.reads(query.tenantId()), plan.template, plan.resources,
                Interval.of(start, start), plan.duration, query.customerId(), now);
        return slots.explain(plan.template, plan.mode, states.resources(), states.customer(), start, plan.duration,
                plan.partySize, now, Set.of());
    }

    private static void requireAnonymous(SlotQuery query) {
        if (query.customerId().isPresent()) {
            throw new AccessDeniedException("A query for customer '" + query.customerId().get()
                    + "' applies their limits and needs the actor who asks: pass an Actor");
        }
    }

    private Plan plan(SlotQuery query) {
        ServiceTemplate template = templates.get(query.templateName());
        List<Resource> list = resources.getAll(query.tenantId(), query.resourceIds());
        Require.maxLength(query.window(), list.get(0).hours().maxWindow(), "window");
        return new Plan(template, list, query.poolMode().orElse(template.poolMode()),
                query.duration().orElse(template.minDuration()), query.partySize().orElse(template.minPartySize()));
    }

    /** A slot query with the template's defaults filled in; the grid follows the first resource's zone. */
    private record Plan(ServiceTemplate template, List<Resource> resources, PoolMode mode, Duration duration, int partySize) {
        ZoneId zone() {
            return resources.get(0).zone();
        }
    }

    // ---- writes ----------------------------------------------------------------------------

    private Booking create(BookingRequest request, Actor actor, boolean hold) {
        String customer = Permissions.requireMayBook(request, actor);
        String tenant = actor.tenantId();
        ServiceTemplate template = templates.get(request.templateName());
        String fingerprint = request.fingerprint(tenant, customer);
        Function<UnitOfWork, Outcome<Booking>> work = unit -> {
            Optional<Booking> earlier = request.idempotencyKey().flatMap(unit::findByIdempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint, request.idempotencyKey().get());
            }
            Instant now = clock.instant();
            Placed placed = place(unit, Placement.of(request, template, customer, hold, request.start(), fingerprint,
                    Optional.empty(), request.idempotencyKey()), actor, now, Optional.empty());
            Booking booking = placed.orRefuse();
            return record(unit, booking, placed.expired.then(notices.created(booking, template, now)));
        };
        return writeOnce(tenant, request.resourceIds(), request.idempotencyKey(), work,
                key -> unit -> replay(unit.findByIdempotencyKey(key).orElseThrow(), fingerprint, key));
    }

    /**
     * Books every occurrence of a recurring series in one unit of work that holds the locks of
     * all the requested resources, each occurrence decided exactly as a single booking at its
     * start would be, with the occurrences booked before it counted (limits per day and week,
     * seats). What happens to refused occurrences is the request's {@link io.bookingkit.recurrence.ConflictPolicy}; the
     * series is written whole or not at all. The first booked occurrence carries the request's
     * idempotency key: repeating the request returns the series as it is now.
     *
     * <p>The occurrences keep the first start's wall-clock time in the series' zone (the first
     * resource's unless the request names one). Customers get one notification for the series,
     * and reminders per occurrence.
     *
     * @throws io.bookingkit.recurrence.SeriesRefusedException with every refused occurrence and
     *         its reasons, when the policy refuses the series or no occurrence can be booked
     * @throws InvalidRequestException if the first start is not an occurrence of the rule, or
     *         the series has more than {@link SeriesRequest#MAX_OCCURRENCES}
     * @throws AccessDeniedException   if the actor may not book this
     */
    public SeriesResult bookSeries(SeriesRequest request, Actor actor) {
        Require.nonNull(request, "request");
        BookingRequest first = request.first();
        String customer = Permissions.requireMayBook(first, actor);
        String tenant = actor.tenantId();
        ServiceTemplate template = templates.get(first.templateName());
        ZoneId zone = request.zone().orElseGet(() -> zoneOf(tenant, first.resourceIds().get(0)));
        LocalDateTime firstLocal = LocalDateTime.ofInstant(first.start(), zone);
        if (!WallClock.toInstant(firstLocal.toLocalDate(), firstLocal.toLocalTime(), zone).equals(first.start())) {
            throw new InvalidRequestException("The first start " + first.start() + " is the later " + firstLocal
                    + " of an hour that " + zone + " repeats; a series keeps wall-clock times at the earlier offset");
        }
        SeriesPlan plan = SeriesPlan.of(request.rule(), firstLocal, zone, request.exceptions(),
                clock.instant().plus(template.horizon()));
        String fingerprint = request.fingerprint(tenant, customer);
        Function<UnitOfWork, Outcome<SeriesResult>> work = unit -> {
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
                Placed placed = place(unit, Placement.of(first, template, customer, false, o.start(), fingerprint,
                        Optional.of(new SeriesLink(seriesId, o.index())),
                        booked.isEmpty() ? first.idempotencyKey() : Optional.empty()), actor, now, kept);
                expired = expired.then(placed.expired);
                if (placed.booking.isPresent()) {
                    booked.add(placed.booking.get());
                    kept = kept.or(() -> Optional.of(placed.booking.get().resourceId()));
                } else {
                    refused.add(new RefusedOccurrence(o.index(), o.start(), placed.choice.reasons()));
                }
            }
            if (request.policy().refusesSeries(booked.size(), refused.size())) {
                throw new SeriesRefusedException(refused);
            }
            Outcome<Booking> recorded = record(unit, booked.get(0),
                    expired.then(notices.seriesCreated(booked, template, now)));
            return new Outcome<>(new SeriesResult(seriesId, booked, refused), recorded.events);
        };
        return writeOnce(tenant, first.resourceIds(), first.idempotencyKey(), work,
                key -> unit -> replaySeries(unit, unit.findByIdempotencyKey(key).orElseThrow(), fingerprint, key));
    }

    /**
     * The occurrences of series {@code seriesId} that the actor may see, in order of their place
     * in the series, with their statuses; empty when there are none.
     */
    public List<Booking> series(String seriesId, Actor actor) {
        Require.nonNull(seriesId, "seriesId");
        Require.nonNull(actor, "actor");
        return store.reads(actor.tenantId()).findBySeries(seriesId).stream().filter(b -> Permissions.maySee(actor, b))
                .toList();
    }

    /**
     * Decides one new booking under the unit's locks, and inserts it if it passes; refused, it
     * leaves only the overdue holds it expired on the way.
     */
    private Placed place(UnitOfWork unit, Placement p, Actor actor, Instant now, Optional<String> preferred) {
        Locked locked = load(unit, p.template, p.resourceIds, p.interval, p.customer, now);
        boolean force = p.forceReason.isPresent();
        PoolChoice.Choice chosen = choice.chooseKeeping(new PoolChoice.Candidate(p.template, p.mode,
                locked.states.resources(), p.interval, p.party, locked.states.customer(), now, Set.of()),
                force ? PoolChoice.Purpose.FORCED_WRITE : PoolChoice.Purpose.WRITE, preferred);
        if (chosen.chosen().isEmpty()) {
            return new Placed(Optional.empty(), chosen, locked.expired);
        }
        BookingStatus status = Lifecycle.initialStatus(p.hold, p.template);
        String reason = chosen.overridden() ? "forced over a conflict: " + p.forceReason.orElseThrow() : "";
        Booking booking = Booking.builder().id(ids.get()).tenantId(actor.tenantId())
                .resourceIds(chosen.chosen().get().stream().map(s -> s.resource().id()).toList()).customerId(p.customer)
                .templateName(p.template.name()).interval(p.interval).occupied(p.template.occupied(p.interval))
                .partySize(p.party).status(status).series(p.series).idempotencyKey(p.idempotencyKey)
                .requestHash(p.fingerprint).locale(p.locale).createdAt(now)
                .expiresAt(Lifecycle.initialExpiry(status, p.template, now)).forced(chosen.overridden())
                .history(List.of(new Transition(Optional.empty(), status, actor, now, reason)))
                .build();
        unit.insert(booking);
        return new Placed(Optional.of(booking), chosen, locked.expired);
    }

    /** What one new booking asks for, with the request's defaults resolved. */
    private record Placement(ServiceTemplate template, PoolMode mode, List<String> resourceIds, Interval interval,
                             int party, String customer, boolean hold, Optional<String> forceReason,
                             Optional<SeriesLink> series, Optional<String> idempotencyKey, String fingerprint,
                             java.util.Locale locale) {
        static Placement of(BookingRequest r, ServiceTemplate template, String customer, boolean hold, Instant start,
                            String fingerprint, Optional<SeriesLink> series, Optional<String> key) {
            return new Placement(template, r.poolMode().orElse(template.poolMode()), r.resourceIds(),
                    BookingEngine.interval(start, r.duration().orElse(template.minDuration())),
                    r.partySize().orElse(template.minPartySize()), customer, hold, r.forceReason(), series, key,
                    fingerprint, r.locale().orElse(template.locale()));
        }
    }

    /** A placement's outcome: the booking, if it passed; the choice, with the reasons if not. */
    private record Placed(Optional<Booking> booking, PoolChoice.Choice choice, Notice expired) {
        Booking orRefuse() {
            return booking.orElseThrow(() -> {
                choice.orRefuse();
                return new IllegalStateException("A refused choice did not refuse");
            });
        }
    }

    /**
     * Runs a creating unit; when another request with the same idempotency key committed between
     * this one's check and its insert, answers as that request's repetition.
     */
    private <T> T writeOnce(String tenant, List<String> resourceIds, Optional<String> key,
                            Function<UnitOfWork, Outcome<T>> work,
                            Function<String, Function<UnitOfWork, Outcome<T>>> replayOfKey) {
        try {
            return write(tenant, resourceIds, work);
        } catch (DuplicateBookingException e) {
            if (key.isEmpty()) {
                throw e;
            }
            return write(tenant, resourceIds, replayOfKey.apply(key.get()));
        }
    }

    private Booking step(Ask ask, Actor actor) {
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        Booking seen = store.reads(tenant).findBooking(ask.bookingId)
                .orElseThrow(() -> new BookingNotFoundException(tenant, ask.bookingId));
        return write(tenant, seen.resourceIds(), unit -> {
            Booking current = unit.findBooking(ask.bookingId)
                    .orElseThrow(() -> new BookingNotFoundException(tenant, ask.bookingId));
            if (ask.version.isPresent() && ask.version.get() != current.version()) {
                throw new StaleBookingException("Booking '" + ask.bookingId + "' is at version " + current.version()
                        + ", but the request was made from version " + ask.version.get());
            }
            Instant now = clock.instant();
            ServiceTemplate template = templates.get(current.templateName());
            Decision decision = decide(current, ask, actor, template, now);
            if (ask.action == Action.RESCHEDULE) {
                return move(unit, current, template, ask.newStart.orElseThrow(), actor, now);
            }
            Booking updated = decision.apply();
            unit.update(updated);
            return record(unit, updated, notices.transitioned(current, updated, template, now));
        });
    }

    /**
     * Whether {@code actor} may take {@code ask}'s step on {@code current} now: permissions,
     * the lifecycle, and the change rules where the step is subject to them.
     *
     * @return the step the lifecycle allows, to apply
     */
    private Decision decide(Booking current, Ask ask, Actor actor, ServiceTemplate template, Instant now) {
        Permissions.requireMayActOn(actor, current);
        Lifecycle.Request request = new Lifecycle.Request(ask.action, current, actor, template, ask.reason, now);
        Lifecycle.Step step = Lifecycle.decide(request);
        if (step.changeRules()) {
            List<Violation> broken = BookingRules.evaluate(changeRules,
                    new ChangeCheck(ask.action, current, actor, template, now));
            if (!broken.isEmpty()) {
                throw new PolicyViolationException(broken);
            }
        }
        return new Decision(request, step);
    }

    /** A lifecycle step allowed for a request. */
    private record Decision(Lifecycle.Request request, Lifecycle.Step step) {
        Booking apply() {
            return Lifecycle.apply(step, request);
        }
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

    /** The zone of resource {@code resourceId}'s opening hours. */
    private ZoneId zoneOf(String tenant, String resourceId) {
        return store.findResource(tenant, resourceId)
                .orElseThrow(() -> new ResourceNotFoundException(tenant, resourceId)).hours().zone();
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
            Booking after = decide(current, Ask.of(current.id(), Action.CANCEL).because(reason), actor,
                    templates.get(current.templateName()), now).apply();
            unit.update(after);
            cancelled.add(after);
        }
        return cancelled;
    }

    /**
     * Cancels the occurrence {@code bookingId} of its series and every later one that still
     * blocks time, in one unit of work: the series then ends before it. Each occurrence is
     * judged as a single cancellation would be (for customers, the cancellation cutoff applies
     * to each); if any is refused, none is cancelled. Customers get one notification.
     *
     * @return the cancelled occurrences, in order of place
     * @throws InvalidRequestException if the booking is not part of a series
     */
    public List<Booking> cancelFollowing(String bookingId, Actor actor, String reason) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(actor, "actor");
        SeriesLink from = occurrence(bookingId, actor).series().orElseThrow();
        return cancelInSeries(from.seriesId(), from.index(), actor, reason);
    }

    /**
     * Cancels every occurrence of series {@code seriesId} that still blocks time, as
     * {@link #cancelFollowing} from its first such occurrence does.
     *
     * @return the cancelled occurrences, in order of place; empty when none still blocks time
     */
    public List<Booking> cancelSeries(String seriesId, Actor actor, String reason) {
        Require.nonNull(seriesId, "seriesId");
        Require.nonNull(actor, "actor");
        return cancelInSeries(seriesId, 0, actor, reason);
    }

    /**
     * Moves the occurrence {@code bookingId} of its series and every later one that has not
     * begun to another time of day, or onto a new rule, in one unit of work: they leave their
     * series (cancelled, as a single cancellation would be judged) and become a new series on the
     * same resources, each new occurrence checked as a single booking would be, ignoring the ones
     * it replaces. If any is refused, nothing changes. The new series' id is derived from the old
     * one and the split point, so repeating the move returns the series the first one made.
     *
     * @return the new series
     * @throws io.bookingkit.recurrence.SeriesRefusedException naming every new occurrence that
     *         cannot be booked
     * @throws InvalidRequestException if the booking is not part of a series, or nothing from it
     *         on can still move
     */
    public SeriesResult moveFollowing(String bookingId, SeriesMove move, Actor actor) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(move, "move");
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        Booking seen = occurrence(bookingId, actor);
        SeriesLink from = seen.series().orElseThrow();
        ServiceTemplate template = templates.get(seen.templateName());
        ZoneId zone = move.zone().orElseGet(() -> zoneOf(tenant, seen.resourceId()));
        String newSeriesId = SeriesEdits.splitId(from.seriesId(), from.index());
        String fingerprint = SeriesEdits.fingerprint(from.seriesId(), from.index(), move, zone);
        List<Booking> moving = SeriesEdits.following(store.reads(tenant).findBySeries(from.seriesId()), from.index(),
                clock.instant());
        Set<String> resources = new java.util.TreeSet<>();
        moving.forEach(b -> resources.addAll(b.resourceIds()));
        if (resources.isEmpty()) {
            resources.addAll(seen.resourceIds());
        }
        return write(tenant, resources, unit -> {
            List<Booking> done = unit.findBySeries(newSeriesId);
            if (!done.isEmpty()) {
                if (!done.get(0).requestHash().equals(fingerprint)) {
                    throw new InvalidRequestException("Series '" + from.seriesId() + "' was split at place "
                            + from.index() + " by another move, into series '" + newSeriesId + "'; change that one");
                }
                return new Outcome<>(new SeriesResult(newSeriesId, done, List.of()), List.of());
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
                Placement placement = new Placement(template, PoolMode.ALL_OF, replaced.resourceIds(),
                        interval(starts.get(i), replaced.interval().toDuration()), replaced.partySize(),
                        replaced.customerId(), false, Optional.empty(), Optional.of(new SeriesLink(newSeriesId, i)),
                        Optional.empty(), fingerprint, replaced.locale());
                Placed placed = place(unit, placement, actor, now, Optional.empty());
                notice = notice.then(placed.expired);
                if (placed.booking.isPresent()) {
                    booked.add(placed.booking.get());
                } else {
                    refused.add(new RefusedOccurrence(i, starts.get(i), placed.choice.reasons()));
                }
            }
            if (!refused.isEmpty()) {
                throw new SeriesRefusedException(refused);
            }
            notice = notice.then(notices.seriesCreated(booked, template, now));
            record(unit, booked.get(0), notice);
            return new Outcome<>(new SeriesResult(newSeriesId, booked, List.of()), notice.events());
        });
    }

    private List<Booking> cancelInSeries(String seriesId, int fromIndex, Actor actor, String reason) {
        String tenant = actor.tenantId();
        List<Booking> seen = SeriesEdits.following(store.reads(tenant).findBySeries(seriesId), fromIndex, clock.instant());
        if (seen.isEmpty()) {
            return List.of();
        }
        Set<String> resources = new java.util.TreeSet<>();
        seen.forEach(b -> resources.addAll(b.resourceIds()));
        return write(tenant, resources, unit -> {
            Instant now = clock.instant();
            List<Booking> before = SeriesEdits.following(unit.findBySeries(seriesId), fromIndex, now);
            List<Booking> after = cancelAll(unit, before, resources, actor, reason, now);
            if (after.isEmpty()) {
                return new Outcome<List<Booking>>(List.of(), List.of());
            }
            Notice notice = notices.seriesTransitioned(before, after, templates.get(after.get(0).templateName()), now);
            record(unit, after.get(0), notice);
            return new Outcome<>(List.copyOf(after), notice.events());
        });
    }

    private Outcome<Booking> move(UnitOfWork unit, Booking current, ServiceTemplate template, Instant newStart, Actor actor,
                         Instant now) {
        Interval interval = interval(newStart, current.interval().toDuration());
        Locked locked = load(unit, template, current.resourceIds(), interval, current.customerId(), now);
        // The booking keeps its resources: all of them are one option, and its own time is free.
        choice.choose(new PoolChoice.Candidate(template, PoolMode.ALL_OF, locked.states.resources(), interval,
                current.partySize(), locked.states.customer(), now, Set.of(current.id())), PoolChoice.Purpose.WRITE)
                .orRefuse();
        Booking moved = current.movedTo(interval, template.occupied(interval), actor, now,
                "rescheduled from " + current.interval().getStart());
        unit.update(moved);
        return record(unit, moved, locked.expired.then(notices.moved(moved, template, now)));
    }

    /**
     * Reads under the unit's locks what the rules need about {@code interval}: the resources as
     * locked, the customer (locked too when the template limits customers, since those limits
     * count bookings on any resource, which the resource locks do not cover), their bookings;
     * and marks overdue holds and pending bookings in the way as expired, so that their rows no
     * longer read as blocking (the database's overlap constraint cannot see the clock). The
     * rules' view needs no update for those: they count as free from their expiry already.
     */
    private Locked load(UnitOfWork unit, ServiceTemplate template, Collection<String> resourceIds, Interval interval,
                        String customer, Instant now) {
        List<Resource> locked = resourceIds.stream().map(id -> unit.lockedResources().get(id)).toList();
        if (template.limits().perCustomerDay().isPresent() || template.limits().perCustomerWeek().isPresent()) {
            unit.lockCustomer(customer);
        }
        StateLoader.States states = StateLoader.load(unit, template, locked, Interval.of(interval.getStart(),
                interval.getStart()), interval.toDuration(), Optional.of(customer), now);
        Interval range = template.occupied(interval);
        Notice expired = Notice.NONE;
        for (Booking b : states.bookings()) {
            if (Intervals.overlap(b.occupied(), range) && b.status().blocksTime() && !b.blocksAt(now)) {
                Booking marked = b.transitioned(BookingStatus.EXPIRED, Actor.system(b.tenantId()), now, "expired");
                if (unit.expire(marked)) {
                    expired = expired.then(notices.expiredOverdue(marked, now));
                }
            }
        }
        return new Locked(states, expired);
    }

    private record Locked(StateLoader.States states, Notice expired) {
    }

    /** Writes what {@code notice} tells in the unit (reminders dropped first), for after the commit. */
    private Outcome<Booking> record(UnitOfWork unit, Booking booking, Notice notice) {
        notice.discardRemindersOf().forEach(unit::discardReminders);
        for (OutboxMessage message : notice.messages()) {
            unit.enqueue(message);
        }
        return new Outcome<>(booking, notice.events());
    }

    private <T> T write(String tenant, Collection<String> resourceIds, Function<UnitOfWork, Outcome<T>> work) {
        Outcome<T> outcome;
        try {
            outcome = GuardedUnits.run(store, tenant, resourceIds, work);
        } catch (OverlapRefusedException e) {
            // The store's backstop caught what the locked decision should have: report it as
            // the conflict it is.
            throw new SlotUnavailableException(List.of(), List.of(Violation.of("overlap", "resource",
                    String.join(", ", resourceIds), "booking", "another booking (refused by the store: " + e.getMessage()
                            + ")")));
        }
        afterCommit(outcome.events);
        return outcome.value;
    }

    /** {@code [start, start + duration)}, or a clear refusal when that leaves the time line. */
    private static Interval interval(Instant start, Duration duration) {
        try {
            return Interval.of(start, start.plus(duration));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new InvalidRequestException("A booking from " + start + " lasting " + duration
                    + " ends beyond the last representable instant", e);
        }
    }

    private static Outcome<Booking> replay(Booking earlier, String fingerprint, String key) {
        if (!earlier.requestHash().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(key, earlier.id());
        }
        return new Outcome<>(earlier, List.of());
    }

    /** A repeated series request: the series as it is now; skipped occurrences are not kept. */
    private static Outcome<SeriesResult> replaySeries(UnitOfWork unit, Booking earlier, String fingerprint, String key) {
        if (!earlier.requestHash().equals(fingerprint) || earlier.series().isEmpty()) {
            throw new IdempotencyKeyReusedException(key, earlier.id());
        }
        String seriesId = earlier.series().get().seriesId();
        return new Outcome<>(new SeriesResult(seriesId, unit.findBySeries(seriesId), List.of()), List.of());
    }

    private void afterCommit(List<BookingEvent> events) {
        for (BookingEvent event : events) {
            for (BookingListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("Listener {} failed on {} of booking {}", listener, event.kind(), event.booking().id(), e);
                }
            }
        }
        // One batch at most, and only if no other thread is delivering already: a change should
        // not wait for a backlog or a slow gateway. dispatchNotifications() delivers the rest.
        if (!events.isEmpty() && dispatcher.isPresent() && afterCommitDelivery.tryLock()) {
            try {
                dispatcher.get().dispatchOneBatch();
            } catch (RuntimeException e) {
                LOG.warn("Delivering notifications after commit failed; they stay in the outbox for the next run", e);
            } finally {
                afterCommitDelivery.unlock();
            }
        }
    }

    private record Outcome<T>(T value, List<BookingEvent> events) {
    }

    /**
     * A lifecycle step asked for: the booking (at a version, when the caller's copy must still
     * be current), the action, the reason (empty when none), and for a move the new start.
     */
    private record Ask(String bookingId, Optional<Long> version, Action action, String reason, Optional<Instant> newStart) {
        static Ask of(String bookingId, Action action) {
            return new Ask(Require.nonNull(bookingId, "bookingId"), Optional.empty(), action, "", Optional.empty());
        }

        static Ask of(Booking seen, Action action) {
            Require.nonNull(seen, "seen");
            return new Ask(seen.id(), Optional.of(seen.version()), action, "", Optional.empty());
        }

        Ask because(String why) {
            return new Ask(bookingId, version, action, Require.nonNull(why, "reason"), newStart);
        }

        Ask to(Instant start) {
            return new Ask(bookingId, version, action, reason, Optional.of(Require.nonNull(start, "newStart")));
        }
    }

    /** Builds the engine's {@link OutboxDispatcher}; replace it for other retry, batch or lease settings. */
    @FunctionalInterface
    public interface BookingDispatcherFactory {
        OutboxDispatcher apply(BookingStore store, NotificationPort port, Clock clock);
    }

    /** Settings of an engine. {@code store}, {@code clock} and {@code templates} are required. Not thread-safe. */
    public static final class Builder {
        private BookingStore store;
        private Clock clock;
        private TemplateCatalog templates;
        private NotificationPort notifications;
        private boolean notificationsElsewhere;
        private BookingDispatcherFactory dispatcher = (s, p, c) -> OutboxDispatcher.builder(s, p, c).build();
        private final List<BookingRule> rules = new ArrayList<>(BookingRules.defaults());
        private final List<ChangeRule> changeRules = new ArrayList<>(BookingRules.changeDefaults());
        private final List<BookingListener> listeners = new ArrayList<>();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();

        private Builder() {
        }

        /** Where resources, bookings and the outbox live. */
        public Builder store(BookingStore store) {
            this.store = Require.nonNull(store, "store");
            return this;
        }

        /** The engine's only source of time; it never reads the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Require.nonNull(clock, "clock");
            return this;
        }

        public Builder templates(TemplateCatalog templates) {
            this.templates = Require.nonNull(templates, "templates");
            return this;
        }

        /**
         * Where notifications are delivered. With a port the engine writes notifications and
         * reminders to the outbox with each change and delivers them after commit; without one,
         * and without {@link #notificationsDeliveredElsewhere()}, it writes none.
         */
        public Builder notifications(NotificationPort port) {
            this.notifications = Require.nonNull(port, "port");
            return this;
        }

        /**
         * Writes notifications and reminders to the outbox without delivering them: for
         * application nodes that only take bookings while another node, whose engine has a
         * {@link NotificationPort}, delivers them (or a dispatcher of its own).
         */
        public Builder notificationsDeliveredElsewhere() {
            this.notificationsElsewhere = true;
            return this;
        }

        /** How the outbox dispatcher is built, for other retry settings. */
        public Builder dispatcher(BookingDispatcherFactory factory) {
            this.dispatcher = Require.nonNull(factory, "factory");
            return this;
        }

        /** Adds a rule to the built-in ones; it applies to slot lists and writes alike. */
        public Builder rule(BookingRule rule) {
            rules.add(Require.nonNull(rule, "rule"));
            return this;
        }

        /**
         * Replaces the business rules, built-ins included. The conflict rule
         * ({@link BookingRules#noConflicts()}) always stays: it is the no-double-booking guarantee.
         */
        public Builder rules(List<BookingRule> replacement) {
            List<BookingRule> copy = List.copyOf(Require.elements(replacement, "rules"));
            rules.clear();
            rules.addAll(copy);
            return this;
        }

        /** Adds a change rule to the built-in one (the customer's cancellation cutoff). */
        public Builder changeRule(ChangeRule rule) {
            changeRules.add(Require.nonNull(rule, "rule"));
            return this;
        }

        /**
         * Replaces the change rules judged when an agreed booking is cancelled or moved, the
         * cancellation cutoff ({@link BookingRules#cancellationCutoff()}) included; an empty list
         * lets customers cancel until the start.
         */
        public Builder changeRules(List<ChangeRule> replacement) {
            List<ChangeRule> copy = List.copyOf(Require.elements(replacement, "changeRules"));
            changeRules.clear();
            changeRules.addAll(copy);
            return this;
        }

        public Builder listener(BookingListener listener) {
            listeners.add(Require.nonNull(listener, "listener"));
            return this;
        }

        /** Where booking and message ids come from; random UUIDs by default. */
        public Builder ids(Supplier<String> ids) {
            this.ids = Require.nonNull(ids, "ids");
            return this;
        }

        /**
         * The engine.
         *
         * @throws NullPointerException naming the first missing required setting
         */
        public BookingEngine build() {
            Require.nonNull(store, "store");
            Require.nonNull(clock, "clock");
            Require.nonNull(templates, "templates");
            return new BookingEngine(this);
        }
    }
}
