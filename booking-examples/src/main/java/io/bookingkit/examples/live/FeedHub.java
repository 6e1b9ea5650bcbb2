package io.bookingkit.examples.live;

import io.bookingkit.BookingEngine;
import io.bookingkit.feed.ChangePage;
import io.bookingkit.feed.FeedEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader of a tenant's change feed per server, fanning what it reads out to every connected
 * event stream, so that a hundred open pages cost one feed reader, not a hundred.
 *
 * <p>It keeps the changes it read last, with their positions, only to hand a stream that
 * subscribes at one of those positions what came after it. Nothing it holds decides what a
 * client sees: a stream whose position it does not know catches up from the store first
 * (see {@link EventStream}), and every event's id is the store's position, valid on every
 * server of the same database.
 */
final class FeedHub implements AutoCloseable {

    /** How many of the latest changes the hub keeps for streams that subscribe a little behind. */
    static final int HISTORY = 10_000;
    /**
     * A stream this far behind the hub (a client that stopped reading) is ended: its client
     * reconnects with the last id it got and catches up from the store.
     */
    static final int MAX_QUEUED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final BookingEngine engine;
    private final String tenantId;
    private final Thread reader;
    // A lock rather than synchronized: streams wait on it, and on Java 21 to 23 a virtual thread
    // waiting in a monitor holds its carrier thread. Everything below is guarded by it.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private String head;
    private String historyStart;
    private final ArrayDeque<FeedEntry> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private long advances;
    private boolean closed;

    private FeedHub(BookingEngine engine, String tenantId, String head) {
        this.engine = engine;
        this.tenantId = tenantId;
        this.head = head;
        this.historyStart = head;
        this.reader = new Thread(this::follow, "live-feed-" + tenantId);
        reader.setDaemon(true);
    }

    /** A hub following {@code tenantId}'s feed from its newest change. */
    static FeedHub start(BookingEngine engine, String tenantId) {
        FeedHub hub = new FeedHub(engine, tenantId, engine.latestChangePosition(tenantId));
        hub.reader.start();
        return hub;
    }

    private void follow() {
        while (true) {
            String from;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                from = head;
            } finally {
                lock.unlock();
            }
            try {
                ChangePage page = engine.awaitChanges(tenantId, from, BookingEngine.MAX_CHANGE_PAGE, WAIT);
                if (Thread.interrupted() && isClosed()) {
                    return;
                }
                publish(page);
            } catch (RuntimeException e) {
                // The store is away for a moment; streams keep their heartbeats meanwhile.
                LOG.warn("Reading the change feed of tenant {} failed; retrying in {}", tenantId, RETRY, e);
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    if (isClosed()) {
                        return;
                    }
                }
            }
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void publish(ChangePage page) {
        lock.lock();
        try {
            publishLocked(page);
            advances++;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void publishLocked(ChangePage page) {
        if (page.reset()) {
            LOG.info("The change feed of tenant {} reset the live calendar's reader; its clients re-read", tenantId);
            history.clear();
            head = page.position();
            historyStart = head;
            subscriptions.forEach(s -> s.offer(new Reset(page.position())));
        } else {
            for (FeedEntry entry : page.entries()) {
                history.addLast(entry);
                for (Iterator<Subscription> it = subscriptions.iterator(); it.hasNext(); ) {
                    Subscription subscription = it.next();
                    if (!subscription.offer(new Entry(entry))) {
                        LOG.info("An event stream of tenant {} fell {} changes behind and is ended; its client"
                                + " reconnects and catches up", tenantId, MAX_QUEUED);
                        it.remove();
                    }
                }
            }
            head = page.position();
            while (history.size() > HISTORY) {
                historyStart = history.removeFirst().position();
            }
        }
    }

    /**
     * A subscription that receives every change after {@code after}, if the hub knows that
     * position: its newest, or one of the changes it keeps. Empty if not: the caller reads the
     * store from there instead.
     */
    Optional<Subscription> subscribe(String after) {
        lock.lock();
        try {
            return subscribeLocked(after);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Subscription> subscribeLocked(String after) {
        List<Event> replay = new ArrayList<>();
        if (!after.equals(head)) {
            boolean found = after.equals(historyStart);
            for (FeedEntry entry : history) {
                if (found) {
                    replay.add(new Entry(entry));
                } else if (entry.position().equals(after)) {
                    found = true;
                }
            }
            if (!found) {
                return Optional.empty();
            }
        }
        Subscription subscription = new Subscription(replay);
        if (closed) {
            subscription.end();
        } else {
            subscriptions.add(subscription);
        }
        return Optional.of(subscription);
    }

    /** How many times the hub has read something so far; see {@link #awaitAdvance}. */
    long advances() {
        lock.lock();
        try {
            return advances;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the hub has read something after {@code seen} advances, at most {@code timeout}. */
    void awaitAdvance(long seen, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            for (long left = timeout.toNanos(); advances == seen && !closed && left > 0; ) {
                left = advanced.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void unsubscribe(Subscription subscription) {
        lock.lock();
        try {
            subscriptions.remove(subscription);
        } finally {
            lock.unlock();
        }
    }

    /** Stops reading and ends every subscription. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            subscriptions.forEach(Subscription::end);
            subscriptions.clear();
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
        reader.interrupt();
        try {
            // So that whoever closes the store next finds no read of this hub still running.
            reader.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a subscription receives. */
    sealed interface Event permits Entry, Reset, End {
    }

    /** A change, with its position. */
    record Entry(FeedEntry entry) implements Event {
    }

    /** The feed no longer has what came after the subscriber's position: re-read, resume at {@code position}. */
    record Reset(String position) implements Event {
    }

    /** Nothing more will come: the hub closed, or the subscriber fell too far behind. */
    enum End implements Event {
        END
    }

    /** One event stream's queue of events from the hub. */
    final class Subscription implements AutoCloseable {

        private final LinkedBlockingQueue<Event> queue;
        private volatile boolean ended;

        private Subscription(List<Event> replay) {
            this.queue = new LinkedBlockingQueue<>(replay);
        }

        /** False, and the subscription ended, if the subscriber is too far behind. */
        private boolean offer(Event event) {
            if (queue.size() >= MAX_QUEUED) {
                end();
                return false;
            }
            queue.add(event);
            return true;
        }

        private void end() {
            ended = true;
            queue.add(End.END);
        }

        /**
         * The next event, waiting at most {@code timeout}; empty when none came in time. After
         * {@link End#END}, nothing more comes.
         */
        Optional<Event> next(Duration timeout) throws InterruptedException {
            Event event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (event == null && ended) {
                return Optional.of(End.END);
            }
            return Optional.ofNullable(event);
        }

        @Override
        public void close() {
            unsubscribe(this);
        }
    }
}
