package io.bookingkit.memory;

import io.bookingkit.booking.StaleBookingException;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.conflict.BookingTimeline;
import io.bookingkit.feed.Change;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import io.bookingkit.internal.Require;
import io.bookingkit.spi.ChangeLog;
import io.bookingkit.spi.FeedHead;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.Outbox;
import io.bookingkit.spi.DuplicateBookingException;
import io.bookingkit.notify.OutboxBacklog;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.spi.ScheduledTask;
import io.bookingkit.spi.TaskQueue;
import io.bookingkit.spi.UnitOfWork;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistEntryChangedException;
import io.bookingkit.time.Intervals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.threeten.extra.Interval;

/**
 * The reference {@link BookingStore}: everything in memory, nothing survives the JVM. Used by
 * tests, examples and applications that need no persistence.
 *
 * <p>Thread-safe. A unit of work holds a {@link ReentrantLock} per resource, taken in sorted
 * order; its writes are buffered and applied together when it returns, so a failing unit
 * leaves nothing behind.
 */
public final class InMemoryBookingStore implements BookingStore {

    private static final Comparator<Booking> BY_SERIES_PLACE = Comparator
            .comparingInt((Booking b) -> b.series().map(SeriesLink::index).orElse(-1)).thenComparing(Booking::id);
    private static final Comparator<WaitlistEntry> BY_SEQUENCE =
            Comparator.comparingLong(WaitlistEntry::sequence).thenComparing(WaitlistEntry::id);
    private static final Comparator<Booking> BY_START_THEN_ID =
            Comparator.comparing((Booking b) -> b.interval().getStart()).thenComparing(Booking::id);

    private final Map<Key, Resource> resources = new ConcurrentHashMap<>();
    private final Map<Key, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<Key, ReentrantLock> customerLocks = new ConcurrentHashMap<>();
    // Guarded by "this": bookings by tenant and id, idempotency keys, the outbox.
    private final Map<String, Map<String, Booking>> bookings = new HashMap<>();
    private final Map<Key, String> idempotencyKeys = new HashMap<>();
    // Per resource, bookings by occupied start, so an overlap query reads only what is near.
    private final Map<Key, ResourceBookings> byResource = new HashMap<>();
    private final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
    private final Outbox outboxPort = new MemoryOutbox();
    // Guarded by "this" too: waitlist entries by tenant and id, scheduled tasks.
    private final Map<String, Map<String, WaitlistEntry>> entries = new HashMap<>();
    private final Map<TaskKey, TaskEntry> tasks = new LinkedHashMap<>();
    private final TaskQueue taskQueue = new MemoryTasks();
    // Guarded by "this" too: each tenant's feed. Changes are numbered when their unit commits,
    // under the monitor, so numbers grow in the order readers can see them.
    private final Map<String, TenantFeed> feeds = new HashMap<>();
    private final ChangeLog changeLog = new MemoryChangeLog();

    @Override
    public void saveResource(Resource resource) {
        Require.nonNull(resource, "resource");
        resources.put(new Key(resource.tenantId(), resource.id()), resource);
    }

    @Override
    public synchronized void saveResource(Resource resource, Change change) {
        Require.nonNull(change, "change");
        saveResource(resource);
        feedOf(change.tenantId()).append(change);
    }

    @Override
    public ChangeLog changes() {
        return changeLog;
    }

    private TenantFeed feedOf(String tenantId) {
        return feeds.computeIfAbsent(tenantId, t -> new TenantFeed());
    }

    @Override
    public Optional<Resource> findResource(String tenantId, String resourceId) {
        return Optional.ofNullable(resources.get(new Key(tenantId, resourceId)));
    }

    @Override
    public List<Resource> resources(String tenantId) {
        return resources.values().stream().filter(r -> r.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(Resource::id)).toList();
    }

    @Override
    public BookingReads reads(String tenantId) {
        Require.nonNull(tenantId, "tenantId");
        return new BookingReads() {
            @Override
            public Optional<Booking> findBooking(String bookingId) {
                return InMemoryBookingStore.this.findBooking(tenantId, bookingId);
            }

            @Override
            public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
                return InMemoryBookingStore.this.findOverlapping(tenantId, resourceIds, range);
            }

            @Override
            public List<Booking> findByCustomer(String customerId, Interval range) {
                return InMemoryBookingStore.this.findByCustomer(tenantId, customerId, range);
            }

            @Override
            public List<Booking> findBySeries(String seriesId) {
                return InMemoryBookingStore.this.findBySeries(tenantId, seriesId);
            }

            @Override
            public Optional<WaitlistEntry> findEntry(String entryId) {
                return InMemoryBookingStore.this.findEntry(tenantId, entryId);
            }

            @Override
            public List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range) {
                return InMemoryBookingStore.this.findEntries(tenantId, entriesOn(resourceIds, range));
            }

