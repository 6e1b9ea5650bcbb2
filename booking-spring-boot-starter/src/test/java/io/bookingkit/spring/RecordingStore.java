package io.bookingkit.spring;

import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.spi.Outbox;
import io.bookingkit.spi.TaskQueue;
import io.bookingkit.testsupport.ForwardingStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store that remembers which threads asked for its task queue, as maintenance does,
 * and can make that take a while.
 */
final class RecordingStore extends ForwardingStore {

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
        super(new InMemoryBookingStore());
        this.taskQueuePause = taskQueuePause;
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
