package io.bookingkit;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.booking.Lifecycle.Action;
import io.bookingkit.booking.TransitionNotAllowedException;
import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.notify.Notice;
import io.bookingkit.notify.Notices;
import io.bookingkit.session.Sessions;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.threeten.extra.Interval;

/**
 * The engine's time-driven work ({@link BookingEngine#runMaintenance()}): claims a batch of due
 * tasks and does each in a unit of work of the engine that completes the task, under the locks
 * of the resources the work touches, so that a task two nodes claimed (after a lease ran out)
 * is still done once. Thread-safe, as the engine is.
 */
final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final BookingEngine engine;
    private final BookingStore store;
    private final Clock clock;
    private final TemplateCatalog templates;
    private final Notices notices;
    private final int batch;
    private final Duration lease;
    private final Duration changeRetention;

    Maintenance(BookingEngine engine, BookingStore store, Clock clock, TemplateCatalog templates, Notices notices,
                int batch, Duration lease, Duration changeRetention) {
        this.changeRetention = changeRetention;
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.templates = templates;
        this.notices = notices;
        this.batch = batch;
        this.lease = lease;
    }

    MaintenanceRun run() {
        MaintenanceRun.Counter counter = new MaintenanceRun.Counter();
        for (ScheduledTask task : store.tasks().claimDue(clock.instant(), batch, lease)) {
            try {
                switch (task.kind()) {
                    case EXPIRE_BOOKING -> expireDue(task, counter);
                    case EXPIRE_ENTRY -> expireEntry(task, counter);
                    case DECIDE_QUORUM -> decideQuorum(task, counter);
                }
            } catch (RuntimeException e) {
                counter.failed++;
                LOG.warn("Maintenance task {} of {} for tenant {} failed; it is tried again when its claim ends",
                        task.kind(), task.subject().replace('\n', ' '), task.tenantId(), e);
            }
        }
        counter.delivered = engine.dispatchNotifications();
        try {
            counter.changesPruned = store.changes().prune(clock.instant().minus(changeRetention), batch);
        } catch (RuntimeException e) {
            counter.failed++;
            LOG.warn("Forgetting availability changes older than {} failed; the next run tries again", changeRetention, e);
        }
        return counter.run();
    }

    private void expireDue(ScheduledTask task, MaintenanceRun.Counter counter) {
        String tenant = task.tenantId();
        List<String> resourceIds = store.reads(tenant).findBooking(task.subject()).map(Booking::resourceIds)
                .orElse(List.of());
        boolean expired = engine.write(tenant, resourceIds, unit -> {
            if (!unit.completeTask(task.kind(), task.subject())) {
                return new BookingEngine.Outcome<>(false, List.of());
            }
            Instant now = clock.instant();
            Optional<Booking> current = unit.findBooking(task.subject())
                    .filter(b -> b.status().blocksTime() && b.expiresAt().isPresent());
            if (current.isEmpty()) {
                return new BookingEngine.Outcome<>(false, List.of());
            }
            Booking b = current.get();
            if (b.blocksAt(now)) {
                // Its expiry moved later (a hold completed into a request): due again then.
                unit.schedule(Tasks.expireBooking(b, b.expiresAt().get()));
                return new BookingEngine.Outcome<>(false, List.of());
            }
            if (!resourceIds.containsAll(b.resourceIds())) {
                throw new StaleBookingException("Booking '" + b.id() + "' moved while it was being expired");
            }
            Booking marked = b.transitioned(BookingStatus.EXPIRED, Actor.system(tenant), now, "expired");
            if (!unit.expire(marked)) {
                return new BookingEngine.Outcome<>(false, List.of());
            }
            BookingEngine.settleEntry(unit, marked, now);
            Notice notice = notices.expiredOverdue(marked, now).then(engine.refill(unit, BookingEngine.freedBy(List.of(b)), now).notice());
            return new BookingEngine.Outcome<>(true, BookingEngine.record(unit, marked, notice).events());
        });
        if (expired) {
            counter.bookingsExpired++;
        }
    }

    private void expireEntry(ScheduledTask task, MaintenanceRun.Counter counter) {
        String tenant = task.tenantId();
        List<String> resourceIds = store.reads(tenant).findEntry(task.subject()).map(WaitlistEntry::resourceIds)
                .orElse(List.of());
        boolean expired = engine.write(tenant, resourceIds, unit -> {
            if (!unit.completeTask(task.kind(), task.subject())) {
                return new BookingEngine.Outcome<>(false, List.of());
            }
            Instant now = clock.instant();
            Optional<WaitlistEntry> current = unit.findEntry(task.subject())
                    .filter(e -> e.status() == WaitlistStatus.WAITING);
            if (current.isEmpty()) {
                return new BookingEngine.Outcome<>(false, List.of());
            }
            if (current.get().waitsAt(now)) {
                unit.schedule(Tasks.expireEntry(current.get()));
                return new BookingEngine.Outcome<>(false, List.of());
            }
            unit.updateEntry(current.get().moved(WaitlistStatus.EXPIRED, Optional.empty(), now));
            return new BookingEngine.Outcome<>(true, List.of());
        });
        if (expired) {
            counter.entriesExpired++;
        }
    }

    /**
     * Decides a session's quorum once: the task is completed in the unit that decides, under the
     * locks of the session's resources (those of its participants, for templates that book
     * several together), so a second node that claimed it too finds it done.
     */
    private void decideQuorum(ScheduledTask task, MaintenanceRun.Counter counter) {
        String tenant = task.tenantId();
        Tasks.SessionKey key = Tasks.SessionKey.parse(task.subject());
        Optional<ServiceTemplate> template = templates.find(key.templateName());
        Interval at = Sessions.startingAt(key.start());
        Set<String> resources = new TreeSet<>(List.of(key.resourceId()));
        store.reads(tenant).findOverlapping(List.of(key.resourceId()), at).forEach(b -> resources.addAll(b.resourceIds()));
        Optional<Boolean> kept = engine.write(tenant, resources, unit -> {
            if (!unit.completeTask(task.kind(), task.subject())) {
                return new BookingEngine.Outcome<Optional<Boolean>>(Optional.empty(), List.of());
            }
            Instant now = clock.instant();
            List<Booking> participants = unit.findOverlapping(List.of(key.resourceId()), at).stream()
                    .filter(b -> Sessions.belongs(b, key.resourceId(), key.templateName(), key.start(), now)).toList();
            if (participants.isEmpty()) {
                // Nobody is left to tell: there is nothing to decide.
                return new BookingEngine.Outcome<Optional<Boolean>>(Optional.empty(), List.of());
            }
            if (!participants.stream().allMatch(b -> resources.containsAll(b.resourceIds()))) {
                throw new StaleBookingException("Session " + key.start() + " on " + key.resourceId()
                        + " gained participants on other resources while its quorum was being decided");
            }
            if (!now.isBefore(key.start())) {
                // Maintenance did not run between the deadline and the start: a session that has
                // begun is not called off.
                LOG.warn("The quorum of session {} of {} on {} was not decided before it began; it is kept",
                        key.start(), key.templateName(), key.resourceId());
                return new BookingEngine.Outcome<>(Optional.of(true), List.of());
            }
            int taken = participants.stream().mapToInt(Booking::partySize).sum();
            if (template.isEmpty() || template.get().quorum().isEmpty()
                    || taken >= template.get().quorum().get().minSeats()) {
                return new BookingEngine.Outcome<>(Optional.of(true), List.of());
            }
            expireEntriesOf(unit, key, participants, now);
            Notice notice = Notice.NONE;
            List<Booking> cancelled = new ArrayList<>();
            for (Booking b : participants) {
                Optional<Booking> after = cancelForQuorum(b, template.get(), now);
                if (after.isPresent()) {
                    unit.update(after.get());
                    cancelled.add(b);
                    notice = notice.then(notices.transitioned(b, after.get(), template.get(), now));
                }
            }
            notice = notice.then(engine.refill(unit, BookingEngine.freedBy(cancelled), now).notice());
            return new BookingEngine.Outcome<>(Optional.of(false), BookingEngine.record(unit, cancelled, notice).events());
        });
        if (kept.isPresent()) {
            if (kept.get()) {
                counter.sessionsKept++;
            } else {
                counter.sessionsCancelled++;
            }
        }
    }

    /**
     * The system's cancellation of a participant of a session that missed its quorum, by the
     * lifecycle's rules alone: the change rules judge what people change, not this; empty for a
     * booking the lifecycle does not let the system cancel (one already started).
     */
    private static Optional<Booking> cancelForQuorum(Booking b, ServiceTemplate template, Instant now) {
        Lifecycle.Request request = new Lifecycle.Request(Action.CANCEL, b, Actor.system(b.tenantId()), template,
                BookingEngine.QUORUM_NOT_REACHED, now);
        try {
            return Optional.of(Lifecycle.apply(Lifecycle.decide(request), request));
        } catch (TransitionNotAllowedException e) {
            LOG.warn("Booking {} of a session cancelled for its quorum stays {}: {}", b.id(), b.status(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Expires the open entries that wait for the cancelled session only: those on its resource
     * alone, and pool entries whose offer is one of its participants. A pool entry still waiting
     * may be served by another resource's session.
     */
    private static void expireEntriesOf(UnitOfWork unit, Tasks.SessionKey key, List<Booking> participants,
                                        Instant now) {
        Set<String> offers = new TreeSet<>();
        participants.forEach(b -> offers.add(b.id()));
        for (WaitlistEntry e : unit.findEntries(List.of(key.resourceId()), Sessions.startingAt(key.start()))) {
            boolean ofThisSession = e.status().isOpen() && e.isFor(key.templateName(), key.start());
            boolean waitsOnlyHere = e.resourceIds().equals(List.of(key.resourceId()));
            boolean offeredHere = e.offerId().filter(offers::contains).isPresent();
            if (ofThisSession && (waitsOnlyHere || (e.status() == WaitlistStatus.OFFERED && offeredHere))) {
                unit.updateEntry(e.moved(WaitlistStatus.EXPIRED, e.offerId(), now));
            }
        }
    }
}
