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
import io.bookingkit.notify.ChannelRouter;
import io.bookingkit.notify.Notice;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.Notices;
import io.bookingkit.notify.OutboxBacklog;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.StatsQuery;
import io.bookingkit.analytics.internal.Statistics;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.policy.BookingCheck;
import io.bookingkit.policy.WaitlistRules;
import io.bookingkit.session.Session;
import io.bookingkit.session.Sessions;
import io.bookingkit.spi.AggregateQuery;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.template.Limits;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistEntryChangedException;
import io.bookingkit.waitlist.WaitlistEntryNotFoundException;
import io.bookingkit.waitlist.WaitlistPlace;
import io.bookingkit.waitlist.WaitlistRequest;
import io.bookingkit.waitlist.WaitlistStatus;
import io.bookingkit.waitlist.Waitlists;
import io.bookingkit.observe.EngineObserver;
import io.bookingkit.observe.UnitTiming;
import io.bookingkit.observe.WriteOutcome;
import io.bookingkit.observe.internal.Observing;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.policy.ChangeCheck;
import io.bookingkit.policy.ChangeRule;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.policy.internal.OverlapOnly;
import io.bookingkit.policy.internal.StateLoader;
import io.bookingkit.recurrence.SeriesMove;
import io.bookingkit.recurrence.SeriesRefusedException;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
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
import io.bookingkit.template.Channel;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.Intervals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** The reason recorded on every booking of a session cancelled for missing its quorum. */
    public static final String QUORUM_NOT_REACHED = "quorum-not-reached";

    private static final int ENTRY_CHANGE_ATTEMPTS = 5;

    private final BookingStore store;
    private final Clock clock;
    private final TemplateCatalog templates;
    private final List<ChangeRule> changeRules;
    private final SlotGenerator slots;
    private final PoolChoice choice;
    private final List<BookingListener> listeners;
    private final Observing observing;
    private final Optional<OutboxDispatcher> dispatcher;
    private final Notices notices;
    private final ReentrantLock afterCommitDelivery = new ReentrantLock();
    private final ResourceRegistry resources;
    private final Supplier<String> ids;
    private final List<BookingRule> inForce;
    // Waitlist entries near a freed booking are looked up this much wider than its occupied time,
    // so an entry kept out only by its own template's buffers is found too.
    private final Duration widestBuffer;
    // How far ahead any template books: the reach of a raised capacity's offers.
    private final Duration longestHorizon;
    private final Maintenance maintenance;
    private final SeriesBooking seriesBooking;
    private final Duration changeRetention;
    private final Duration changePoll;
    // Wakes this engine's feed readers when one of its own units commits; other nodes' changes
    // are found by polling, so correctness never waits for it.
    private final ChangeSignal changeSignal = new ChangeSignal();

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
        this.inForce = List.copyOf(inForce);
        this.slots = new SlotGenerator(inForce);
        this.choice = slots.choice();
        this.changeRules = List.copyOf(b.changeRules);
        this.listeners = List.copyOf(b.listeners);
        this.observing = new Observing(b.observers);
        this.dispatcher = Optional.ofNullable(b.notifications)
                .map(port -> b.routes.isEmpty() ? port : ChannelRouter.of(port, b.routes, templates))
                .map(port -> b.dispatcher.apply(store, port, clock));
        this.notices = b.notifications != null || b.notificationsElsewhere ? Notices.writing(b.ids) : Notices.eventsOnly();
        this.resources = new ResourceRegistry(store, clock, this::resourceSavedAndSignal);
        this.changeRetention = b.changeRetention;
        this.changePoll = b.changePoll;
        this.ids = b.ids;
        this.widestBuffer = templates.names().stream().map(templates::get)
                .flatMap(t -> java.util.stream.Stream.of(t.bufferBefore(), t.bufferAfter()))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        this.longestHorizon = templates.names().stream().map(n -> templates.get(n).horizon()).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        this.maintenance = new Maintenance(this, store, clock, templates, notices, b.maintenanceBatch,
                b.maintenanceLease, b.changeRetention);
        this.seriesBooking = new SeriesBooking(this, store, clock, templates, notices, ids);
    }

    /**
     * A builder for an engine; the store, the clock and the templates must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The registry of bookable resources.
     *
     * @return the registry, which offers seats a resource change frees to its waitlists
     */
    public ResourceRegistry resources() {
        return resources;
    }

    /**
     * The templates this engine books.
     *
     * @return the catalog the engine was built with
     */
    public TemplateCatalog templates() {
        return templates;
    }

    /**
     * The bookable slots the query asks for, in order of start, for anyone: per-customer limits
     * do not apply.
     *
     * @param query the question; it must name no customer
     * @return the slots, in order of start
     * @throws AccessDeniedException if the query names a customer: use
     *                               {@link #availableSlots(SlotQuery, Actor)}, so that only
     *                               that customer, or staff, learn their limits
     * @throws InvalidRequestException if the query's template is unknown, or its window is longer
     *                                 than the first resource's
     *                                 {@linkplain io.bookingkit.schedule.OpeningHours#maxWindow() longest window}
     * @throws ResourceNotFoundException if a resource of the query does not exist in its tenant
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
     * @param query the question
     * @param actor who asks
     * @return the slots, in order of start
     * @throws AccessDeniedException if the actor may not ask for the query's customer or tenant
     * @throws InvalidRequestException if the query's template is unknown, or its window is too long
     * @throws ResourceNotFoundException if a resource of the query does not exist in its tenant
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
     *
     * @param query the template, resources, duration and party asked about; it must name no
     *              customer
     * @param start the start asked about
     * @return the violations, without repeats
     * @throws AccessDeniedException if the query names a customer
     */
    public List<Violation> whyNotAvailable(SlotQuery query, Instant start) {
        Require.nonNull(query, "query");
        requireAnonymous(query);
        return reasonsFor(query, Require.nonNull(start, "start"));
    }

    /**
     * As {@link #whyNotAvailable(SlotQuery, Instant)}, with the query's customer's limits, for
     * {@code actor}.
     *
     * @param query the template, resources, duration, party and customer asked about
     * @param start the start asked about
     * @param actor who asks
     * @return the violations, without repeats
     * @throws AccessDeniedException if the actor may not ask for the query's customer or tenant
     */
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
     * @param request what to book
     * @param actor   who books, in whose tenant the booking is made
     * @return the new booking, or the one an earlier request with the same idempotency key made
     * @throws SlotUnavailableException       if other bookings hold the time
     * @throws PolicyViolationException       listing every broken rule
     * @throws AccessDeniedException          if the actor may not book this
     * @throws IdempotencyKeyReusedException  if the key was used for another request
     */
    public Booking book(BookingRequest request, Actor actor) {
        return create(request, actor, false);
    }

    /**
     * Holds seats for the template's hold duration, as a {@code HELD} booking; {@link #confirm}
     * completes it.
     *
     * @param request what to hold
     * @param actor   who holds, in whose tenant the booking is made
     * @return the {@code HELD} booking, or the one an earlier request with the same idempotency key
     *         made
     * @throws SlotUnavailableException      if other bookings hold the time
     * @throws PolicyViolationException      listing every broken rule
     * @throws AccessDeniedException         if the actor may not book this
     * @throws IdempotencyKeyReusedException if the key was used for another request
     */
    public Booking hold(BookingRequest request, Actor actor) {
        return create(request, actor, true);
    }

    /**
     * Confirms a pending booking (staff), or completes a hold.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     who confirms: staff or an administrator for a pending booking; the customer
     *                  too for a hold or a waitlist offer
     * @return the booking after the step: {@code CONFIRMED}, or {@code PENDING} for a hold whose
     *         template needs staff
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking's status does not
     *         allow it, or its expiry has passed
     * @throws AccessDeniedException if the actor may not
     * @throws PolicyViolationException if accepting a waitlist offer would take the customer past
     *                                  the template's limits
     */
    public Booking confirm(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.CONFIRM), actor);
    }

    /**
     * Declines a pending booking; {@code reason} is required and recorded.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     staff or an administrator
     * @param reason    why; not blank
     * @return the {@code DECLINED} booking
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking is not pending
     * @throws AccessDeniedException if the actor may not
     * @throws InvalidRequestException if the reason is blank
     */
    public Booking decline(String bookingId, Actor actor, String reason) {
        return step(Ask.of(bookingId, Action.DECLINE).because(reason), actor);
    }

    /**
     * Cancels a booking; customers only before the template's cutoff, staff and admins with a
     * reason.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     who cancels
     * @param reason    why; may be empty for a customer
     * @return the {@code CANCELLED} booking
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking's status does not
     *         allow it
     * @throws AccessDeniedException if the actor may not
     * @throws PolicyViolationException if a change rule refuses it, such as the cancellation cutoff
     * @throws InvalidRequestException if staff, an administrator or the system gives no reason
     */
    public Booking cancel(String bookingId, Actor actor, String reason) {
        return step(Ask.of(bookingId, Action.CANCEL).because(reason), actor);
    }

    /**
     * Cancels the booking as {@code seen} by the caller.
     *
     * @param seen   the caller's copy of the booking
     * @param actor  who cancels
     * @param reason why; may be empty for a customer
     * @return the {@code CANCELLED} booking
     * @throws StaleBookingException if it changed since that copy was read
     */
    public Booking cancel(Booking seen, Actor actor, String reason) {
        return step(Ask.of(seen, Action.CANCEL).because(reason), actor);
    }

    /**
     * Moves a booking to {@code newStart}, keeping its length and resources, in one atomic step:
     * the new time is judged as a new booking would be (ignoring the booking itself), and the
     * old time is freed only if the move succeeds.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param newStart  the new start
     * @param actor     who moves it
     * @return the booking at its new time
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws SlotUnavailableException if other bookings hold the new time
     * @throws PolicyViolationException listing every rule the new time breaks, or a change rule
     *                                  that refuses the move
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking is not pending or
     *         confirmed
     * @throws AccessDeniedException if the actor may not
     */
    public Booking reschedule(String bookingId, Instant newStart, Actor actor) {
        return step(Ask.of(bookingId, Action.RESCHEDULE).to(newStart), actor);
    }

    /**
     * Moves the booking as {@code seen} by the caller.
     *
     * @param seen     the caller's copy of the booking
     * @param newStart the new start
     * @param actor    who moves it
     * @return the booking at its new time
     * @throws StaleBookingException if it changed since that copy was read
     */
    public Booking reschedule(Booking seen, Instant newStart, Actor actor) {
        return step(Ask.of(seen, Action.RESCHEDULE).to(newStart), actor);
    }

    /**
     * Marks a confirmed booking as started.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     staff or an administrator
     * @return the {@code IN_PROGRESS} booking
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking is not confirmed
     * @throws AccessDeniedException if the actor may not
     */
    public Booking start(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.START), actor);
    }

    /**
     * Marks a started booking as completed.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     staff or an administrator
     * @return the {@code COMPLETED} booking
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking is not in progress
     * @throws AccessDeniedException if the actor may not
     */
    public Booking complete(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.COMPLETE), actor);
    }

    /**
     * Records that the customer did not come; only once the start has passed.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     staff or an administrator
     * @return the {@code NO_SHOW} booking
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking is not confirmed
     *         or has not started yet
     * @throws AccessDeniedException if the actor may not
     */
    public Booking markNoShow(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.NO_SHOW), actor);
    }

    /**
     * Marks a hold or pending booking whose expiry has passed as {@code EXPIRED} (a system
     * step). Not needed for correctness: an expired booking stops blocking at its expiry
     * instant, and the next booking that wants its seats marks it.
     *
     * @param bookingId the booking, in the actor's tenant
     * @param actor     the system actor of the tenant
     * @return the {@code EXPIRED} booking
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     * @throws io.bookingkit.booking.TransitionNotAllowedException if the booking is not held or
     *         pending, or its expiry has not passed
     * @throws AccessDeniedException if the actor is not the system
     */
    public Booking expire(String bookingId, Actor actor) {
        return step(Ask.of(bookingId, Action.EXPIRE).because("expired"), actor);
    }

    /**
     * The booking, if it exists in the actor's tenant and the actor may see it.
     *
     * @param bookingId the booking's id
     * @param actor     who asks
     * @return the booking, or empty
     */
    public Optional<Booking> find(String bookingId, Actor actor) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(actor, "actor");
        return store.reads(actor.tenantId()).findBooking(bookingId).filter(b -> Permissions.maySee(actor, b));
    }

    /**
     * Delivers the notifications that are due now; returns how many. Zero without a notification
     * port.
     *
     * @return the number delivered
     */
    public int dispatchNotifications() {
        return dispatcher.map(OutboxDispatcher::dispatchDue).orElse(0);
    }

    /**
     * How far notification delivery is behind now, over every tenant of the store: for health
     * checks and gauges (the {@code booking-micrometer} module reads it). One read of the store.
     *
     * @return the backlog at the engine clock's now
     */
    public OutboxBacklog outboxBacklog() {
        return store.outbox().backlog(clock.instant());
    }

    // ---- group sessions and waitlists ------------------------------------------------------

    /**
     * The session of the only template that has bookings on {@code resourceId} starting at
     * {@code start}, as {@link #session(String, String, Instant, Actor)} shows it.
     *
     * @param resourceId the resource, in the actor's tenant
     * @param start      the session's start
     * @param actor      who asks
     * @return the session
     * @throws InvalidRequestException if no template, or more than one, has bookings there: name
     *                                 the template
     * @throws ResourceNotFoundException if the resource does not exist in the actor's tenant
     */
    public Session session(String resourceId, Instant start, Actor actor) {
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(start, "start");
        Require.nonNull(actor, "actor");
        Instant now = clock.instant();
        List<String> names = store.reads(actor.tenantId()).findOverlapping(List.of(resourceId),
                Sessions.startingAt(start)).stream().filter(b -> b.interval().getStart().equals(start) && b.blocksAt(now))
                .map(Booking::templateName).distinct().sorted().toList();
        if (names.size() != 1) {
            throw new InvalidRequestException((names.isEmpty() ? "No booking" : "Bookings of " + names)
                    + " on resource '" + resourceId + "' start at " + start + ": name the template of the session");
        }
        return session(resourceId, names.get(0), start, actor);
    }

    /**
     * The group session of {@code templateName} on {@code resourceId} at {@code start}: its
     * capacity, seats taken and left, quorum, waiting entries, and the participants the actor
     * may see (staff of the resource and admins see everyone, a customer only their own booking).
     * A session nobody booked yet has no participants.
     *
     * @param resourceId   the resource, in the actor's tenant
     * @param templateName the session's template
     * @param start        the session's start
     * @param actor        who asks
     * @return the session, its time the template's shortest duration
     * @throws ResourceNotFoundException if the resource does not exist in the actor's tenant
     * @throws InvalidRequestException   if the template is unknown
     */
    public Session session(String resourceId, String templateName, Instant start, Actor actor) {
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(templateName, "templateName");
        Require.nonNull(start, "start");
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        Resource resource = resources.get(tenant, resourceId);
        ServiceTemplate template = templates.get(templateName);
        Instant now = clock.instant();
        Interval interval = interval(start, template.minDuration());
        BookingReads reads = store.reads(tenant);
        List<Booking> around = reads.findOverlapping(List.of(resourceId), template.occupied(interval));
        int waiting = (int) reads.findEntries(List.of(resourceId), Sessions.startingAt(start)).stream()
                .filter(e -> e.isFor(templateName, start) && e.waitsAt(now)).count();
        return Sessions.of(resource, template, interval, around, waiting, now, b -> Permissions.maySee(actor, b));
    }

    /**
     * Puts a customer on the waitlist of a session that is taken: allowed only when booking it now
     * is refused for other bookings or seats alone. Entries are served first come, first served;
     * when seats free up, the first entries whose party fits get an offer (a {@code HELD}
     * booking, with a {@link io.bookingkit.notify.NotificationKind#WAITLIST_OFFER} notification)
     * in the unit of work that freed them; {@link #confirm} accepts it. A customer has one entry
     * per session: joining again returns it.
     *
     * @param request the session waited for, and the party
     * @param actor   who joins: the customer, or staff or an administrator for a customer
     * @return the new {@code WAITING} entry, or the customer's entry for the session already there
     * @throws PolicyViolationException if booking is refused for another reason (every reason is
     *         listed), if seats are free ({@code waitlist-seats-free}: book instead), the list has
     *         closed ({@code waitlist-closed}) or the customer waits for as many sessions as the
     *         template allows ({@code waitlist-limit-customer})
     * @throws AccessDeniedException if the actor may not book this
     * @throws InvalidRequestException if the customer already waits for the session with another
     *         party size or other resources
     */
    public WaitlistEntry joinWaitlist(WaitlistRequest request, Actor actor) {
        Require.nonNull(request, "request");
        BookingRequest wanted = request.booking();
        String customer = Permissions.requireMayBook(wanted, actor);
        String tenant = actor.tenantId();
        ServiceTemplate template = templates.get(wanted.templateName());
        return write(tenant, wanted.resourceIds(), unit -> {
            Instant now = clock.instant();
            Placement p = Placement.of(wanted, template, customer, true, wanted.start(), "", Optional.empty(),
                    Optional.empty());
            Interval near = Interval.of(p.interval.getStart().minus(widestBuffer), p.interval.getEnd().plus(widestBuffer));
            List<WaitlistEntry> competing = unit.findEntries(p.resourceIds, near);
            Optional<WaitlistEntry> already = competing.stream().filter(e -> e.customerId().equals(customer)
                    && e.isFor(template.name(), p.interval.getStart()) && e.status().isOpen()).findFirst();
            if (already.isPresent()) {
                if (already.get().partySize() != p.party || !already.get().resourceIds().equals(p.resourceIds)) {
                    throw new InvalidRequestException("Customer '" + customer + "' already waits for this session as "
                            + "entry '" + already.get().id() + "', for " + already.get().partySize() + " on "
                            + already.get().resourceIds() + "; leave it first to wait otherwise");
                }
                return new Outcome<>(already.get(), List.of());
            }
            WaitlistRules.requireOpen(template, p.interval.getStart(), zoneOf(tenant, p.resourceIds.get(0)), now);
            Locked locked = loadWaitlistFirst(unit, template, p.resourceIds, p.interval, customer, now);
            Notice notice = locked.expired;
            // Whatever the template's pool mode, an entry waits for any one of its resources, as
            // its offers will be made.
            PoolChoice.Choice choice = this.choice.choose(new PoolChoice.Candidate(template, PoolMode.ANY_OF,
                    locked.states.resources(), p.interval, p.party, locked.states.customer(), now, Set.of()),
                    PoolChoice.Purpose.EXPLAIN);
            if (choice.chosen().isPresent()) {
                return refuse(unit, notice, new PolicyViolationException(List.of(Violation.of("waitlist-seats-free"))));
            }
            List<Violation> rules = choice.reasons().stream()
                    .filter(v -> !BookingRules.CONFLICT_CODES.contains(v.code())).toList();
            if (!rules.isEmpty()) {
                return refuse(unit, notice, new PolicyViolationException(rules));
            }
            if (template.waitlist().perCustomer().isPresent()) {
                unit.lockCustomer(customer);
                Optional<PolicyViolationException> over = WaitlistRules.overLimit(template,
                        unit.findEntriesOfCustomer(customer), now);
                if (over.isPresent()) {
                    return refuse(unit, notice, over.get());
                }
            }
            WaitlistEntry entry = new WaitlistEntry(ids.get(), tenant, customer, template.name(), p.resourceIds,
                    p.interval, p.party, WaitlistStatus.WAITING, Waitlists.nextSequence(competing), Optional.empty(),
                    p.locale, now, now, 0);
            unit.insertEntry(entry);
            unit.schedule(Tasks.expireEntry(entry));
            return record(unit, entry, notice);
        });
    }

    /**
     * Takes an entry off its waitlist: a waiting entry leaves; an offered one leaves and its
     * offer is cancelled, so the seats pass to the next entry in the same unit of work. An entry
     * that is no longer open is returned as it is.
     *
     * @param entryId the entry
     * @param actor   who takes it off: its customer, staff of one of its resources, or an
     *                administrator
     * @return the entry after the change, {@code LEFT} if it was open
     * @throws WaitlistEntryNotFoundException if the actor's tenant has no such entry the actor may see
     */
    public WaitlistEntry leaveWaitlist(String entryId, Actor actor) {
        Require.nonNull(entryId, "entryId");
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        WaitlistEntry seen = visibleEntry(entryId, actor);
        return write(tenant, seen.resourceIds(), unit -> {
            WaitlistEntry current = unit.findEntry(entryId).orElseThrow();
            if (!current.status().isOpen()) {
                return new Outcome<>(current, List.of());
            }
            Instant now = clock.instant();
            WaitlistEntry left = current.moved(WaitlistStatus.LEFT, current.offerId(), now);
            unit.updateEntry(left);
            Notice notice = Notice.NONE;
            Optional<Booking> offer = current.offerId().flatMap(unit::findBooking).filter(Booking::isOpenOffer);
            if (offer.isPresent()) {
                // The entry's customer or staff may leave; the offer goes with the entry, by the
                // system, whoever held the offer's resource.
                Booking o = offer.get();
                ServiceTemplate template = templates.get(o.templateName());
                Actor system = Actor.system(tenant);
                Booking ended;
                if (o.blocksAt(now)) {
                    ended = decide(o, Ask.of(o.id(), Action.CANCEL).because("left the waitlist"), system, template, now)
                            .apply();
                    unit.update(ended);
                    notice = notices.transitioned(o, ended, template, now);
                } else {
                    ended = o.transitioned(BookingStatus.EXPIRED, system, now, "expired");
                    unit.expire(ended);
                    notice = notices.expiredOverdue(ended, now);
                }
                notice = notice.then(refill(unit, freedBy(List.of(o)), now).notice);
            }
            return record(unit, left, notice);
        });
    }

    /**
     * The entry, if it exists in the actor's tenant and the actor may see it.
     *
     * @param entryId the entry's id
     * @param actor   who asks
     * @return the entry, or empty
     */
    public Optional<WaitlistEntry> findEntry(String entryId, Actor actor) {
        Require.nonNull(entryId, "entryId");
        Require.nonNull(actor, "actor");
        return store.reads(actor.tenantId()).findEntry(entryId).filter(e -> Waitlists.maySee(actor, e));
    }

    /**
     * The waitlist of the session of {@code templateName} on {@code resourceId} at {@code start},
     * in the order it is served, with the positions of the waiting entries; entries in any status,
     * as far as the actor may see them (a customer sees their own).
     *
     * @param resourceId   the resource the session is on
     * @param templateName the session's template
     * @param start        the session's start
     * @param actor        who asks
     * @return the entries' places, in order of sequence
     */
    public List<WaitlistPlace> waitlist(String resourceId, String templateName, Instant start, Actor actor) {
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(templateName, "templateName");
        Require.nonNull(start, "start");
        Require.nonNull(actor, "actor");
        BookingReads reads = store.reads(actor.tenantId());
        Interval at = Sessions.startingAt(start);
        List<WaitlistEntry> session = reads.findEntries(List.of(resourceId), at).stream()
                .filter(e -> e.isFor(templateName, start) && Waitlists.maySee(actor, e)).toList();
        // Pool entries compete on every resource they name, so their places count those too.
        Set<String> named = new java.util.TreeSet<>();
        session.forEach(e -> named.addAll(e.resourceIds()));
        return Waitlists.placed(session, named.isEmpty() ? List.of() : reads.findEntries(named, at), clock.instant());
    }

    /**
     * Every waitlist entry of {@code customerId}, in the order they joined, with their positions.
     *
     * @param customerId the customer whose entries to list
     * @param actor      who asks: the customer, or staff or an administrator of the tenant
     * @return the entries' places, in order of sequence
     * @throws AccessDeniedException if the actor may not ask for the customer
     */
    public List<WaitlistPlace> waitlistOf(String customerId, Actor actor) {
        Require.nonNull(customerId, "customerId");
        Permissions.requireMayAskFor(Require.nonNull(actor, "actor"), actor.tenantId(), Optional.of(customerId));
        BookingReads reads = store.reads(actor.tenantId());
        List<WaitlistEntry> own = reads.findEntriesOfCustomer(customerId).stream()
                .filter(e -> Waitlists.maySee(actor, e)).toList();
        List<WaitlistPlace> placed = new ArrayList<>(own.size());
        Instant now = clock.instant();
        for (WaitlistEntry e : own) {
            placed.addAll(Waitlists.placed(List.of(e), reads.findEntries(e.resourceIds(), Sessions.startingAt(e.start())),
                    now));
        }
        return placed;
    }

    private WaitlistEntry visibleEntry(String entryId, Actor actor) {
        return findEntry(entryId, actor).orElseThrow(() -> new WaitlistEntryNotFoundException(actor.tenantId(), entryId));
    }

    /**
     * Seats a higher capacity or longer opening hours free go to the waitlist in a unit of work
     * right after the resource is stored, since storing a resource is not itself a unit of work.
     */
    private void resourceSavedAndSignal(Optional<Resource> before, Resource after) {
        changeSignal.changed();
        resourceSaved(before, after);
    }

    private void resourceSaved(Optional<Resource> before, Resource after) {
        if (before.isEmpty() || (after.capacity() <= before.get().capacity() && after.hours().equals(before.get().hours()))) {
            return;
        }
        try {
            write(after.tenantId(), List.of(after.id()), unit -> {
                Instant now = clock.instant();
                Interval ahead = Interval.of(now, now.plus(longestHorizon).plus(Duration.ofDays(1)));
                return record(unit, after, refill(unit, List.of(new Freed(List.of(after.id()), ahead)), now).notice);
            });
        } catch (RuntimeException e) {
            // The resource is stored; the seats it adds reach the waitlist with the next change
            // that frees seats on it.
            LOG.warn("Offering the seats resource {} of tenant {} adds to its waitlists failed", after.id(),
                    after.tenantId(), e);
        }
    }

    // ---- the availability feed -------------------------------------------------------------

    /** The most changes one {@link #changes} call returns. */
    public static final int MAX_CHANGE_PAGE = 1000;

    /**
     * The availability changes of {@code tenantId} after {@code afterPosition}, oldest first:
     * what a screen showing free time needs to stay current. Every unit of work that changes a
     * resource's free time (a booking made, held, confirmed, declined, cancelled, moved, started,
     * completed or expired; a resource's hours or capacity changed) records its changes in its
     * own transaction, so a committed change is always in the feed and a rolled-back one never.
     *
     * <p>A reader that resumes from the page's {@link ChangePage#position()} sees every committed
     * change once, in order, whichever node wrote it and however the writers' transactions
     * interleaved. A position older than the retention ({@link Builder#changeFeed}) or from
     * another feed gets a {@linkplain ChangePage#reset() reset} page: re-read everything shown,
     * then resume from its position.
     *
     * @param tenantId      the tenant whose feed to read
     * @param afterPosition a position from an earlier page or {@link #latestChangePosition}; the
     *                      empty string for the oldest change kept
     * @param limit         the most changes to return, 1 to {@link #MAX_CHANGE_PAGE}
     * @return the page
     * @throws InvalidRequestException if {@code afterPosition} is not a feed position, or
     *                                 {@code limit} is out of range
     */
    public ChangePage changes(String tenantId, String afterPosition, int limit) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(afterPosition, "afterPosition");
        if (limit < 1 || limit > MAX_CHANGE_PAGE) {
            throw new InvalidRequestException("limit must be 1 to " + MAX_CHANGE_PAGE + ", but was " + limit);
        }
        return store.changes().read(tenantId, afterPosition, limit);
    }

    /**
     * {@link #changes}, waiting up to {@code timeout} for a change when none is there yet: a
     * long poll, for a server that pushes changes to its clients. It wakes at once for a unit of
     * this engine, and polls the store every {@linkplain Builder#changeFeed poll interval} for
     * the other nodes' changes.
     *
     * @param tenantId      the tenant whose feed to read
     * @param afterPosition where to read after, as for {@link #changes}
     * @param limit         the most changes to return, 1 to {@link #MAX_CHANGE_PAGE}
     * @param timeout       how long to wait at most, not negative; longer than a day waits a day
     * @return the first page with changes or a reset; an empty page when the time ran out or the
     *         thread was interrupted (its interrupt flag set again)
     * @throws InvalidRequestException as {@link #changes} does, or if {@code timeout} is negative
     */
    public ChangePage awaitChanges(String tenantId, String afterPosition, int limit, Duration timeout) {
        Require.nonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new InvalidRequestException("timeout must not be negative, but was " + timeout);
        }
        // Capped before converting: toNanos() overflows for durations past about 292 years.
        Duration longest = Duration.ofDays(1);
        long deadline = System.nanoTime() + (timeout.compareTo(longest) > 0 ? longest : timeout).toNanos();
        while (true) {
            long seen = changeSignal.generation();
            ChangePage page = changes(tenantId, afterPosition, limit);
            long left = deadline - System.nanoTime();
            if (!page.entries().isEmpty() || page.reset() || left <= 0) {
                return page;
            }
            if (!changeSignal.awaitAfter(seen, Math.min(left, changePoll.toNanos()))) {
                Thread.currentThread().interrupt();
                return page;
            }
        }
    }

    /**
     * The position of {@code tenantId}'s newest change: take it before reading what a screen
     * shows, then follow {@link #changes} from it, and no change falls between.
     *
     * @param tenantId the tenant whose feed to look at
     * @return the position; never empty, also before the tenant's first change
     */
    public String latestChangePosition(String tenantId) {
        return store.changes().head(Require.nonNull(tenantId, "tenantId"));
    }

    /**
     * The bookings on {@code resourceId} whose time (with buffers) meets {@code window}, in any
     * status, sorted by start, as far as the actor may see them: staff of the resource and admins
     * get every booking, a customer their own. For calendars on a screen; {@link #calendar} gives
     * the same as iCalendar text.
     *
     * @param resourceId the resource, in the actor's tenant
     * @param window     the time to cover, bounded and at most {@link #MAX_CALENDAR_WINDOW} long
     * @param actor      who asks
     * @return the bookings
     * @throws InvalidRequestException   if the window is unbounded or too long
     * @throws ResourceNotFoundException if the resource does not exist in the actor's tenant
     */
    public List<Booking> bookings(String resourceId, Interval window, Actor actor) {
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(actor, "actor");
        Require.maxLength(Require.bounded(window, "window"), MAX_CALENDAR_WINDOW, "window");
        resources.get(actor.tenantId(), resourceId);
        return store.reads(actor.tenantId()).findOverlapping(List.of(resourceId), window).stream()
                .filter(b -> Permissions.maySee(actor, b)).toList();
    }

    // ---- calendars -------------------------------------------------------------------------

    /** The longest window a calendar feed covers. */
    public static final Duration MAX_CALENDAR_WINDOW = Duration.ofDays(400);

    /**
     * The bookings on {@code resourceId} whose time (with buffers) meets {@code window}, in any
     * status, as far as the actor may see them, as one iCalendar feed named after the resource
     * ({@link ICalendar#feed}): staff of the resource and admins get every booking, a customer
     * their own. An unchanged series among them is one event that covers all its occurrences.
     *
     * @param resourceId the resource, in the actor's tenant
     * @param window     the time to cover, bounded
     * @param actor      who asks
     * @return the iCalendar text
     * @throws InvalidRequestException if the window is unbounded or longer than {@link #MAX_CALENDAR_WINDOW}
     * @throws ResourceNotFoundException if the resource, or another resource of a booking shown,
     *                                   does not exist in the actor's tenant
     */
    public String calendar(String resourceId, Interval window, Actor actor) {
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(actor, "actor");
        Require.maxLength(Require.bounded(window, "window"), MAX_CALENDAR_WINDOW, "window");
        String tenant = actor.tenantId();
        Resource resource = resources.get(tenant, resourceId);
        List<Booking> visible = bookings(resourceId, window, actor);
        return ICalendar.feed(resource.name(), visible, wholeSeries(store.reads(tenant), actor),
                id -> resources.get(tenant, id));
    }

    /**
     * The bookings of {@code customerId} whose time meets {@code window}, in any status, as one
     * iCalendar feed, for the customer themselves, or staff (the bookings on their resources) and
     * admins of the tenant. An unchanged series among them is one event that covers all its
     * occurrences.
     *
     * @param customerId the customer whose bookings the feed shows
     * @param window     the time to cover, bounded
     * @param actor      who asks
     * @return the iCalendar text, named after the customer id
     * @throws AccessDeniedException if the actor may not ask for the customer
     * @throws InvalidRequestException if the window is unbounded or longer than {@link #MAX_CALENDAR_WINDOW}
     */
    public String customerCalendar(String customerId, Interval window, Actor actor) {
        Require.nonNull(customerId, "customerId");
        Permissions.requireMayAskFor(Require.nonNull(actor, "actor"), actor.tenantId(), Optional.of(customerId));
        Require.maxLength(Require.bounded(window, "window"), MAX_CALENDAR_WINDOW, "window");
        String tenant = actor.tenantId();
        BookingReads reads = store.reads(tenant);
        List<Booking> visible = reads.findByCustomer(customerId, window).stream()
                .filter(b -> Permissions.maySee(actor, b)).toList();
        return ICalendar.feed(customerId, visible, wholeSeries(reads, actor), id -> resources.get(tenant, id));
    }

    /** Every occurrence of a series that the actor may see, so that a feed can write it as one event. */
    private static Function<String, List<Booking>> wholeSeries(BookingReads reads, Actor actor) {
        return series -> reads.findBySeries(series).stream().filter(b -> Permissions.maySee(actor, b)).toList();
    }

    /**
     * Statistics of the resources {@code query} names (or all the actor may see) over its window,
     * each figure as {@link BookingStats} defines it: staff get their resources', admins any of the
     * tenant's, customers none. The store adds up ({@link BookingStore#aggregate}): the JDBC store
     * in one SQL statement on PostgreSQL and MariaDB, reading only the sums into memory. The
     * cancellation cutoffs are those of the templates the engine knows now (zero for a template it
     * no longer knows).
     *
     * @param query the window and the resources
     * @param actor staff or an administrator
     * @return the statistics
     * @throws AccessDeniedException     if the actor may not see statistics, or not of a resource asked for
     * @throws ResourceNotFoundException if a resource asked for does not exist
     */
    public BookingStats stats(StatsQuery query, Actor actor) {
        Require.nonNull(query, "query");
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        Map<String, Resource> existing = new HashMap<>();
        store.resources(tenant).forEach(r -> existing.put(r.id(), r));
        List<Resource> chosen = Permissions.statsResources(actor, query.resourceIds(), existing.keySet()).stream()
                .map(id -> Optional.ofNullable(existing.get(id)).orElseThrow(() -> new ResourceNotFoundException(tenant, id)))
                .toList();
        Map<String, Duration> cutoffs = new HashMap<>();
        templates.names().forEach(n -> cutoffs.put(n, templates.get(n).cancellationCutoff()));
        AggregateQuery sums = Statistics.query(query.window(), clock.instant(), chosen, cutoffs);
        return Statistics.assemble(sums, chosen, store.aggregate(tenant, sums));
    }

    // ---- maintenance -----------------------------------------------------------------------

    /**
     * Does the time-driven work that is due, in one bounded batch (see
     * {@link Builder#maintenance}): marks holds, offers and pending bookings past their expiry as
     * expired (with notifications) and passes their seats to the waitlist, expires entries whose
     * session started, decides quorums at their deadline, and delivers due notifications.
     * Schedule it every few seconds. Several nodes may call it at once: each piece of work is
     * claimed, and done once. Correctness never waits for it: holds stop blocking at their
     * expiry by themselves.
     *
     * @return what this run did
     */
    public MaintenanceRun runMaintenance() {
        return maintenance.run();
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
        return observing.write(hold ? WriteOutcome.Operation.HOLD : WriteOutcome.Operation.BOOK,
                replayed -> create(request, actor, hold, replayed));
    }

    private Booking create(BookingRequest request, Actor actor, boolean hold, AtomicBoolean replayed) {
        String customer = Permissions.requireMayBook(request, actor);
        String tenant = actor.tenantId();
        ServiceTemplate template = templates.get(request.templateName());
        String fingerprint = request.fingerprint(tenant, customer);
        Placement placement = Placement.of(request, template, customer, hold, request.start(), fingerprint,
                Optional.empty(), request.idempotencyKey());
        Function<Boolean, Function<UnitOfWork, Outcome<Booking>>> work = shared -> unit -> {
            Optional<Booking> earlier = request.idempotencyKey().flatMap(unit::findByIdempotencyKey);
            replayed.set(earlier.isPresent());
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint, request.idempotencyKey().get());
            }
            Instant now = clock.instant();
            Placed placed = place(unit, placement, actor, now, Optional.empty());
            if (placed.booking.isEmpty()) {
                if (shared) {
                    // Judged as though the time were free: only the locked read can say why not.
                    throw new NotShared();
                }
                return refuse(unit, placed.expired, placed.refusal());
            }
            Booking booking = placed.booking.get();
            return record(unit, booking, placed.expired.then(notices.created(booking, template, now)));
        };
        if (store.offersSharedUnits() && placement.mayShare(inForce)) {
            Optional<Booking> booked = writeShared(tenant, placement, work.apply(true));
            if (booked.isPresent()) {
                return booked.get();
            }
        }
        return writeOnce(tenant, request.resourceIds(), request.idempotencyKey(), work.apply(false),
                key -> unit -> {
                    replayed.set(true);
                    return replay(unit.findByIdempotencyKey(key).orElseThrow(), fingerprint, key);
                });
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
     * @param request the series
     * @param actor   who books, in whose tenant the series is made
     * @return the booked occurrences, and those left out with their reasons
     * @throws io.bookingkit.recurrence.SeriesRefusedException with every refused occurrence and
     *         its reasons, when the policy refuses the series or no occurrence can be booked
     * @throws InvalidRequestException if the first start is not an occurrence of the rule, or
     *         the series has more than {@link SeriesRequest#MAX_OCCURRENCES}
     * @throws AccessDeniedException   if the actor may not book this
     */
    public SeriesResult bookSeries(SeriesRequest request, Actor actor) {
        return seriesBooking.book(request, actor);
    }

    /**
     * The occurrences of series {@code seriesId} that the actor may see, in order of their place
     * in the series, with their statuses; empty when there are none.
     *
     * @param seriesId the series' id
     * @param actor    who asks
     * @return the occurrences
     */
    public List<Booking> series(String seriesId, Actor actor) {
        Require.nonNull(seriesId, "seriesId");
        Require.nonNull(actor, "actor");
        return store.reads(actor.tenantId()).findBySeries(seriesId).stream().filter(b -> Permissions.maySee(actor, b))
                .toList();
    }

    /**
     * Decides one new booking under the unit's locks, and inserts it if it passes; refused, it
     * leaves only the overdue holds it expired on the way. Seats those expiries free go to
     * waiting entries first (a waitlist offer takes its seats as it finds them).
     */
    Placed place(UnitOfWork unit, Placement p, Actor actor, Instant now, Optional<String> preferred) {
        Locked locked;
        if (p.offerFor.isPresent()) {
            locked = load(unit, p.template, p.resourceIds, p.interval, Optional.empty(), now);
        } else {
            locked = loadWaitlistFirst(unit, p.template, p.resourceIds, p.interval, p.customer, now);
        }
        Notice before = locked.expired;
        List<Booking> expired = locked.expiredBookings;
        boolean force = p.forceReason.isPresent();
        PoolChoice.Purpose purpose = p.offerFor.isPresent() ? PoolChoice.Purpose.OFFER
                : force ? PoolChoice.Purpose.FORCED_WRITE : PoolChoice.Purpose.WRITE;
        PoolChoice.Choice chosen = choice.chooseKeeping(new PoolChoice.Candidate(p.template, p.mode,
                locked.states.resources(), p.interval, p.party, locked.states.customer(), now, Set.of()),
                purpose, preferred);
        if (chosen.chosen().isEmpty()) {
            return new Placed(Optional.empty(), chosen, before, expired);
        }
        BookingStatus status = Lifecycle.initialStatus(p.hold, p.template);
        String reason = chosen.overridden() ? "forced over a conflict: " + p.forceReason.orElseThrow()
                : p.offerFor.map(e -> "offered to waitlist entry " + e).orElse("");
        Optional<Instant> expiry = p.offerFor.isPresent()
                ? Optional.of(p.template.waitlist().offerExpiresAt(p.interval.getStart(), now))
                : Lifecycle.initialExpiry(status, p.template, now);
        Booking booking = Booking.builder().id(ids.get()).tenantId(actor.tenantId())
                .resourceIds(chosen.chosen().get().stream().map(s -> s.resource().id()).toList()).customerId(p.customer)
                .templateName(p.template.name()).interval(p.interval).occupied(p.template.occupied(p.interval))
                .partySize(p.party).status(status).series(p.series).idempotencyKey(p.idempotencyKey)
                .requestHash(p.fingerprint).locale(p.locale).createdAt(now)
                .expiresAt(expiry).forced(chosen.overridden()).waitlistEntryId(p.offerFor)
                .history(List.of(new Transition(Optional.empty(), status, actor, now, reason)))
                .build();
        unit.insert(booking);
        scheduleFor(unit, booking, p.template, now);
        return new Placed(Optional.of(booking), chosen, before, expired);
    }

    /** The maintenance work a new or changed booking needs: its expiry, its session's quorum. */
    private static void scheduleFor(UnitOfWork unit, Booking booking, ServiceTemplate template, Instant now) {
        booking.expiresAt().ifPresent(at -> unit.schedule(Tasks.expireBooking(booking, at)));
        if (template.quorum().isPresent() && now.isBefore(template.quorum().get().decidedAt(booking.interval().getStart()))) {
            for (String resourceId : booking.resourceIds()) {
                unit.schedule(Tasks.decideQuorum(booking.tenantId(), resourceId, template, booking.interval().getStart()));
            }
        }
    }

    /** What one new booking asks for, with the request's defaults resolved. */
    record Placement(ServiceTemplate template, PoolMode mode, List<String> resourceIds, Interval interval,
                             int party, String customer, boolean hold, Optional<String> forceReason,
                             Optional<SeriesLink> series, Optional<String> idempotencyKey, String fingerprint,
                             java.util.Locale locale, Optional<String> offerFor) {
        static Placement of(BookingRequest r, ServiceTemplate template, String customer, boolean hold, Instant start,
                            String fingerprint, Optional<SeriesLink> series, Optional<String> key) {
            return new Placement(template, r.poolMode().orElse(template.poolMode()), r.resourceIds(),
                    BookingEngine.interval(start, r.duration().orElse(template.minDuration())),
                    r.partySize().orElse(template.minPartySize()), customer, hold, r.forceReason(), series, key,
                    fingerprint, r.locale().orElse(template.locale()), Optional.empty());
        }

        /**
         * Whether this booking may be decided in a {@linkplain BookingStore#inSharedUnitOfWork
         * shared unit}: one resource, not forced, not an offer, and judged by {@code rules} with
         * other bookings only through the overlap of its occupied time.
         */
        boolean mayShare(List<BookingRule> rules) {
            return resourceIds.size() == 1 && forceReason.isEmpty() && offerFor.isEmpty()
                    && OverlapOnly.judges(rules, template);
        }

        /** The seats offered to {@code entry}, on those of its resources the unit holds. */
        static Placement offer(WaitlistEntry entry, ServiceTemplate template, List<String> resourceIds) {
            return new Placement(template, PoolMode.ANY_OF, resourceIds, entry.interval(), entry.partySize(),
                    entry.customerId(), true, Optional.empty(), Optional.empty(), Optional.empty(), "",
                    entry.locale(), Optional.of(entry.id()));
        }
    }

    /**
     * A placement's outcome: the booking, if it passed; the choice, with the reasons if not; what
     * it told of the holds it expired on the way, and for an offer those holds, whose seats the
     * caller passes on.
     */
    record Placed(Optional<Booking> booking, PoolChoice.Choice choice, Notice expired,
                          List<Booking> expiredBookings) {
        /** Why it was refused. */
        RuntimeException refusal() {
            return PoolChoice.refusal(choice.reasons(), choice.conflicts());
        }
    }

    /**
     * Runs a creating unit; when another request with the same idempotency key committed between
     * this one's check and its insert, answers as that request's repetition.
     */
    <T> T writeOnce(String tenant, List<String> resourceIds, Optional<String> key,
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
        return observing.write(WriteOutcome.Operation.of(ask.action), replayed -> stepObserved(ask, actor));
    }

    private Booking stepObserved(Ask ask, Actor actor) {
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
            if (ask.action == Action.CONFIRM && acceptedOffer(unit, current, actor)) {
                // A second click on "accept": the seats are already the customer's.
                Permissions.requireMayActOn(actor, current);
                return new Outcome<>(current, List.of());
            }
            Decision decision = decide(current, ask, actor, template, now);
            if (ask.action == Action.RESCHEDULE) {
                return move(unit, current, template, ask.newStart.orElseThrow(), actor, now);
            }
            if (ask.action == Action.CONFIRM && current.isOpenOffer()) {
                requireCustomerLimits(unit, current, template, now);
            }
            Booking updated = decision.apply();
            unit.update(updated);
            if (updated.expiresAt().isPresent() && !updated.expiresAt().equals(current.expiresAt())) {
                unit.completeTask(ScheduledTask.Kind.EXPIRE_BOOKING, updated.id());
                unit.schedule(Tasks.expireBooking(updated, updated.expiresAt().get()));
            }
            settleEntry(unit, updated, now);
            Notice notice = notices.transitioned(current, updated, template, now);
            if (frees(current, updated, ask.action)) {
                notice = notice.then(refill(unit, freedBy(List.of(current)), now).notice);
            }
            return record(unit, updated, notice);
        });
    }

    /** Whether a step from {@code before} to {@code after} gives seats back: no-shows keep theirs. */
    private static boolean frees(Booking before, Booking after, Action action) {
        return before.status().blocksTime() && !after.status().blocksTime() && action != Action.NO_SHOW;
    }

    /**
     * Whether confirming {@code booking} is {@code actor} accepting a waitlist offer again: it was
     * accepted, and is confirmed, or waits for staff (who may still confirm it; its customer may not).
     */
    private static boolean acceptedOffer(UnitOfWork unit, Booking booking, Actor actor) {
        boolean again = booking.status() == BookingStatus.CONFIRMED
                || (booking.status() == BookingStatus.PENDING && actor.role() == io.bookingkit.booking.Role.CUSTOMER);
        return again && booking.waitlistEntryId().flatMap(unit::findEntry)
                .filter(e -> e.status() == WaitlistStatus.BOOKED).isPresent();
    }

    /**
     * Refuses accepting an offer that would take its customer past the template's limits: an
     * offer is made without the customer's lock, so their limits are judged now, under it.
     */
    private void requireCustomerLimits(UnitOfWork unit, Booking offer, ServiceTemplate template, Instant now) {
        Limits limits = template.limits();
        if (!inForce.contains(BookingRules.customerLimits())
                || (limits.perCustomerDay().isEmpty() && limits.perCustomerWeek().isEmpty())) {
            return;
        }
        unit.lockCustomer(offer.customerId());
        List<Resource> locked = offer.resourceIds().stream().map(id -> unit.lockedResources().get(id)).toList();
        StateLoader.States states = StateLoader.load(unit, template, locked, Interval.of(offer.interval().getStart(),
                offer.interval().getStart()), offer.interval().toDuration(), Optional.of(offer.customerId()), now);
        List<Violation> broken = BookingRules.evaluate(List.of(BookingRules.customerLimits()), new BookingCheck(template,
                states.resources(), offer.interval(), offer.occupied(), offer.partySize(), states.customer(), now,
                Set.of(offer.id())), false);
        if (!broken.isEmpty()) {
            throw new PolicyViolationException(broken);
        }
    }

    /** Moves the waitlist entry an offer was made to along with the offer's new status. */
    static void settleEntry(UnitOfWork unit, Booking offer, Instant now) {
        if (offer.waitlistEntryId().isEmpty()) {
            return;
        }
        Optional<WaitlistEntry> entry = unit.findEntry(offer.waitlistEntryId().get())
                .filter(e -> e.status() == WaitlistStatus.OFFERED && e.offerId().equals(Optional.of(offer.id())));
        Optional<WaitlistStatus> to = switch (offer.status()) {
            case CONFIRMED, PENDING -> Optional.of(WaitlistStatus.BOOKED);
            case EXPIRED -> Optional.of(WaitlistStatus.EXPIRED);
            case CANCELLED, DECLINED -> Optional.of(WaitlistStatus.LEFT);
            default -> Optional.empty();
        };
        if (entry.isPresent() && to.isPresent()) {
            unit.updateEntry(entry.get().moved(to.get(), entry.get().offerId(), now));
        }
    }

    /** Time that stopped being used on some resources. */
    record Freed(Collection<String> resourceIds, Interval range) {
    }

    static List<Freed> freedBy(List<Booking> bookings) {
        return bookings.stream().map(b -> new Freed(b.resourceIds(), b.occupied())).toList();
    }

    /** What passing freed seats on told, and how many offers it made. */
    record Refill(Notice notice, int offered) {
    }

    /**
     * Offers freed seats to the waitlist, in the unit that freed them: the entries near the freed
     * time, first come first served, each judged as a hold on those of its resources this unit
     * holds, by {@linkplain BookingRules#forOffers the rules for offers}. An entry whose party does
     * not fit is passed over, and a later one that fits gets the seats. The holds an offer expires
     * on the way free seats too, and are passed on in turn.
     */
    Refill refill(UnitOfWork unit, List<Freed> freed, Instant now) {
        Notice notice = Notice.NONE;
        int offered = 0;
        java.util.ArrayDeque<Freed> todo = new java.util.ArrayDeque<>(freed);
        while (!todo.isEmpty()) {
            Freed f = todo.poll();
            List<String> held = f.resourceIds().stream().filter(unit.lockedResources()::containsKey).toList();
            if (held.isEmpty()) {
                continue;
            }
            Interval near = Interval.of(f.range().getStart().minus(widestBuffer), f.range().getEnd().plus(widestBuffer));
            for (WaitlistEntry listed : unit.findEntries(held, near)) {
                // The copy decided on is the copy updated: a unit on another resource of a pool
                // entry may serve it meanwhile, and the version check then sends this unit round
                // again instead of offering twice.
                WaitlistEntry entry = unit.findEntry(listed.id()).orElse(listed);
                Optional<ServiceTemplate> template = templates.find(entry.templateName());
                List<String> on = entry.resourceIds().stream().filter(unit.lockedResources()::containsKey).toList();
                if (!entry.waitsAt(now) || template.isEmpty() || on.isEmpty()) {
                    continue;
                }
                Placed placed = place(unit, Placement.offer(entry, template.get(), on), Actor.system(entry.tenantId()),
                        now, Optional.empty());
                notice = notice.then(placed.expired);
                todo.addAll(freedBy(placed.expiredBookings));
                if (placed.booking.isPresent()) {
                    Booking offer = placed.booking.get();
                    unit.updateEntry(entry.moved(WaitlistStatus.OFFERED, Optional.of(offer.id()), now));
                    notice = notice.then(notices.offered(offer, now));
                    offered++;
                }
            }
        }
        return new Refill(notice, offered);
    }

    /**
     * Whether {@code actor} may take {@code ask}'s step on {@code current} now: permissions,
     * the lifecycle, and the change rules where the step is subject to them.
     *
     * @return the step the lifecycle allows, to apply
     */
    Decision decide(Booking current, Ask ask, Actor actor, ServiceTemplate template, Instant now) {
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
    record Decision(Lifecycle.Request request, Lifecycle.Step step) {
        Booking apply() {
            return Lifecycle.apply(step, request);
        }
    }


    /** The zone of resource {@code resourceId}'s opening hours. */
    ZoneId zoneOf(String tenant, String resourceId) {
        return store.findResource(tenant, resourceId)
                .orElseThrow(() -> new ResourceNotFoundException(tenant, resourceId)).hours().zone();
    }


    /**
     * Cancels the occurrence {@code bookingId} of its series and every later one that still
     * blocks time, in one unit of work: the series then ends before it. Each occurrence is
     * judged as a single cancellation would be (for customers, the cancellation cutoff applies
     * to each); if any is refused, none is cancelled. Customers get one notification.
     *
     * @param bookingId the first occurrence to cancel
     * @param actor     who cancels
     * @param reason    why; may be empty for a customer
     * @return the cancelled occurrences, in order of place
     * @throws InvalidRequestException if the booking is not part of a series
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     */
    public List<Booking> cancelFollowing(String bookingId, Actor actor, String reason) {
        return seriesBooking.cancelFollowing(bookingId, actor, reason);
    }

    /**
     * Cancels every occurrence of series {@code seriesId} that still blocks time, as
     * {@link #cancelFollowing} from its first such occurrence does.
     *
     * @param seriesId the series whose blocking occurrences to cancel
     * @param actor    who cancels
     * @param reason   why; may be empty for a customer
     * @return the cancelled occurrences, in order of place; empty when none still blocks time
     */
    public List<Booking> cancelSeries(String seriesId, Actor actor, String reason) {
        return seriesBooking.cancelSeries(seriesId, actor, reason);
    }

    /**
     * Moves the occurrence {@code bookingId} of its series and every later one that has not
     * begun to another time of day, or onto a new rule, in one unit of work: they leave their
     * series (cancelled, as a single cancellation would be judged) and become a new series on the
     * same resources, each new occurrence checked as a single booking would be, ignoring the ones
     * it replaces. If any is refused, nothing changes. The new series' id is derived from the old
     * one and the split point, so repeating the move returns the series the first one made.
     *
     * @param bookingId the first occurrence to move
     * @param move      where the occurrences go
     * @param actor     who moves them
     * @return the new series
     * @throws io.bookingkit.recurrence.SeriesRefusedException naming every new occurrence that
     *         cannot be booked
     * @throws InvalidRequestException if the booking is not part of a series, or nothing from it
     *         on can still move
     * @throws BookingNotFoundException if the actor's tenant has no such booking
     */
    public SeriesResult moveFollowing(String bookingId, SeriesMove move, Actor actor) {
        return seriesBooking.moveFollowing(bookingId, move, actor);
    }


    private Outcome<Booking> move(UnitOfWork unit, Booking current, ServiceTemplate template, Instant newStart, Actor actor,
                         Instant now) {
        Interval interval = interval(newStart, current.interval().toDuration());
        Locked locked = loadWaitlistFirst(unit, template, current.resourceIds(), interval, current.customerId(), now);
        // The booking keeps its resources: all of them are one option, and its own time is free.
        PoolChoice.Choice chosen = choice.choose(new PoolChoice.Candidate(template, PoolMode.ALL_OF,
                locked.states.resources(), interval, current.partySize(), locked.states.customer(), now,
                Set.of(current.id())), PoolChoice.Purpose.WRITE);
        if (chosen.chosen().isEmpty()) {
            return refuse(unit, locked.expired, PoolChoice.refusal(chosen.reasons(), chosen.conflicts()));
        }
        Booking moved = current.movedTo(interval, template.occupied(interval), actor, now,
                "rescheduled from " + current.interval().getStart());
        unit.update(moved);
        scheduleFor(unit, moved, template, now);
        return record(unit, moved, locked.expired.then(notices.moved(moved, template, now))
                .then(refill(unit, freedBy(List.of(current)), now).notice));
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
        return load(unit, template, resourceIds, interval, Optional.of(customer), now);
    }

    /**
     * As {@link #load(UnitOfWork, ServiceTemplate, Collection, Interval, String, Instant)}; without
     * a customer (a waitlist offer, whose customer's limits are judged when they accept it) no
     * customer is locked or read, so the unit keeps its one customer lock for its own customer.
     */
    private Locked load(UnitOfWork unit, ServiceTemplate template, Collection<String> resourceIds, Interval interval,
                        Optional<String> customer, Instant now) {
        List<Resource> locked = resourceIds.stream().map(id -> unit.lockedResources().get(id)).toList();
        if (customer.isPresent()
                && (template.limits().perCustomerDay().isPresent() || template.limits().perCustomerWeek().isPresent())) {
            unit.lockCustomer(customer.get());
        }
        StateLoader.States states = StateLoader.load(unit, template, locked, Interval.of(interval.getStart(),
                interval.getStart()), interval.toDuration(), customer, now);
        Interval range = template.occupied(interval);
        Notice expired = Notice.NONE;
        List<Booking> expiredBookings = new ArrayList<>();
        for (Booking b : states.bookings()) {
            if (Intervals.overlap(b.occupied(), range) && b.status().blocksTime() && !b.blocksAt(now)) {
                Booking marked = b.transitioned(BookingStatus.EXPIRED, Actor.system(b.tenantId()), now, "expired");
                if (unit.expire(marked)) {
                    expired = expired.then(notices.expiredOverdue(marked, now));
                    settleEntry(unit, marked, now);
                    expiredBookings.add(b);
                }
            }
        }
        return new Locked(states, expired, expiredBookings);
    }

    /**
     * As {@link #load}, and the seats of the overdue holds it expires go to the waitlist before the
     * caller decides with the view (reloaded when offers took some): a freed seat goes to whoever
     * waited for it, not to the request that happened to find the hold overdue. The view it
     * returns names no expired holds left to pass on.
     */
    private Locked loadWaitlistFirst(UnitOfWork unit, ServiceTemplate template, Collection<String> resourceIds,
                                     Interval interval, String customer, Instant now) {
        Locked locked = load(unit, template, resourceIds, interval, customer, now);
        if (locked.expiredBookings.isEmpty()) {
            return locked;
        }
        Refill refill = refill(unit, freedBy(locked.expiredBookings), now);
        Notice told = locked.expired.then(refill.notice);
        StateLoader.States states = refill.offered > 0
                ? load(unit, template, resourceIds, interval, customer, now).states : locked.states;
        return new Locked(states, told, List.of());
    }

    /** The locked view, and what marking overdue holds told, with the holds as they were. */
    private record Locked(StateLoader.States states, Notice expired, List<Booking> expiredBookings) {
    }

    /**
     * Refuses a request whose unit made waitlist offers on the way (of the seats of holds it
     * found overdue): those stand, so the unit commits them and the refusal is thrown after. A
     * unit that offered nothing rolls back, so a refusal changes nothing.
     */
    private static <T> Outcome<T> refuse(UnitOfWork unit, Notice onTheWay, RuntimeException refusal) {
        if (onTheWay.events().stream().noneMatch(e -> e.kind() == BookingEvent.Kind.WAITLIST_OFFER)) {
            throw refusal;
        }
        return Outcome.refused(record(unit, null, onTheWay), refusal);
    }

    /** Writes what {@code notice} tells in the unit (reminders dropped first), for after the commit. */
    static <T> Outcome<T> record(UnitOfWork unit, T value, Notice notice) {
        notice.discardRemindersOf().forEach(unit::discardReminders);
        for (OutboxMessage message : notice.messages()) {
            unit.enqueue(message);
        }
        return new Outcome<>(value, notice.events());
    }

    /**
     * Books {@code placement} in a shared unit of the store, if it offers one: empty, with nothing
     * written, when it does not, when something is in the time the store's constraint would not
     * see, or when the booking would not pass as though the time were free. The caller then books
     * the locked way, which decides exactly and says why not.
     */
    private Optional<Booking> writeShared(String tenant, Placement placement,
                                          Function<UnitOfWork, Outcome<Booking>> work) {
        String resourceId = placement.resourceIds.get(0);
        Interval occupied = placement.template.occupied(placement.interval);
        Outcome<Booking> outcome;
        try {
            outcome = observing.unit((timed, probe) -> GuardedUnits.runShared(store, tenant, resourceId, occupied,
                    timed, probe).orElseThrow(NotShared::new), work);
        } catch (NotShared | DuplicateBookingException e) {
            // A duplicate key: a request with the same key was booked meanwhile; the locked way
            // finds it and replays it, as it would any other duplicate.
            return Optional.empty();
        }
        changeSignal.changed();
        afterCommit(outcome.events);
        return Optional.of(outcome.value);
    }

    /** Rolls a shared unit back, or says it did not commit: the booking goes the locked way. */
    private static final class NotShared extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotShared() {
            super(null, null, false, false);
        }
    }

    <T> T write(String tenant, Collection<String> resourceIds, Function<UnitOfWork, Outcome<T>> work) {
        Outcome<T> outcome;
        try {
            outcome = runRetryingEntryChanges(tenant, resourceIds, work);
        } catch (OverlapRefusedException e) {
            // The store's backstop caught what the locked decision should have: report it as
            // the conflict it is.
            throw new SlotUnavailableException(List.of(), List.of(Violation.of("overlap", "resource",
                    String.join(", ", resourceIds), "booking", "another booking (refused by the store: " + e.getMessage()
                            + ")")));
        }
        afterCommit(outcome.events);
        if (outcome.refusal.isPresent()) {
            throw outcome.refusal.get();
        }
        return outcome.value;
    }

    /**
     * Runs the unit; when it lost a race for a waitlist entry to a unit on another resource of the
     * entry's pool, runs it again (it then finds the entry served), a few times at most.
     */
    private <T> Outcome<T> runRetryingEntryChanges(String tenant, Collection<String> resourceIds,
                                                   Function<UnitOfWork, Outcome<T>> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome<T> outcome = observing.unit((timed, probe) -> GuardedUnits.run(store, tenant, resourceIds, timed,
                        probe), work);
                changeSignal.changed();
                return outcome;
            } catch (WaitlistEntryChangedException e) {
                if (attempt == ENTRY_CHANGE_ATTEMPTS) {
                    throw e;
                }
                observing.retried(UnitTiming.WAITLIST_ENTRY_CHANGED);
                LOG.debug("A unit of work lost a waitlist entry to another; running it again", e);
            }
        }
    }

    /** {@code [start, start + duration)}, or a clear refusal when that leaves the time line. */
    static Interval interval(Instant start, Duration duration) {
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

    /**
     * What a unit of work gives back: its value and events, or, for a refusal that must not roll
     * back what the unit did on the way (holds it expired, offers made of their seats), the
     * refusal to throw once that is committed.
     */
    record Outcome<T>(T value, List<BookingEvent> events, Optional<RuntimeException> refusal) {
        Outcome(T value, List<BookingEvent> events) {
            this(value, events, Optional.empty());
        }

        static <T> Outcome<T> refused(Outcome<?> committed, RuntimeException refusal) {
            return new Outcome<>(null, committed.events, Optional.of(refusal));
        }
    }

    /**
     * A lifecycle step asked for: the booking (at a version, when the caller's copy must still
     * be current), the action, the reason (empty when none), and for a move the new start.
     */
    record Ask(String bookingId, Optional<Long> version, Action action, String reason, Optional<Instant> newStart) {
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
        /**
         * Builds the dispatcher that delivers the engine's outbox.
         *
         * @param store the engine's store
         * @param port  the engine's notification port
         * @param clock the engine's clock
         * @return the dispatcher
         */
        OutboxDispatcher apply(BookingStore store, NotificationPort port, Clock clock);
    }

    /** Settings of an engine. {@code store}, {@code clock} and {@code templates} are required. Not thread-safe. */
    public static final class Builder {
        /** The most tasks one {@link BookingEngine#runMaintenance()} call claims, unless {@link #maintenance} sets it: 100. */
        public static final int DEFAULT_MAINTENANCE_BATCH = 100;
        /** How long a maintenance run claims each task, unless {@link #maintenance} sets it: one minute. */
        public static final Duration DEFAULT_MAINTENANCE_LEASE = Duration.ofMinutes(1);

        private BookingStore store;
        private Clock clock;
        private TemplateCatalog templates;
        private NotificationPort notifications;
        private final Map<Channel, NotificationPort> routes = new LinkedHashMap<>();
        private boolean notificationsElsewhere;
        private BookingDispatcherFactory dispatcher = (s, p, c) -> OutboxDispatcher.builder(s, p, c).build();
        private final List<BookingRule> rules = new ArrayList<>(BookingRules.defaults());
        private final List<ChangeRule> changeRules = new ArrayList<>(BookingRules.changeDefaults());
        private final List<BookingListener> listeners = new ArrayList<>();
        private final List<EngineObserver> observers = new ArrayList<>();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();
        private int maintenanceBatch = DEFAULT_MAINTENANCE_BATCH;
        private Duration maintenanceLease = DEFAULT_MAINTENANCE_LEASE;
        private Duration changeRetention = DEFAULT_CHANGE_RETENTION;
        private Duration changePoll = DEFAULT_CHANGE_POLL;

        /** How long the availability feed keeps a change, unless {@link #changeFeed} sets it: seven days. */
        public static final Duration DEFAULT_CHANGE_RETENTION = Duration.ofDays(7);
        /** How often {@link BookingEngine#awaitChanges} looks for other nodes' changes, unless {@link #changeFeed} sets it: 250 ms. */
        public static final Duration DEFAULT_CHANGE_POLL = Duration.ofMillis(250);

        private Builder() {
        }

        /**
         * The availability feed's settings: maintenance forgets changes older than
         * {@code retention} ({@link #DEFAULT_CHANGE_RETENTION} by default), after which a reader
         * still behind gets a reset; {@link BookingEngine#awaitChanges} looks in the store every
         * {@code pollInterval} ({@link #DEFAULT_CHANGE_POLL} by default) for changes of other
         * nodes, and wakes at once for its own engine's.
         *
         * @param retention    how long a change is kept, positive
         * @param pollInterval how often a waiting reader looks for other nodes' changes, positive
         * @return this builder
         * @throws InvalidRequestException if either is not positive
         */
        public Builder changeFeed(Duration retention, Duration pollInterval) {
            this.changeRetention = Require.positive(retention, "retention");
            this.changePoll = Require.positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * How much one {@link BookingEngine#runMaintenance()} call does: at most {@code batch}
         * tasks ({@link #DEFAULT_MAINTENANCE_BATCH} by default), each claimed for {@code lease}
         * ({@link #DEFAULT_MAINTENANCE_LEASE} by default), after which a task whose run failed or
         * whose node died is claimed again.
         *
         * @param batch the most tasks per run, positive
         * @param lease how long a task is claimed, positive
         * @return this builder
         * @throws InvalidRequestException if either is not positive
         */
        public Builder maintenance(int batch, Duration lease) {
            this.maintenanceBatch = Require.positive(batch, "batch");
            this.maintenanceLease = Require.positive(lease, "lease");
            return this;
        }

        /**
         * Where resources, bookings and the outbox live.
         *
         * @param store where resources, bookings, entries, the outbox and tasks are kept
         * @return this builder
         */
        public Builder store(BookingStore store) {
            this.store = Require.nonNull(store, "store");
            return this;
        }

        /**
         * The engine's only source of time; it never reads the system clock.
         *
         * @param clock the clock every decision reads
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Require.nonNull(clock, "clock");
            return this;
        }

        /**
         * The templates the engine books; a booking names one of them.
         *
         * @param templates the templates, by name
         * @return this builder
         */
        public Builder templates(TemplateCatalog templates) {
            this.templates = Require.nonNull(templates, "templates");
            return this;
        }

        /**
         * Where notifications are delivered. With a port the engine writes notifications and
         * reminders to the outbox with each change and delivers them after commit; without one,
         * and without {@link #notificationsDeliveredElsewhere()}, it writes none.
         *
         * @param port where notifications go
         * @return this builder
         */
        public Builder notifications(NotificationPort port) {
            this.notifications = Require.nonNull(port, "port");
            return this;
        }

        /**
         * Where the reminders of {@code channel} are delivered (such as {@code "sms"} to an SMS
         * gateway's port), instead of the {@linkplain #notifications(NotificationPort) default
         * port}, which still gets every notification without a channel. Once one channel has a
         * port, every reminder channel of the templates needs one: a channel without is refused
         * by {@link #build()}.
         *
         * @param channel the channel's name, as the templates write it
         * @param port    where its reminders go
         * @return this builder
         * @throws InvalidRequestException if the channel already has a port, or its name is not a
         *         channel name
         */
        public Builder notifications(String channel, NotificationPort port) {
            Channel key = Channel.of(channel);
            Require.nonNull(port, "port");
            if (routes.containsKey(key)) {
                throw new InvalidRequestException("Channel '" + key.name() + "' already has a notification port");
            }
            routes.put(key, port);
            return this;
        }

        /**
         * Writes notifications and reminders to the outbox without delivering them: for
         * application nodes that only take bookings while another node, whose engine has a
         * {@link NotificationPort}, delivers them (or a dispatcher of its own).
         *
         * @return this builder
         */
        public Builder notificationsDeliveredElsewhere() {
            this.notificationsElsewhere = true;
            return this;
        }

        /**
         * How the outbox dispatcher is built, for other retry settings.
         *
         * @param factory builds the dispatcher from the engine's store, port and clock
         * @return this builder
         */
        public Builder dispatcher(BookingDispatcherFactory factory) {
            this.dispatcher = Require.nonNull(factory, "factory");
            return this;
        }

        /**
         * Adds a rule to the built-in ones; it applies to slot lists and writes alike.
         *
         * @param rule the rule, asked after the rules before it
         * @return this builder
         */
        public Builder rule(BookingRule rule) {
            rules.add(Require.nonNull(rule, "rule"));
            return this;
        }

        /**
         * Replaces the business rules, built-ins included. The conflict rule
         * ({@link BookingRules#noConflicts()}) always stays: it is the no-double-booking guarantee.
         *
         * @param replacement the rules, in the order they are asked
         * @return this builder
         */
        public Builder rules(List<BookingRule> replacement) {
            List<BookingRule> copy = List.copyOf(Require.elements(replacement, "rules"));
            rules.clear();
            rules.addAll(copy);
            return this;
        }

        /**
         * Adds a change rule to the built-in one (the customer's cancellation cutoff).
         *
         * @param rule the rule, judged after the change rules before it
         * @return this builder
         */
        public Builder changeRule(ChangeRule rule) {
            changeRules.add(Require.nonNull(rule, "rule"));
            return this;
        }

        /**
         * Replaces the change rules judged when an agreed booking is cancelled or moved, the
         * cancellation cutoff ({@link BookingRules#cancellationCutoff()}) included; an empty list
         * lets customers cancel until the start.
         *
         * @param replacement the change rules, in the order they are judged
         * @return this builder
         */
        public Builder changeRules(List<ChangeRule> replacement) {
            List<ChangeRule> copy = List.copyOf(Require.elements(replacement, "changeRules"));
            changeRules.clear();
            changeRules.addAll(copy);
            return this;
        }

        /**
         * Adds a listener that receives every event after its change committed; listeners are
         * called in the order they were added.
         *
         * @param listener the listener to call
         * @return this builder
         */
        public Builder listener(BookingListener listener) {
            listeners.add(Require.nonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an observer of how writes ended and how long units of work took, for metrics
         * (the {@code booking-micrometer} module has one); there is none by default. Observers
         * are told in the order they were added.
         *
         * @param observer told of every write and unit of work, on the thread that did it
         * @return this builder
         */
        public Builder observer(EngineObserver observer) {
            observers.add(Require.nonNull(observer, "observer"));
            return this;
        }

        /**
         * Where booking and message ids come from; random UUIDs by default.
         *
         * @param ids gives a new, unique id each time it is called
         * @return this builder
         */
        public Builder ids(Supplier<String> ids) {
            this.ids = Require.nonNull(ids, "ids");
            return this;
        }

        /**
         * The engine.
         *
         * @return a new engine
         * @throws NullPointerException naming the first missing required setting
         * @throws InvalidRequestException if channels have ports but there is no default port
         *         for the notifications without a channel, or a template's reminder channel has
         *         no port
         */
        public BookingEngine build() {
            Require.nonNull(store, "store");
            Require.nonNull(clock, "clock");
            Require.nonNull(templates, "templates");
            if (!routes.isEmpty() && notifications == null) {
                throw new InvalidRequestException("Channels " + routes.keySet().stream().map(Channel::name).toList()
                        + " have notification ports, but confirmations, cancellations and the other notifications "
                        + "without a channel have none: add a default one with notifications(port)");
            }
            return new BookingEngine(this);
        }
    }
}
