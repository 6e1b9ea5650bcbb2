package io.bookingkit;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.booking.Lifecycle.Action;
import io.bookingkit.booking.Role;
import io.bookingkit.booking.Transition;
import io.bookingkit.conflict.Conflict;
import io.bookingkit.internal.DurationText;
import io.bookingkit.internal.Require;
import io.bookingkit.notify.BookingEvent;
import io.bookingkit.notify.BookingListener;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.OutboxDispatcher;
import io.bookingkit.notify.ReminderPlan;
import io.bookingkit.policy.BookingCheck;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.policy.ResourceState;
import io.bookingkit.policy.Violation;
import io.bookingkit.policy.internal.BookingReads;
import io.bookingkit.policy.internal.StateLoader;
import io.bookingkit.resource.Resource;
import io.bookingkit.resource.ResourceRegistry;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotGenerator;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.spi.OutboxMessage;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.template.ConfirmationMode;
import io.bookingkit.template.PoolMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.Intervals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.threeten.extra.Interval;

/**
 * The one entry point an application uses: list slots, explain why a time is not available,
 * book, and move bookings through their lifecycle. Built with {@link #builder()}.
 *
 * <p>The same {@linkplain BookingRules rules} judge the slot list and every write. A write runs
 * in one {@linkplain BookingStore#inUnitOfWork unit of work} that locks the resources involved,
 * re-reads their bookings under the lock and decides there, so concurrent requests on any
 * number of threads or application nodes sharing the store cannot double-book. Events reach
 * listeners after the unit commits, and notifications go through the store's outbox.
 *
 * <p>Thread-safe: share one engine across the application.
 */