            @Override
            public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
                return InMemoryBookingStore.this.findEntries(tenantId, e -> e.customerId().equals(customerId));
            }
        };
    }

    @Override
    public Outbox outbox() {
        return outboxPort;
    }

    @Override
    public TaskQueue tasks() {
        return taskQueue;
    }

    private synchronized Optional<WaitlistEntry> findEntry(String tenantId, String entryId) {
        return Optional.ofNullable(entries.getOrDefault(tenantId, Map.of()).get(entryId));
    }

    /** Scans the tenant's entries: waitlists are short, and read only around a freed seat. */
    private synchronized List<WaitlistEntry> findEntries(String tenantId, Predicate<WaitlistEntry> filter) {
        return entries.getOrDefault(tenantId, Map.of()).values().stream().filter(filter).sorted(BY_SEQUENCE).toList();
    }

    private static Predicate<WaitlistEntry> entriesOn(Collection<String> resourceIds, Interval range) {
        Set<String> wanted = Set.copyOf(resourceIds);
        return e -> e.resourceIds().stream().anyMatch(wanted::contains) && Intervals.overlap(e.interval(), range);
    }

    private synchronized Optional<Booking> findBooking(String tenantId, String bookingId) {
        return Optional.ofNullable(tenant(tenantId).get(bookingId));
    }

    private synchronized List<Booking> findOverlapping(String tenantId, Collection<String> resourceIds, Interval range) {
        // Each resource yields its bookings nearly in order, which the final sort exploits; a
        // booking on several of the resources is kept once.
        if (resourceIds.size() == 1) {
            ResourceBookings index = byResource.get(new Key(tenantId, resourceIds.iterator().next()));
            return index == null ? new ArrayList<>() : index.read(range);
        }
        List<Booking> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String resourceId : new TreeSet<>(resourceIds)) {
            ResourceBookings index = byResource.get(new Key(tenantId, resourceId));
            if (index != null) {
                index.overlapping(range, b -> {
                    if (seen.add(b.id())) {
                        result.add(b);
                    }
                });
            }
        }
        result.sort(BY_START_THEN_ID);
        return result;
    }

    private synchronized List<Booking> findByCustomer(String tenantId, String customerId, Interval range) {
        return select(tenant(tenantId).values(), ofCustomer(customerId, range));
    }

    /** Scans the tenant's bookings: series are looked up rarely, and never on the booking path. */
    private synchronized List<Booking> findBySeries(String tenantId, String seriesId) {
        return tenant(tenantId).values().stream().filter(inSeries(seriesId)).sorted(BY_SERIES_PLACE).toList();
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> lockedResourceIds, Function<UnitOfWork, T> work) {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(work, "work");
        List<ReentrantLock> held = new ArrayList<>();
        try {
            Map<String, Resource> locked = new HashMap<>();
            for (String resourceId : new TreeSet<>(lockedResourceIds)) {
                Key key = new Key(tenantId, resourceId);
                if (!resources.containsKey(key)) {
                    continue;
                }
                ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
                lock.lock();
                held.add(lock);
                locked.put(resourceId, resources.get(key));
            }
            Unit unit = new Unit(tenantId, Map.copyOf(locked), held);
            T result = work.apply(unit);
            commit(unit);
            return result;
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    private synchronized void commit(Unit unit) {
        Map<String, Booking> stored = tenant(unit.tenantId);
        for (Booking b : unit.inserted.values()) {
            if (stored.containsKey(b.id())) {
                throw new DuplicateBookingException("Booking id '" + b.id() + "' is already used");
            }
            if (b.idempotencyKey().isPresent()
                    && idempotencyKeys.containsKey(new Key(unit.tenantId, b.idempotencyKey().get()))) {
                throw new DuplicateBookingException("Idempotency key '" + b.idempotencyKey().get() + "' is already used");
            }
        }
        for (Booking b : unit.updated.values()) {
            Booking current = stored.get(b.id());
            if (current == null || current.version() != b.version() - 1 - unit.updatesOf(b.id())) {
                throw new StaleBookingException("Booking '" + b.id() + "' was changed by someone else");
            }
        }
        Map<String, WaitlistEntry> storedEntries = entries.computeIfAbsent(unit.tenantId, t -> new HashMap<>());
        for (WaitlistEntry e : unit.entriesWritten.values()) {
            WaitlistEntry current = storedEntries.get(e.id());
            long base = unit.entryBaseVersions.get(e.id());
            if (base < 0 && current != null) {
                // Another unit, on other resources, inserted the same id since this one checked.
                throw new DuplicateBookingException("Waitlist entry id '" + e.id() + "' is already used");
            }
            if (base >= 0 && (current == null || current.version() != base)) {
                throw new WaitlistEntryChangedException("Waitlist entry '" + e.id() + "' was changed by someone else");
            }
        }
        for (Booking b : unit.inserted.values()) {
            stored.put(b.id(), b);
            b.idempotencyKey().ifPresent(k -> idempotencyKeys.put(new Key(unit.tenantId, k), b.id()));
            indexAdd(b);
        }
        for (Booking b : unit.updated.values()) {
            indexRemove(stored.put(b.id(), b));
            indexAdd(b);
        }
        Set<String> expiredBefore = new HashSet<>();
        for (Booking b : unit.expired.values()) {
            Booking current = stored.get(b.id());
            // Another unit, holding other resources of the same booking, may have expired it first.
            if (current != null && current.status().blocksTime() && current.version() == b.version() - 1) {
                indexRemove(stored.put(b.id(), b));
                indexAdd(b);
            } else {
                expiredBefore.add(b.id());
            }
        }
        outbox.values().removeIf(e -> e.message.kind() == io.bookingkit.notify.NotificationKind.REMINDER
                && e.message.tenantId().equals(unit.tenantId) && unit.remindersDiscarded.contains(e.message.bookingId()));
        for (OutboxMessage m : unit.enqueued) {
            outbox.put(m.id(), new OutboxEntry(m));
        }
        storedEntries.putAll(unit.entriesWritten);
        if (!unit.changes.isEmpty()) {
            TenantFeed feed = feedOf(unit.tenantId);
            // An expiry another unit made first is not this unit's change: the feed has it once.
            unit.changes.stream().filter(c -> c.bookingId().map(id -> !expiredBefore.contains(id)).orElse(true))
                    .forEach(feed::append);
        }
        unit.tasksCompleted.forEach(tasks::remove);
        unit.tasksScheduled.forEach((key, task) -> tasks.putIfAbsent(key, new TaskEntry(task)));
    }

    private void indexAdd(Booking b) {
        for (String resourceId : b.resourceIds()) {
            byResource.computeIfAbsent(new Key(b.tenantId(), resourceId), k -> new ResourceBookings(resourceId)).add(b);
        }
    }

    private void indexRemove(Booking b) {
        for (String resourceId : b.resourceIds()) {
            byResource.get(new Key(b.tenantId(), resourceId)).remove(b);
        }
    }

    private Map<String, Booking> tenant(String tenantId) {
        return bookings.computeIfAbsent(Require.nonNull(tenantId, "tenantId"), t -> new HashMap<>());
    }

    private static Predicate<Booking> overlapping(Collection<String> resourceIds, Interval range) {
        Set<String> wanted = Set.copyOf(resourceIds);
        return b -> b.resourceIds().stream().anyMatch(wanted::contains) && Intervals.overlap(b.occupied(), range);
    }

    private static Predicate<Booking> inSeries(String seriesId) {
        return b -> b.series().filter(link -> link.seriesId().equals(seriesId)).isPresent();
    }

    private static Predicate<Booking> ofCustomer(String customerId, Interval range) {
        return b -> b.customerId().equals(customerId) && Intervals.overlap(b.interval(), range);
    }


    private static List<Booking> select(Collection<Booking> candidates, Predicate<Booking> filter) {
        List<Booking> result = new ArrayList<>();
        for (Booking b : candidates) {
            if (filter.test(b)) {
                result.add(b);
            }
        }
        result.sort(BY_START_THEN_ID);
        return result;
    }

    /** The outbox, guarded by the store's monitor like the bookings it is written with. */
    private final class MemoryOutbox implements Outbox {

        @Override
        public List<OutboxMessage> claimDueMessages(Instant now, int limit, Duration lease) {
            synchronized (InMemoryBookingStore.this) {
                List<OutboxEntry> due = new ArrayList<>();
                for (OutboxEntry e : outbox.values()) {
                    if (!e.parked && !e.message.dueAt().isAfter(now)
                            && (e.claimedUntil == null || !e.claimedUntil.isAfter(now))) {
                        due.add(e);
                    }
                }
                due.sort(Comparator.comparing((OutboxEntry e) -> e.message.dueAt()).thenComparing(e -> e.message.id()));
                List<OutboxMessage> claimed = new ArrayList<>();
                for (OutboxEntry e : due.subList(0, Math.min(limit, due.size()))) {
                    e.claimedUntil = now.plus(lease);
                    claimed.add(e.message);
                }
                return claimed;
            }
        }

        @Override
        public void markDelivered(String messageId) {
            synchronized (InMemoryBookingStore.this) {
                outbox.remove(messageId);
            }
        }

        @Override
        public void markFailed(String messageId, Instant retryAt, String error, boolean park) {
            synchronized (InMemoryBookingStore.this) {
                OutboxEntry e = outbox.get(messageId);
                if (e == null) {
                    return;
                }
                OutboxMessage m = e.message;
                e.message = new OutboxMessage(m.id(), m.tenantId(), m.bookingId(), m.kind(), m.channel(), m.recipient(),
                        m.locale(), retryAt, m.dedupeKey(), m.attempts() + 1);
                e.claimedUntil = null;
                e.parked = park;
                e.error = error;
            }
        }

        @Override
        public List<OutboxMessage> parkedMessages(String tenantId) {
            synchronized (InMemoryBookingStore.this) {
                return outbox.values().stream().filter(e -> e.parked && e.message.tenantId().equals(tenantId))
                        .map(e -> e.message).toList();
            }
        }

        @Override
        public OutboxBacklog backlog(Instant now) {
            Require.nonNull(now, "now");
            synchronized (InMemoryBookingStore.this) {
                long due = 0;
                long parked = 0;
                Instant oldest = null;
                for (OutboxEntry e : outbox.values()) {
                    if (e.parked) {
                        parked++;
                    } else if (!e.message.dueAt().isAfter(now)) {
                        due++;
                        oldest = oldest == null || e.message.dueAt().isBefore(oldest) ? e.message.dueAt() : oldest;
                    }
                }
                return new OutboxBacklog(now, due, Optional.ofNullable(oldest), parked);
            }
        }
    }

    /** Scheduled tasks, guarded by the store's monitor like the units that write them. */
    private final class MemoryTasks implements TaskQueue {
        @Override
        public List<ScheduledTask> claimDue(Instant now, int limit, Duration lease) {
            synchronized (InMemoryBookingStore.this) {
                List<TaskEntry> due = new ArrayList<>();
                for (TaskEntry e : tasks.values()) {
                    if (!e.task.dueAt().isAfter(now) && (e.claimedUntil == null || !e.claimedUntil.isAfter(now))) {
                        due.add(e);
                    }
                }
                due.sort(Comparator.comparing((TaskEntry e) -> e.task.dueAt()).thenComparing(e -> e.task.subject()));
                List<ScheduledTask> claimed = new ArrayList<>();
                for (TaskEntry e : due.subList(0, Math.min(limit, due.size()))) {
                    e.claimedUntil = now.plus(lease);
                    claimed.add(e.task);
                }
                return claimed;
            }
        }
    }

    private record TaskKey(String tenantId, ScheduledTask.Kind kind, String subject) {
    }

    /** One tenant's numbered changes and where its feed stands; guarded by the store's monitor. */
    private static final class TenantFeed {
        private FeedHead head = FeedHead.start();
        private final TreeMap<Long, FeedEntry> entries = new TreeMap<>();

        void append(Change change) {
            head = head.advancedBy(1);
            entries.put(head.last(), new FeedEntry(head.positionOf(head.last()), change));
        }
    }

    private final class MemoryChangeLog implements ChangeLog {
        @Override
        public ChangePage read(String tenantId, String afterPosition, int limit) {
            Require.nonNull(tenantId, "tenantId");
            Require.positive(limit, "limit");
            synchronized (InMemoryBookingStore.this) {
                TenantFeed feed = feeds.get(tenantId);
                FeedHead head = feed == null ? FeedHead.none() : feed.head;
                OptionalLong after = head.resumeAfter(afterPosition);
                if (after.isEmpty()) {
                    return ChangePage.resetTo(head.position());
                }
                List<FeedEntry> page = new ArrayList<>();
                boolean more = false;
                if (feed != null) {
                    for (FeedEntry e : feed.entries.tailMap(after.getAsLong(), false).values()) {
                        if (page.size() == limit) {
                            more = true;
                            break;
                        }
                        page.add(e);
                    }
                }
                return head.page(after.getAsLong(), page, more);
            }
        }

        @Override
        public String head(String tenantId) {
            Require.nonNull(tenantId, "tenantId");
            synchronized (InMemoryBookingStore.this) {
                // Created here, so that a feed without changes hands out a position a prune can reset.
                return feedOf(tenantId).head.position();
            }
        }

        @Override
        public int prune(Instant before, int limit) {
            Require.nonNull(before, "before");
            Require.positive(limit, "limit");
            int pruned = 0;
            synchronized (InMemoryBookingStore.this) {
                for (TenantFeed feed : feeds.values()) {
                    while (pruned < limit && !feed.entries.isEmpty()
                            && feed.entries.firstEntry().getValue().change().at().isBefore(before)) {
                        long number = feed.entries.pollFirstEntry().getKey();
                        feed.head = new FeedHead(feed.head.epoch(), feed.head.last(), number);
                        pruned++;
                    }
                }
            }
            return pruned;
        }
    }

    private static final class TaskEntry {
        final ScheduledTask task;
        Instant claimedUntil;

        TaskEntry(ScheduledTask task) {
            this.task = task;
        }
    }

    private record Key(String tenantId, String id) {
    }

    /**
     * One resource's bookings ordered by occupied start. Remembering the longest occupied
     * interval ever stored bounds where an overlap query has to start looking.
     *
     * <p>Reads of one resource are also answered from a {@link BookingTimeline}, which returns a
     * view instead of copying and sorting the bookings again, and lets the conflict engine skip
     * reading each one. Building it sorts all of the resource's bookings, so after a change it is
     * built only once reads have gone through as many bookings as the resource has: a resource
     * written between small reads keeps the tree's cost, and one read in bulk (slot lists over
     * weeks) pays for the build within a read or two.
     */
    private static final class ResourceBookings {
        private final String resourceId;
        private final java.util.TreeMap<Position, Booking> bookings = new java.util.TreeMap<>();
        private Duration longest = Duration.ZERO;
        private BookingTimeline timeline;
        private long readSinceChange;

        ResourceBookings(String resourceId) {
            this.resourceId = resourceId;
        }

        void add(Booking b) {
            bookings.put(new Position(b.occupied().getStart(), b.id()), b);
            Duration length = b.occupied().toDuration();
            if (length.compareTo(longest) > 0) {
                longest = length;
            }
            changed();
        }

        void remove(Booking b) {
            bookings.remove(new Position(b.occupied().getStart(), b.id()));
            changed();
        }

        private void changed() {
            timeline = null;
            readSinceChange = 0;
        }

        /** The bookings overlapping {@code range}, in order of start, then id. */
        List<Booking> read(Interval range) {
            if (timeline != null) {
                return timeline.overlapping(range);
            }
            List<Booking> result = new ArrayList<>();
            overlapping(range, result::add);
            result.sort(BY_START_THEN_ID);
            readSinceChange += result.size();
            if (readSinceChange >= bookings.size()) {
                timeline = BookingTimeline.of(resourceId, bookings.values());
            }
            return result;
        }

        void overlapping(Interval range, java.util.function.Consumer<Booking> into) {
            // Ids are never empty, so "" places a bound before every booking of that instant.
            Position from = new Position(range.getStart().minus(longest), "");
            Position to = new Position(range.getEnd(), "");
            for (Booking b : bookings.subMap(from, true, to, false).values()) {
                if (b.occupied().getEnd().isAfter(range.getStart())) {
                    into.accept(b);
                }
            }
        }
    }

    /** Where a booking sits in a resource's order: by occupied start, then id. */
    private record Position(Instant start, String id) implements Comparable<Position> {
        @Override
        public int compareTo(Position other) {
            int byStart = start.compareTo(other.start);
            return byStart != 0 ? byStart : id.compareTo(other.id);
        }
    }

    private static final class OutboxEntry {
        OutboxMessage message;
        Instant claimedUntil;
        boolean parked;
        String error;

        OutboxEntry(OutboxMessage message) {
            this.message = message;
        }
    }

    /** Buffers writes; reads see committed data overlaid with them. */
    private final class Unit implements UnitOfWork {
        private final String tenantId;
        private final Map<String, Booking> inserted = new LinkedHashMap<>();
        private final Map<String, Booking> updated = new LinkedHashMap<>();
        private final Map<String, Booking> expired = new LinkedHashMap<>();
        private final Map<String, Integer> updateCounts = new HashMap<>();
        private final List<OutboxMessage> enqueued = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();
        private final Set<String> remindersDiscarded = new HashSet<>();
        private final Map<String, WaitlistEntry> entriesWritten = new LinkedHashMap<>();
        // The stored version each written entry was read at; -1 for one this unit inserted.
        private final Map<String, Long> entryBaseVersions = new HashMap<>();
        private final Map<TaskKey, ScheduledTask> tasksScheduled = new LinkedHashMap<>();
        private final Set<TaskKey> tasksCompleted = new HashSet<>();
        private final Map<String, Resource> locked;

        private final List<ReentrantLock> held;
        private String lockedCustomer;

        Unit(String tenantId, Map<String, Resource> locked, List<ReentrantLock> held) {
            this.tenantId = tenantId;
            this.locked = locked;
            this.held = held;
        }

        @Override
        public void lockCustomer(String customerId) {
            if (customerId.equals(lockedCustomer)) {
                return;
            }
            ReentrantLock lock = customerLocks.computeIfAbsent(new Key(tenantId, customerId), k -> new ReentrantLock());
            lock.lock();
            // Released with the resource locks, after the commit.
            held.add(lock);
            lockedCustomer = customerId;
        }

        @Override
        public Map<String, Resource> lockedResources() {
            return locked;
        }

        int updatesOf(String id) {
            return updateCounts.getOrDefault(id, 1) - 1;
        }

        /**
         * What the store answers for {@code filter} (read through its indexes), overlaid with
         * this unit's own writes: a written booking replaces its stored copy, and counts only
         * if it still matches.
         */
        private List<Booking> view(List<Booking> committed, Predicate<Booking> filter) {
            if (inserted.isEmpty() && updated.isEmpty() && expired.isEmpty()) {
                return committed;
            }
            Map<String, Booking> merged = new LinkedHashMap<>();
            committed.forEach(b -> merged.put(b.id(), b));
            for (Map<String, Booking> own : List.of(expired, updated, inserted)) {
                for (Booking b : own.values()) {
                    merged.remove(b.id());
                    if (filter.test(b)) {
                        merged.put(b.id(), b);
                    }
                }
            }
            return select(merged.values(), b -> true);
        }

        @Override
        public List<Booking> findOverlapping(Collection<String> resourceIds, Interval range) {
            return view(InMemoryBookingStore.this.findOverlapping(tenantId, resourceIds, range),
                    overlapping(resourceIds, range));
        }

        @Override
        public List<Booking> findByCustomer(String customerId, Interval range) {
            return view(InMemoryBookingStore.this.findByCustomer(tenantId, customerId, range), ofCustomer(customerId, range));
        }

        @Override
        public List<Booking> findBySeries(String seriesId) {
            return view(InMemoryBookingStore.this.findBySeries(tenantId, seriesId), inSeries(seriesId)).stream()
                    .sorted(BY_SERIES_PLACE).toList();
        }

        @Override
        public Optional<Booking> findBooking(String bookingId) {
            if (inserted.containsKey(bookingId)) {
                return Optional.of(inserted.get(bookingId));
            }
            if (updated.containsKey(bookingId)) {
                return Optional.of(updated.get(bookingId));
            }
            if (expired.containsKey(bookingId)) {
                return Optional.of(expired.get(bookingId));
            }
            return InMemoryBookingStore.this.findBooking(tenantId, bookingId);
        }

        @Override
        public Optional<Booking> findByIdempotencyKey(String idempotencyKey) {
            for (Booking b : inserted.values()) {
                if (b.idempotencyKey().equals(Optional.of(idempotencyKey))) {
                    return Optional.of(b);
                }
            }
            String id;
            synchronized (InMemoryBookingStore.this) {
                id = idempotencyKeys.get(new Key(tenantId, idempotencyKey));
            }
            return id == null ? Optional.empty() : findBooking(id);
        }

        @Override
        public void insert(Booking booking) {
            if (inserted.containsKey(booking.id()) || findBooking(booking.id()).isPresent()) {
                throw new DuplicateBookingException("Booking id '" + booking.id() + "' is already used");
            }
            if (booking.idempotencyKey().isPresent() && findByIdempotencyKey(booking.idempotencyKey().get()).isPresent()) {
                throw new DuplicateBookingException("Idempotency key '" + booking.idempotencyKey().get() + "' is already used");
            }
            inserted.put(booking.id(), booking);
        }

        @Override
        public boolean update(Booking booking) {
            Optional<Booking> current = findBooking(booking.id());
            if (current.isEmpty() || current.get().version() != booking.version() - 1) {
                return false;
            }
            if (inserted.containsKey(booking.id())) {
                inserted.put(booking.id(), booking);
            } else {
                updated.put(booking.id(), booking);
                updateCounts.merge(booking.id(), 1, Integer::sum);
            }
            return true;
        }

        @Override
        public boolean expire(Booking booking) {
            Optional<Booking> current = findBooking(booking.id());
            if (current.isEmpty() || !current.get().status().blocksTime()
                    || current.get().version() != booking.version() - 1) {
                return false;
            }
            if (inserted.containsKey(booking.id()) || updated.containsKey(booking.id())) {
                update(booking);
            } else {
                expired.put(booking.id(), booking);
            }
            return true;
        }

        @Override
        public void enqueue(OutboxMessage message) {
            enqueued.add(message);
        }

        @Override
        public void recordChange(Change change) {
            changes.add(change);
        }

        @Override
        public void discardReminders(String bookingId) {
            remindersDiscarded.add(bookingId);
            enqueued.removeIf(m -> m.bookingId().equals(bookingId) && m.kind() == io.bookingkit.notify.NotificationKind.REMINDER);
        }

        @Override
        public Optional<WaitlistEntry> findEntry(String entryId) {
            WaitlistEntry own = entriesWritten.get(entryId);
            return own != null ? Optional.of(own) : InMemoryBookingStore.this.findEntry(tenantId, entryId);
        }

        @Override
        public List<WaitlistEntry> findEntries(Collection<String> resourceIds, Interval range) {
            return entryView(entriesOn(resourceIds, range));
        }

        @Override
        public List<WaitlistEntry> findEntriesOfCustomer(String customerId) {
            return entryView(e -> e.customerId().equals(customerId));
        }

        private List<WaitlistEntry> entryView(Predicate<WaitlistEntry> filter) {
            Map<String, WaitlistEntry> merged = new LinkedHashMap<>();
            InMemoryBookingStore.this.findEntries(tenantId, filter).forEach(e -> merged.put(e.id(), e));
            for (WaitlistEntry own : entriesWritten.values()) {
                merged.remove(own.id());
                if (filter.test(own)) {
                    merged.put(own.id(), own);
                }
            }
            return merged.values().stream().sorted(BY_SEQUENCE).toList();
        }

        @Override
        public void insertEntry(WaitlistEntry entry) {
            if (findEntry(entry.id()).isPresent()) {
                throw new DuplicateBookingException("Waitlist entry id '" + entry.id() + "' is already used");
            }
            entriesWritten.put(entry.id(), entry);
            entryBaseVersions.put(entry.id(), -1L);
        }

        @Override
        public boolean updateEntry(WaitlistEntry entry) {
            Optional<WaitlistEntry> current = findEntry(entry.id());
            if (current.isEmpty() || current.get().version() != entry.version() - 1) {
                return false;
            }
            entryBaseVersions.putIfAbsent(entry.id(), current.get().version());
            entriesWritten.put(entry.id(), entry);
            return true;
        }

        @Override
        public void schedule(ScheduledTask task) {
            TaskKey key = new TaskKey(tenantId, task.kind(), task.subject());
            if (tasksCompleted.contains(key) || !taskStored(key)) {
                tasksScheduled.putIfAbsent(key, task);
            }
        }

        @Override
        public boolean completeTask(ScheduledTask.Kind kind, String subject) {
            TaskKey key = new TaskKey(tenantId, kind, subject);
            boolean present = tasksScheduled.remove(key) != null | (!tasksCompleted.contains(key) && taskStored(key));
            tasksCompleted.add(key);
            return present;
        }

        private boolean taskStored(TaskKey key) {
            synchronized (InMemoryBookingStore.this) {
                return tasks.containsKey(key);
            }
        }
    }
}
