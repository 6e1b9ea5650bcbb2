package io.bookingkit.spring;

import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingReads;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spi.Outbox;
import io.bookingkit.spi.TaskQueue;
import io.bookingkit.spi.UnitOfWork;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory store that remembers which threads asked for its task queue, as maintenance does,
 * and can make that take a while.
 */
final class RecordingStore implements BookingStore {

    private final InMemoryBookingStore store = new InMemoryBookingStore();
    final Set<String> taskQueueThreads = ConcurrentHashMap.newKeySet();
    final Set<String> outboxThreads = ConcurrentHashMap.newKeySet();

    /** How long asking for the task queue takes, as in a slow maintenance run; none by default. */
    private final Duration taskQueuePause;
    /** Counted down when a run first pauses. */
    final CountDownLatch paused = new CountDownLatch(1);
    final AtomicInteger pausesInProgress = new AtomicInteger();
    final AtomicInteger pausesCompleted = new AtomicInteger();
    final AtomicInteger pausesInterrupted = new AtomicInteger();

    RecordingStore() {
        this(Duration.ZERO);
    }

    RecordingStore(Duration taskQueuePause) {
        this.taskQueuePause = taskQueuePause;
    }

    @Override
    public void saveResource(Resource resource) {
        store.saveResource(resource);
    }

    @Override
    public Optional<Resource> findResource(String tenantId, String resourceId) {
        return store.findResource(tenantId, resourceId);
    }

    @Override
    public List<Resource> resources(String tenantId) {
        return store.resources(tenantId);
    }

    @Override
    public BookingReads reads(String tenantId) {
        return store.reads(tenantId);
    }

    @Override
    public <T> T inUnitOfWork(String tenantId, Collection<String> resourceIds, Function<UnitOfWork, T> work) {
        return store.inUnitOfWork(tenantId, resourceIds, work);
    }

    @Override
    public Outbox outbox() {
        outboxThreads.add(Thread.currentThread().getName());
        return store.outbox();
    }

    @Override
    public TaskQueue tasks() {
        taskQueueThreads.add(Thread.currentThread().getName());
        if (!taskQueuePause.isZero()) {
            pause();
        }
        return store.tasks();
    }

    private void pause() {
        pausesInProgress.incrementAndGet();
        paused.countDown();
        try {
            Thread.sleep(taskQueuePause.toMillis());
            pausesCompleted.incrementAndGet();
        } catch (InterruptedException e) {
            pausesInterrupted.incrementAndGet();
            Thread.currentThread().interrupt();
        } finally {
            pausesInProgress.decrementAndGet();
        }
    }
}