public final class BookingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BookingEngine.class);

    private final BookingStore store;
    private final Clock clock;
    private final TemplateCatalog templates;
    private final List<BookingRule> rules;
    private final SlotGenerator slots;
    private final List<BookingListener> listeners;
    private final Optional<OutboxDispatcher> dispatcher;
    private final boolean writesNotifications;
    private final java.util.concurrent.locks.ReentrantLock afterCommitDelivery = new java.util.concurrent.locks.ReentrantLock();
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
        this.rules = List.copyOf(inForce);
        this.slots = new SlotGenerator(rules);
        this.listeners = List.copyOf(b.listeners);
        this.dispatcher = Optional.ofNullable(b.notifications).map(port -> b.dispatcher.apply(store, port, clock));
        this.writesNotifications = b.notifications != null || b.notificationsElsewhere;
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

    /** The bookable slots the query asks for, in order of start. */
    public List<Slot> availableSlots(SlotQuery query) {
        Require.nonNull(query, "query");
        Plan plan = plan(query);
        List<Instant> starts = SlotGenerator.gridStarts(query.window(), plan.resources.get(0).zone(),
                plan.template.slotStep());
        if (starts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        StateLoader.States states = StateLoader.load(BookingReads.of(store, query.tenantId()), plan.template,
                plan.resources, Interval.of(starts.get(0), starts.get(starts.size() - 1)), plan.duration, query.customerId(),
                now);
        ZoneId display = query.displayZone().orElse(plan.resources.get(0).zone());
        return slots.slots(plan.template, plan.mode, states.resources(), states.customer(), starts, plan.duration,
                plan.partySize, now, display);
    }

    /**
     * Every reason a booking starting at {@code start} cannot be made now, for the query's
     * template, resources, duration, party and customer; empty when it can. The window of the
     * query is not used.
     */
    public List<Violation> whyNotAvailable(SlotQuery query, Instant start) {
        Require.nonNull(query, "query");
        Require.nonNull(start, "start");
        Plan plan = plan(query);
        Instant now = clock.instant();
        StateLoader.States states = StateLoader.load(BookingReads.of(store, query.tenantId()), plan.template,
                plan.resources, Interval.of(start, start), plan.duration, query.customerId(), now);
        return slots.explain(plan.template, plan.mode, states.resources(), states.customer(), start, plan.duration,
                plan.partySize, now, Set.of());
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
        return apply(bookingId, Optional.empty(), Action.CONFIRM, actor, "", null);
    }

    /** Declines a pending booking; {@code reason} is required and recorded. */
    public Booking decline(String bookingId, Actor actor, String reason) {
        return apply(bookingId, Optional.empty(), Action.DECLINE, actor, reason, null);
    }

    /** Cancels a booking; customers only before the template's cutoff, staff and admins with a reason. */
    public Booking cancel(String bookingId, Actor actor, String reason) {
        return apply(bookingId, Optional.empty(), Action.CANCEL, actor, reason, null);
    }

    /**
     * Cancels the booking as {@code seen} by the caller.
     *
     * @throws StaleBookingException if it changed since that copy was read
     */
    public Booking cancel(Booking seen, Actor actor, String reason) {
        Require.nonNull(seen, "seen");
        return apply(seen.id(), Optional.of(seen.version()), Action.CANCEL, actor, reason, null);
    }

    /**
     * Moves a booking to {@code newStart}, keeping its length and resources, in one atomic step:
     * the new time is judged as a new booking would be (ignoring the booking itself), and the
     * old time is freed only if the move succeeds.
     */
    public Booking reschedule(String bookingId, Instant newStart, Actor actor) {
        return apply(bookingId, Optional.empty(), Action.RESCHEDULE, actor, "", Require.nonNull(newStart, "newStart"));
    }

    /**
     * Moves the booking as {@code seen} by the caller.
     *
     * @throws StaleBookingException if it changed since that copy was read
     */
    public Booking reschedule(Booking seen, Instant newStart, Actor actor) {
        Require.nonNull(seen, "seen");
        return apply(seen.id(), Optional.of(seen.version()), Action.RESCHEDULE, actor, "",
                Require.nonNull(newStart, "newStart"));
    }

    /** Marks a confirmed booking as started. */
    public Booking start(String bookingId, Actor actor) {
        return apply(bookingId, Optional.empty(), Action.START, actor, "", null);
    }

    /** Marks a started booking as completed. */
    public Booking complete(String bookingId, Actor actor) {
        return apply(bookingId, Optional.empty(), Action.COMPLETE, actor, "", null);
    }

    /** Records that the customer did not come; only once the start has passed. */
    public Booking markNoShow(String bookingId, Actor actor) {
        return apply(bookingId, Optional.empty(), Action.NO_SHOW, actor, "", null);
    }

    /**
     * Marks a hold or pending booking whose expiry has passed as {@code EXPIRED} (a system
     * step). Not needed for correctness: an expired booking stops blocking at its expiry
     * instant, and the next booking that wants its seats marks it.
     */
    public Booking expire(String bookingId, Actor actor) {
        return apply(bookingId, Optional.empty(), Action.EXPIRE, actor, "expired", null);
    }

    /** The booking, if it exists in the actor's tenant and the actor may see it. */
    public Optional<Booking> find(String bookingId, Actor actor) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(actor, "actor");
        return store.findBooking(actor.tenantId(), bookingId).filter(b -> maySee(actor, b));
    }

    /** Delivers the notifications that are due now; returns how many. Zero without a notification port. */
    public int dispatchNotifications() {
        return dispatcher.map(OutboxDispatcher::dispatchDue).orElse(0);
    }

    // ---- booking ---------------------------------------------------------------------------

    private Booking create(BookingRequest request, Actor actor, boolean hold) {
        Require.nonNull(request, "request");
        Require.nonNull(actor, "actor");
        String tenant = actor.tenantId();
        String customer = customerFor(request, actor);
        if (request.forceReason().isPresent() && actor.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only an ADMIN may force an overlap; " + actor.role() + " '" + actor.id() + "' may not");
        }
        ServiceTemplate template = templates.get(request.templateName());
        if (actor.role() == Role.STAFF && !actor.resourceIds().containsAll(request.resourceIds())) {
            throw new AccessDeniedException("Staff '" + actor.id() + "' works on " + new java.util.TreeSet<>(actor.resourceIds())
                    + " and may not book " + request.resourceIds());
        }
        PoolMode mode = request.poolMode().orElse(template.poolMode());
        Duration duration = request.duration().orElse(template.minDuration());
        int party = request.partySize().orElse(template.minPartySize());
        Interval interval = interval(request.start(), duration);
        String fingerprint = request.fingerprint(tenant, customer);
        Outcome outcome;
        try {
            outcome = store.inUnitOfWork(tenant, request.resourceIds(), unit -> {
                Optional<Booking> earlier = request.idempotencyKey().flatMap(unit::findByIdempotencyKey);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), fingerprint, request);
                }
                Instant now = clock.instant();
                List<BookingEvent> events = new ArrayList<>();
                List<Resource> chosen = request.resourceIds().stream().map(unit::lockedResource).toList();
                lockCustomerIfLimited(unit, template, customer);
                StateLoader.States states = StateLoader.load(BookingReads.of(unit), template, chosen,
                        Interval.of(interval.getStart(), interval.getStart()), duration, Optional.of(customer), now);
                expireOverdue(unit, tenant, states.bookings(), template.occupied(interval), now, events);
                List<ResourceState> use = choose(template, mode, states, interval, party, now, request.forceReason().isPresent());
                BookingStatus status = hold ? BookingStatus.HELD
                        : template.confirmation() == ConfirmationMode.INSTANT ? BookingStatus.CONFIRMED : BookingStatus.PENDING;
                Optional<Instant> expiresAt = hold ? Optional.of(now.plus(template.holdDuration()))
                        : status == BookingStatus.PENDING ? Optional.of(template.pendingExpiresAt(now)) : Optional.empty();
                boolean forced = request.forceReason().isPresent()
                        && !BookingRules.evaluate(rules, check(template, use, states, interval, party, now, Set.of()), false).isEmpty();
                String reason = forced ? "forced over a conflict: " + request.forceReason().get() : "";
                Booking booking = new Booking(ids.get(), tenant, use.stream().map(s -> s.resource().id()).toList(), customer,
                        template.name(), interval, template.occupied(interval), party, status, 0, request.seriesId(),
                        request.idempotencyKey(), fingerprint, request.locale().orElse(template.locale()), now, now,
                        expiresAt, forced, List.of(new Transition(Optional.empty(), status, actor, now, reason)));
                unit.insert(booking);
                BookingEvent.Kind kind = switch (status) {
                    case HELD -> BookingEvent.Kind.HELD;
                    case PENDING -> BookingEvent.Kind.REQUESTED;
                    default -> BookingEvent.Kind.CONFIRMED;
                };
                notify(unit, booking, kind, now);
                if (status == BookingStatus.CONFIRMED) {
                    planReminders(unit, booking, template, now);
                }
                events.add(new BookingEvent(kind, booking, now));
                events.add(new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, booking, now));
                return new Outcome(booking, events);
            });
        } catch (DuplicateBookingException e) {
            if (request.idempotencyKey().isEmpty()) {
                throw e;
            }
            // Another request with the same key committed between our check and our insert.
            outcome = store.inUnitOfWork(tenant, request.resourceIds(), unit -> replay(
                    unit.findByIdempotencyKey(request.idempotencyKey().get()).orElseThrow(() -> e), fingerprint, request));
        }
        afterCommit(outcome.events);
        return outcome.booking;
    }

    /**
     * Per-customer limits count the customer's bookings on any resource, which the resource
     * locks do not cover: the customer's own lock makes two of their requests take turns.
     */
    private static void lockCustomerIfLimited(UnitOfWork unit, ServiceTemplate template, String customer) {
        if (template.limits().perCustomerDay().isPresent() || template.limits().perCustomerWeek().isPresent()) {
            unit.lockCustomer(customer);
        }
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

    private Outcome replay(Booking earlier, String fingerprint, BookingRequest request) {
        if (!earlier.requestHash().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(request.idempotencyKey().orElseThrow(), earlier.id());
        }
        return new Outcome(earlier, List.of());
    }

    /** The resources a booking will use, or an exception listing every reason it cannot be made. */
    private List<ResourceState> choose(ServiceTemplate template, PoolMode mode, StateLoader.States states, Interval interval,
                                       int party, Instant now, boolean force) {
        List<List<ResourceState>> options = new ArrayList<>();
        if (mode == PoolMode.ALL_OF || states.resources().size() == 1) {
            options.add(states.resources());
        } else {
            states.resources().forEach(s -> options.add(List.of(s)));
        }
        Set<Violation> reasons = new LinkedHashSet<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<ResourceState> best = null;
        for (List<ResourceState> option : options) {
            BookingCheck check = check(template, option, states, interval, party, now, Set.of());
            List<Violation> found = BookingRules.evaluate(rules, check, false);
            if (force) {
                found = found.stream().filter(v -> !BookingRules.CONFLICT_CODES.contains(v.code())).toList();
            }
            if (found.isEmpty()) {
                if (best == null || busier(best, option, interval.getStart())) {
                    best = option;
                }
                continue;
            }
            reasons.addAll(found);
            conflicts.addAll(conflictsOf(check));
        }
        if (best != null) {
            return best;
        }
        throw refusal(List.copyOf(reasons), conflicts);
    }

    private static boolean busier(List<ResourceState> current, List<ResourceState> candidate, Instant start) {
        ResourceState a = current.get(0);
        ResourceState b = candidate.get(0);
        return b.blockingOn(b.localDay(start)) < a.blockingOn(a.localDay(start));
    }

    private static BookingException refusal(List<Violation> violations, List<Conflict> conflicts) {
        boolean onlyConflicts = violations.stream().allMatch(v -> BookingRules.CONFLICT_CODES.contains(v.code()));
        return onlyConflicts ? new SlotUnavailableException(conflicts, violations) : new PolicyViolationException(violations);
    }

    /** The bookings standing in the way of {@code check}, on each of its resources. */
    private static List<Conflict> conflictsOf(BookingCheck check) {
        List<Conflict> conflicts = new ArrayList<>();
        for (ResourceState s : check.resources()) {
            conflicts.addAll(s.conflicts().conflicts(check.interval(), check.occupied(), check.partySize(), s.capacity(),
                    check.ignoredIds()));
        }
        return conflicts;
    }

    private static BookingCheck check(ServiceTemplate template, List<ResourceState> use, StateLoader.States states,
                                      Interval interval, int party, Instant now, Set<String> ignored) {
        return new BookingCheck(template, use, interval, template.occupied(interval), party, states.customer(), now, ignored);
    }

    private String customerFor(BookingRequest request, Actor actor) {
        switch (actor.role()) {
            case CUSTOMER -> {
                String customer = request.customerId().orElse(actor.id());
                if (!customer.equals(actor.id())) {
                    throw new AccessDeniedException("Customer '" + actor.id() + "' may only book for themselves, not for '"
                            + customer + "'");
                }
                return customer;
            }
            case SYSTEM -> throw new AccessDeniedException("The SYSTEM actor does not make bookings");
            default -> {
                return request.customerId().orElseThrow(() -> new InvalidRequestException(
                        actor.role() + " '" + actor.id() + "' must say which customer the booking is for"));
            }
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------

    private Booking apply(String bookingId, Optional<Long> expectedVersion, Action action, Actor actor, String reason,
                          Instant newStart) {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(actor, "actor");
        Require.nonNull(reason, "reason");
        String tenant = actor.tenantId();
        Booking seen = store.findBooking(tenant, bookingId).orElseThrow(() -> notFound(bookingId, tenant));
        Outcome outcome = store.inUnitOfWork(tenant, seen.resourceIds(), unit -> {
            Booking current = unit.findBooking(bookingId).orElseThrow(() -> notFound(bookingId, tenant));
            if (expectedVersion.isPresent() && expectedVersion.get() != current.version()) {
                throw new StaleBookingException("Booking '" + bookingId + "' is at version " + current.version()
                        + ", but the request was made from version " + expectedVersion.get());
            }
            authorize(actor, current);
            Instant now = clock.instant();
            ServiceTemplate template = templates.get(current.templateName());
            BookingStatus from = current.status();
            if (action != Action.EXPIRE && current.expiresAt().isPresent() && !now.isBefore(current.expiresAt().get())) {
                throw new TransitionNotAllowedException(bookingId, from, action.label(),
                        "it expired at " + current.expiresAt().get());
            }
            List<Lifecycle.Step> options = Lifecycle.stepsFrom(action, from);
            if (options.isEmpty()) {
                throw new TransitionNotAllowedException(bookingId, from, action.label(), "the lifecycle has no such step from " + from);
            }
            BookingStatus to = switch (action) {
                case CONFIRM -> from == BookingStatus.HELD && template.confirmation() == ConfirmationMode.MANUAL
                        ? BookingStatus.PENDING : BookingStatus.CONFIRMED;
                case RESCHEDULE -> from;
                default -> options.get(0).to();
            };
            Lifecycle.Step step = Lifecycle.step(action, from, to).orElseThrow();
            if (!step.roles().contains(actor.role())) {
                throw new AccessDeniedException(actor.role() + " may not " + action.label() + " a " + from
                        + " booking; allowed: " + step.roles());
            }
            checkConditions(action, actor, current, template, reason, now);
            List<BookingEvent> events = new ArrayList<>();
            Booking updated;
            if (action == Action.RESCHEDULE) {
                updated = move(unit, current, template, newStart, actor, now, events);
            } else {
                updated = current.transitioned(to, actor, now, reason);
                if (from == BookingStatus.HELD && to == BookingStatus.PENDING) {
                    // A completed hold is a new request: staff get the template's whole pending
                    // expiry from now, not what is left of the hold's few minutes.
                    updated = updated.withExpiresAt(template.pendingExpiresAt(now));
                }
                unit.update(updated);
                BookingEvent.Kind kind = eventOf(action, to);
                notify(unit, updated, kind, now);
                if (to == BookingStatus.CONFIRMED) {
                    planReminders(unit, updated, template, now);
                } else if (!to.blocksTime() || to == BookingStatus.IN_PROGRESS) {
                    unit.discardReminders(updated.id());
                }
                events.add(new BookingEvent(kind, updated, now));
                if (from.blocksTime() != to.blocksTime()) {
                    events.add(new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, updated, now));
                }
            }
            return new Outcome(updated, events);
        });
        afterCommit(outcome.events);
        return outcome.booking;
    }

    private void checkConditions(Action action, Actor actor, Booking current, ServiceTemplate template, String reason,
                                 Instant now) {
        boolean staffOrAdmin = actor.role() == Role.STAFF || actor.role() == Role.ADMIN;
        switch (action) {
            case DECLINE -> {
                if (reason.isBlank()) {
                    throw new InvalidRequestException("Declining booking '" + current.id() + "' needs a reason");
                }
            }
            case CANCEL, RESCHEDULE -> {
                if (action == Action.CANCEL && staffOrAdmin && reason.isBlank()) {
                    throw new InvalidRequestException(actor.role() + " cancelling booking '" + current.id() + "' must give a reason");
                }
                Instant start = current.interval().getStart();
                Duration cutoff = template.cancellationCutoff();
                if (actor.role() == Role.CUSTOMER && current.status() != BookingStatus.HELD
                        && now.isAfter(start.minus(cutoff))) {
                    Duration lead = Duration.between(now, start);
                    throw new PolicyViolationException(List.of(Violation.of("cancellation-cutoff",
                            "cutoff", DurationText.format(cutoff),
                            "lead", DurationText.format(lead.isNegative() ? Duration.ZERO : Duration.ofMinutes(lead.toMinutes())))));
                }
            }
            case NO_SHOW -> {
                if (now.isBefore(current.interval().getStart())) {
                    throw new TransitionNotAllowedException(current.id(), current.status(), action.label(),
                            "it starts only at " + current.interval().getStart());
                }
            }
            case EXPIRE -> {
                if (current.expiresAt().isEmpty() || now.isBefore(current.expiresAt().get())) {
                    throw new TransitionNotAllowedException(current.id(), current.status(), action.label(),
                            "it has not expired");
                }
            }
            default -> {
            }
        }
    }

    private Booking move(UnitOfWork unit, Booking current, ServiceTemplate template, Instant newStart, Actor actor,
                         Instant now, List<BookingEvent> events) {
        Interval interval = interval(newStart, current.interval().toDuration());
        List<Resource> use = current.resourceIds().stream().map(unit::lockedResource).toList();
        lockCustomerIfLimited(unit, template, current.customerId());
        StateLoader.States states = StateLoader.load(BookingReads.of(unit), template, use,
                Interval.of(newStart, newStart), interval.toDuration(), Optional.of(current.customerId()), now);
        expireOverdue(unit, current.tenantId(), states.bookings(), template.occupied(interval), now, events);
        Set<String> self = Set.of(current.id());
        BookingCheck check = check(template, states.resources(), states, interval, current.partySize(), now, self);
        List<Violation> violations = BookingRules.evaluate(rules, check, false);
        if (!violations.isEmpty()) {
            throw refusal(violations, conflictsOf(check));
        }
        Booking moved = current.movedTo(interval, template.occupied(interval), actor, now,
                "rescheduled from " + current.interval().getStart());
        unit.update(moved);
        unit.discardReminders(moved.id());
        if (moved.status() == BookingStatus.CONFIRMED) {
            planReminders(unit, moved, template, now);
        }
        notify(unit, moved, BookingEvent.Kind.RESCHEDULED, now);
        events.add(new BookingEvent(BookingEvent.Kind.RESCHEDULED, moved, now));
        events.add(new BookingEvent(BookingEvent.Kind.AVAILABILITY_CHANGED, moved, now));
        return moved;
    }

    /**
     * Marks holds and pending bookings among {@code read} (bookings read under the unit's lock)
     * that overlap {@code range} and whose expiry has passed as EXPIRED, so that their rows no
     * longer read as blocking (the database's overlap constraint cannot see the clock). Their
     * state in the rules' view needs no update: they already count as free from their expiry.
     */
    private void expireOverdue(UnitOfWork unit, String tenant, List<Booking> read, Interval range, Instant now,
                               List<BookingEvent> events) {
        for (Booking b : read) {
            if (Intervals.overlap(b.occupied(), range) && b.status().blocksTime() && !b.blocksAt(now)) {
                Booking expired = b.transitioned(BookingStatus.EXPIRED, Actor.system(tenant), now, "expired");
                if (!unit.expire(expired)) {
                    continue;
                }
                unit.discardReminders(expired.id());
                notify(unit, expired, BookingEvent.Kind.EXPIRED, now);
                events.add(new BookingEvent(BookingEvent.Kind.EXPIRED, expired, now));
            }
        }
    }

    private void authorize(Actor actor, Booking booking) {
        if (!maySee(actor, booking)) {
            throw new AccessDeniedException(actor.role() + " '" + actor.id() + "' may not act on booking '" + booking.id()
                    + "': " + (actor.role() == Role.CUSTOMER ? "it is another customer's" : "it is not on their resources"));
        }
    }

    private static boolean maySee(Actor actor, Booking booking) {
        if (!actor.tenantId().equals(booking.tenantId())) {
            return false;
        }
        return switch (actor.role()) {
            case CUSTOMER -> booking.customerId().equals(actor.id());
            case STAFF -> booking.resourceIds().stream().anyMatch(actor.resourceIds()::contains);
            case ADMIN, SYSTEM -> true;
        };
    }

    private static BookingEvent.Kind eventOf(Action action, BookingStatus to) {
        return switch (to) {
            case PENDING -> BookingEvent.Kind.REQUESTED;
            case CONFIRMED -> BookingEvent.Kind.CONFIRMED;
            case DECLINED -> BookingEvent.Kind.DECLINED;
            case CANCELLED -> BookingEvent.Kind.CANCELLED;
            case IN_PROGRESS -> BookingEvent.Kind.STARTED;
            case COMPLETED -> BookingEvent.Kind.COMPLETED;
            case NO_SHOW -> BookingEvent.Kind.NO_SHOW;
            case EXPIRED -> BookingEvent.Kind.EXPIRED;
            default -> throw new IllegalStateException("No event for " + action + " to " + to);
        };
    }

    private void planReminders(UnitOfWork unit, Booking booking, ServiceTemplate template, Instant now) {
        if (writesNotifications) {
            ReminderPlan.plan(booking, template, now, ids).forEach(unit::enqueue);
        }
    }

    private void notify(UnitOfWork unit, Booking booking, BookingEvent.Kind kind, Instant now) {
        if (!writesNotifications) {
            return;
        }
        NotificationKind notification = NotificationKind.valueOf(kind.name());
        unit.enqueue(new OutboxMessage(ids.get(), booking.tenantId(), booking.id(), notification, Optional.empty(),
                booking.customerId(), booking.locale(), now, booking.id() + ":" + notification + ":" + booking.version(), 0));
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

    private static BookingNotFoundException notFound(String bookingId, String tenant) {
        return new BookingNotFoundException("No booking '" + bookingId + "' in tenant '" + tenant + "'");
    }

    private Plan plan(SlotQuery query) {
        ServiceTemplate template = templates.get(query.templateName());
        List<Resource> list = resources.getAll(query.tenantId(), query.resourceIds());
        Require.maxLength(query.window(), list.get(0).hours().maxWindow(), "window");
        return new Plan(template, list, query.poolMode().orElse(template.poolMode()),
                query.duration().orElse(template.minDuration()), query.partySize().orElse(template.minPartySize()));
    }

    private record Plan(ServiceTemplate template, List<Resource> resources, PoolMode mode, Duration duration, int partySize) {
    }

    private record Outcome(Booking booking, List<BookingEvent> events) {
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
        private final List<BookingListener> listeners = new ArrayList<>();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();

        private Builder() {
        }

        /** Where resources, bookings and the outbox live. */
        public Builder store(BookingStore store) {
            this.store = store;
            return this;
        }

        /** The engine's only source of time; it never reads the system clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder templates(TemplateCatalog templates) {
            this.templates = templates;
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
            rules.clear();
            rules.addAll(Require.nonNull(replacement, "rules"));
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
